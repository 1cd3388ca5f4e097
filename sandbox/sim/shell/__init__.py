"""A small POSIX shell for simulated containers, resumable and JSON-serialisable.

    proc = spawn(["sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy"], env)
    outcome = run(proc, host, now)          # Blocked(until) | Exited(code) | Exec(argv)
    data = proc.to_json(); proc = Process.from_json(data)

The parser (``parse``) is independent of the interpreter and is meant to be reused.

Choices where real shells cannot be copied exactly (details in vm.py, compiler.py, commands.py):
pipeline stages and ``$(...)`` run one after another (a sleep in a stage delays the next stage,
times add up, and an endless producer never feeds its consumer; but one piped to ``head`` ends by
SIGPIPE once head has what it will read: pipes.py); ``cmd &`` is a real job of the
process (``wait`` waits for it in simulated time); a trapped signal interrupts a ``sleep``; the
whole script is parsed before it runs (dash and ash would run the lines before a syntax error);
a program of the image that the shell does not implement replaces the process (``Exec``).

Not implemented: ``sed``/``awk``/``find``, job control (``fg``, ``%1``), ``getopts``, aliases,
arrays and other bash extensions beyond ``[[ ]]``, ``$'...'``, ``&>``, ``<<<`` and ``function``,
process substitution, file modes and owners (``chmod`` is accepted and does nothing), symlinks,
EXIT traps of subshells, ``set -o pipefail`` and ``PIPESTATUS``.
"""
from __future__ import annotations

from .host import Host, HttpResponse, NetError
from .lexer import ShellSyntaxError
from .parser import parse
from .spawn import spawn
from .state import Process
from .vm import Blocked, Exec, Exited, Outcome, deliver_signal, run, signal_name, wake_early

__all__ = [
    "Blocked", "Exec", "Exited", "Host", "HttpResponse", "NetError", "Outcome", "Process",
    "ShellSyntaxError", "deliver_signal", "parse", "run", "signal_name", "spawn",
]
