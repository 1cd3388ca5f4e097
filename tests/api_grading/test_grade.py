"""POST /api/grade with the real grader (lessons/grading): the body is exactly ``Grade.to_json()``."""
from __future__ import annotations

import copy
import json

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests.api_grading.bodies import MANIFESTS, NGINX, TRANSCRIPT
from lessons import catalog, grading


def test_it_grades_manifests(graded):
    status, body = graded(MANIFESTS)
    assert status == 200
    grade = json.loads(body)
    assert (grade["lesson"], grade["submission"], grade["kind"], grade["seed"]) == \
           ("02-pods-from-yaml", "alice", "manifests", 1)
    assert grade["total"] == catalog.get_lesson("02-pods-from-yaml").points
    assert 0 < grade["score"] < grade["total"]     # the pod, not the commands: partial credit
    assert grade["log"][0]["line"] == "kubectl apply -f nginx.yaml"
    failed = [c for s in grade["steps"] for c in s["checks"] if not c["passed"]]
    assert failed and all(c["why"] and c["earned"] == 0 for c in failed)


def test_it_answers_what_the_grader_says(graded):
    # Not a re-serialisation: the grader's own text, sorted keys and final newline included.
    expected = grading.grade(catalog.get_lesson("02-pods-from-yaml"),
                             grading.Submission.of_manifests("alice", [("nginx.yaml", NGINX)])).to_json()
    assert graded(MANIFESTS)[1] == expected.encode()


def test_it_answers_the_same_bytes_twice(api, instructor):
    first, second = api.grade(MANIFESTS, instructor), api.grade(MANIFESTS, instructor)
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/json"
    assert first.content == second.content


def test_it_answers_what_the_grade_command_prints(graded, tmp_path, capsys):
    (tmp_path / "nginx.yaml").write_text(NGINX)
    call_command("grade", "02-pods-from-yaml", str(tmp_path / "nginx.yaml"), "--format", "json")
    printed = capsys.readouterr().out
    # The command names a submission after its file; the API after "name".
    body = {**MANIFESTS, "name": "nginx.yaml"}
    assert graded(body)[1].decode() == printed


def test_it_grades_a_transcript_with_the_seed_asked_for(graded):
    status, body = graded(TRANSCRIPT)
    grade = json.loads(body)
    assert status == 200 and grade["kind"] == "transcript" and grade["seed"] == 7
    assert [e["line"] for e in grade["log"]] == ["kubectl run nginx --image=nginx", "@ +30s", "kubectl get pods"]
    assert grade["steps"][0]["passed"]


def test_it_grades_an_empty_submission_as_zero(graded):
    body = copy.deepcopy(MANIFESTS)
    body["submission"]["files"] = []
    status, text = graded(body)
    assert status == 200 and json.loads(text)["score"] == 0


def test_it_takes_manifests_as_a_multipart_upload(api, instructor, graded):
    r = api.client.post("/api/grade", {"lesson": "02-pods-from-yaml", "name": "alice",
                                       "files": SimpleUploadedFile("nginx.yaml", NGINX.encode())},
                        **instructor.auth)
    assert r.status_code == 200
    assert r.content == graded(MANIFESTS)[1]


def test_it_takes_a_transcript_as_a_multipart_upload(api, instructor, graded):
    text = TRANSCRIPT["submission"]["transcript"]
    r = api.client.post("/api/grade", {"lesson": "01-what-is-a-pod", "name": "bob", "seed": "7",
                                       "transcript": SimpleUploadedFile("bob.transcript", text.encode())},
                        **instructor.auth)
    assert r.status_code == 200
    assert r.content == graded(TRANSCRIPT)[1]


@pytest.mark.django_db(transaction=True)
async def test_it_grades_under_asgi(graded):
    # Daphne serves the site: the sync view runs on a worker thread, the body comes from ASGI.
    from asgiref.sync import sync_to_async
    from django.test import AsyncClient

    from lessons.models import ApiToken
    holder = await sync_to_async(_instructor)()
    _, key = await sync_to_async(ApiToken.issue)(holder, "asgi")
    r = await AsyncClient().post("/api/grade", json.dumps(MANIFESTS), content_type="application/json",
                                 headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200
    assert r.content == (await sync_to_async(graded)(MANIFESTS))[1]


def _instructor():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from lessons.models import INSTRUCTORS_GROUP
    user = get_user_model().objects.create_user("ines")
    user.groups.add(Group.objects.get_or_create(name=INSTRUCTORS_GROUP)[0])
    return user
