"""The shell process API: ``run`` a process (spawn.py makes one from an argv) on simulated time,
``deliver_signal``.

``run(proc, host, now)`` runs until every thread of the process sleeps (``Blocked(until)``), the
shell exits (``Exited(code)``) or becomes a program it does not implement (``Exec(argv)``). Call
it again at ``until``. A thread that runs 10,000 instructions without sleeping is held for one
simulated second (``Blocked(now + 1)``): a busy loop burns time, not the server. With ``slice=n``
a call stops after n instructions (``Blocked(now)``) and the next call at the same instant goes
on with the rest of that budget (the web terminal's turns stay short: sandbox/session.py). A loop
found to go round for ever with nothing to show for it (``while :; do :; done``) is parked:
``Blocked(inf)``, costing nothing until a signal or a deadline ends it (spin.py). ``busy`` on
Blocked tells a process that wants the CPU from one that sleeps.

Scheduling, deterministic: at each call every runnable thread runs in creation order (the shell
first, then its ``&`` jobs), repeatedly until none can run. Pipelines and ``$(...)`` run inline,
stage after stage (see compiler.py), so a sleep inside them suspends the whole shell and the
times add up. Background jobs are real threads of the process: ``sleep 60 & wait`` waits 60 s
and a trapped signal interrupts the ``wait`` (ash and dash run traps only between commands, so
``trap ... TERM; sleep 600 & wait`` is the usual idiom).

Signals (man 7 signal; kernel/signal.c ``sig_task_ignored``): SIGKILL always ends the process
with 137. The init process of a PID namespace (pid 1, a container's main process) gets no
default action for signals it has no handler for, so an untrapped SIGTERM is ignored and
``kubectl delete`` waits out the grace period. Any other process dies with 128 + signal
number. A trapped signal interrupts a ``sleep`` or ``wait`` of the shell itself (a
simplification: real ash and dash defer the trap until a foreground ``sleep`` ends), runs the
handler, and the script goes on after the interrupted command with ``$?`` = 128 + n. While the
shell is inside a subshell (``$(...)``, a pipeline stage) the handler waits until that is over.

Deadlines (GNU ``timeout``): a child shell started with ``RunCode(deadline=T)`` is abandoned at
T wherever it is, with all it contains; ``run`` wakes the thread at T for that.

An ``interactive`` process is the learner's terminal shell (sandbox/terminal/shell.py): bash's
interactive wording (``bash: foo: command not found``), and no EXIT trap when a line ends; the
terminal points the main thread at each new line it types.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Union

from .compiler import Program, compiled
from .frames import deadline_of, exit_thread, expire_deadline, jump
from .host import Host
from .interp import run_thread
from .io import write_fd
from .lexer import ShellSyntaxError
from .messages import Messages
from .state import Process, Thread

SIGNALS = {"HUP": 1, "INT": 2, "QUIT": 3, "ILL": 4, "TRAP": 5, "ABRT": 6, "BUS": 7, "FPE": 8,
           "KILL": 9, "USR1": 10, "SEGV": 11, "USR2": 12, "PIPE": 13, "ALRM": 14, "TERM": 15,
           "CHLD": 17, "CONT": 18, "STOP": 19, "TSTP": 20, "TTIN": 21, "TTOU": 22, "URG": 23,
           "WINCH": 28}
_DEFAULT_IGNORED = frozenset({"CHLD", "CONT", "URG", "WINCH"})


@dataclass(slots=True)
class Blocked:
    """Asleep until ``until``; ``busy``: some thread is not asleep but wants the CPU (its slice or
    its budget ran out, or it is a parked busy loop, spin.py). A busy process never ends by
    itself even when ``until`` is inf. Not part of equality: ``Blocked(1) == Blocked(1, True)``."""
    until: float
    busy: bool = field(default=False, compare=False)


@dataclass(slots=True)
class Exited:
    code: int


@dataclass(slots=True)
class Exec:
    argv: list[str]


Outcome = Union[Blocked, Exited, Exec]


def signal_name(sig: str | int) -> str | None:
    """"SIGTERM", "TERM", "term", "15" or 15 -> "TERM"; "EXIT"/"0" -> "EXIT"; None if unknown."""
    text = str(sig).upper()
    if text in ("0", "EXIT"):
        return "EXIT"
    if text.isdigit():
        for name, num in SIGNALS.items():
            if num == int(text):
                return name
        return None
    if text.startswith("SIG"):
        text = text[3:]
    return text if text in SIGNALS else None


class Runtime:
    """Everything one ``run`` call needs: the process, its host, the instant, its wording."""

    __slots__ = ("proc", "host", "now", "msgs", "steps", "quota", "busy", "dirty")

    def __init__(self, proc: Process, host: Host, now: float, quota: int | None = None) -> None:
        self.proc, self.host, self.now = proc, host, now
        self.msgs = Messages(proc.flavour, proc.shell, proc.arg0, proc.script_name, proc.interactive)
        self.steps: dict[int, int] = {}   # instructions each thread ran at this instant
        self.quota = quota                # instructions this call may still run (None: no slice)
        self.busy = False                 # a thread stopped for want of CPU, not to sleep
        self.dirty = False                # an impure step since the thread resumed (spin.py)

    def touch(self) -> None:
        """Something outside the thread was read or changed: the current stretch is not pure."""
        self.dirty = True

    def program(self, idx: int) -> Program:
        return compiled(self.proc.sources[idx])

    def available(self, name: str) -> bool:
        programs = self.proc.programs
        return programs is None or name in programs

    def add_source(self, text: str, report_to: Thread | None = None) -> int | None:
        """The program index of a source text (added once); None after a syntax error."""
        try:
            compiled(text)
        except ShellSyntaxError as exc:
            if report_to is not None:
                write_fd(self, report_to, 2, self.msgs.syntax_error(exc) + "\n")
            return None
        sources = self.proc.sources
        if text in sources:
            return sources.index(text)
        sources.append(text)
        return len(sources) - 1

    def handle_signal(self, sig: str) -> str:
        """Acts on a signal to the process: "ignored", "killed", "trapped" or "deferred"."""
        proc, main = self.proc, self.proc.main
        if sig == "KILL":
            main.done, main.code = True, 137
            proc.result = {"exit": 137}
            return "killed"
        action = top_traps(main).get(sig)
        if action == "" or (action is None and (proc.pid == 1 or sig in _DEFAULT_IGNORED)):
            return "ignored"
        if action is None:
            code = 128 + SIGNALS.get(sig, 15)
            main.done, main.code = True, code
            proc.result = {"exit": code}
            return "killed"
        if in_subshell(main):
            # the shell waits for a subshell ($(...), a pipeline stage): it runs the trap when
            # that is over, as ash and dash do
            main.pending.append(sig)
            return "deferred"
        idx = self.add_source(action)
        if idx is None:
            return "ignored"
        interrupted = main.wake is not None or main.waiting is not None
        saved = 128 + SIGNALS.get(sig, 15) if interrupted else main.status
        main.wake = main.waiting = None
        main.exit_after = False
        main.after = None
        main.frames.append({"k": "trap", "ret": [main.prog, main.pc], "st": saved, "sp": len(main.stack)})
        main.status = saved
        jump(main, [idx, 0])
        return "trapped"


def in_subshell(thread: Thread) -> bool:
    return any(f["k"] == "sub" for f in thread.frames)


def top_traps(thread: Thread) -> dict[str, str]:
    """The shell's own traps, also while it runs a subshell (whose traps were reset)."""
    for frame in thread.frames:
        if frame["k"] == "sub":
            return frame["saved"]["traps"]
    return thread.traps


def _start(proc: Process, rt: Runtime) -> None:
    proc.started = True
    main = proc.main
    if proc.script_path is not None:
        try:
            proc.sources[0] = rt.host.fs.read(proc.script_path)
        except Exception:
            shell_msgs = Messages(proc.flavour, proc.shell, proc.argv0)
            write_fd(rt, main, 2, shell_msgs.cannot_open_script(proc.script_path) + "\n")
            exit_thread(rt, main, 127)
            return
    try:
        compiled(proc.sources[0])
    except ShellSyntaxError as exc:
        write_fd(rt, main, 2, rt.msgs.syntax_error(exc) + "\n")
        exit_thread(rt, main, 2)


def _outcome(proc: Process) -> Outcome:
    assert proc.result is not None
    if "exec" in proc.result:
        return Exec(list(proc.result["exec"]))
    return Exited(proc.result["exit"])


def _wait_over(proc: Process, thread: Thread) -> bool:
    waiting = thread.waiting or []
    jobs = [t for t in proc.threads[1:] if not waiting or t.pid in waiting]
    if any(not t.done for t in jobs):
        return False
    if waiting:
        last = next((t for t in proc.threads[1:] if t.pid == waiting[-1]), None)
        thread.status = last.code if last is not None else 127
    else:
        thread.status = 0
    thread.waiting = None
    return True


def run(proc: Process, host: Host, now: float, *, slice: int | None = None) -> Outcome:
    """``slice``: run at most that many instructions in this call; when they are used up before
    every thread sleeps, the answer is ``Blocked(now, busy=True)``: call again at the same
    instant (the budget of BUDGET instructions per simulated second carries over, so the same
    work happens at the same instants however it is sliced)."""
    if proc.result is not None:
        return _outcome(proc)
    rt = Runtime(proc, host, now, slice)
    if not proc.started:
        _start(proc, rt)
    while proc.result is None:
        progressed = False
        for thread in list(proc.threads):
            if thread.done or proc.result is not None or (rt.quota is not None and rt.quota <= 0):
                continue
            while thread.tid == 0 and thread.pending and proc.result is None and not in_subshell(thread):
                rt.handle_signal(thread.pending.pop(0))   # sent by itself or one of its jobs
            if proc.result is not None:
                break
            if thread.frames and expire_deadline(rt, thread):
                progressed = True
            if thread.waiting is not None and not _wait_over(proc, thread):
                continue
            if thread.wake is not None:
                if thread.wake > now:
                    continue
                thread.wake = None
            run_thread(rt, thread)
            progressed = True
        if not progressed or (rt.quota is not None and rt.quota <= 0):
            break
    if proc.result is not None:
        return _outcome(proc)
    if rt.quota is not None and rt.quota <= 0 and any(
            not t.done and (t.wake is None or t.wake <= now) for t in proc.threads):
        return Blocked(now, True)   # the slice is over before every thread had its turn now
    wakes = []
    for t in proc.threads:
        if t.done:
            continue
        limit = deadline_of(t)
        wake = t.wake if t.wake is not None else math.inf
        wakes.append(wake if limit is None else min(wake, limit))
    return Blocked(min(wakes) if wakes else math.inf, rt.busy or busy(proc))


def busy(proc: Process) -> bool:
    """Some thread of the process runs a busy loop parked for ever (spin.py): the process is
    running, not asleep, although nothing will wake it."""
    return proc.result is None and any(t.spinning and not t.done for t in proc.threads)


def wake_early(proc: Process, now: float) -> bool:
    """Threads asleep in a wait that may end early (``Block(early=True)``: kubectl's watches and
    waits) wake at ``now``: something outside the shell changed the cluster. True if any did."""
    woke = False
    for thread in proc.threads:
        if not thread.done and thread.wake is not None and thread.wake > now \
                and thread.after is not None and thread.after.get("early"):
            thread.wake = now
            woke = True
    return woke


def deliver_signal(proc: Process, host: Host, now: float, sig: str) -> Outcome | None:
    """Sends ``sig`` ("SIGTERM", "TERM", "15") to the process; None when it is ignored."""
    if proc.result is not None:
        return None
    name = signal_name(sig)
    if name is None or name == "EXIT":
        return None
    rt = Runtime(proc, host, now)
    verdict = rt.handle_signal(name)
    if verdict in ("ignored", "deferred"):
        return None
    if verdict == "killed":
        return _outcome(proc)
    return run(proc, host, now)
