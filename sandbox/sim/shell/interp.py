"""Executes the compiled instructions of one thread of a shell process (see compiler.py for the
instruction set and frames.py for the frames they push and pop).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import pattern
from .commands import run_simple, save_io
from .frames import (
    exit_thread, leave_sub, push_sub, restore_frame, restore_io, return_to, sigpipe, unwind_exit,
    unwind_return,
)
from .expand import Expander, ExpansionError
from .io import RedirectError, apply_redirects, write_entry, write_fd
from .pipes import reader_demand
from .spin import Watch, park

if TYPE_CHECKING:
    from .state import Thread
    from .vm import Runtime

BUDGET = 10_000   # instructions a thread may run at one simulated instant before a second passes


def run_thread(rt: Runtime, thread: Thread) -> None:
    """Runs until the thread sleeps, waits, ends, uses up its budget or the call's slice (vm.run),
    is found to spin for ever (spin.py), or the process is replaced or killed."""
    proc = rt.proc
    thread.spinning = False
    steps = rt.steps.get(thread.tid)
    if steps is None:   # a sliced run goes on with what the thread already used at this instant
        steps = thread.burst if rt.quota is not None and thread.burst_at == rt.now else 0
    first = steps
    stop = BUDGET if rt.quota is None else min(BUDGET, steps + rt.quota)
    rt.dirty = False
    watch = Watch(thread)
    while not thread.done and thread.wake is None and thread.waiting is None and proc.result is None:
        if thread.tid == 0 and thread.pending and not any(f["k"] == "sub" for f in thread.frames):
            rt.handle_signal(thread.pending.pop(0))
            continue
        if thread.after is not None:
            after, thread.after = thread.after, None
            for entry, text in after["writes"]:
                write_entry(rt, thread, entry, text)
            thread.status = after["status"]
            if thread.broken is not None:
                sigpipe(rt, thread)
                continue
        if thread.exit_after:
            thread.exit_after = False
            exit_thread(rt, thread, thread.status)
            continue
        if steps >= stop:
            # the CPU is busy: after BUDGET instructions let simulated time pass; after the
            # slice, stop here and go on at this same instant in the next call
            thread.wake = rt.now + 1.0 if steps >= BUDGET else rt.now
            rt.busy = True
            break
        if thread.pc == watch.pc and thread.prog == watch.prog and watch.repeats(rt, thread):
            park(thread)
            break
        steps += 1
        program = rt.program(thread.prog)
        ins = program.code[thread.pc]
        thread.pc += 1
        _OPS[ins[0]](rt, thread, ins, program.nodes)
        if thread.broken is not None:
            sigpipe(rt, thread)   # a write hit a pipe whose reader has gone (pipes.py)
    rt.steps[thread.tid] = steps
    if rt.quota is not None:
        rt.quota -= steps - first
        thread.burst, thread.burst_at = steps, rt.now


def _pop_subs(thread: Thread, n: int) -> list[str]:
    if not n:
        return []
    subs = thread.stack[-n:]
    del thread.stack[-n:]
    return subs


# ---- instructions ------------------------------------------------------------------------------

def _cmd(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    run_simple(rt, t, nodes[ins[1]], _pop_subs(t, ins[2]), ins[2])


def _jmp(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    t.pc = ins[1]


def _jz(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    if t.status == 0:
        t.pc = ins[1]


def _jnz(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    if t.status != 0:
        t.pc = ins[1]


def _not(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    t.status = 0 if t.status else 1


def _status(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    t.status = ins[1]


def _errexit(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    if t.status != 0 and "e" in t.opts:
        unwind_exit(rt, t, t.status)


def _sub(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    stdin = t.stack.pop() if ins[3] else None
    # a pipeline stage that is not the last one: what its reader (the next stage) will take
    reader = reader_demand(rt, t, nodes[ins[4]]) if len(ins) > 4 and ins[4] is not None else None
    push_sub(rt, t, [t.prog, ins[1]], ins[2], stdin, reader)


def _endsub(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    leave_sub(rt, t, t.frames.pop(), t.status)


def _redir(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    node = nodes[ins[1]]
    subs = _pop_subs(t, ins[2])
    frame = {"k": "redir", **save_io(t)}
    try:
        exp = Expander(rt.proc, t, rt.host.fs, subs, rt.touch)
        targets = [exp.string(r.target) for r in node.redirects]
        apply_redirects(rt, t, node.redirects, targets)
    except (RedirectError, ExpansionError) as exc:
        restore_io(t, frame)
        text = str(exc) if isinstance(exc, RedirectError) else rt.msgs.shell_error(exc.message, t.line)
        write_fd(rt, t, 2, text + "\n")
        t.status = 1 if rt.proc.shell == "bash" else 2
        t.pc = ins[3]
        return
    t.frames.append(frame)


def _popredir(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    restore_frame(t, t.frames.pop())


def _loop(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    t.frames.append({"k": "loop", "brk": ins[1], "cont": ins[2], "prog": t.prog, "bs": 0, "sp": len(t.stack)})


def _forinit(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    node = nodes[ins[1]]
    subs = _pop_subs(t, ins[2])
    if node.words is None:
        items = list(t.positional)
    else:
        try:
            items = Expander(rt.proc, t, rt.host.fs, subs, rt.touch).fields(node.words)
        except ExpansionError as exc:
            write_fd(rt, t, 2, rt.msgs.shell_error(exc.message, t.line) + "\n")
            unwind_exit(rt, t, 2)
            return
    t.frames.append({"k": "loop", "brk": ins[3], "cont": ins[4], "prog": t.prog, "bs": 0,
                     "sp": len(t.stack), "items": items, "i": 0})


def _fornext(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    frame = t.frames[-1]
    if frame["i"] < len(frame["items"]):
        t.vars[ins[2]] = frame["items"][frame["i"]]
        frame["i"] += 1
    else:
        t.pc = ins[1]


def _bodydone(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    t.frames[-1]["bs"] = t.status


def _endloop(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    t.status = t.frames.pop()["bs"]


def _case(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    subs = _pop_subs(t, ins[2])
    t.stack.append(Expander(rt.proc, t, rt.host.fs, subs, rt.touch).string(nodes[ins[1]].word))


def _casetest(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    subs = _pop_subs(t, ins[3])
    item = nodes[ins[1]].items[ins[2]]
    exp = Expander(rt.proc, t, rt.host.fs, subs, rt.touch)
    subject = t.stack[-1]
    if not any(pattern.match(exp.pattern(w), subject) for w in item.patterns):
        t.pc = ins[4]
    else:
        t.status = 0


def _pop(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    t.stack.pop()


def _defun(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    t.funcs[ins[1]] = [t.prog, ins[2]]
    t.status = 0


def _ret(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    unwind_return(rt, t, t.status)


def _bg(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    proc = rt.proc
    pid = proc.pid + proc.next_job
    proc.next_job += 1
    job = t.fork(len(proc.threads), pid)
    job.frames, job.stack, job.pending = [], [], []
    job.burst, job.burst_at, job.broken = 0, None, None
    rt.touch()   # a new job: the process changed beyond this thread (spin.py)
    job.fds["0"] = {"t": "null"}   # a non-interactive shell's jobs read /dev/null (XCU 2.9.3)
    job.traps = {k: v for k, v in job.traps.items() if v == ""}
    proc.threads.append(job)
    t.last_bg = pid
    t.status = 0
    t.pc = ins[1]


def _thread_end(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    exit_thread(rt, t, t.status)


def _end(rt: Runtime, t: Thread, ins: tuple, nodes: list) -> None:
    while t.frames:
        frame = t.frames.pop()
        kind = frame["k"]
        if kind == "sub":
            leave_sub(rt, t, frame, t.status)
            return
        restore_frame(t, frame)
        if kind == "eval":
            return_to(t, frame)
            return
        if kind == "trap":
            t.status = frame["st"]
            return_to(t, frame)
            return
        if kind == "exittrap":
            exit_thread(rt, t, t.exiting if t.exiting is not None else t.status)
            return
    exit_thread(rt, t, t.status)


_OPS = {
    "cmd": _cmd, "jmp": _jmp, "jz": _jz, "jnz": _jnz, "not": _not, "status": _status,
    "errexit": _errexit, "sub": _sub, "endsub": _endsub, "redir": _redir, "popredir": _popredir,
    "loop": _loop, "forinit": _forinit, "fornext": _fornext, "bodydone": _bodydone,
    "endloop": _endloop, "case": _case, "casetest": _casetest, "pop": _pop, "defun": _defun,
    "ret": _ret, "bg": _bg, "thread_end": _thread_end, "end": _end,
}
