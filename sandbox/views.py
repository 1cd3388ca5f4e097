from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from sandbox.demo import demo_session


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # ``lessons``: the lesson list with the learner's progress (lessons/views.py); the section
    # shows only when there are some.
    from lessons.views import lesson_cards
    return render(request, "home.html", {"session": demo_session(), "lessons": lesson_cards(request)})


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers and process supervisors: the process answers HTTP."""
    return HttpResponse("ok", content_type="text/plain")
