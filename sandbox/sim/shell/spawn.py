"""``spawn``: the process a container command, an exec probe or ``kubectl exec`` starts.

argv[0] names a shell (sh, ash, dash, bash: busybox images have ash, Debian's have dash and bash)
or a single utility. For a shell the options are read as the shells read them: ``-c STRING
[NAME [ARGS...]]`` runs STRING with ``$0`` = NAME, a script path runs that file, and with neither
the commands come from standard input; ``-e``, ``-u`` and ``-x`` are kept. vm.py runs the result.
"""
from __future__ import annotations

from .state import Process, Thread

SHELL_NAMES = frozenset({"sh", "ash", "dash", "bash"})


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


def spawn(argv: list[str], env: dict[str, str], *, flavour: str = "busybox", cwd: str = "/", pid: int = 1,
          stdin: str = "", programs: frozenset[str] | None = None, tty: bool = False) -> Process:
    """A new process for a container command, an exec probe or ``kubectl exec``: a shell when
    argv[0] is sh/ash/dash/bash, else the one utility named by argv[0]."""
    thread = Thread(tid=0, pid=pid, vars=dict(env), exported=set(env), cwd=cwd)
    thread.vars.setdefault("PWD", cwd)
    thread.fds = {"0": {"t": "in", "i": 0}, "1": {"t": "host", "s": "stdout"}, "2": {"t": "host", "s": "stderr"}}
    thread.streams = [[stdin, 0]]
    name = argv[0].rsplit("/", 1)[-1] if argv else ""
    if name not in SHELL_NAMES:
        thread.arg0 = argv[0] if argv else ""
        return Process(pid=pid, flavour=flavour, shell=None, arg0=thread.arg0,
                       sources=[" ".join(_quote(a) for a in argv)], threads=[thread], programs=programs, tty=tty)
    shell = "ash" if flavour == "busybox" else ("bash" if name == "bash" else "dash")
    i, command_mode, opts = 1, False, ""
    while i < len(argv) and argv[i].startswith("-") and argv[i] not in ("-", "--"):
        for c in argv[i][1:]:
            if c == "c":
                command_mode = True
            elif c in "eux":
                opts += c
        i += 1
    if i < len(argv) and argv[i] == "--":
        i += 1
    thread.opts = opts
    arg0, script_name, script_path, source = argv[0], None, None, ""
    if command_mode:
        source = argv[i] if i < len(argv) else ""
        if i + 1 < len(argv):
            arg0 = script_name = argv[i + 1]
        thread.positional = list(argv[i + 2:])
    elif i < len(argv):
        arg0 = script_name = script_path = argv[i]
        thread.positional = list(argv[i + 1:])
    else:
        source = stdin     # `sh` reads its commands from standard input; none: exits at once
        thread.streams = [["", 0]]
    thread.arg0 = arg0
    return Process(pid=pid, flavour=flavour, shell=shell, arg0=arg0, sources=[source], threads=[thread],
                   programs=programs, tty=tty, script_name=script_name, script_path=script_path,
                   argv0=argv[0])
