"""The one thread that runs every sandbox turn of this process, the learners' own turns first.

Turns are synchronous (the ORM, the simulation) and used to go through Channels'
``database_sync_to_async``: asgiref's one thread-sensitive thread, shared with everything else
sync in the process, first come first served, and the database connection closed after every
call (``CONN_MAX_AGE = 0``): each turn paid a reconnect (~1.2 ms of CPU with SQLite, a TCP
handshake and authentication with PostgreSQL). Here:

- one dedicated thread runs turns one at a time, with its own connection kept open (one per
  process; closed and reopened only when it failed, and checked before use after a quiet minute);
  with SQLite, that connection leaves the WAL's checkpoints to a thread of their own
  (walcheckpoint.py);
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
import contextlib
import enum
import time
import weakref
from collections import deque
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, reset_queries

from sandbox import walcheckpoint

T = TypeVar("T")
HEALTH_CHECK_AFTER = 60.0      # seconds idle after which the connection is checked before a turn


class Lane(enum.IntEnum):
    LEARNER = 0
    BACKGROUND = 1


_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="podlab-turns")
_QUEUES: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Queue] = weakref.WeakKeyDictionary()
_last_used = 0.0


class _Queue:
    """The waiting turns of one event loop (Daphne has one; each async test its own): futures
    that are resolved, one at a time, when the thread is theirs."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.lanes: tuple[deque[asyncio.Future[None]], deque[asyncio.Future[None]]] = (deque(), deque())
        self.busy = False

    def reserve(self, lane: Lane) -> asyncio.Future[None]:
        waiter = self.loop.create_future()
        self.lanes[lane].append(waiter)
        self._next()
        return waiter

    def release(self) -> None:
        self.busy = False
        self._next()

    def _next(self) -> None:
        if self.busy:
            return
        for lane in self.lanes:
            while lane:
                waiter = lane.popleft()
                if waiter.cancelled():          # the tab went away while its turn waited
                    continue
                self.busy = True
                waiter.set_result(None)
                return


def _queue() -> _Queue:
    loop = asyncio.get_running_loop()
    queue = _QUEUES.get(loop)
    if queue is None:
        queue = _QUEUES[loop] = _Queue(loop)
    return queue


Submit = Callable[[Callable[[], T]], "asyncio.Future[T]"]


@contextlib.asynccontextmanager
async def turn_slot(lane: Lane) -> AsyncIterator[Submit[Any]]:
    """Waits until the thread is this caller's (after the turns ahead of it in its lane and, for a
    background turn, after every learner's turn waiting), then yields ``submit(call)``, which runs
    one call on the thread. The thread is free again when that call ends, or when the block ends
    without one: a caller may look around once the thread is its own and decide not to run
    anything (live.py's wake-up does, when a turn of its sandbox is already under way)."""
    queue = _queue()
    waiter = queue.reserve(lane)
    try:
        await waiter
    except asyncio.CancelledError:
        if waiter.done() and not waiter.cancelled():    # given the thread, then cancelled
            queue.release()
        raise
    submitted: list[asyncio.Future[Any]] = []

    def submit(call: Callable[[], T]) -> asyncio.Future[T]:
        if submitted:
            raise RuntimeError("one call per turn slot")
        future = queue.loop.run_in_executor(_EXECUTOR, _run, call)
        submitted.append(future)
        future.add_done_callback(lambda _: queue.release())
        return future

    try:
        yield submit
    finally:
        if not submitted:
            queue.release()


def close_connections() -> None:
    """Closes the turn thread's database connections, from any other thread: before a test
    database is destroyed (an open SQLite connection keeps its -wal file, which a new database
    created under the same name would then read). At a process's exit nothing needs doing: the
    next connection to the same database file recovers its WAL, as after any crash."""
    if _EXECUTOR._threads:                 # the thread exists (a turn ran)
        _EXECUTOR.submit(connections.close_all).result(timeout=10)
    walcheckpoint.stop()


async def run_turn(lane: Lane, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` on the turn thread, in its lane's order."""
    async with turn_slot(lane) as submit:
        return await submit(lambda: fn(*args, **kwargs))


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
        # With DEBUG on (make run's default) Django logs every query of a connection, up to 9,000,
        # and a turn's UPDATE carries the whole state: a page request resets its thread's log,
        # nothing resets this thread's but this.
        reset_queries()
        for conn in connections.all(initialized_only=True):
            if conn.errors_occurred:
                if conn.is_usable():
                    conn.errors_occurred = False
                else:
                    conn.close()
        # SQLite: the WAL's checkpoints run on a thread of their own, not inside the next turns'
        # commits (from the turn after the one that opened the connection).
        walcheckpoint.ensure(connections[DEFAULT_DB_ALIAS])
