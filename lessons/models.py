"""A learner's progress on a lesson, as the database keeps it for lists and gradebooks.

One row per learner and lesson: who (the signed-in owner, or the anonymous browser session until
sign-up, exactly as sandbox.models.Sandbox), which lesson (its slug), the lesson's own sandbox, the
progress engine's state (``lessons.progress.Progress.to_json()``) and what a list shows without
loading a lesson: score, total, when it was completed. The truth during a lesson is the sandbox
row's ``state["lesson"]`` (saved under the sandbox's row lock in the same transaction); this row
is its copy for queries (lessons/live.py writes both).
"""
from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

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


# -- instructors, classes and integrations (issue 7) -------------------------------------------------
INSTRUCTORS_GROUP = "Instructors"
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"     # no 0/O, 1/I: read aloud in a classroom


def is_instructor(user: object) -> bool:
    """Instructors are users in the "Instructors" group (the admin grants it); superusers too."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(getattr(user, "is_superuser", False)) or user.groups.filter(name=INSTRUCTORS_GROUP).exists()  # type: ignore[attr-defined]


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(8))


class Classroom(models.Model):
    """A class an instructor teaches: learners join it with its code; its gradebook shows them."""
    name = models.CharField(max_length=120)
    instructor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms")
    join_code = models.CharField(max_length=16, unique=True, default=new_join_code)
    lessons = models.JSONField(default=list, blank=True,
                               help_text="Slugs of the lessons graded in this class; empty: every lesson.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.join_code})"


class Enrollment(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="enrollments")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    joined = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["classroom", "learner__username"]
        constraints = [models.UniqueConstraint(fields=["classroom", "learner"], name="one_enrollment_per_class")]

    def __str__(self) -> str:
        return f"{self.learner} in {self.classroom}"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A secret for the grading API (``Authorization: Bearer <key>``), held by an instructor or an
    integration's user. Only its SHA-256 is stored; the key is shown once, when it is made."""
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What it is for, e.g. the LMS's autograder.")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False, help_text="The key's first characters, to tell tokens apart.")
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user: object, name: str) -> tuple[ApiToken, str]:
        """A new token and its key (shown to the holder once; never stored)."""
        key = "plt_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, digest=hash_key(key), prefix=key[:8])
        return token, key

    @classmethod
    def holder(cls, key: str) -> object | None:
        """The user a key belongs to, or None for an unknown or revoked key."""
        if not key:
            return None
        token = cls.objects.select_related("user").filter(digest=hash_key(key), revoked=False).first()
        if token is None or not token.user.is_active:
            return None
        cls.objects.filter(pk=token.pk).update(last_used=timezone.now())
        return token.user
