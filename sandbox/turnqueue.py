"""The one thread that runs every sandbox turn of this process, the learners' own turns first.

Turns are synchronous (the ORM, the simulation) and used to go through Channels'
``database_sync_to_async``: asgiref's one thread-sensitive thread, shared with everything else
sync in the process, first come first served, and the database connection closed after every
call (``CONN_MAX_AGE = 0``): each turn paid a reconnect (~1.2 ms of CPU with SQLite, a TCP
handshake and authentication with PostgreSQL). Here:

- one dedicated thread runs turns one at a time, with its own connection kept open (one per
  process; closed and reopened only when it failed, and checked before use after a quiet minute);
- two lanes: ``Lane.LEARNER`` (a line typed, Ctrl-C, a click, a tab connecting: somebody waits)
  and ``Lane.BACKGROUND`` (a wake-up because a timer fell due, a change made elsewhere). A learner's
  turn goes before every background turn still waiting, so a burst of wake-ups (a class whose
  probes fall due in the same second) delays the other wake-ups, not the learner who pressed Enter:
  at most the one background turn already running is ahead of it.

Only the order changes: each sandbox's turns are still serialised by its runner (live.py) and,
across processes, by the row lock. Tests and management commands call ``take_turn`` directly.
"""
from __future__ import annotations

import asyncio
import enum
import time
import weakref
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from django.db import connections

T = TypeVar("T")
HEALTH_CHECK_AFTER = 60.0      # seconds idle after which the connection is checked before a turn


class Lane(enum.IntEnum):
    LEARNER = 0
    BACKGROUND = 1


_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="podlab-turns")
_QUEUES: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Queue] = weakref.WeakKeyDictionary()
_last_used = 0.0


class _Queue:
    """The waiting turns of one event loop (Daphne has one; each async test its own)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.lanes: tuple[deque[Any], deque[Any]] = (deque(), deque())
        self.running = False

    def push(self, lane: Lane, call: Callable[[], Any]) -> asyncio.Future[Any]:
        future = self.loop.create_future()
        self.lanes[lane].append((call, future))
        self._next()
        return future

    def _next(self) -> None:
        if self.running:
            return
        for lane in self.lanes:
            while lane:
                call, future = lane.popleft()
                if future.cancelled():          # the tab went away while its turn waited
                    continue
                self.running = True
                done = self.loop.run_in_executor(_EXECUTOR, _run, call)
                done.add_done_callback(lambda d, f=future: self._finished(d, f))
                return

    def _finished(self, done: asyncio.Future[Any], future: asyncio.Future[Any]) -> None:
        self.running = False
        if not future.cancelled():
            if done.exception() is not None:
                future.set_exception(done.exception())  # type: ignore[arg-type]
            else:
                future.set_result(done.result())
        self._next()


async def run_turn(lane: Lane, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` on the turn thread, after the turns waiting ahead of it in its lane
    and, for a background turn, after every learner's turn waiting."""
    loop = asyncio.get_running_loop()
    queue = _QUEUES.get(loop)
    if queue is None:
        queue = _QUEUES[loop] = _Queue(loop)
    return await queue.push(lane, lambda: fn(*args, **kwargs))


def _run(call: Callable[[], T]) -> T:
    """On the turn thread: the connection is made ready, the call runs, a failed connection is
    closed so that the next turn opens a fresh one (Django's close_if_unusable_or_obsolete,
    without closing a healthy connection after every turn)."""
    global _last_used
    now = time.monotonic()
    if now - _last_used > HEALTH_CHECK_AFTER:
        for conn in connections.all(initialized_only=True):
            if conn.connection is not None and not conn.is_usable():
                conn.close()
    try:
        return call()
    finally:
        _last_used = time.monotonic()
        for conn in connections.all(initialized_only=True):
            if conn.errors_occurred:
                if conn.is_usable():
                    conn.errors_occurred = False
                else:
                    conn.close()
