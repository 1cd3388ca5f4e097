"""The lesson pages: the list (with the learner's progress) and one lesson beside its sandbox.

Each learner has one sandbox per lesson, made on the first visit with the lesson's setup applied
(lessons.runner.lesson_session) and owned as a playground is (sandbox/owners.py: the signed-in
user, or the browser session until sign-up). The lesson page is the sandbox page (the same
include, the same bundle) with the lesson pane beside it; the pane is drawn here from the saved
progress, then kept current by ``lesson.progress`` frames (lessons/live.py).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lessons import catalog
from lessons.live import as_html
from lessons.markup import markdown, markdown_inline
from lessons.models import LessonProgress
from lessons.progress import Progress, report, total
from lessons.sandboxes import create_lesson_sandbox
from lessons.schema.model import Lesson
from sandbox.models import Sandbox
from sandbox.owners import SESSION_KEY, sandboxes_of
from sandbox.pages import STARTER_FILE, api_server, page_words
from sandbox.turns import LESSON_KEY


def language() -> str:
    return "ko" if (get_language() or "").startswith("ko") else "en"


@dataclass(frozen=True, slots=True)
class LessonCard:
    """One lesson as a list shows it, with this learner's progress."""
    slug: str
    url: str
    order: int
    title: str
    summary: str                            # HTML (inline Markdown, raw HTML escaped)
    minutes: int
    tags: tuple[str, ...]
    prerequisites: list[dict[str, Any]]     # {title, url, done}
    score: int
    total: int
    started: bool
    complete: bool

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


def progress_of(request: HttpRequest) -> dict[str, LessonProgress]:
    """The learner's progress rows by lesson slug (the newest one per lesson)."""
    if request.user.is_authenticated:
        # A progress row follows its sandbox's owner (lessons/live.py); one claimed at sign-up
        # whose lesson has not been touched since is caught up here.
        LessonProgress.objects.filter(owner=None, sandbox__owner=request.user).update(
            owner=request.user, session_key="")
        rows = LessonProgress.objects.filter(owner=request.user)
    elif request.session.session_key:
        rows = LessonProgress.objects.filter(owner=None, session_key=request.session.session_key)
    else:
        rows = LessonProgress.objects.none()
    found: dict[str, LessonProgress] = {}
    for row in rows.order_by("updated"):
        found[row.lesson] = row
    return found


def lesson_cards(request: HttpRequest) -> list[LessonCard]:
    lang = language()
    lessons = catalog.all_lessons()
    titles = {lesson.slug: lesson.title.get(lang) for lesson in lessons}
    progress = progress_of(request)

    def done(slug: str) -> bool:
        return slug in progress and progress[slug].completed_at is not None

    cards = []
    for lesson in lessons:
        row = progress.get(lesson.slug)
        cards.append(LessonCard(
            slug=lesson.slug, url=reverse("lesson", args=[lesson.slug]), order=lesson.order,
            title=lesson.title.get(lang), summary=markdown_inline(lesson.summary.get(lang)), minutes=lesson.minutes,
            tags=lesson.tags,
            prerequisites=[{"title": titles.get(slug, slug), "url": reverse("lesson", args=[slug]),
                            "done": done(slug)} for slug in lesson.prerequisites],
            score=row.score if row else 0, total=row.total if row else total(lesson),
            started=row is not None, complete=done(lesson.slug)))
    return cards


@require_safe
def lesson_list(request: HttpRequest) -> HttpResponse:
    return render(request, "lessons/list.html", {"lessons": lesson_cards(request)})


@require_safe
def lesson_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        lesson = catalog.get_lesson(slug)
    except KeyError:
        raise Http404("No such lesson") from None
    row = lesson_sandbox(request, lesson)
    lang = language()
    saved = row.state.get(LESSON_KEY)
    progress = Progress.from_json(saved) if saved else Progress.new(lesson, 0.0, time.time())
    state = as_html(report(lesson, progress, {}, lang))
    steps = [{"id": step.id, "number": n, "title": markdown_inline(step.title.get(lang)),
              "html": markdown(step.text.get(lang)), "hints": len(step.hints), "report": reported}
             for n, (step, reported) in enumerate(zip(lesson.steps, state["steps"]), start=1)]
    lessons = catalog.all_lessons()
    following = next((other for other in lessons if other.order > lesson.order or
                      (other.order == lesson.order and other.slug > lesson.slug)), None)
    config = {"id": str(row.pk), "ws": f"/ws/sandboxes/{row.pk}/?lang={lang}", "starter": STARTER_FILE,
              "starterText": "", "lesson": lesson.slug}
    return render(request, "lessons/lesson.html", {
        "lesson": lesson, "title": lesson.title.get(lang), "summary": lesson.summary.get(lang),
        "steps": steps, "quiz": state["quiz"], "progress": state,
        "percent": round(100 * state["score"] / state["total"]) if state["total"] else 0,
        "done_steps": sum(1 for s in state["steps"] if s["state"] == "done"),
        "next_lesson": {"title": following.title.get(lang), "url": reverse("lesson", args=[following.slug])}
        if following else None,
        "sandbox": row, "config": config, "words": {**page_words(), **lesson_words()},
        "server": api_server(request, row)})


@require_POST
def lesson_restart(request: HttpRequest, slug: str) -> HttpResponse:
    """"Start over": the learner's sandbox for the lesson goes, with its progress (the row cascades);
    the lesson page then makes a fresh one with the lesson's setup."""
    try:
        catalog.get_lesson(slug)
    except KeyError:
        raise Http404("No such lesson") from None
    sandboxes_of(request).filter(lesson=slug).delete()
    return redirect("lesson", slug)


def lesson_sandbox(request: HttpRequest, lesson: Lesson) -> Sandbox:
    """The learner's sandbox for this lesson, made with its setup on the first visit."""
    found = sandboxes_of(request).filter(lesson=lesson.slug).first()
    if found is not None:
        return found
    owner, key = None, ""
    if request.user.is_authenticated:
        owner = request.user
    else:
        if request.session.session_key is None:
            request.session.create()
        key = request.session.session_key
    row = create_lesson_sandbox(lesson, owner=owner, session_key=key)
    if owner is None:
        request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), str(row.pk)]
    return row


def lesson_words() -> dict[str, str]:
    """The lesson pane's words, in the page's language."""
    return {
        "stepDone": _("Step done"), "nextStep": _("Next step"), "hint": _("Hint"),
        "noMoreHints": _("No more hints"), "solution": _("Show solution"),
        "solutionTitle": _("Solution"), "explanation": _("Why it works"),
        "correct": _("Correct!"), "tryAgain": _("Not quite. Try again."),
        "answer": _("Check answer"), "complete": _("Lesson complete"),
        "points": _("%(score)s of %(total)s points"), "stepsDone": _("%(done)s of %(count)s steps done"),
        "pick": _("Pick an answer first."),
    }
