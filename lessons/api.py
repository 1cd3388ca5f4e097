"""The grading API: the course as JSON, and a submission graded over HTTP (issue 7).

    GET  /api/lessons           every lesson: steps, checks and their points (public)
    GET  /api/lessons/<slug>    one lesson (public)
    POST /api/grade             grade one submission (``Authorization: Bearer <key>``, an instructor's)

docs/api/grading.openapi.yaml is the contract; tests/api_grading checks the views against it. The
lessons are public because the lesson pages already show them to anyone and an integration needs
them before it has a key; grading costs a sandbox's worth of CPU, so it takes a key (lessons.models
ApiToken, made with ``manage.py apitoken``) whose holder is an instructor or staff.

Every refusal is ``error()``: a JSON body ``{"error": message, "field": name-or-null}`` and the
status; the input is read and checked at the edge (lessons/api_input.py) before a sandbox is built.
A grade's body is exactly ``Grade.to_json()``, the bytes ``manage.py grade --format json`` prints
for one submission, so the same request always answers the same bytes.
"""
from __future__ import annotations

import threading
from functools import wraps
from typing import Any, Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from lessons import catalog, grading
from lessons.api_input import Refused, check_transcript, read_grade_request
from lessons.grading import Submission
from lessons.models import ApiToken, is_instructor
from lessons.schema.model import Lesson, Text

# Grading is CPU-bound pure Python on the request's thread (Django runs a sync view in a worker
# thread under ASGI); more at once only share the GIL, so a few run and the rest wait their turn.
GRADING_SLOTS = threading.BoundedSemaphore(2)
SLOT_WAIT = 20.0            # real seconds a request waits for a slot before 503
REALM = 'Bearer realm="podlab"'


def error(status: int, message: str, *, field: str | None = None, headers: dict[str, str] | None = None) -> JsonResponse:
    """The one way the API says no."""
    response = JsonResponse({"error": message, "field": field}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def methods(*allowed: str) -> Callable:
    """405 with ``Allow`` for any other method (HEAD comes with GET)."""
    accepted = set(allowed) | ({"HEAD"} if "GET" in allowed else set())

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in accepted:
                return error(405, f"{request.method} is not allowed here; use {', '.join(sorted(accepted))}",
                             headers={"Allow": ", ".join(sorted(accepted))})
            return view(request, *args, **kwargs)
        return wrapper
    return decorator


def bearer_key(request: HttpRequest) -> str | None:
    """The key in ``Authorization: Bearer <key>`` (RFC 6750 section 2.1), or None."""
    scheme, _, key = request.headers.get("Authorization", "").strip().partition(" ")
    return (key.strip() or None) if scheme.lower() == "bearer" else None


def token_auth(view: Callable) -> Callable:
    """401 without a key or with an unknown or revoked one (with ``WWW-Authenticate``, RFC 6750
    section 3); 403 for a key whose holder is neither an instructor nor staff."""
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = bearer_key(request)
        if key is None:
            return error(401, "send an API key: Authorization: Bearer <key>", headers={"WWW-Authenticate": REALM})
        holder = ApiToken.holder(key)
        if holder is None:
            return error(401, "the API key is unknown or revoked",
                         headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'})
        if not (is_instructor(holder) or getattr(holder, "is_staff", False)):
            return error(403, "only instructors may grade; ask an administrator for the Instructors group")
        request.api_user = holder  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)
    return wrapper


# -- the course ----------------------------------------------------------------------------------
def _text(text: Text) -> dict[str, str]:
    return {"ko": text.ko, "en": text.en}


def lesson_json(lesson: Lesson) -> dict[str, Any]:
    """What an integration needs to know about a lesson to grade it: its steps and their points."""
    return {
        "slug": lesson.slug,
        "order": lesson.order,
        "title": _text(lesson.title),
        "summary": _text(lesson.summary),
        "minutes": lesson.minutes,
        "tags": list(lesson.tags),
        "prerequisites": list(lesson.prerequisites),
        "steps": [{"id": step.id, "title": _text(step.title), "points": step.points,
                   "checks": [{"id": check.id, "points": check.points} for check in step.checks]}
                  for step in lesson.steps],
        "points": lesson.points,
        "grading_window": lesson.grading_window,
    }


@methods("GET")
def lessons_index(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"lessons": [lesson_json(lesson) for lesson in catalog.all_lessons()]})


@methods("GET")
def lesson_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        lesson = catalog.get_lesson(slug)
    except KeyError:
        return error(404, f"there is no lesson {slug!r}; GET /api/lessons lists them")
    return JsonResponse(lesson_json(lesson))


# -- grading -------------------------------------------------------------------------------------
def grade_submission(lesson: Lesson, submission: Submission, seed: int) -> str:
    """The grade as ``manage.py grade --format json`` prints it for one submission (lessons/grading)."""
    return grading.grade(lesson, submission, seed=seed).to_json()


@csrf_exempt            # no cookies: a bearer key is not sent by a browser on its own
@methods("POST")
@token_auth
def grade(request: HttpRequest) -> HttpResponse:
    try:
        wanted = read_grade_request(request)
        try:
            lesson = catalog.get_lesson(wanted.lesson)
        except KeyError:
            raise Refused(404, f"there is no lesson {wanted.lesson!r}; GET /api/lessons lists them", "lesson") from None
        if wanted.submission.transcript is not None:
            check_transcript(wanted.submission.transcript, lesson)
    except Refused as refused:
        return error(refused.status, refused.message, field=refused.field)
    if not GRADING_SLOTS.acquire(timeout=SLOT_WAIT):
        return error(503, "every grading slot is busy; try again shortly", headers={"Retry-After": "5"})
    try:
        body = grade_submission(lesson, wanted.submission, wanted.seed)
    finally:
        GRADING_SLOTS.release()
    return HttpResponse(body, content_type="application/json")
