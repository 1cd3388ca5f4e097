"""SQLite's WAL checkpoints, on a thread of their own instead of in the middle of a learner's turn.

In WAL mode a commit appends the pages it changed to the ``-wal`` file, and the connection whose
commit takes the log past ``wal_autocheckpoint`` pages (1,000 by default) copies them back into the
database file there and then, with an fsync (SQLite's "automatic checkpoint"). A turn rewrites its
sandbox's row, the state and the screen column (~25 pages), so every ~40th turn paid a checkpoint
of 15-20 ms on the process's one turn thread (turnqueue.py), and every learner whose turn waited
behind it paid it too: the commit's p99 was 17 ms against a median of 0.33 ms.

Here the turn thread's connection does not checkpoint (``wal_autocheckpoint=0``) while a
``Checkpointer`` runs: a daemon thread with a connection of its own that runs
``PRAGMA wal_checkpoint(PASSIVE)`` every ``INTERVAL`` seconds. A passive checkpoint never blocks
a writer and copies what no reader still needs; sqlite3 lets go of the GIL while it works, so the
copy and its fsync run beside the turns, on the other core. The next commit after a complete
checkpoint starts the log again from its beginning (``journal_size_limit`` keeps the file from
staying large after a burst). Turns that commit faster than a passive checkpoint can finish could
keep the log from ever starting again; past ``RESTART_FRAMES`` the thread waits for the writer
(``RESTART``), a stall of the few frames still left, once in thousands of turns. Every other
connection (page views, the Kubernetes API, management commands, tests that call ``take_turn``
directly) keeps SQLite's automatic checkpoints; with the thread running they rarely find a long
log. If the thread ever stops, the turn thread's next
turn starts another one (``ensure``), so the log never grows without bound.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from typing import Any

log = logging.getLogger(__name__)

INTERVAL = 0.25                     # seconds between two checkpoints: ~35 turns' pages at most
AGAIN = 0.02                        # seconds before the next one when the last did not copy all
# Frames in the log past which a checkpoint waits for the writer (RESTART): turns that commit more
# often than a passive checkpoint can finish would otherwise never let the log start again.
RESTART_FRAMES = 4_000
JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024   # bytes of -wal file kept after the log starts again


class Checkpointer:
    """One thread checkpointing the SQLite database at ``path`` until ``stop``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.done = threading.Event()
        self.count = 0                   # checkpoints run (tests, the bench)
        self.restarts = 0                # of them, the ones that waited for the writer
        self.thread = threading.Thread(target=self._run, name="podlab-wal-checkpoint", daemon=True)
        self.thread.start()

    def alive(self) -> bool:
        return self.thread.is_alive() and not self.done.is_set()

    def stop(self) -> None:
        self.done.set()
        self.thread.join(timeout=10)

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=5, isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            log.exception("WAL checkpoints: cannot open %s", self.path)
            return
        try:
            pause = INTERVAL
            while not self.done.wait(pause):
                pause = INTERVAL
                try:
                    _, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    if frames > RESTART_FRAMES:
                        conn.execute("PRAGMA wal_checkpoint(RESTART)").fetchone()
                        self.restarts += 1
                    elif copied < frames:       # written meanwhile: soon again, not in a quarter second
                        pause = AGAIN
                    self.count += 1
                except sqlite3.Error:           # busy or locked: the next round tries again
                    log.debug("WAL checkpoint skipped", exc_info=True)
        finally:
            conn.close()


_lock = threading.Lock()
_running: Checkpointer | None = None
_configured: Any = None             # the DB-API connection last told not to checkpoint


def ensure(connection: Any) -> None:
    """Called on the turn thread after each turn with its Django connection: for an open SQLite
    connection, makes sure a checkpointer runs for its database and that this connection leaves
    checkpoints to it. A connection not opened yet (a turn that did not touch the database) is
    left alone."""
    global _running, _configured
    if connection.vendor != "sqlite" or connection.connection is None:
        return
    path = str(connection.settings_dict["NAME"])
    if path == ":memory:" or "mode=memory" in path:
        return
    with _lock:
        if _running is None or not _running.alive() or _running.path != path:
            if _running is not None:
                _running.stop()
            _running = Checkpointer(path)
        raw = connection.connection
        if raw is not _configured:
            try:
                raw.execute("PRAGMA wal_autocheckpoint=0")
                raw.execute(f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}")
            except sqlite3.Error:      # a connection gone bad: the next turn opens another
                log.warning("WAL checkpoints: cannot configure the turn connection", exc_info=True)
                return
            _configured = raw


def stop() -> None:
    """Stops the checkpointer (before a test database is destroyed; at exit the thread just ends)."""
    global _running, _configured
    with _lock:
        if _running is not None:
            _running.stop()
        _running, _configured = None, None


def running() -> Checkpointer | None:
    return _running
