"""A container's log as the runtime keeps it: CRI log lines, the newest ``LOG_LINES_KEPT``, older ones sealed.

A line is a row of plain values, ``(t, stream, text)``, or ``(t, stream, text, True)`` while it
is partial (the CRI log format's ``P`` tag: no newline yet, so the next output is merged into it).
A probed nginx writes an access-log line every period, so a pod running for a day keeps thousands
of rows, and the whole sandbox is saved on every turn of a learner's terminal: at 5,000 lines per
container the state grew to 750 KiB and a ``kubectl get pods`` turn took 8 ms instead of 2.6
(bench/turns.py). Only the newest rows ever change, so the older ones are *sealed*: every
``CHUNK`` rows, counted from the first line the container ever wrote, become one chunk, its JSON
compressed (zlib) and kept as base64 text, in memory as in the saved state. Chunks are sealed when
the log is saved; a later save writes a sealed chunk as the string it is, and only a read of the
log (``kubectl logs``, the API's log endpoint, a termination message taken from it) opens them.

The rows kept are the same as a plain list's: each line numbered from 0 (``total`` counts them), the
first ``base`` of them gone (the runtime keeps the newest ``LOG_LINES_KEPT``); a chunk whose start
has gone is kept until all of its rows have. Where chunks begin depends only on those numbers, so
the saved form is the same however the container's life was cut by saves and loads (the lazy
advance's rule). The last row is never sealed (a partial line may still grow). Plain Python.
"""
from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

CHUNK = 128                    # rows per sealed chunk
Row = tuple[Any, ...]


def _seal(rows: list[Row]) -> str:
    text = json.dumps(rows, separators=(",", ":"), ensure_ascii=False)
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")


@lru_cache(maxsize=128)
def _open(sealed: str) -> tuple[Row, ...]:
    """A sealed chunk's rows. Remembered for the last 128 chunks opened in this process (about
    16,000 lines): ``kubectl logs -f`` reads the whole log again at each look."""
    return tuple(tuple(row) for row in json.loads(zlib.decompress(base64.b64decode(sealed)).decode("utf-8")))


class LogBuffer:
    __slots__ = ("total", "base", "sealed", "tail")

    def __init__(self, rows: Iterable[Row] = ()) -> None:
        self.total = 0                          # lines ever written (the next line's number)
        self.base = 0                           # lines gone from the start
        self.sealed: list[list[Any]] = []       # [start, count, sealed text], oldest first
        self.tail: list[Row] = []               # the newest rows, from line total - len(tail)
        for row in rows:
            self.append(row)

    # -- writing -----------------------------------------------------------------------------------
    def append(self, row: Row) -> None:
        self.tail.append(row)
        self.total += 1

    def set_last(self, row: Row) -> None:
        """The last line again (a partial line merged with what followed)."""
        self.tail[-1] = row

    def last(self) -> Row | None:
        return self.tail[-1] if self.tail else None

    def keep(self, lines: int) -> None:
        """Only the newest ``lines`` stay. A chunk's rows go all together, when its last one has
        gone (until then the ones before ``base`` are only hidden): a chunk is always whole."""
        if self.total - self.base <= lines:
            return
        self.base = self.total - lines
        while self.sealed and self.sealed[0][0] + self.sealed[0][1] <= self.base:
            del self.sealed[0]
        start = self.total - len(self.tail)
        gone = (self.base // CHUNK) * CHUNK - start
        if not self.sealed and gone > 0:
            del self.tail[:gone]

    def seal(self) -> None:
        """Seals every whole chunk of the tail but the one that holds the last row. Done when the
        log is saved (``to_json``), not as it is written: a simulation that is not saved pays
        nothing, and where chunks begin does not depend on when it happens."""
        start = self.total - len(self.tail)
        while True:
            end = (start // CHUNK + 1) * CHUNK
            if self.total <= end:
                return
            self.sealed.append([start, end - start, _seal(self.tail[:end - start])])
            del self.tail[:end - start]
            start = end

    # -- reading -----------------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        """Every line kept, oldest first."""
        out: list[Row] = []
        for start, _count, sealed in self.sealed:
            out += _open(sealed)[max(0, self.base - start):]
        return out + self.tail[max(0, self.base - (self.total - len(self.tail))):]

    def __len__(self) -> int:
        return self.total - self.base

    def __bool__(self) -> bool:
        return self.total > self.base

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LogBuffer):
            return NotImplemented
        return (self.total, self.base, self.rows()) == (other.total, other.base, other.rows())

    def __repr__(self) -> str:
        return f"LogBuffer(lines={len(self)}, sealed={len(self.sealed)}, tail={len(self.tail)})"

    # -- persistence -------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        self.seal()
        return {"total": self.total, "base": self.base, "sealed": [list(chunk) for chunk in self.sealed],
                "rows": [list(row) for row in self.tail]}

    @classmethod
    def from_json(cls, data: Any) -> LogBuffer:
        """The saved form, or a plain list of rows (a sandbox saved before chunks existed)."""
        if not data:
            return cls()
        if isinstance(data, list):
            return cls(tuple(row) for row in data)
        buffer = cls()
        buffer.total, buffer.base = int(data["total"]), int(data["base"])
        buffer.sealed = [[int(start), int(count), str(text)] for start, count, text in data["sealed"]]
        buffer.tail = [tuple(row) for row in data["rows"]]
        return buffer
