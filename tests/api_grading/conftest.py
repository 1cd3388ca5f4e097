"""The cast of the grading API's tests, each with the key their integration would send:

- ``instructor``: in the Instructors group, with a key: may grade;
- ``staff``: a staff member outside the group, with a key: may grade too (the admins);
- ``learner``: a plain user with a key (made before the rule or by mistake): refused with 403;
- ``revoked``: the instructor's old key, revoked: refused with 401 like an unknown one.

``api`` posts a grade request as a client does; ``graded`` grades a request once per test session
(grading replays a lesson: the tests that only read a grade share it).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from lessons.models import INSTRUCTORS_GROUP, ApiToken



@dataclass
class Member:
    user: Any
    key: str

    @property
    def auth(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.key}"}


def _member(username: str, *, instructor: bool = False, staff: bool = False) -> Member:
    user = get_user_model().objects.create_user(username, is_staff=staff)    # no password: keys only
    if instructor:
        user.groups.add(Group.objects.get_or_create(name=INSTRUCTORS_GROUP)[0])
    _, key = ApiToken.issue(user, f"{username}'s autograder")
    return Member(user, key)


@pytest.fixture
def instructor(db) -> Member:
    return _member("ingrid", instructor=True)


@pytest.fixture
def staff(db) -> Member:
    return _member("sam", staff=True)


@pytest.fixture
def learner(db) -> Member:
    return _member("lea")


@pytest.fixture
def revoked(instructor) -> Member:
    token, key = ApiToken.issue(instructor.user, "the old autograder")
    token.revoked = True
    token.save()
    return Member(instructor.user, key)


class Api:
    def __init__(self, client: Client):
        self.client = client

    def grade(self, body: Any, who: Member | None = None, **extra: Any):
        data = body if isinstance(body, (str, bytes)) else json.dumps(body)
        return self.client.post("/api/grade", data, content_type=extra.pop("content_type", "application/json"),
                                **(who.auth if who else {}), **extra)


@pytest.fixture
def api(client) -> Api:
    return Api(client)


_GRADED: dict[str, tuple[int, bytes]] = {}


@pytest.fixture
def graded(api, instructor):
    """The status and body of a grade request, graded once per test session."""
    def grade(body: dict[str, Any]) -> tuple[int, bytes]:
        key = json.dumps(body, sort_keys=True)
        if key not in _GRADED:
            response = api.grade(body, instructor)
            _GRADED[key] = (response.status_code, response.content)
        return _GRADED[key]
    return grade
