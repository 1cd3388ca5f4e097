"""A learner's sandbox for a lesson: made with the lesson's setup, with its progress row beside it."""
from __future__ import annotations

import time
from typing import Any

from lessons.models import LessonProgress
from lessons.progress import Progress, total
from lessons.runner import lesson_session
from lessons.schema.model import Lesson
from sandbox.models import Sandbox
from sandbox.sandboxes import create_sandbox
from sandbox.turns import LESSON_KEY


def create_lesson_sandbox(lesson: Lesson, *, owner: Any = None, session_key: str = "", seed: int = 1,
                          now_wall: float | None = None) -> Sandbox:
    """A fresh sandbox set up as ``lesson`` says (lessons/runner.py), its clock starting now, and
    the learner's progress on the lesson (nothing done yet) in the sandbox and in LessonProgress."""
    wall = time.time() if now_wall is None else now_wall
    session = lesson_session(lesson, seed=seed, now_wall=wall, epoch=float(int(wall)))
    progress = Progress.new(lesson, session.now, wall)
    row = create_sandbox(seed=seed, owner=owner, session_key=session_key, lesson=lesson.slug, session=session,
                         extra={LESSON_KEY: progress.to_json()}, now_wall=wall)
    LessonProgress.objects.create(owner=owner, session_key=session_key, lesson=lesson.slug, sandbox=row,
                                  progress=progress.to_json(), score=0, total=total(lesson))
    return row
