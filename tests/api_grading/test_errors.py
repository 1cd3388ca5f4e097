"""Refusals: each names what is wrong (and the field) before a sandbox is built."""
from __future__ import annotations

import copy

import pytest

from lessons import api as views
from lessons import api_input
from tests.api_grading.bodies import MANIFESTS, TRANSCRIPT


def with_(body: dict, path: str, value) -> dict:
    """``body`` with the field at ``path`` ("submission.files") set, or removed when value is DELETE."""
    body = copy.deepcopy(body)
    *parents, last = path.split(".")
    node = body
    for part in parents:
        node = node[part]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return body


DELETE = object()


def transcript(text: str) -> dict:
    return with_(TRANSCRIPT, "submission.transcript", text)


@pytest.mark.parametrize("body, field, words", [
    (with_(MANIFESTS, "lesson", DELETE), "lesson", "is required"),
    (with_(MANIFESTS, "lesson", 2), "lesson", "must be a string, not a number"),
    (with_(MANIFESTS, "lesson", " "), "lesson", "is empty"),
    (with_(MANIFESTS, "submission", DELETE), "submission", "is required"),
    (with_(MANIFESTS, "submission", "pod.yaml"), "submission", "must be an object, not a string"),
    (with_(MANIFESTS, "submission.kind", "zip"), "submission.kind", "must be one of manifests, transcript"),
    (with_(MANIFESTS, "submission.files", DELETE), "submission.files", "is required"),
    (with_(MANIFESTS, "submission.files", {"a.yaml": ""}), "submission.files", "must be an array, not an object"),
    (with_(MANIFESTS, "submission.files", ["x"]), "submission.files[0]", "must be an object"),
    (with_(MANIFESTS, "submission.files", [{"path": "a.yaml"}]), "submission.files[0].content", "is required"),
    (with_(MANIFESTS, "submission.files", [{"content": ""}]), "submission.files[0].path", "is required"),
    # lessons.grading's own rules, at the edge: a manifest is .yaml, .yml or .json, under the home.
    (with_(MANIFESTS, "submission.files", [{"path": "pod.txt", "content": ""}]), "submission.files",
     "pod.txt is not a manifest"),
    (with_(MANIFESTS, "submission.files", [{"path": "../pod.yaml", "content": ""}]), "submission.files",
     "not a relative path"),
    (with_(MANIFESTS, "submission.transcript", "$ ls\n"), "submission.transcript", "belongs to a transcript"),
    (with_(TRANSCRIPT, "submission.transcript", DELETE), "submission.transcript", "is required"),
    (with_(TRANSCRIPT, "submission.files", []), "submission.files", "belongs to a manifests"),
    (with_(MANIFESTS, "seed", True), "seed", "must be an integer, not a boolean"),
    (with_(MANIFESTS, "seed", -1), "seed", "must be between 0 and"),
    (with_(MANIFESTS, "name", ["a"]), "name", "must be a string, not an array"),
    (with_(MANIFESTS, "score", 100), "score", "is not a field of a grade request"),
    (transcript("kubectl get pods\n"), "submission.transcript", "expected a comment"),
])
def test_it_names_the_field_that_is_wrong(api, instructor, body, field, words):
    r = api.grade(body, instructor)
    assert r.status_code == 400, r.content
    assert r.json()["field"] == field
    assert r.json()["error"].startswith(f"{field}: ") and words in r.json()["error"]


@pytest.mark.parametrize("raw, words", [
    ("", "the body is empty"),
    ("{", "the body is not JSON"),
    ("[1]", "the body must be a JSON object"),
    (b'{"lesson": "\xff"}', "the body is not UTF-8"),
])
def test_it_refuses_a_body_that_is_not_a_json_object(api, instructor, raw, words):
    # The test client leaves out the Content-Type of an empty body; a real client sends it.
    r = api.grade(raw, instructor, CONTENT_TYPE="application/json")
    assert r.status_code == 400 and r.json() == {"error": r.json()["error"], "field": None}
    assert r.json()["error"].startswith(words)


def test_it_refuses_an_unknown_lesson(api, instructor):
    r = api.grade(with_(MANIFESTS, "lesson", "99-nope"), instructor)
    assert r.status_code == 404 and r.json()["field"] == "lesson"


def test_it_refuses_other_content_types(api, instructor):
    r = api.grade("lesson=x", instructor, content_type="text/plain")
    assert r.status_code == 415 and "application/json" in r.json()["error"]


def test_it_refuses_a_body_over_a_mebibyte(api, instructor):
    big = with_(MANIFESTS, "submission.files", [{"path": "a.yaml", "content": "#" * api_input.MAX_BODY}])
    r = api.grade(big, instructor)
    assert r.status_code == 413 and str(api_input.MAX_BODY) in r.json()["error"]


def test_it_allows_only_post(client, instructor):
    r = client.get("/api/grade", **instructor.auth)
    assert r.status_code == 405 and r["Allow"] == "POST" and r.json()["error"].startswith("GET is not allowed")


def test_it_refuses_too_many_commands(api, instructor):
    r = api.grade(transcript("$ true\n" * (api_input.MAX_COMMANDS + 1)), instructor)
    assert r.status_code == 400 and "has 501 commands; the limit is 500" in r.json()["error"]


@pytest.mark.parametrize("text", [
    "$ true\n@ +1h\n@ +1h1s\n",                     # "@" lines add up
    "$ true\n@ 2h1s\n",
    "$ lab advance 90m\n$ lab advance 31m\n",
    # A watch without timeout runs until ^C, an hour later (sandbox/session.py LINE_LIMIT).
    "$ kubectl get pods -w\n$ watch kubectl get pods\n$ kubectl logs -f web\n",
])
def test_it_refuses_a_transcript_that_asks_for_too_much_time(api, instructor, text):
    r = api.grade(transcript(text), instructor)
    assert r.status_code == 400 and "a submission may use at most 2h0m0s" in r.json()["error"]


def test_it_refuses_lab_advance_in_a_loop(api, instructor):
    r = api.grade(transcript("$ for i in 1 2 3; do lab advance 1m; done\n"), instructor)
    assert r.status_code == 400 and "inside a shell loop" in r.json()["error"]


@pytest.mark.parametrize("typed, seconds", [
    ("kubectl get pods", 0),
    ("sleep 30", 30),
    ("lab advance 5m; sleep 10", 310),
    ("timeout 30s kubectl get pods -w", 30),     # the advice in the refusal: bounded
    ("kubectl get pods --watch", 3600),
    ("sleep 99999", 3600),                       # cut at LINE_LIMIT like any line
    ("kubectl apply -f pod.yaml", 0),            # -f is a file here, not --follow
    ("kubectl logs web -f", 3600),
])
def test_it_reads_how_long_a_line_may_take(typed, seconds):
    assert api_input.line_time(typed, 1) == seconds


def test_it_says_so_when_every_grading_slot_is_busy(api, instructor, monkeypatch):
    import threading
    monkeypatch.setattr(views, "GRADING_SLOTS", threading.BoundedSemaphore(1))
    monkeypatch.setattr(views, "SLOT_WAIT", 0.01)
    views.GRADING_SLOTS.acquire()
    r = api.grade(MANIFESTS, instructor)
    assert r.status_code == 503 and r["Retry-After"] == "5"
