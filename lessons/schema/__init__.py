"""The lesson schema: the model (what a lesson is) and the loader (lesson.yaml -> model), plain Python.

``from lessons.schema import load_lesson`` works; the loader (and the kubectl tables it checks
commands against) is imported only when first asked for, so importing the model stays cheap.
"""
from __future__ import annotations

from typing import Any

_LOADER_NAMES = ("load_all", "load_lesson", "parse_check")
_ERROR_NAMES = ("LessonError", "LessonErrors")
__all__ = [*_ERROR_NAMES, *_LOADER_NAMES]


def __getattr__(name: str) -> Any:
    if name in _LOADER_NAMES:
        from lessons.schema import loader
        return getattr(loader, name)
    if name in _ERROR_NAMES:
        from lessons.schema import errors
        return getattr(errors, name)
    raise AttributeError(f"module 'lessons.schema' has no attribute {name!r}")
