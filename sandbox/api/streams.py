"""Long requests (watch, ``logs -f``) without holding a sandbox: turns.

A stream is a series of *turns*. Each turn opens the sandbox under its lock, lets it catch up
with the wall clock while listening to what changes on the way, takes what the client has not
seen yet, and releases it, all in a few milliseconds. Between turns the stream sleeps on asyncio
and only asks the database a cheap question every ``POLL_INTERVAL`` (has the sandbox row changed,
is its token still valid); a full turn runs when the row changed or when the simulation has a
timer due by then (its next event, mapped to the wall clock by the lab clock). An idle watch of a
paused sandbox costs one indexed SELECT per interval.

A turn saves the sandbox only when catching up changed no object (timers ran, nothing visible
happened): saving drops the store's change history (sim/store.py keeps none across a save), and
another watcher must not miss changes it has not sent yet. When objects did change, the next
writer saves them; a turn recomputes the same changes from the saved state until then, since the
simulation is deterministic.
"""
from __future__ import annotations

import asyncio
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Callable, Iterator

from asgiref.sync import sync_to_async
from django.db import OperationalError

from sandbox.api.access import last_change, save_quietly, session_for
from sandbox.models import Sandbox
from sandbox.session import Session
from sandbox.sim.store import WatchEvent

POLL_INTERVAL = 0.2          # seconds between the cheap checks
HEARTBEAT = 30.0             # seconds of silence after which a turn runs anyway


@dataclass(slots=True)
class Turn:
    chunks: list[bytes] = field(default_factory=list)
    done: bool = False                  # the stream has nothing more to say
    wake_wall: float | None = None      # when the simulation has something due next
    seen: object = None                 # the row's ``updated`` after this turn


TurnFn = Callable[[float], Turn]


async def run_turns(token: str, first: Turn, turn: TurnFn, deadline: float) -> AsyncIterator[bytes]:
    """The chunks of ``first``, then of each later turn, until one says done or ``deadline``
    (wall seconds) passes. Cancelled when the client goes away (Django's ASGI handler)."""
    # An empty chunk first: the status and headers go out now, as kube-apiserver flushes them
    # when a watch starts (handlers/watch.go); clients wait for them before reading any event.
    yield b""
    for chunk in first.chunks:
        yield chunk
    current, last_turn = first, time.time()
    while not current.done:
        now = time.time()
        if now >= deadline:
            return
        await asyncio.sleep(min(POLL_INTERVAL, max(0.0, deadline - now)))
        change = await sync_to_async(last_change)(token)
        if change is None:
            return                      # the token was revoked: the stream ends
        now = time.time()
        due = current.wake_wall is not None and now >= current.wake_wall
        if change[0] == current.seen and not due and now - last_turn < HEARTBEAT:
            continue
        try:
            current = await sync_to_async(turn)(now)
        except OperationalError:        # SQLite busy with another writer: look again next time
            continue
        except Exception:               # the token was revoked, or the sandbox broke: end it
            return
        last_turn = now
        for chunk in current.chunks:
            yield chunk


def next_wake(session: Session) -> float | None:
    """The wall instant the sandbox next has something due (a timer, the terminal's running
    line), or None (nothing scheduled, or the lab clock is paused)."""
    wakes = []
    due = session.cluster.next_due()
    if due is not None:
        wall = session.clock.wall_at(due)
        if wall is not None:
            wakes.append(wall)
    line = session.next_wake_wall()
    if line is not None:
        wakes.append(line)
    return min(wakes) if wakes else None


@dataclass(slots=True)
class Look:
    """One turn's view of the sandbox: what was stored before it caught up, and the changes on
    the way with the simulated instant of each."""

    row: Sandbox
    session: Session
    loaded_rv: int
    loaded_at: float
    times: dict[int, float] = field(default_factory=dict)
    seen: object = None

    def changes(self) -> list[WatchEvent]:
        return self.session.cluster.store.events_since(self.loaded_rv)


@contextmanager
def look(token: str, wall: float, before: Callable[[Session], Any] | None = None) -> Iterator[tuple[Look, Any]]:
    """A turn: the sandbox as saved (``before`` sees it so), caught up with ``wall`` while its
    changes are timed, then saved if catching up changed no object.

    The row comes from open_sandbox, locked; the session is rebuilt from the row's saved state
    rather than taken from open_sandbox, which has already caught up (a paused clock moved by a
    lab jump takes its session to the new instant on load) without anyone listening."""
    with session_for(token, wall, catch_up=False, save=False) as (row, _caught_up):
        session = Session.from_json(row.state)
        cluster = session.cluster
        seen_before = before(session) if before is not None else None
        current = Look(row, session, cluster.store.rv, cluster.now)
        unsubscribe = cluster.store.subscribe(
            lambda e: current.times.__setitem__(e.resource_version, cluster.now))
        try:
            session.tick(wall)
        finally:
            unsubscribe()
        yield current, seen_before
        current.seen = row.updated
        if cluster.store.rv == current.loaded_rv:
            save_quietly(row, session)
            current.seen = row.updated
