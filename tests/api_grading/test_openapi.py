"""docs/api/grading.openapi.yaml: a valid OpenAPI document, and what the views really answer."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.api_grading.bodies import MANIFESTS, TRANSCRIPT

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "api" / "grading.openapi.yaml"
SPEC = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
URI = "urn:podlab:grading-api"
# OpenAPI 3.1's schemas are JSON Schema 2020-12: the document is one resource, refs point into it.
REGISTRY = Registry().with_resource(URI, Resource(contents=SPEC, specification=DRAFT202012))


def conforms(instance, schema: str) -> None:
    """Fails with every way ``instance`` differs from components/schemas/``schema``."""
    validator = Draft202012Validator({"$ref": f"{URI}#/components/schemas/{schema}"}, registry=REGISTRY)
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]
    assert not problems, "\n".join(problems)


def test_it_is_a_valid_openapi_document():
    validate(SPEC)
    assert SPEC["openapi"].startswith("3.1")


def test_it_documents_every_route():
    from lessons.api_urls import urlpatterns
    routes = {"/api/" + str(p.pattern).replace("<slug:slug>", "{slug}") for p in urlpatterns}
    assert routes == set(SPEC["paths"])


def test_it_documents_the_lessons_as_served(client):
    conforms(client.get("/api/lessons").json(), "LessonList")
    conforms(client.get("/api/lessons/03-pod-lifecycle").json(), "Lesson")


@pytest.mark.parametrize("body", [MANIFESTS, TRANSCRIPT], ids=["manifests", "transcript"])
def test_it_documents_grades_as_served(graded, body):
    status, text = graded(body)
    assert status == 200
    conforms(json.loads(text), "Grade")


def test_it_documents_the_requests_the_api_grades():
    conforms(MANIFESTS, "GradeRequest")
    conforms(TRANSCRIPT, "GradeRequest")
    wrong = copy.deepcopy(MANIFESTS)
    wrong["submission"]["transcript"] = "$ ls\n"     # a manifests submission has no transcript
    with pytest.raises(AssertionError):
        conforms(wrong, "GradeRequest")


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 413, 415])
def test_it_documents_every_refusal(api, instructor, learner, client, status):
    responses = {
        400: lambda: api.grade({"lesson": 1}, instructor),
        401: lambda: api.grade(MANIFESTS),
        403: lambda: api.grade(MANIFESTS, learner),
        404: lambda: api.grade({**MANIFESTS, "lesson": "99-nope"}, instructor),
        405: lambda: client.get("/api/grade"),
        413: lambda: api.grade("x", instructor, CONTENT_LENGTH=str(2 << 20)),
        415: lambda: api.grade("x", instructor, content_type="text/csv"),
    }
    r = responses[status]()
    assert r.status_code == status
    assert str(status) in SPEC["paths"]["/api/grade"]["post"]["responses"]
    conforms(r.json(), "Error")
