"""The learner's interactive bash: one long-lived shell process that runs one line at a time.

It is the container shell's interpreter (sandbox/sim/shell) with ``interactive`` set: messages
are worded as ``bash -i`` words them (``bash: foo: command not found``), the EXIT trap does not
run at the end of a line, and the process does not end between lines. Each line typed is added
to the process's sources (functions defined by earlier lines point into them, so none is ever
removed) and the main thread jumps to it with its variables, functions, cwd, options and ``$?``
as the previous line left them. The line is over when the thread reaches the end of it (the
VM reports ``Exited``); the process is then made ready for the next one.

Ctrl-C (``abandon_line``) imitates bash's SIGINT to the foreground job: whatever runs is
dropped, the shell keeps the state it had outside any subshell, and ``$?`` is 130.
"""
from __future__ import annotations

from typing import Callable

from sandbox.sim.shell import Process, ShellSyntaxError
from sandbox.sim.shell.compiler import compiled
from sandbox.sim.shell.frames import restore_frame, restore_sub
from sandbox.sim.shell.messages import Messages
from sandbox.sim.shell.state import Thread

from .host import HOME, SHELL_PID

SIGINT_STATUS = 130     # 128 + SIGINT, what bash sets $? to after Ctrl-C
_TERMINAL_FDS = {"0": {"t": "in", "i": 0}, "1": {"t": "host", "s": "stdout"}, "2": {"t": "host", "s": "stderr"}}


def new_shell(env: dict[str, str], cwd: str = HOME) -> Process:
    thread = Thread(tid=0, pid=SHELL_PID, vars=dict(env), exported=set(env), arg0="bash", cwd=cwd)
    thread.vars["PWD"] = cwd
    _reset_io(thread)
    return Process(pid=SHELL_PID, flavour="debian", shell="bash", arg0="bash", sources=[""],
                   threads=[thread], tty=True, started=True, result={"exit": 0}, argv0="bash",
                   interactive=True)


def _reset_io(thread: Thread) -> None:
    # The terminal is standard input too; nothing is typed ahead, so a reader sees end of input.
    thread.fds = {k: dict(v) for k, v in _TERMINAL_FDS.items()}
    thread.streams = [["", 0]]
    thread.captures = []


def begin_line(proc: Process, text: str, err: Callable[[str], None]) -> bool:
    """Points the shell at a new line; False (after printing bash's message, ``$?`` = 2) when
    the line does not parse."""
    main = proc.main
    try:
        compiled(text)
    except ShellSyntaxError as exc:
        err(Messages(proc.flavour, proc.shell, proc.arg0, None, interactive=True).syntax_error(exc) + "\n")
        main.status = 2
        return False
    if text in proc.sources:
        idx = proc.sources.index(text)
    else:
        proc.sources.append(text)
        idx = len(proc.sources) - 1
    _clear_control(main)
    _reset_io(main)
    main.prog, main.pc, main.line = idx, 0, 1
    main.done, main.code = False, 0
    proc.result = None
    return True


def _clear_control(thread: Thread) -> None:
    thread.frames, thread.stack, thread.pending = [], [], []
    thread.wake = thread.waiting = thread.after = thread.exiting = None
    thread.exit_after = thread.spinning = False
    thread.sub_status = thread.broken = None


def line_status(proc: Process) -> int:
    return proc.main.code


def abandon_line(proc: Process, status: int = SIGINT_STATUS) -> None:
    """Stops the running line where it is (Ctrl-C): frames are unwound from the innermost out,
    so the shell ends up with the variables and descriptors it had before any subshell."""
    main = proc.main
    for frame in reversed(main.frames):
        if frame["k"] == "sub":
            restore_sub(main, frame)
        else:
            restore_frame(main, frame)
    _clear_control(main)
    _reset_io(main)
    main.done, main.code, main.status = True, status, status
    proc.result = {"exit": status}
