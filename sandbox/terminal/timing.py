"""``timeout`` and ``watch``: commands that run another command against simulated time.

``timeout DURATION CMD`` is GNU coreutils' (``timeout: failed to run command 'x': No such file or
directory`` and status 127 for what cannot be executed, 125 for its own errors, 124 when the time
is up). The command runs in a child shell with a deadline (``RunCode.deadline``); at the deadline
the shell VM abandons it wherever it is, a ``sleep``, a ``kubectl get -w``, a ``watch``.

``watch [-n SECS] [-t] [-x] CMD`` is procps-ng's: every SECS (default 2) seconds it runs ``sh -c
CMD`` under a title line ``Every 2.0s: CMD`` with ``controlplane: <date>`` on the right of an 80
column screen. It runs until stopped: Ctrl-C, or ``timeout``. On a screen (the web terminal) each
round clears it first, as watch redraws; in a transcript the rounds follow one another, and a
watch without ``timeout`` is stopped like any endless line there: after an hour of simulated time,
with ``^C`` (sandbox/session.py, ``LINE_LIMIT``). Write ``timeout 10s watch ...`` instead.
"""
from __future__ import annotations

from sandbox.sim.shell.builtins import UTILITIES
from sandbox.sim.shell.builtins.base import Ctx, Result, RunCode
from sandbox.sim.shell.builtins.system import parse_duration, strftime
from sandbox.sim.shell.commands import resolve
from sandbox.sim.shell.vm import SIGNALS, signal_name

from .commands import COMMANDS, command

CLEAR_SCREEN = "\x1b[H\x1b[2J"
SCREEN_WIDTH = 80


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


def _usage_error(ctx: Ctx, text: str) -> int:
    ctx.errln(f"timeout: {text}\nTry 'timeout --help' for more information.")
    return 125


def _runnable(ctx: Ctx, name: str) -> int:
    """0 when ``name`` is a program timeout can execute, else the status it fails with."""
    kind, _ = resolve(ctx.rt, ctx.thread, name)
    if kind == "dir":
        ctx.errln(f"timeout: failed to run command '{name}': Permission denied")
        return 126
    executable = kind in ("utility", "script") or name in UTILITIES or name in COMMANDS
    if not executable:   # a builtin, function or nothing: there is no such file to execute
        ctx.errln(f"timeout: failed to run command '{name}': No such file or directory")
        return 127
    return 0


@command("timeout")
def timeout(ctx: Ctx) -> Result:
    args = list(ctx.args)
    sig, preserve, verbose = "TERM", False, False
    while args and args[0].startswith("-") and args[0] != "-":
        a = args.pop(0)
        if a == "--":
            break
        if a in ("-s", "--signal") or a.startswith("--signal="):
            value = a.split("=", 1)[1] if "=" in a else (args.pop(0) if args else "")
            name = signal_name(value)
            if name is None or name == "EXIT":
                return _usage_error(ctx, f"{value}: invalid signal")
            sig = name
        elif a.startswith("-s"):
            name = signal_name(a[2:])
            if name is None or name == "EXIT":
                return _usage_error(ctx, f"{a[2:]}: invalid signal")
            sig = name
        elif a in ("-k", "--kill-after"):
            del args[:1]       # the command is always stopped at the deadline: no second signal
        elif a.startswith("--kill-after=") or a.startswith("-k"):
            pass
        elif a == "--preserve-status":
            preserve = True
        elif a in ("-v", "--verbose"):
            verbose = True
        elif a != "--foreground":
            return _usage_error(ctx, f"unrecognized option '{a}'" if a.startswith("--")
                                else f"invalid option -- '{a[1:2]}'")
    if not args:
        return _usage_error(ctx, "missing operand")
    seconds = parse_duration(args[0])
    if seconds is None:
        return _usage_error(ctx, f"invalid time interval '{args[0]}'")
    if len(args) < 2:
        return _usage_error(ctx, f"missing operand after '{args[0]}'")
    argv = args[1:]
    status = _runnable(ctx, argv[0])
    if status:
        return status
    deadline = ctx.now + seconds if seconds > 0 else None
    note = f"timeout: sending signal {sig} to command '{argv[0]}'\n" if verbose else ""
    return RunCode(" ".join(_quote(a) for a in argv), "shell", arg0="timeout", deadline=deadline,
                   expire_status=128 + SIGNALS[sig] if preserve else 124, expire_message=note)


# ---- watch ------------------------------------------------------------------------------------

@command("watch")
def watch(ctx: Ctx) -> Result:
    args = list(ctx.args)
    interval, title, direct = 2.0, True, False
    while args and args[0].startswith("-"):
        a = args.pop(0)
        if a == "--":
            break
        if a in ("-n", "--interval") or a.startswith("--interval=") or a.startswith("-n"):
            value = a.split("=", 1)[1] if "=" in a else (a[2:] if a.startswith("-n") and len(a) > 2
                                                         else (args.pop(0) if args else ""))
            try:
                interval = max(0.1, float(value))
            except ValueError:
                ctx.errln(f"watch: failed to parse argument: '{value}'")
                return 1
        elif a in ("-t", "--no-title"):
            title = False
        elif a in ("-x", "--exec"):
            direct = True
        elif a not in ("-d", "--differences", "-b", "--beep", "-e", "--errexit", "-c", "--color",
                       "-p", "--precise", "-w", "--no-wrap"):
            ctx.errln(f"watch: invalid option -- '{a.lstrip('-')[:1]}'\nUsage:\n watch [options] command")
            return 1
    if not args:
        ctx.errln("Usage:\n watch [options] command")
        return 1
    text = " ".join(args)
    run = " ".join(_quote(a) for a in args) if direct else f"sh -c {_quote(text)}"
    frame = f"__watch_frame {_quote(f'{interval:.1f}')} {'1' if title else '0'} {_quote(text)}"
    return RunCode(f"while :; do {frame}; {run} 2>&1; sleep {interval:g}; done", "shell", arg0="watch")


@command("__watch_frame")
def watch_frame(ctx: Ctx) -> Result:
    """Starts one round of ``watch``: clears the screen and prints the title."""
    if len(ctx.args) != 3:
        ctx.errln("__watch_frame: for watch's own use")
        return 2
    interval, title, text = ctx.args
    screen = ctx.host.session.screen  # type: ignore[attr-defined]
    out = CLEAR_SCREEN if screen else ""
    if title == "1":
        left = f"Every {interval}s: {text}"
        right = f"{ctx.host.hostname}: {strftime('%a %b %e %H:%M:%S %Y', ctx.host.unix_time(ctx.now))}"
        room = SCREEN_WIDTH - len(right) - 1
        if len(left) > room:
            left = left[:max(room - 3, 0)] + "..."
        out += left.ljust(room) + " " + right + "\n\n"
    ctx.out(out)
    return 0
