from __future__ import annotations

from django.apps import AppConfig


class LessonsConfig(AppConfig):
    """Lessons on pods: content, loading, checks and grading."""

    name = "lessons"
    verbose_name = "Lessons"

    def ready(self) -> None:
        # Registers the system check that refuses to start with a broken lesson.
        from lessons import checks_django  # noqa: F401
