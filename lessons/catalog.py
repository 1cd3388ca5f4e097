"""The course: every lesson under ``settings.LESSONS_DIR``, loaded once and kept.

The first call loads the folder (lessons/schema/loader.py ``load_all``); later calls reuse the result
until ``reload()``, which tests call after overriding LESSONS_DIR. A broken lesson is left out of
the list and its problems are in ``errors()``; the system check (lessons/checks_django.py) turns them
into start-up errors, so a running server only ever sees sound lessons.
"""
from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from lessons.schema.errors import LessonError
from lessons.schema.loader import load_all
from lessons.schema.model import Lesson

_lock = threading.Lock()
_loaded: tuple[Path, list[Lesson], list[LessonError]] | None = None


def lessons_dir() -> Path:
    configured = getattr(settings, "LESSONS_DIR", None)
    return Path(configured) if configured else Path(settings.BASE_DIR) / "lessons" / "content"


def _load() -> tuple[list[Lesson], list[LessonError]]:
    global _loaded
    root = lessons_dir()
    with _lock:
        # A changed LESSONS_DIR (override_settings in a test) is a different catalogue.
        if _loaded is None or _loaded[0] != root:
            lessons, errors = load_all(root, base=Path(settings.BASE_DIR))
            _loaded = (root, lessons, errors)
        return _loaded[1], _loaded[2]


def all_lessons() -> list[Lesson]:
    """Every sound lesson, by order then slug."""
    return list(_load()[0])


def get_lesson(slug: str) -> Lesson:
    """The lesson in folder ``slug``; KeyError when there is none (or it is broken)."""
    for lesson in _load()[0]:
        if lesson.slug == slug:
            return lesson
    raise KeyError(slug)


def errors() -> list[LessonError]:
    """Every problem found in the lessons folder, file by file."""
    return list(_load()[1])


def reload() -> None:
    """Forget what was loaded; the next call reads the folder again."""
    global _loaded
    with _lock:
        _loaded = None
