"""File descriptors and redirections (XCU 2.7) over the plain-data descriptor table of a thread.

Writes happen at once: to the container's log streams through ``host.write(stream, text, now)``,
to files by appending to them in the file system (each write is an append, so a file written by
a loop grows while the loop sleeps, as a real ``>>`` file does), or to a capture buffer.
Input is text with a read position: a file is read whole when ``<`` opens it (a snapshot).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..fs import FsError, normpath
from .ast import Redirect

if TYPE_CHECKING:
    from .state import Thread
    from .vm import Runtime

_DEFAULT_FD = {"<": 0, "<<": 0, "<<-": 0, "<<<": 0, "<&": 0, "<>": 0,
               ">": 1, ">>": 1, ">|": 1, ">&": 1, "&>": 1, "&>>": 1}


class RedirectError(Exception):
    """A redirection that could not be set up; the message is already worded for the shell."""


def write_fd(rt: Runtime, thread: Thread, fd: int, text: str) -> None:
    entry = thread.fds.get(str(fd))
    if entry is not None:
        write_entry(rt, thread, entry, text)


def write_entry(rt: Runtime, thread: Thread, entry: dict[str, Any], text: str) -> None:
    if not text:
        return
    kind = entry["t"]
    if kind == "host":
        rt.host.write(entry["s"], text, rt.now)
    elif kind == "file":
        try:
            rt.host.fs.write(entry["p"], text, append=True)
        except FsError as exc:
            # Full (limits.py: EFBIG, EDQUOT): the writer says so on its standard error, as bash's
            # builtins do; otherwise the file went away under an open descriptor: the bytes go
            # nowhere visible.
            err = thread.fds.get("2")
            if exc.errno in ("EFBIG", "EDQUOT") and err is not None and err != entry:
                write_entry(rt, thread, err, f"bash: write error: {exc.strerror}\n")
    elif kind == "cap" and entry["i"] < len(thread.captures):
        thread.captures[entry["i"]] += text


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
    fs = rt.host.fs
    try:
        if not append or not fs.exists(path):
            fs.write(path, "")
        elif fs.is_dir(path):
            raise FsError("EISDIR", path)
    except FsError as exc:
        raise RedirectError(rt.msgs.cannot_create(target, exc.errno, exc.strerror, thread.line)) from None
    return {"t": "file", "p": path}
