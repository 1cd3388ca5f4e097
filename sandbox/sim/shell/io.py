"""File descriptors and redirections (XCU 2.7) over the plain-data descriptor table of a thread.

Writes happen at once: to the container's log streams through ``host.write(stream, text, now)``,
to files by appending to them in the file system (each write is an append, so a file written by
a loop grows while the loop sleeps, as a real ``>>`` file does), or to a capture buffer.
Input is text with a read position: a file is read whole when ``<`` opens it (a snapshot).

A capture buffer (a ``$(...)`` or a pipe to the next pipeline stage) holds at most
``MAX_PIPE_CHARS``. A writer that would go past it is parked for ever (spin.py), as a writer
waits on a full pipe in bash; here its reader only starts once the writer has ended, so it
never drains it (``while :; do echo; done | wc -l`` runs until it is interrupted, as in bash,
without filling memory). A pipe whose reader takes only so much is in pipes.py.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..fs import FsError, normpath
from ..limits import MAX_WORD_CHARS
from .ast import Redirect

if TYPE_CHECKING:
    from .state import Thread
    from .vm import Runtime

MAX_PIPE_CHARS = MAX_WORD_CHARS   # a capture buffer: as much as one word may hold (1 MiB)
_DEFAULT_FD = {"<": 0, "<<": 0, "<<-": 0, "<<<": 0, "<&": 0, "<>": 0,
               ">": 1, ">>": 1, ">|": 1, ">&": 1, "&>": 1, "&>>": 1}


class RedirectError(Exception):
    """A redirection that could not be set up; the message is already worded for the shell."""


def write_fd(rt: Runtime, thread: Thread, fd: int, text: str) -> bool:
    """Writes ``text`` to descriptor ``fd``; False when the write failed (a full file)."""
    entry = thread.fds.get(str(fd))
    return write_entry(rt, thread, entry, text) if entry is not None else True


def write_entry(rt: Runtime, thread: Thread, entry: dict[str, Any], text: str) -> bool:
    if not text:
        return True
    kind = entry["t"]
    if kind == "host":
        if rt.host.write(entry["s"], text, rt.now) is not False or thread.tid != 0:
            rt.touch()   # seen (a job's output may be seen in a later line): not pure (spin.py)
    elif kind == "file":
        rt.touch()
        try:
            rt.host.fs.write(entry["p"], text, append=True)
        except FsError as exc:
            # Full (limits.py: EFBIG, EDQUOT): the writer says so on its standard error, as bash's
            # builtins do; otherwise the file went away under an open descriptor: the bytes go
            # nowhere visible.
            err = thread.fds.get("2")
            if exc.errno in ("EFBIG", "EDQUOT"):
                if err is not None and err != entry:
                    write_entry(rt, thread, err, f"bash: write error: {exc.strerror}\n")
                return False            # write(2) failed: the command's status says so
    elif kind == "cap" and entry["i"] < len(thread.captures):
        _write_capture(thread, entry, text)
    return True


def _write_capture(thread: Thread, entry: dict[str, Any], text: str) -> None:
    index = entry["i"]
    frame = _pipe_frame(thread, index) if entry.get("pipe") else None
    demand = frame["rd"] if frame is not None else None   # [unit, how much the reader still takes]
    if demand is not None and demand[1] <= 0:
        _broken(thread)      # the reader has what it wanted and is gone: SIGPIPE (pipes.py)
        return
    captures = thread.captures
    buffer = captures[index]
    captures[index] = ""     # the only reference left: the append below is in place, not a copy
    room = MAX_PIPE_CHARS - len(buffer)
    full = len(text) > room
    if full:
        text = text[:room]
    buffer += text
    captures[index] = buffer
    if demand is not None:
        demand[1] -= text.count("\n") if demand[0] == "n" else len(text)
    if full and demand is not None and demand[1] <= 0:
        _broken(thread)      # the reader left in the middle of this write
    elif full:
        thread.wake, thread.spinning = math.inf, True   # parked on a full pipe (spin.park)


def _pipe_frame(thread: Thread, index: int) -> dict[str, Any] | None:
    for frame in reversed(thread.frames):
        if frame["k"] == "sub" and frame["cap"] == index:
            return frame if "rd" in frame else None
    return None


def _broken(thread: Thread) -> None:
    """SIGPIPE is due to the writing process, the innermost subshell (frames.sigpipe)."""
    for at in range(len(thread.frames) - 1, -1, -1):
        if thread.frames[at]["k"] == "sub":
            thread.broken = at
            return


def new_input(thread: Thread, text: str) -> dict[str, Any]:
    thread.streams.append([text, 0])
    return {"t": "in", "i": len(thread.streams) - 1}


def read_all(thread: Thread, fd: int = 0) -> str:
    entry = thread.fds.get(str(fd))
    if entry is None or entry["t"] != "in":
        return ""
    stream = thread.streams[entry["i"]]
    text = stream[0][stream[1]:]
    stream[1] = len(stream[0])
    return text


def read_line(thread: Thread, fd: int = 0) -> str | None:
    """One line with its newline, the unterminated last line, or None at end of input."""
    entry = thread.fds.get(str(fd))
    if entry is None or entry["t"] != "in":
        return None
    stream = thread.streams[entry["i"]]
    data, pos = stream
    if pos >= len(data):
        return None
    end = data.find("\n", pos)
    end = len(data) if end < 0 else end + 1
    stream[1] = end
    return data[pos:end]


def apply_redirects(rt: Runtime, thread: Thread, redirects: tuple[Redirect, ...], targets: list[str]) -> None:
    """Applies redirections in order (so ``>f 2>&1`` sends both to f); raises RedirectError."""
    for redirect, target in zip(redirects, targets):
        op = redirect.op
        fd = redirect.fd if redirect.fd is not None else _DEFAULT_FD[op]
        key = str(fd)
        if op in ("<<", "<<-"):
            thread.fds[key] = new_input(thread, target)
        elif op == "<<<":
            thread.fds[key] = new_input(thread, target + "\n")
        elif op in (">&", "<&") and (target.isdigit() or target == "-"):
            if target == "-":
                thread.fds[key] = {"t": "closed"}
            elif target in thread.fds:
                thread.fds[key] = dict(thread.fds[target])
            else:
                raise RedirectError(rt.msgs.shell_error(f"{target}: Bad file descriptor", thread.line))
        elif op in ("<", "<>"):
            thread.fds[key] = _open_input(rt, thread, target)
        else:
            entry = _open_output(rt, thread, target, append=op in (">>", "&>>"))
            if op in ("&>", "&>>") or (op == ">&" and redirect.fd is None):
                thread.fds["1"] = entry
                thread.fds["2"] = dict(entry)
            else:
                thread.fds[key] = entry


def _open_input(rt: Runtime, thread: Thread, target: str) -> dict[str, Any]:
    path = normpath(target, thread.cwd)
    if path == "/dev/stdin":
        return dict(thread.fds.get("0", {"t": "null"}))
    rt.touch()
    try:
        text = rt.host.fs.read(path)
    except FsError as exc:
        raise RedirectError(rt.msgs.cannot_open(target, exc.errno, exc.strerror, thread.line)) from None
    return new_input(thread, text)


def _open_output(rt: Runtime, thread: Thread, target: str, append: bool) -> dict[str, Any]:
    path = normpath(target, thread.cwd)
    if path == "/dev/null":
        return {"t": "null"}
    if path in ("/dev/stdout", "/proc/self/fd/1", "/dev/fd/1"):
        return dict(thread.fds.get("1", {"t": "null"}))
    if path in ("/dev/stderr", "/proc/self/fd/2", "/dev/fd/2"):
        return dict(thread.fds.get("2", {"t": "null"}))
    rt.touch()
    fs = rt.host.fs
    try:
        if not append or not fs.exists(path):
            fs.write(path, "")
        elif fs.is_dir(path):
            raise FsError("EISDIR", path)
    except FsError as exc:
        raise RedirectError(rt.msgs.cannot_create(target, exc.errno, exc.strerror, thread.line)) from None
    return {"t": "file", "p": path}
