"""Whose sandbox is it: the signed-in owner's, or, before sign-up, the browser session's.

An anonymous learner's sandbox carries the Django session key it was made in, and its id is
kept in that session's data too (``SESSION_KEY``). Django changes the session key at login
(``cycle_key``) but keeps the data, so ``claim`` can hand every sandbox listed there to the user
who just signed up or logged in: the playground carries over, and from then on any browser the
user signs in with finds it.
"""
from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sandbox.models import Sandbox
from sandbox.sandboxes import create_sandbox

SESSION_KEY = "podlab_sandboxes"


def owns(row: Sandbox, user: Any, session_key: str | None) -> bool:
    if row.owner_id is not None:
        return bool(user is not None and user.is_authenticated and user.pk == row.owner_id)
    return bool(session_key) and row.session_key == session_key


def may_open(sandbox_id: Any, user: Any, session_key: str | None) -> bool:
    try:
        row = Sandbox.objects.only("owner_id", "session_key").get(pk=sandbox_id)
    except (Sandbox.DoesNotExist, ValueError, TypeError):
        return False
    return owns(row, user, session_key)


def sandboxes_of(request: Any) -> QuerySet[Sandbox]:
    if request.user.is_authenticated:
        return Sandbox.objects.filter(owner=request.user)
    key = request.session.session_key
    return Sandbox.objects.filter(owner=None, session_key=key) if key else Sandbox.objects.none()


def playground(request: Any) -> Sandbox:
    """The learner's playground sandbox (no lesson), made on first use."""
    found = sandboxes_of(request).filter(lesson="").first()
    if found is not None:
        return found
    if request.user.is_authenticated:
        return create_sandbox(owner=request.user)
    if request.session.session_key is None:
        request.session.create()
    row = create_sandbox(session_key=request.session.session_key)
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), str(row.pk)]
    return row


def claim(request: Any, user: Any) -> int:
    """Gives the anonymous sandboxes of this browser session to ``user``; how many moved."""
    ids = request.session.get(SESSION_KEY, [])
    moved = Sandbox.objects.filter(pk__in=ids, owner=None).update(owner=user, session_key="")
    request.session[SESSION_KEY] = []
    return moved
