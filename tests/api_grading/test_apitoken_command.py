"""``manage.py apitoken``: a key is shown once, listed by its prefix, and revoked for good."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lessons.models import ApiToken
from tests.api_grading.bodies import MANIFESTS


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("apitoken", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_a_new_key_once_and_stores_only_its_digest(instructor):
    out, err = run("create", "ingrid", "the LMS autograder")
    key = out.strip()
    assert key.startswith("plt_") and "shown once" in err
    token = ApiToken.objects.get(name="the LMS autograder")
    assert token.prefix == key[:8] and key not in (token.digest, str(token))
    assert ApiToken.holder(key) == instructor.user


def test_it_makes_a_key_the_api_accepts(api, instructor):
    key = run("create", "ingrid", "ci")[0].strip()
    r = api.grade({**MANIFESTS, "lesson": "99-nope"}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 404          # past the key check


def test_it_warns_when_the_holder_may_not_grade(learner):
    assert "answers 403" in run("create", "lea", "mine")[1]


def test_it_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="there is no user 'nobody'"):
        run("create", "nobody", "x")


def test_it_lists_keys_by_prefix_without_the_key(instructor, revoked):
    out = run("list")[0]
    lines = out.splitlines()
    assert len(lines) == 2 and instructor.key not in out
    assert any(line.startswith(instructor.key[:8]) and "active" in line and "ingrid's autograder" in line
               for line in lines)
    assert any("revoked" in line and "the old autograder" in line for line in lines)


def test_it_revokes_a_key_by_its_prefix(api, instructor):
    out = run("revoke", instructor.key[:8])[0]
    assert out.startswith(f"revoked {instructor.key[:8]}")
    assert api.grade(MANIFESTS, instructor).status_code == 401


def test_it_revokes_a_key_given_whole(instructor):
    run("revoke", instructor.key)
    assert ApiToken.holder(instructor.key) is None


def test_it_refuses_an_ambiguous_or_unknown_prefix(instructor):
    ApiToken.objects.create(user=instructor.user, name="twin", digest="0" * 64, prefix=instructor.key[:8])
    with pytest.raises(CommandError, match="2 keys start with"):
        run("revoke", instructor.key[:8])
    with pytest.raises(CommandError, match="no active key starts with"):
        run("revoke", "plt_zzzz")
