"""What the page's buttons and panes do to a session: Ctrl-C, the time controls, the editor.

Each is a plain function of a ``Session`` (turns.py runs it inside a turn, which saves it), so
they are tested without a database. The time controls are the ``lab`` commands' effects with the
page's words: pause, resume, a speed (which also resumes), advance by some seconds, and "next
event", the instant of the next visible change (terminal/lab.py ``next_change``).
"""
from __future__ import annotations

import posixpath
from typing import Any

from sandbox.session import Session
from sandbox.sim.fs import FsError
from sandbox.sim.fs.errors import STRERROR
from sandbox.sim.limits import MAX_FILE_CHARS
from sandbox.terminal.clock import MAX_SPEED
from sandbox.terminal.host import HOME
from sandbox.terminal.lab import MAX_ADVANCE, NEXT_HORIZON, next_change, snapshot

SPEEDS = (1.0, 10.0, 60.0)
MAX_FILE = MAX_FILE_CHARS     # the editor saves what the shell could write (sim/limits.py)


class ActionError(ValueError):
    """A request the page should not have sent; the message is for the log, not the learner."""


def interrupt(session: Session) -> bool:
    """Ctrl-C: the running line stops with status 130 and the terminal shows ``^C``."""
    if not session.interrupt():
        return False
    session.emit("terminal", "^C\n")
    return True


def set_clock(session: Session, frame: dict[str, Any]) -> str:
    """``clock.set``: one of {"paused": bool}, {"speed": n}, {"advance": seconds}, {"next": true}."""
    clock, wall = session.clock, session.wall
    if "paused" in frame:
        (clock.pause if frame["paused"] else clock.resume)(wall)
        return "paused" if frame["paused"] else "resumed"
    if "speed" in frame:
        speed = _number(frame["speed"])
        if not 0 < speed <= MAX_SPEED:
            raise ActionError(f"speed out of range: {speed}")
        clock.set_speed(speed, wall)
        if clock.paused:
            clock.resume(wall)
        return "speed"
    if "advance" in frame:
        seconds = _number(frame["advance"])
        if not 0 < seconds <= MAX_ADVANCE:
            raise ActionError(f"advance out of range: {seconds}")
        session.advance_to(session.now + seconds)
        return "advanced"
    if frame.get("next"):
        due = next_change(session.cluster, snapshot(session.cluster), NEXT_HORIZON)
        if due is None:
            return "nothing"
        session.advance_to(due)
        return "advanced"
    raise ActionError("clock.set needs paused, speed, advance or next")


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ActionError(f"not a number: {value!r}")
    return float(value)


def file_path(path: Any) -> str:
    """A path the editor may touch: under the home directory, as an absolute path."""
    if not isinstance(path, str) or not path.strip():
        raise ActionError("a file path is needed")
    path = path.strip()
    if path.startswith("~"):
        path = HOME + path[1:]
    full = posixpath.normpath(posixpath.join(HOME, path))
    if not full.startswith(HOME + "/"):
        raise ActionError(f"outside the home directory: {path}")
    return full


def read_file(session: Session, path: str) -> dict[str, Any]:
    full = file_path(path)
    try:
        return {"path": full, "text": session.fs.read(full), "exists": True}
    except FsError:
        return {"path": full, "text": "", "exists": False}


def save_file(session: Session, path: str, text: Any) -> str:
    full = file_path(path)
    if not isinstance(text, str):
        raise ActionError("file text missing")
    if len(text) > MAX_FILE:      # what the file system would refuse: nothing is written
        raise ActionError(f"cannot write {full}: {STRERROR['EFBIG']} ({len(text)} characters; the limit is {MAX_FILE})")
    try:
        session.fs.mkdir(posixpath.dirname(full), parents=True)
        session.fs.write(full, text)
    except FsError as exc:
        raise ActionError(f"cannot write {full}: {exc.strerror}") from None
    return full


def apply_line(session: Session, full: str) -> str:
    """The line the Apply button types: ``kubectl apply -f pod.yaml`` (relative when it can be)."""
    cwd = session.shell.main.cwd
    shown = posixpath.relpath(full, cwd) if full.startswith(cwd.rstrip("/") + "/") else full
    return f"kubectl apply -f {shown}"
