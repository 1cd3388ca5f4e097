"""Who is asking, and the sandbox they reach: tokens, and the locked load of a learner's Session.

The token that names a sandbox (Sandbox.token, 256 random bits) is its only credential. kubectl
sends no bearer token to a plain-HTTP server (client-go refuses to leak it), so the server URL
carries it: ``http://HOST/k8s/<token>``. A bearer token is accepted too, alone
(``https://HOST/k8s`` with the token in the kubeconfig user) or alongside the path, where it must
name the same sandbox. A wrong or revoked token (Sandbox.rotate_token) is 401 Unauthorized; it
never reveals whether another sandbox exists.

Every request goes through ``open_sandbox`` (sandbox/sandboxes.py): a locked load that brings the
sandbox up to the wall clock, the act, the save. Long requests (watch, ``logs -f``, exec) never
hold that lock while they wait: they open the sandbox briefly at each turn (watch.py).
"""
from __future__ import annotations

import math
from contextlib import contextmanager
from typing import Iterator

from django.http import HttpRequest

from sandbox.api.responses import unauthorized
from sandbox.models import Sandbox
from sandbox.sandboxes import open_sandbox
from sandbox.session import Session

# First path segments of the API itself: /k8s/api/... has no token in the path.
API_ROOTS = frozenset({"api", "apis", "version", "openapi", "healthz", "livez", "readyz"})


def bearer_token(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def request_token(path_token: str | None, bearer: str | None) -> str:
    """The token a request presents; raises 401 when there is none or the two disagree."""
    if path_token and bearer and path_token != bearer:
        raise unauthorized()
    token = path_token or bearer
    if not token:
        raise unauthorized()
    return token


def sandbox_exists(token: str) -> bool:
    return Sandbox.objects.filter(token=token).exists()


def last_change(token: str) -> tuple[object, str] | None:
    """(the row's ``updated``, its id) for a cheap "did anything change?" check; None once the
    token is gone (revoked)."""
    row = Sandbox.objects.filter(token=token).values_list("updated", "id").first()
    return None if row is None else (row[0], str(row[1]))


def save_quietly(row: Sandbox, session: Session) -> None:
    """Save a session as open_sandbox saves it (the outer ring's own keys of the state kept), for
    the turns that decide only at their end whether to save (streams.py, views.py)."""
    row.state = {**row.state, **session.to_json()}
    row.save(update_fields=["state", "updated"])


@contextmanager
def session_for(token: str, wall: float, *, catch_up: bool = True,
                save: bool = True) -> Iterator[tuple[Sandbox, Session]]:
    """The sandbox of ``token``, locked for the block. ``catch_up=False`` loads it as it was saved
    (the caller advances it itself, to watch what happens on the way)."""
    try:
        # open_sandbox lets the session catch up with the wall instant it is given; a session
        # never moves back, so -inf means "as saved".
        with open_sandbox(token=token, now_wall=wall if catch_up else -math.inf, save=save) as opened:
            yield opened
            opened[1].notice_change()    # a `kubectl get -w` in the learner's terminal sees it
    except Sandbox.DoesNotExist:
        raise unauthorized() from None
