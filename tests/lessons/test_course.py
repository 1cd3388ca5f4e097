"""Every lesson of the course passes its self-test (DESIGN.md, "Lessons and grading"): its reference
solution, replayed in a fresh sandbox, passes every step; a sandbox left alone passes none."""
from __future__ import annotations

from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "lessons" / "content"
FOLDERS = sorted(p.parent.name for p in CONTENT.glob("*/lesson.yaml"))


@pytest.mark.parametrize("slug", FOLDERS or ["(none)"])
def test_the_lesson_passes_its_self_test(slug: str) -> None:
    if not FOLDERS:
        pytest.fail(f"there are no lessons in {CONTENT} (expected <slug>/lesson.yaml folders)")
    from lessons.runner import self_test
    from lessons.schema.loader import load_lesson
    lesson = load_lesson(CONTENT / slug)
    result = self_test(lesson)
    assert result.passed, f"{slug}:\n" + "\n".join(f"  {p}" for p in result.problems)


def test_the_course_has_lessons_in_order() -> None:
    assert FOLDERS, f"there are no lessons in {CONTENT}"
    orders = [name.split("-", 1)[0] for name in FOLDERS]
    assert all(o.isdigit() for o in orders), "lesson folders are named NN-words"


# -- manage.py lesson ----------------------------------------------------------------------------
LAX = """\
order: 90
minutes: 5
title: {ko: "느슨한 수업", en: "A lax lesson"}
summary: {ko: "요약", en: "Summary"}
grading: {window: 30s}
steps:
  - id: delete-nginx
    title: {ko: "nginx 지우기", en: "Delete nginx"}
    text: {ko: "nginx 파드를 지우세요.", en: "Delete the nginx pod."}
    checks:
      - pod: nginx
        exists: false
        message: {ko: "nginx 파드를 지우세요.", en: "Delete the nginx pod."}
    solution: ["kubectl delete pod nginx --ignore-not-found"]
"""


@pytest.mark.parametrize("language", ["ko", "en"])
def test_lesson_show_prints_every_step_check_and_solution(language: str) -> None:
    from io import StringIO

    from django.core.management import call_command

    from lessons.schema.loader import load_lesson
    assert FOLDERS, f"there are no lessons in {CONTENT}"
    lesson = load_lesson(CONTENT / FOLDERS[0])
    out = StringIO()
    call_command("lesson", "show", FOLDERS[0], "--language", language, stdout=out)
    text = out.getvalue()
    assert lesson.title.get(language) in text
    for step in lesson.steps:
        assert f"{step.id}: {step.title.get(language)}" in text
        assert all(check.id in text for check in step.checks)
        assert all(f"$ {line}" in text for line in step.solution)


def test_lesson_test_names_a_failing_lesson_and_its_problem_and_exits_1(tmp_path: Path, settings) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError
    (tmp_path / "90-lax").mkdir()
    (tmp_path / "90-lax" / "lesson.yaml").write_text(LAX, encoding="utf-8")
    settings.LESSONS_DIR = tmp_path
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("lesson", "test", stdout=out)
    assert failure.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[0] == "FAIL 90-lax  1 steps, 1 checks"
    assert lines[1].startswith('    step "delete-nginx": passes on a blank sandbox (setup only) at 0s')
