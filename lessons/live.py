"""The glue between a lesson's sandbox and the progress engine, run inside every sandbox turn.

sandbox/turns.py calls ``observe`` after each turn on a sandbox that has a lesson (a terminal line,
a wake-up while time runs, a clock button, a frame from the lesson pane), under the sandbox's row
lock, with the session already loaded: so checking costs one evaluation of the steps not passed
yet, never another load. ``observe`` applies the page's request (lesson.hint, lesson.solution,
lesson.answer), updates the progress on ``View.of(session)``, keeps it under the sandbox's
``state["lesson"]`` and, when it changed, in its LessonProgress row (the same transaction), and
returns the ``lesson.progress`` frame in every language (the consumer sends each tab its own) with
the wall instant of the next timed hint: the runner's one wake-up covers hints as it covers timers.

Prose in the frame is HTML (lessons/markup.py: Markdown, raw HTML escaped), so the page sets it as is.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone

from lessons import catalog
from lessons.markup import markdown, markdown_inline
from lessons.models import LessonProgress
from lessons.progress import (
    Progress,
    answer,
    current_step,
    is_complete,
    report,
    reveal_hint,
    reveal_solution,
    score,
    total,
    update,
)
from lessons.schema.model import LANGUAGES, Lesson
from sandbox.actions import ActionError
from sandbox.models import Sandbox
from sandbox.session import Session
from sandbox.turns import Observed

log = logging.getLogger(__name__)


def observe(row: Sandbox, session: Session, now_wall: float, request: dict[str, Any] | None,
            before: Any) -> Observed | None:
    """``before``: the progress as the sandbox's state keeps it (None: not started)."""
    try:
        lesson = catalog.get_lesson(row.lesson)
    except KeyError:
        log.warning("sandbox %s: no lesson %r", row.pk, row.lesson)
        return None
    from lessons.checks import View   # the evaluator's view of a session (lessons/checks/)

    progress = Progress.from_json(before) if before else Progress.new(lesson, session.now, now_wall)
    if request is not None:
        progress = apply_request(lesson, progress, request)
    progress, outcomes = update(lesson, progress, View.of(session), session.now, now_wall)
    state = progress.to_json()
    if state != before:
        persist(row, lesson, progress, now_wall)
    frame = {"type": "lesson.progress",
             "languages": {lang: as_html(report(lesson, progress, outcomes, lang)) for lang in LANGUAGES}}
    return Observed(state=state, frame=frame, wake=next_hint_wall(lesson, progress, session))


def apply_request(lesson: Lesson, progress: Progress, request: dict[str, Any]) -> Progress:
    kind = request.get("type")
    try:
        if kind == "lesson.hint":
            return reveal_hint(lesson, progress, str(request.get("step")))
        if kind == "lesson.solution":
            return reveal_solution(lesson, progress, str(request.get("step")))
        if kind == "lesson.answer":
            choices = request.get("choices")
            if not isinstance(choices, list):
                raise ValueError("choices must be a list of indexes")
            return answer(lesson, progress, str(request.get("question")), choices)[0]
    except (KeyError, ValueError, TypeError) as exc:
        raise ActionError(f"{kind}: {exc}") from None
    raise ActionError(f"not a lesson request: {kind!r}")


def persist(row: Sandbox, lesson: Lesson, progress: Progress, now_wall: float) -> None:
    """The progress row follows the sandbox: its owner too (a sandbox claimed at sign-up)."""
    values = {"owner_id": row.owner_id, "session_key": row.session_key, "progress": progress.to_json(),
              "score": score(lesson, progress), "total": total(lesson)}
    rows = LessonProgress.objects.filter(sandbox_id=row.pk)
    if not rows.update(**values, updated=timezone.now()):
        LessonProgress.objects.create(sandbox_id=row.pk, lesson=row.lesson, **values)
    if is_complete(lesson, progress):
        rows.filter(completed_at=None).update(completed_at=datetime.fromtimestamp(now_wall, UTC))


def next_hint_wall(lesson: Lesson, progress: Progress, session: Session) -> float | None:
    """The wall instant the current step's next timed hint is due (``after``: simulated seconds
    on the step, at the clock's speed; ``after_real``: wall seconds), or None."""
    step = current_step(lesson, progress)
    if step is None:
        return None
    state = progress.state(step.id)
    instants: list[float] = []
    for index, hint in enumerate(step.hints):
        if index in state.hints_shown:
            continue
        if hint.after_real is not None and state.became_current_wall is not None:
            instants.append(state.became_current_wall + hint.after_real)
        if hint.after is not None and state.became_current is not None:
            wall = session.clock.wall_at(state.became_current + hint.after)
            if wall is not None:
                instants.append(wall)
    return min(instants, default=None)


def as_html(frame: dict[str, Any]) -> dict[str, Any]:
    """The report's prose rendered: titles, messages and choices inline; hints and explanations as blocks."""
    for step in frame["steps"]:
        step["title"] = markdown_inline(step["title"])
        step["hints"] = [markdown(hint) for hint in step["hints"]]
        if "explanation" in step:
            step["explanation"] = markdown(step["explanation"])
        for check in step["checks"]:
            if "message" in check:
                check["message"] = markdown_inline(check["message"])
    for question in frame["quiz"]:
        question["text"] = markdown(question["text"])
        if "explanation" in question:
            question["explanation"] = markdown(question["explanation"])
        for choice in question["choices"]:
            choice["text"] = markdown_inline(choice["text"])
            if "explanation" in choice:
                choice["explanation"] = markdown(choice["explanation"])
    return frame
