"""GET /api/lessons and /api/lessons/<slug>: the course, public, as an integration needs it."""
from __future__ import annotations

from lessons import catalog


def test_it_lists_every_lesson_without_a_key(client):
    r = client.get("/api/lessons")
    assert r.status_code == 200 and r["Content-Type"] == "application/json"
    lessons = r.json()["lessons"]
    assert [x["slug"] for x in lessons] == [x.slug for x in catalog.all_lessons()]
    assert [x["order"] for x in lessons] == sorted(x["order"] for x in lessons)


def test_it_describes_a_lesson_with_its_points(client):
    lesson = catalog.get_lesson("02-pods-from-yaml")
    data = client.get("/api/lessons/02-pods-from-yaml").json()
    assert data["title"] == {"ko": lesson.title.ko, "en": "Pods from YAML"}
    assert data["prerequisites"] == ["01-what-is-a-pod"]
    assert data["grading_window"] == 120.0          # "grading: window: 2m" in its lesson.yaml
    # The points a grade's total adds up to: every step's, and each step's are its checks'.
    assert data["points"] == lesson.points == sum(s["points"] for s in data["steps"])
    first = data["steps"][0]
    assert first["id"] == "dry-run" and first["title"]["en"] == "Generate a manifest"
    assert first["checks"][0] == {"id": first["checks"][0]["id"], "points": 2}
    assert first["points"] == sum(c["points"] for c in first["checks"])


def test_it_answers_the_list_and_a_lesson_alike(client):
    listed = client.get("/api/lessons").json()["lessons"][0]
    assert client.get(f"/api/lessons/{listed['slug']}").json() == listed


def test_it_says_when_there_is_no_such_lesson(client):
    r = client.get("/api/lessons/99-nope")
    assert r.status_code == 404 and r.json()["error"].startswith("there is no lesson '99-nope'")


def test_it_allows_only_reading(client):
    r = client.post("/api/lessons", {})
    assert r.status_code == 405 and r["Allow"] == "GET, HEAD"
    assert client.head("/api/lessons").status_code == 200
