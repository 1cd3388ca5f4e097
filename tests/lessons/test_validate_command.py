"""``manage.py validate_lessons`` and the system check: an instructor's two ways of hearing about a
broken lesson (before committing it, and when the server refuses to start)."""
from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import call_command

from lessons import catalog

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN_REPORT = [
    'broken/01-broken/lesson.yaml:6: prerequisites[0]: prerequisite "02-fine" must come earlier: '
    "its order is 2, this lesson's is 1",
    'broken/01-broken/lesson.yaml:10: step "run-nginx": text.ko: text file run-nginx.ko.md not found',
    'broken/01-broken/lesson.yaml:13: step "run-nginx": checks[0].staus: unknown key "staus"; '
    'did you mean "status"?',
]


def validate(*paths: str) -> tuple[int, list[str]]:
    out = StringIO()
    try:
        call_command("validate_lessons", *paths, stdout=out)
        status = 0
    except SystemExit as exit:
        status = int(exit.code or 0)
    return status, out.getvalue().splitlines()


@pytest.fixture(autouse=True)
def in_fixtures(monkeypatch):
    # The command names files relative to the current folder.
    monkeypatch.chdir(FIXTURES)


@pytest.fixture
def lessons_dir(settings):
    def point_at(path: Path) -> None:
        settings.LESSONS_DIR = path
        catalog.reload()
    yield point_at
    catalog.reload()


def test_it_passes_a_good_course():
    assert validate("good") == (0, ["2 lessons, 0 errors"])


def test_it_lists_every_problem_and_fails():
    status, lines = validate("broken")
    assert status == 1
    assert lines == [*BROKEN_REPORT, "2 lessons, 3 errors"]


def test_it_validates_one_lesson_folder_with_its_siblings_as_prerequisites():
    assert validate("good/02-second") == (0, ["1 lesson, 0 errors"])
    status, lines = validate("broken/01-broken")
    assert (status, lines) == (1, [*BROKEN_REPORT, "1 lesson, 3 errors"])


def test_it_defaults_to_the_lessons_dir(lessons_dir):
    lessons_dir(FIXTURES / "good")
    assert validate() == (0, ["2 lessons, 0 errors"])


def test_it_says_what_it_checked_when_verbose():
    out = StringIO()
    call_command("validate_lessons", "good", stdout=out, verbosity=2)
    assert out.getvalue().splitlines() == [
        "ok 01-first-pod: 2 steps, 10 points, 1 question",
        "ok 02-second: 1 step, 1 point, 0 questions",
        "2 lessons, 0 errors",
    ]


def test_the_system_check_refuses_a_broken_lesson(lessons_dir):
    lessons_dir(FIXTURES / "broken")
    messages = run_checks(tags=["lessons"])
    assert [message.id for message in messages] == ["lessons.E001"] * 3
    # Files are named from the repository root, as in the server's start-up output.
    assert [message.msg for message in messages] == [f"tests/lessons/fixtures/{line}" for line in BROKEN_REPORT]


def test_the_system_check_accepts_a_good_course(lessons_dir):
    lessons_dir(FIXTURES / "good")
    assert run_checks(tags=["lessons"]) == []
    assert [lesson.slug for lesson in catalog.all_lessons()] == ["01-first-pod", "02-second"]
    assert catalog.get_lesson("02-second").prerequisites == ("01-first-pod",)
    with pytest.raises(KeyError):
        catalog.get_lesson("03-missing")


def test_the_catalog_leaves_broken_lessons_out(lessons_dir):
    lessons_dir(FIXTURES / "broken")
    assert [lesson.slug for lesson in catalog.all_lessons()] == ["02-fine"]
    assert len(catalog.errors()) == 3
