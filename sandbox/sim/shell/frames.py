"""Frames of a shell thread, and unwinding them for ``exit``, ``return``, ``break``/``continue``,
the end of a subshell, a ``timeout`` deadline, SIGPIPE and the EXIT trap.

Frame kinds (plain dicts): ``sub`` (a subshell, ``$(...)``, a pipeline stage or a child ``sh -c``:
the shell state to restore; under ``timeout`` also ``dl``, its deadline, ``dlc``, the status then,
and ``dlm``, what is said then; for a pipeline stage whose reader is known, ``rd``: pipes.py),
``redir`` (descriptors to restore), ``loop``, ``func`` (return address and the caller's "$@"),
``eval`` (``eval``/``.`` return address), ``trap`` (a signal handler: return address and the
``$?`` to restore, XCU 2.14 "trap"), ``exittrap``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .io import new_input, write_entry

if TYPE_CHECKING:
    from .state import Thread
    from .vm import Runtime


def jump(thread: Thread, target: list[int]) -> None:
    thread.prog, thread.pc = target[0], target[1]


# ---- frames ------------------------------------------------------------------------------------

def snapshot(thread: Thread) -> dict[str, Any]:
    return {"vars": dict(thread.vars), "exported": sorted(thread.exported), "positional": list(thread.positional),
            "arg0": thread.arg0, "funcs": {k: list(v) for k, v in thread.funcs.items()},
            "traps": dict(thread.traps), "opts": thread.opts, "cwd": thread.cwd, "last_bg": thread.last_bg}


def push_sub(rt: Runtime, thread: Thread, end: list[int], capture: bool, stdin: str | None,
             reader: list[Any] | None = None, **extra: Any) -> None:
    """``reader``: the capture is a pipe whose reader takes only so much (pipes.py), kept in the
    frame as ``rd``."""
    frame = {"k": "sub", "saved": snapshot(thread), "fds": dict(thread.fds), "sp": len(thread.stack),
             "ns": len(thread.streams), "nc": len(thread.captures), "end": end, "cap": -1, **extra}
    if stdin is not None:
        thread.fds["0"] = new_input(thread, stdin)
    if capture:
        frame["cap"] = len(thread.captures)
        thread.captures.append("")
        thread.fds["1"] = {"t": "cap", "i": frame["cap"]}
        if reader is not None:
            frame["rd"] = reader
            thread.fds["1"]["pipe"] = 1
    # A subshell starts with the parent's traps reset, except ignored ones (XCU 2.12).
    thread.traps = {k: v for k, v in thread.traps.items() if v == ""}
    thread.frames.append(frame)


def restore_sub(thread: Thread, frame: dict[str, Any]) -> None:
    """Gives the thread back the shell state a subshell frame saved (its variables, cwd,
    descriptors ...), as when the subshell's process ends."""
    saved = frame["saved"]
    thread.vars, thread.exported = saved["vars"], set(saved["exported"])
    thread.positional, thread.arg0 = saved["positional"], saved["arg0"]
    thread.funcs, thread.traps, thread.opts = saved["funcs"], saved["traps"], saved["opts"]
    thread.cwd, thread.last_bg = saved["cwd"], saved["last_bg"]
    restore_io(thread, frame)
    del thread.stack[frame["sp"]:]


def leave_sub(rt: Runtime, thread: Thread, frame: dict[str, Any], status: int) -> None:
    text = thread.captures[frame["cap"]] if frame["cap"] >= 0 else None
    restore_sub(thread, frame)
    if text is not None:
        thread.stack.append(text)
    thread.status = status & 0xFF
    jump(thread, frame["end"])
    if frame.get("popredir") and thread.frames:
        restore_frame(thread, thread.frames.pop())
    if frame.get("exit"):
        exit_thread(rt, thread, thread.status)


def restore_io(thread: Thread, frame: dict[str, Any]) -> None:
    thread.fds = frame["fds"]
    del thread.streams[frame["ns"]:]
    del thread.captures[frame["nc"]:]


def restore_frame(thread: Thread, frame: dict[str, Any]) -> None:
    """Undoes a frame being unwound (not a subshell: see leave_sub)."""
    kind = frame["k"]
    if kind == "redir":
        restore_io(thread, frame)
    elif kind == "func" or (kind == "eval" and "pos" in frame):
        thread.positional = frame["pos"]
        for name, old in frame.get("locals", {}).items():   # `local` in ash/dash/bash
            if old is None:
                thread.vars.pop(name, None)
            else:
                thread.vars[name] = old
    if "sp" in frame:
        del thread.stack[frame["sp"]:]


def return_to(thread: Thread, frame: dict[str, Any]) -> None:
    jump(thread, frame["ret"])
    if thread.frames and thread.frames[-1]["k"] == "redir" and thread.frames[-1].get("call"):
        restore_frame(thread, thread.frames.pop())


def exit_thread(rt: Runtime, thread: Thread, code: int) -> None:
    code &= 0xFF
    # An interactive shell runs its EXIT trap only when the terminal closes, never at the end of
    # a line; the learner's terminal never closes.
    if thread.tid == 0 and thread.exiting is None and thread.traps.get("EXIT") and not rt.proc.interactive:
        idx = rt.add_source(thread.traps.pop("EXIT"))
        if idx is not None:
            while thread.frames:
                frame = thread.frames.pop()
                if frame["k"] == "sub":
                    restore_io(thread, frame)
                else:
                    restore_frame(thread, frame)
            thread.stack.clear()
            thread.exiting = thread.status = code
            thread.wake = thread.waiting = None
            thread.frames.append({"k": "exittrap", "sp": 0})
            jump(thread, [idx, 0])
            return
    thread.done, thread.code = True, code
    thread.wake = thread.waiting = None
    if thread.tid == 0:
        rt.proc.result = {"exit": code}
    else:  # keep only what `wait` needs
        thread.vars, thread.frames, thread.stack, thread.streams, thread.captures = {}, [], [], [], []
        thread.funcs, thread.positional, thread.fds = {}, [], {}


def unwind_exit(rt: Runtime, thread: Thread, code: int) -> None:
    while thread.frames:
        frame = thread.frames.pop()
        if frame["k"] == "sub":
            leave_sub(rt, thread, frame, code)
            return
        restore_frame(thread, frame)
    exit_thread(rt, thread, code)


def unwind_return(rt: Runtime, thread: Thread, code: int) -> None:
    while thread.frames:
        frame = thread.frames.pop()
        kind = frame["k"]
        if kind == "sub":
            leave_sub(rt, thread, frame, code)
            return
        restore_frame(thread, frame)
        if kind == "func" or (kind == "eval" and frame.get("src")) or kind == "trap":
            thread.status = code & 0xFF
            return_to(thread, frame)
            return
    exit_thread(rt, thread, code)


def unwind_loop(rt: Runtime, thread: Thread, levels: int, is_continue: bool) -> None:
    target = None
    count = 0
    for idx in range(len(thread.frames) - 1, -1, -1):
        kind = thread.frames[idx]["k"]
        if kind == "loop":
            count += 1
            target = idx
            if count == levels:
                break
        elif kind in ("func", "sub", "trap", "exittrap"):
            break
    thread.status = 0
    if target is None:
        return
    while len(thread.frames) > target + 1:
        restore_frame(thread, thread.frames.pop())
    frame = thread.frames[target]
    del thread.stack[frame["sp"]:]
    if is_continue:
        jump(thread, [frame["prog"], frame["cont"]])
    else:
        thread.frames.pop()
        jump(thread, [frame["prog"], frame["brk"]])


# ---- SIGPIPE ---------------------------------------------------------------------------------------

SIGPIPE_STATUS = 128 + 13


def sigpipe(rt: Runtime, thread: Thread) -> None:
    """The default action of SIGPIPE (man 7 signal: "Term"): the process that wrote to a pipe
    with no reader left (the subshell whose frame ``thread.broken`` names) ends at once, wherever
    it is, with status 141. Its parent goes on after it, as after a deadline."""
    at, thread.broken = thread.broken, None
    if at is None or at >= len(thread.frames) or thread.frames[at]["k"] != "sub":
        return
    frame = thread.frames[at]
    del thread.frames[at:]
    thread.wake = thread.waiting = thread.after = None
    thread.exit_after = thread.spinning = False
    leave_sub(rt, thread, frame, SIGPIPE_STATUS)


# ---- deadlines (GNU timeout) ---------------------------------------------------------------------

def deadline_of(thread: Thread) -> float | None:
    """The earliest ``timeout`` deadline among the child shells the thread is in."""
    limits = [f["dl"] for f in thread.frames if "dl" in f]
    return min(limits) if limits else None


def expire_deadline(rt: Runtime, thread: Thread) -> bool:
    """GNU timeout: at its deadline the command is stopped wherever it is (a sleep, a wait, a
    kubectl watch) and ``timeout`` returns 124. The outermost expired child goes, with all it
    contains. (Real timeout sends SIGTERM, which a command could trap; here it always ends.)"""
    for i, frame in enumerate(thread.frames):
        if "dl" in frame and frame["dl"] <= rt.now:
            del thread.frames[i:]
            thread.wake = thread.waiting = thread.after = None
            thread.exit_after = False
            if frame.get("dlm"):
                write_entry(rt, thread, frame["fds"].get("2", {"t": "null"}), frame["dlm"])
            leave_sub(rt, thread, frame, frame.get("dlc", 124))
            return True
    return False
