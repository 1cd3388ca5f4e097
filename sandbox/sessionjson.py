"""A learner's session as JSON, and back: the whole of it, a line in progress included.

``dump`` is ``Session.to_json``, ``load`` is ``Session.from_json`` (sandbox/session.py): kept
apart from the session's behaviour, beside which they would only be read when the saved format
changes. The JSON is plain (lists, dicts, strings, numbers): ``json.loads(json.dumps(x)) == x``;
the kubectl records are their own JSON form (sandbox/trace.py). A sandbox saved before traces,
command records or history numbering existed still loads.
"""
from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING, Any

from sandbox.sim.cluster import Cluster
from sandbox.sim.shell import Process
from sandbox.terminal import lookup
from sandbox.terminal.clock import LabClock
from sandbox.terminal.host import TerminalHost, new_file_system
from sandbox.trace import CommandRecord, Trace

if TYPE_CHECKING:
    from sandbox.session import Session

FORMAT_VERSION = 1


def dump(session: Session) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION, "seed": session.seed, "screen": session.screen, "wall": session.wall,
        "clock": session.clock.to_json(), "cluster": session.cluster.to_json(), "files": session.fs.to_json(),
        "shell": session.shell.to_json(), "history": list(session.history), "status": session.status,
        **({"history_base": session.history_base} if session.history_base != 1 else {}),
        "line": {"running": session._running, "start": session._line_start, "taken": session._taken,
                 "wake": "inf" if session._wake is not None and math.isinf(session._wake) else session._wake,
                 "busy": session._busy,
                 "chunks": [list(c) for c in session._chunks], "text": session._line, "emitted": session._emitted,
                 "number": session._lines},
        "trace": session.trace.to_json(), "commands": list(session.commands),
        **({"origin": session.origin} if session.origin is not None else {}),
    }


def load(cls: type[Session], data: dict[str, Any]) -> Session:
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"unsupported session format version: {data.get('version')!r}")
    session = cls.__new__(cls)
    session.seed = int(data["seed"])
    session.screen = bool(data["screen"])
    session.cluster = Cluster.from_json(data["cluster"])
    session.fs = new_file_system(session.cluster.ca_cert, data["files"])
    session.shell = Process.from_json(data["shell"])
    session.history = [sys.intern(line) for line in data["history"]]
    session.history_base = int(data.get("history_base", 1))
    session.clock = LabClock.from_json(data["clock"])
    session.wall = float(data["wall"])
    session.host = TerminalHost(session, lookup)
    session.status = int(data["status"])
    line = data["line"]
    session._chunks = [list(c) for c in line["chunks"]]
    session._taken = int(line["taken"])
    session._emitted = int(line.get("emitted", 0))
    session._running = bool(line["running"])
    wake = line["wake"]
    session._wake = math.inf if wake == "inf" else (None if wake is None else float(wake))
    session._busy = bool(line.get("busy", False))
    session._line_start = float(line["start"])
    # Sandboxes saved before traces existed load with an empty command log and a trace that
    # starts from the pods as they are (Trace.attach reconciles).
    session._line = str(line.get("text", ""))
    session._lines = int(line.get("number", len(session.history)))
    session.trace = Trace.from_json(data.get("trace"))
    session._untrace = session.trace.attach(session.cluster)
    session.commands = [CommandRecord.from_json(c) for c in data.get("commands") or []]
    session.origin = data.get("origin")
    return session
