"""Shared by the grading tests: the course's lessons and the submissions in tests/grading/submissions,
each graded once per test session (grading replays a lesson; nothing is graded twice without a reason)."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "lessons" / "content"
HERE = Path(__file__).resolve().parent
SUBMISSIONS = HERE / "submissions"
GOLDEN = HERE / "golden"


@lru_cache(maxsize=None)
def _lesson(slug: str):
    from lessons.schema.loader import load_lesson
    return load_lesson(CONTENT / slug)


@lru_cache(maxsize=None)
def _graded(slug: str, name: str):
    from lessons.grading import grade
    from lessons.grading.files import read_submission
    return grade(_lesson(slug), read_submission(SUBMISSIONS / slug / name))


@pytest.fixture
def lesson():
    """``lesson(slug)``: a lesson of the course, loaded once."""
    return _lesson


@pytest.fixture
def graded():
    """``graded(slug, name)``: the Grade of tests/grading/submissions/<slug>/<name>, graded once."""
    return _graded


@pytest.fixture
def golden():
    """``golden(relative path, actual)``: compare with tests/grading/golden/<path>."""
    return lambda relative, actual: _check_golden(GOLDEN / relative, actual)


def _check_golden(path: Path, actual: str) -> None:
    """kwok style: compare with the expected file; PODLAB_REGEN=1 rewrites it (review the diff)."""
    if os.environ.get("PODLAB_REGEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with PODLAB_REGEN=1 to write it, then review it"
    assert actual == path.read_text(encoding="utf-8"), f"{path.relative_to(ROOT)} differs (PODLAB_REGEN=1 rewrites it)"
