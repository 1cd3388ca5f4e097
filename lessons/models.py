"""A learner's progress on a lesson, as the database keeps it for lists and gradebooks.

One row per learner and lesson: who (the signed-in owner, or the anonymous browser session until
sign-up, exactly as sandbox.models.Sandbox), which lesson (its slug), the lesson's own sandbox, the
progress engine's state (``lessons.progress.Progress.to_json()``) and what a list shows without
loading a lesson: score, total, when it was completed. The truth during a lesson is the sandbox
row's ``state["lesson"]`` (saved under the sandbox's row lock in the same transaction); this row
is its copy for queries (lessons/live.py writes both).
"""
from __future__ import annotations

from django.conf import settings
from django.db import models

from sandbox.models import Sandbox


class LessonProgress(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="lesson_progress")
    session_key = models.CharField(max_length=40, blank=True, db_index=True,
                                   help_text="The anonymous learner's Django session, until they sign up.")
    lesson = models.CharField(max_length=100, db_index=True, help_text="The lesson's slug.")
    sandbox = models.OneToOneField(Sandbox, on_delete=models.CASCADE, related_name="lesson_progress")
    progress = models.JSONField(default=dict, help_text="lessons.progress.Progress.to_json()")
    score = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["lesson", "-updated"]
        verbose_name = "lesson progress"
        verbose_name_plural = "lesson progress"

    def __str__(self) -> str:
        who = self.owner.get_username() if self.owner_id else "anonymous"
        return f"{who}: {self.lesson} {self.score}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0
