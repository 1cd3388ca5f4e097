from __future__ import annotations

from django.apps import AppConfig


class LessonsConfig(AppConfig):
    """Lessons on pods: content, loading, checks and grading."""

    name = "lessons"
    verbose_name = "Lessons"
