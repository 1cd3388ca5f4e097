"""SQLite's WAL checkpoints run on a thread of their own (sandbox/walcheckpoint.py): the turn
thread's connection never copies the log back into the database inside a learner's commit."""
from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest
from django.db import connection, connections

from sandbox import walcheckpoint
from sandbox.turnqueue import Lane, run_turn

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's WAL only")


def _write_turn(n: int) -> int:
    """A turn that commits ``n`` rows' worth of pages, as a sandbox's save does; returns the
    turn connection's wal_autocheckpoint."""
    conn = connections["default"]
    with conn.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS wal_probe (id INTEGER PRIMARY KEY, body TEXT)")
        for _ in range(n):
            cursor.execute("INSERT INTO wal_probe (body) VALUES (%s)", ["x" * 8000])
        cursor.execute("PRAGMA wal_autocheckpoint")
        return int(cursor.fetchone()[0])


def _log_frames(path: str) -> int:
    """How many frames the WAL holds now (a checkpoint reports it; whatever this one copies, the
    count is of the log as it stands)."""
    probe = sqlite3.connect(path, timeout=5)
    try:
        return int(probe.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1])
    finally:
        probe.close()


async def test_the_turn_connection_leaves_checkpoints_to_the_checkpointer_thread(transactional_db):
    walcheckpoint.stop()
    await run_turn(Lane.LEARNER, _write_turn, 1)          # opens the turn connection
    setting = await run_turn(Lane.LEARNER, _write_turn, 1)
    assert setting == 0                                   # this connection never checkpoints
    running = walcheckpoint.running()
    assert running is not None and running.alive()
    assert running.path == str(connections["default"].settings_dict["NAME"])

    before = running.count
    for _ in range(5):                                    # far more than the 1,000 pages a default
        await run_turn(Lane.LEARNER, _write_turn, 200)    # connection would checkpoint at
    deadline = time.monotonic() + 5
    while running.count < before + 2 and time.monotonic() < deadline:
        await asyncio.sleep(walcheckpoint.INTERVAL / 2)
    assert running.count >= before + 2                    # the thread checkpoints on its own
    # The log was copied back whole, so the next commit starts it again from its first frame:
    # without the thread it would still hold the >1,000 frames written above.
    await run_turn(Lane.LEARNER, _write_turn, 1)
    assert _log_frames(running.path) < 50


async def test_a_checkpointer_that_stopped_is_started_again_by_the_next_turn(transactional_db):
    await run_turn(Lane.LEARNER, _write_turn, 1)
    first = walcheckpoint.running()
    assert first is not None
    first.stop()
    assert not first.alive()
    await run_turn(Lane.LEARNER, _write_turn, 1)
    second = walcheckpoint.running()
    assert second is not None and second is not first and second.alive()


async def test_a_turn_that_does_not_touch_the_database_opens_no_connection():
    # No database access is allowed here (no db fixture): a turn of pure Python still runs.
    assert await run_turn(Lane.LEARNER, lambda: 42) == 42
