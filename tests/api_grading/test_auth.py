"""Who may grade: a key in ``Authorization: Bearer``, held by an instructor or staff."""
from __future__ import annotations

from tests.api_grading.bodies import MANIFESTS

UNKNOWN_LESSON = {**MANIFESTS, "lesson": "99-no-such-lesson"}   # past auth, refused before grading


def test_it_refuses_a_request_without_a_key(api):
    r = api.grade(MANIFESTS)
    assert r.status_code == 401
    # RFC 6750 section 3: a 401 says which scheme to use.
    assert r["WWW-Authenticate"].startswith("Bearer")
    assert r.json() == {"error": "send an API key: Authorization: Bearer <key>", "field": None}


def test_it_refuses_another_scheme(api, instructor):
    r = api.grade(MANIFESTS, HTTP_AUTHORIZATION=f"Basic {instructor.key}")
    assert r.status_code == 401 and r["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_a_wrong_key(api, instructor):
    r = api.grade(MANIFESTS, HTTP_AUTHORIZATION=f"Bearer {instructor.key}x")
    assert r.status_code == 401
    assert r["WWW-Authenticate"] == 'Bearer realm="podlab", error="invalid_token"'
    assert r.json()["error"] == "the API key is unknown or revoked"


def test_it_refuses_a_revoked_key(api, revoked):
    r = api.grade(MANIFESTS, revoked)
    assert r.status_code == 401 and "invalid_token" in r["WWW-Authenticate"]


def test_it_refuses_the_key_of_an_inactive_user(api, instructor):
    instructor.user.is_active = False
    instructor.user.save()
    assert api.grade(MANIFESTS, instructor).status_code == 401


def test_it_forbids_a_learner_with_a_key(api, learner):
    r = api.grade(MANIFESTS, learner)
    assert r.status_code == 403
    assert "instructors" in r.json()["error"]


def test_it_lets_staff_through(api, staff):
    # 404 for the lesson, not 403: the key was accepted.
    assert api.grade(UNKNOWN_LESSON, staff).status_code == 404


def test_it_notes_when_a_key_was_last_used(api, instructor):
    token = instructor.user.api_tokens.get()
    assert token.last_used is None
    api.grade(UNKNOWN_LESSON, instructor)
    token.refresh_from_db()
    assert token.last_used is not None


def test_it_needs_no_csrf_token(instructor):
    # An integration has a key, not a session cookie: CSRF protection would only get in its way.
    import json

    from django.test import Client
    client = Client(enforce_csrf_checks=True)
    r = client.post("/api/grade", json.dumps(UNKNOWN_LESSON), content_type="application/json", **instructor.auth)
    assert r.status_code == 404


def test_it_checks_the_key_before_reading_the_body(api):
    assert api.grade("not json").status_code == 401
