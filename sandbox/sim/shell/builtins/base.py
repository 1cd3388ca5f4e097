"""What a builtin or utility sees (``Ctx``) and what it may ask of the VM besides an exit status
(the effects: sleep, exit, return, break, exec, run more shell code, wait, signal itself).

A utility is a function ``(ctx) -> int | Effect``. It prints through ``ctx.out``/``ctx.err``, which
write at the current simulated instant, reads its standard input with ``ctx.stdin()``, and works
on ``ctx.fs``. It never blocks itself: ``sleep`` returns ``Block(until)`` and the VM suspends.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Union

from .. import io

if TYPE_CHECKING:
    from ...fs import FileSystem
    from ..host import Host
    from ..messages import Messages
    from ..state import Process, Thread
    from ..vm import Runtime


@dataclass(slots=True)
class Block:
    """Suspends until ``until``; then the command ends with ``status`` after writing ``later``
    ((fd, text) pairs): a download that times out prints its error when the time is up.
    ``early``: the sleep may end sooner when something outside the shell changes what it waits
    for (kubectl's watches and waits: vm.wake_early)."""
    until: float
    status: int = 0
    later: list[tuple[int, str]] = field(default_factory=list)
    early: bool = False


@dataclass(slots=True)
class ExitShell:
    code: int


@dataclass(slots=True)
class ReturnFromFunction:
    code: int


@dataclass(slots=True)
class LoopControl:
    levels: int
    is_continue: bool


@dataclass(slots=True)
class ReplaceProcess:
    """``exec prog`` or a program the image has but the shell does not implement."""
    argv: list[str]


@dataclass(slots=True)
class RunCode:
    """More shell code: ``eval`` (same shell), ``.``/``source`` (same shell, may ``return``),
    ``shell`` (a child ``sh -c``/``sh file``: a subshell with its own $0 and arguments).

    A ``shell`` child may have a ``deadline`` (GNU ``timeout``): when simulated time reaches it,
    whatever the child is doing is abandoned, ``expire_message`` goes to its standard error and the
    command ends with ``expire_status`` (see vm.py)."""
    source: str
    kind: str
    arg0: str | None = None
    args: list[str] | None = None
    deadline: float | None = None
    expire_status: int = 124
    expire_message: str = ""


@dataclass(slots=True)
class WaitJobs:
    pids: list[int]   # [] = every job


@dataclass(slots=True)
class SignalSelf:
    sig: str


Effect = Union[Block, ExitShell, ReturnFromFunction, LoopControl, ReplaceProcess, RunCode, WaitJobs,
               SignalSelf]
Result = Union[int, Effect]


class Ctx:
    __slots__ = ("rt", "thread", "argv", "env", "write_failed")

    def __init__(self, rt: Runtime, thread: Thread, argv: list[str], env: dict[str, str]) -> None:
        self.rt = rt
        self.thread = thread
        self.argv = argv
        self.env = env
        self.write_failed = False    # a write to a full file failed: the command fails (dispatch)

    @property
    def name(self) -> str:
        return self.argv[0].rsplit("/", 1)[-1]

    @property
    def args(self) -> list[str]:
        return self.argv[1:]

    @property
    def fs(self) -> FileSystem:
        return self.rt.host.fs

    @property
    def host(self) -> Host:
        return self.rt.host

    @property
    def now(self) -> float:
        return self.rt.now

    @property
    def proc(self) -> Process:
        return self.rt.proc

    @property
    def msgs(self) -> Messages:
        return self.rt.msgs

    @property
    def gnu(self) -> bool:
        return self.rt.msgs.gnu

    def out(self, text: str) -> None:
        if not io.write_fd(self.rt, self.thread, 1, text):
            self.write_failed = True

    def err(self, text: str) -> None:
        if not io.write_fd(self.rt, self.thread, 2, text):
            self.write_failed = True

    def errln(self, text: str) -> None:
        self.err(text + "\n")

    @property
    def tty(self) -> bool:
        """Standard output is the terminal: a tty process whose fd 1 is not redirected or piped
        (isatty(1)), which is what ``ls`` columns and curl's progress meter depend on."""
        return self.rt.proc.tty and self.thread.fds.get("1", {}).get("t") == "host"

    def stdin(self) -> str:
        return io.read_all(self.thread)

    def readline(self) -> str | None:
        return io.read_line(self.thread)

    def path(self, p: str) -> str:
        from ...fs import normpath
        return normpath(p, self.thread.cwd)

    def util_error(self, key: str, path: str = "", err: str = "", **kw: str) -> None:
        self.errln(self.msgs.util(key, self.name, path, err, **kw))

    def shell_error(self, text: str) -> None:
        """A builtin's error with the shell's prefix: ``sh: 1: cd: can't cd to /x``."""
        self.errln(self.msgs.builtin_error(self.name, text, self.thread.line))


Utility = Callable[[Ctx], Result]

# name -> implementation. SHELL_BUILTINS are part of the shell (always there); the others are
# programs an image may or may not have (spawn's ``programs``).
SHELL_BUILTINS: dict[str, Utility] = {}
UTILITIES: dict[str, Utility] = {}


def builtin(*names: str) -> Callable[[Utility], Utility]:
    def register(fn: Utility) -> Utility:
        for name in names:
            SHELL_BUILTINS[name] = fn
        return fn
    return register


def utility(*names: str) -> Callable[[Utility], Utility]:
    def register(fn: Utility) -> Utility:
        for name in names:
            UTILITIES[name] = fn
        return fn
    return register


def split_flags(args: list[str], known: str, with_value: str = "") -> tuple[set[str], dict[str, str], list[str], str | None]:
    """Short options the getopt way: ``-rf`` = ``-r -f``; ``-n 5``/``-n5`` for options with a
    value; ``--`` ends options. Returns (flags, values, operands, first unknown option)."""
    flags: set[str] = set()
    values: dict[str, str] = {}
    operands: list[str] = []
    bad: str | None = None
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            operands.extend(args[i + 1:])
            break
        if a.startswith("-") and len(a) > 1:
            j = 1
            while j < len(a):
                c = a[j]
                if c in with_value:
                    rest = a[j + 1:]
                    if not rest and i + 1 < len(args):
                        i += 1
                        rest = args[i]
                    values[c] = rest
                    break
                if c in known:
                    flags.add(c)
                elif bad is None:
                    bad = c
                j += 1
        else:
            operands.append(a)
        i += 1
    return flags, values, operands, bad
