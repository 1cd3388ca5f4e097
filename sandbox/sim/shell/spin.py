"""Busy loops that can never end by themselves (``while :; do :; done``): found, then parked.

Bash on a real machine runs ``while :; do :; done`` until something stops it (Ctrl-C, a signal,
``timeout``); nothing it does can be seen, it only burns the CPU. The VM charges such a loop one
simulated second per ``BUDGET`` instructions (interp.py), so an hour of it was 36 million
instructions of real work for the server (about 45 s of CPU) before ``Session.execute`` stopped it
at its line limit, and as much again for every hour a web terminal let it run.

A thread is a deterministic machine: if it comes back to exactly the same state (every variable,
frame, descriptor, operand, capture, ``$?``, ``$LINENO`` ...) after a stretch of instructions that
read and changed nothing but that state (*pure*: no output to a terminal or a file, no file
system, no clock, no cluster, no other process or job), it will go round the same way for ever.
The same holds when the only change is more text in its capture buffers (``x=$(while :; do
echo; done)``, ``while :; do echo; done | wc -l``): see ``_only_output_grew``.
The VM then parks it: ``spinning``, with no wake-up (``wake`` = inf) yet counted as busy, not
asleep. What a learner sees does not change: the line is still running and never ends by itself;
``Session.execute`` still stops it at its line limit with ``^C`` and status 130; Ctrl-C, a signal
(``kill``, ``kubectl delete``) or a ``timeout`` deadline still ends it at the same instant. It just
costs nothing while it waits to be stopped. A busy loop whose state keeps changing (a counter)
is not parked: it runs as before, one simulated second per BUDGET instructions.

Finding the cycle (Brent's algorithm): each time the thread passes the instruction it resumed at,
its state is compared with a saved one, saved again after 1, 2, 4 ... passes, so any period up to
``MAX_PERIOD`` passes is found within a slice. Watching stops for the rest of the slice at the
first impure step (``Runtime.dirty``), or when no cycle was found within MAX_PERIOD passes.
Impure steps are marked where they happen: io.py (a write to a terminal or a file, opening a
file), commands.py (any command that is not in ``PURE_COMMANDS``), expand.py (a glob reads the
file system) and interp.py (``&`` starts a job). A write the learner's terminal drops for good
(past its output limit, until the line ends) is not impure for the shell's main thread: ``yes``
printing to the terminal is parked once nothing more of it can be shown.
"""
from __future__ import annotations

import math
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from .builtins import SHELL_BUILTINS, UTILITIES
from .frames import deadline_of
from .state import Thread

if TYPE_CHECKING:
    from .vm import Runtime

MAX_PERIOD = 16      # passes over the resume instruction within which a cycle is looked for

# Commands that read and change only the shell's own state (variables, options, traps, its
# input streams, $?), and write only through its descriptors (io.py decides whether a write is
# seen). Anything else (date, sleep, kubectl, cat, a program of the image ...) is impure.
PURE_COMMANDS = frozenset({
    ":", "true", "false", "exit", "return", "break", "continue", "export", "readonly", "unset",
    "local", "set", "shift", "trap", "eval", "echo", "printf", "read", "test", "[", "[[",
    "basename", "dirname",
})
# test's operators that look at the file system (or a terminal): their answer may change
FILE_TESTS = frozenset({"-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-b", "-c", "-p", "-S",
                        "-g", "-u", "-k", "-O", "-G", "-N", "-t", "-nt", "-ot", "-ef", "-a"})
_ATOMS = {str, int, float, bool, type(None)}
_VOLATILE = frozenset({"spinning", "burst", "burst_at"})   # bookkeeping, not the thread's state
_STATE = tuple(f.name for f in fields(Thread) if f.name not in _VOLATILE)
_CAPTURES = 1 + _STATE.index("captures")   # its place in state_of's tuple


def command_is_pure(kind: str, impl: Any, argv: list[str]) -> bool:
    """Whether running ``argv`` (resolved to ``kind``/``impl`` by commands.resolve) touches
    nothing outside the thread but its descriptors."""
    if kind == "function":
        return True
    name = argv[0]
    if name not in PURE_COMMANDS or impl is not SHELL_BUILTINS.get(name, UTILITIES.get(name)):
        return False
    if name in ("test", "[", "[["):
        return not any(arg in FILE_TESTS for arg in argv[1:])
    return True


def _copy(value: Any) -> Any:
    """A copy of plain data that shares its strings (they cannot change)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        if set(map(type, value)) <= _ATOMS:
            return list(value)     # a word list, an operand stack: no recursion needed
        return [_copy(v) for v in value]
    if isinstance(value, (set, tuple)):
        return type(value)(_copy(v) for v in value)
    return value


def state_of(thread: Thread) -> tuple[Any, ...]:
    """The thread's whole state, led by a cheap part that most often tells two states apart
    (so a ``for`` loop's long word list is compared only when all else is equal)."""
    head = (thread.pc, thread.prog, thread.status, thread.line, [f.get("i") for f in thread.frames])
    return (head, *(getattr(thread, name) for name in _STATE))


class Watch:
    """Looks for the thread coming back to a state it had, over a pure stretch (see above)."""

    __slots__ = ("prog", "pc", "saved", "power", "passes")

    def __init__(self, thread: Thread) -> None:
        self.prog, self.pc = thread.prog, thread.pc
        self.saved: tuple[Any, ...] | None = None
        self.power, self.passes = 1, 0

    def repeats(self, rt: Runtime, thread: Thread) -> bool:
        """Called when the thread is about to run the instruction it resumed at: True when it has
        been here in this very state before, with only pure steps since."""
        if rt.dirty:
            self.pc = -1            # impure: stop watching for this slice
            return False
        state = state_of(thread)
        if self.saved is None:
            self.saved = _copy(state)
            return False
        if state == self.saved or _only_output_grew(thread, state, self.saved):
            return True
        self.passes += 1
        if self.passes == self.power:
            if self.power >= MAX_PERIOD:
                self.pc = -1
                return False
            self.saved, self.power, self.passes = _copy(state), self.power * 2, 0
        return False


def _only_output_grew(thread: Thread, state: tuple[Any, ...], saved: tuple[Any, ...]) -> bool:
    """The thread is back where it was except that it wrote more to its capture buffers (a
    ``$(...)`` or a pipe whose reader reads all, io.py). Nothing reads a buffer before its writer
    ends, so it goes round for ever, appending the same text each time until the buffer is full,
    and then waits on it for ever: nothing of that can be seen, unless a ``timeout`` deadline
    ends the writer and hands its buffer on (then it runs on instead), or a pipe's reader stops
    early (pipes.py: then SIGPIPE ends the writer)."""
    now, before = state[_CAPTURES], saved[_CAPTURES]
    if len(now) != len(before) or now == before or deadline_of(thread) is not None:
        return False
    if any(not a.startswith(b) for a, b in zip(now, before)):
        return False
    if any("rd" in f for f in thread.frames if f["k"] == "sub"):
        return False
    return all(a == b for i, (a, b) in enumerate(zip(state, saved)) if i != _CAPTURES)


def park(thread: Thread) -> None:
    """The thread goes round for ever: no wake-up of its own, but busy (vm.busy)."""
    thread.wake = math.inf
    thread.spinning = True
