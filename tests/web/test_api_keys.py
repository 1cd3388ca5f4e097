"""An instructor's own grading-API keys at /classes/keys/: made with a name and shown once, revoked
with a POST; nobody else sees or revokes them, and the page does not exist for a learner. The cast
(test_classes.py): an instructor, another instructor, a learner, a stranger (not signed in)."""
from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from lessons.models import ApiToken, hash_key
from tests.api_grading.bodies import MANIFESTS

from .test_classes import instructor, learner, other_instructor, signed_in, stranger  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

KEY = re.compile(r"plt_[A-Za-z0-9_-]{20,}")


def keys_page(client: Client, lang: str = "en") -> str:
    response = client.get("/classes/keys/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def make_key(client: Client, name: str = "LMS autograder") -> tuple[str, str]:
    """The page that answered the POST, and the one key it shows."""
    response = client.post("/classes/keys/", {"name": name}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    keys = set(KEY.findall(page))
    assert len(keys) == 1, keys
    return page, keys.pop()


def grade(key: str, body: dict | None = None) -> Client:
    return Client().post("/api/grade", json.dumps(body or MANIFESTS), content_type="application/json",
                         HTTP_AUTHORIZATION=f"Bearer {key}")


def test_it_shows_a_new_key_once_and_stores_only_its_digest(instructor):
    page, key = make_key(instructor, "  LMS autograder  ")
    assert "it will not be shown again" in page
    assert f'curl -H "Authorization: Bearer {key}"' in page and "http://testserver/api/grade" in page
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.prefix) == (instructor.user, "LMS autograder", key[:8])
    assert token.digest == hash_key(key) and key not in token.digest
    assert key not in str(instructor.session.items())           # not kept in the session either
    later = keys_page(instructor)
    assert key not in later and f"{key[:8]}…" in later and "LMS autograder" in later and "never" in later
    assert 'data-state="active"' in later


def test_the_new_key_grades_a_submission(instructor):
    _page, key = make_key(instructor)
    assert ApiToken.holder(key) == instructor.user
    response = grade(key)
    assert response.status_code == 200, response.content.decode()
    assert json.loads(response.content)["lesson"] == MANIFESTS["lesson"]
    assert ApiToken.objects.get().last_used is not None


def test_it_lists_only_the_instructors_own_keys_newest_first(instructor, other_instructor):
    make_key(instructor, "first")
    make_key(instructor, "second")
    make_key(other_instructor, "the rival's")
    page = keys_page(instructor)
    assert page.index("second") < page.index("first") and "the rival&#x27;s" not in page


def test_an_empty_name_makes_no_key_and_says_why(instructor):
    for name in ("", "   "):
        response = instructor.post("/classes/keys/", {"name": name}, HTTP_ACCEPT_LANGUAGE="en")
        page = response.content.decode()
        assert response.status_code == 200 and "Give the key a name." in page
        assert not KEY.search(page)
    response = instructor.post("/classes/keys/", {"name": "x" * 101}, HTTP_ACCEPT_LANGUAGE="en")
    assert "at most 100 characters" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_key_is_refused_and_listed_as_revoked(instructor):
    _page, key = make_key(instructor)
    token = ApiToken.objects.get()
    response = instructor.post(f"/classes/keys/{token.pk}/revoke/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/classes/keys/"
    assert grade(key).status_code == 401
    page = keys_page(instructor)
    assert 'data-state="revoked"' in page and "revoked: requests with it are refused" in page
    assert f"/classes/keys/{token.pk}/revoke/" not in page                # no button for it any more
    assert instructor.post(f"/classes/keys/{token.pk}/revoke/").status_code == 404


def test_another_instructor_can_neither_see_nor_revoke_my_key(instructor, other_instructor):
    _page, key = make_key(instructor, "mine alone")
    token = ApiToken.objects.get()
    assert "mine alone" not in keys_page(other_instructor) and key[:8] not in keys_page(other_instructor)
    assert other_instructor.post(f"/classes/keys/{token.pk}/revoke/").status_code == 404
    assert other_instructor.post("/classes/keys/999999/revoke/").status_code == 404
    token.refresh_from_db()
    assert not token.revoked and ApiToken.holder(key) == instructor.user


def test_the_revoke_url_takes_only_a_post(instructor):
    make_key(instructor)
    token = ApiToken.objects.get()
    assert instructor.get(f"/classes/keys/{token.pk}/revoke/").status_code == 405
    token.refresh_from_db()
    assert not token.revoked


def test_a_learner_finds_no_such_page(learner, instructor):
    make_key(instructor)
    token = ApiToken.objects.get()
    assert learner.get("/classes/keys/").status_code == 404
    assert learner.post("/classes/keys/", {"name": "sneaky"}).status_code == 404
    assert learner.post(f"/classes/keys/{token.pk}/revoke/").status_code == 404
    assert learner.get(f"/classes/keys/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(revoked=False).count() == 1
    assert "/classes/keys/" not in learner.get("/classes/").content.decode()
    assert "/classes/keys/" in instructor.get("/classes/").content.decode()


def test_it_sends_a_stranger_to_log_in_first(stranger):
    response = stranger.get("/classes/keys/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/classes/keys/"
    for url in ("/classes/keys/", "/classes/keys/1/revoke/"):
        response = stranger.post(url, {"name": "anonymous"})
        assert response.status_code == 302 and response["Location"] == f"/accounts/login/?next={url}", url
    assert not ApiToken.objects.exists()


def test_it_refuses_a_key_request_without_the_csrf_token(instructor):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(instructor.user)
    assert strict.post("/classes/keys/", {"name": "forged"}).status_code == 403
    assert not ApiToken.objects.exists()
    # The page's own form carries the token and goes through.
    page = keys_page(strict)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert strict.post("/classes/keys/", {"name": "real", "csrfmiddlewaretoken": csrf}).status_code == 200
    token = ApiToken.objects.get()
    assert strict.post(f"/classes/keys/{token.pk}/revoke/").status_code == 403


def test_it_never_lets_the_page_be_cached(instructor):
    response = instructor.post("/classes/keys/", {"name": "LMS"})
    assert "no-store" in response["Cache-Control"]


def test_it_renders_the_page_in_korean(instructor):
    make_key(instructor)
    page = keys_page(instructor, "ko")
    assert '<html lang="ko">' in page
    for words in ("API 키", "새 키", "내 키", "만든 때 (UTC)", "사용 중", "폐기", "없음"):
        assert words in page, words
    response = instructor.post("/classes/keys/", {"name": "채점기"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert "다시는 보여 주지 않습니다" in response.content.decode()
    assert "키에 이름을 붙이세요." in instructor.post("/classes/keys/", {"name": ""}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    token = ApiToken.objects.first()
    instructor.post(f"/classes/keys/{token.pk}/revoke/", HTTP_ACCEPT_LANGUAGE="ko")
    assert f"키({token.prefix}…)를 폐기했습니다" in keys_page(instructor, "ko")
    assert "API 키" in instructor.get("/classes/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()


def test_a_superuser_manages_only_their_own_keys(instructor):
    admin = signed_in("root", superuser=True)
    make_key(instructor, "the teacher's")
    _page, key = make_key(admin, "the admin's")
    page = keys_page(admin)
    assert "the admin&#x27;s" in page and "the teacher&#x27;s" not in page
    theirs = ApiToken.objects.get(user=instructor.user)
    assert admin.post(f"/classes/keys/{theirs.pk}/revoke/").status_code == 404
    assert ApiToken.holder(key) == admin.user
