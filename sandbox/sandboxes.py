"""Creating, loading and saving sandboxes: the outer ring's only door to a learner's Session.

``open_sandbox`` loads a sandbox under a row lock (``select_for_update``; SQLite serialises writes
anyway), lets its simulated time catch up with the wall clock, hands the ``Session`` over, and
saves it back when the block ends without an exception. Everything that changes a sandbox (a
terminal line, a Kubernetes API request, grading) goes through it, so two processes never
interleave on one sandbox.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any, Iterator

from django.db import transaction

from sandbox.models import Sandbox
from sandbox.session import Session
from sandbox.sim.cluster import Cluster


def create_sandbox(*, seed: int = 1, owner: Any = None, session_key: str = "", lesson: str = "",
                   now_wall: float | None = None, session: Session | None = None,
                   extra: dict[str, Any] | None = None) -> Sandbox:
    """A fresh default cluster whose clock starts now: its objects carry today's timestamps.
    A lesson brings its own ``session`` (lessons.runner.lesson_session: its setup applied) and
    ``extra`` state kept beside the session's (its progress, under turns.LESSON_KEY)."""
    wall = time.time() if now_wall is None else now_wall
    if session is None:
        session = Session(seed, now_wall=wall, cluster=Cluster.default(seed, epoch=float(int(wall))))
    return Sandbox.objects.create(seed=seed, owner=owner, session_key=session_key, lesson=lesson,
                                  state={**session.to_json(), **(extra or {})})


@contextmanager
def open_sandbox(sandbox_id: Any = None, *, token: str | None = None, now_wall: float | None = None,
                 save: bool = True) -> Iterator[tuple[Sandbox, Session]]:
    """(row, session) of one sandbox, locked for the block and brought up to ``now_wall``.
    Raises Sandbox.DoesNotExist for an unknown id or token."""
    wall = time.time() if now_wall is None else now_wall
    with transaction.atomic():
        rows = Sandbox.objects.select_for_update()
        row = rows.get(token=token) if token is not None else rows.get(pk=sandbox_id)
        session = Session.from_json(row.state)
        session.tick(wall)
        yield row, session
        if save:
            # Keys of the outer ring (the web page's timeline and terminal text) stay beside it.
            row.state = {**row.state, **session.to_json()}
            row.save(update_fields=["state", "updated"])
