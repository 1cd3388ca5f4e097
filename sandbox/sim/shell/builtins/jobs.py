"""Processes and jobs: ``wait``, ``kill`` (jobs of this shell, itself, or other processes of
the container through the host), and child shells (``sh -c``, ``sh file``).
"""
from __future__ import annotations

import re

from ...fs import FsError
from .base import Ctx, Result, RunCode, SignalSelf, WaitJobs, builtin, utility


@builtin("wait")
def wait(ctx: Ctx) -> Result:
    pids = []
    for arg in ctx.args:
        if arg.lstrip("%").isdigit():
            pids.append(int(arg.lstrip("%")))
    return WaitJobs(pids)


@builtin("kill")
@utility("kill")
def kill(ctx: Ctx) -> Result:
    from ..vm import SIGNALS, signal_name
    args = list(ctx.args)
    sig = "TERM"
    if args and args[0] == "-l":
        ctx.out(" ".join(SIGNALS) + "\n")
        return 0
    if args and args[0] == "-s" and len(args) > 1:
        sig, args = signal_name(args[1]) or "", args[2:]
    elif args and args[0].startswith("-") and len(args[0]) > 1 and args[0] != "--":
        sig, args = signal_name(args[0][1:]) or "", args[1:]
    if args and args[0] == "--":
        args = args[1:]
    if not sig:
        ctx.shell_error("invalid signal")
        return 1
    if not args:
        ctx.shell_error("usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or kill -l [exitstatus]")
        return 2 if ctx.msgs.shell != "bash" else 1
    status = 0
    to_self = False
    proc = ctx.proc
    for arg in args:
        if not re.fullmatch(r"-?\d+", arg):
            ctx.shell_error(f"illegal number {arg}" if ctx.msgs.shell != "bash" else f"{arg}: arguments must be process or job IDs")
            status = 1
            continue
        pid = int(arg)
        if pid in (proc.pid, 0, -1):
            to_self = True
            continue
        job = next((t for t in proc.threads[1:] if t.pid == pid), None)
        if job is not None and not job.done:
            if sig not in ("CHLD", "CONT", "URG", "WINCH") and job.traps.get(sig) != "":
                from ..frames import exit_thread
                exit_thread(ctx.rt, job, 128 + SIGNALS.get(sig, 15))
            continue
        if not ctx.host.kill(pid, "SIG" + sig, ctx.now):
            ctx.errln(ctx.msgs.kill_failed(arg, ctx.thread.line))
            status = 1
    if to_self:
        return SignalSelf(sig)
    return status


@utility("sh", "ash", "dash", "bash")
def shell(ctx: Ctx) -> Result:
    """A child shell: ``sh -c 'cmds' [name args]``, ``sh file [args]``, ``sh`` reading stdin."""
    args = ctx.args
    i, command_mode = 0, False
    while i < len(args) and args[i].startswith("-") and args[i] not in ("-", "--"):
        command_mode = command_mode or "c" in args[i]
        i += 1
    if i < len(args) and args[i] == "--":
        i += 1
    if command_mode:
        if i >= len(args):
            ctx.errln(f"{ctx.name}: -c requires an argument")
            return 2
        return RunCode(args[i], "shell", arg0=args[i + 1] if i + 1 < len(args) else ctx.argv[0],
                       args=args[i + 2:])
    if i < len(args):
        try:
            text = ctx.fs.read(ctx.path(args[i]))
        except FsError:
            ctx.errln(ctx.msgs.cannot_open_script(args[i]))
            return 127
        return RunCode(text, "shell", arg0=args[i], args=args[i + 1:])
    return RunCode(ctx.stdin(), "shell", arg0=ctx.argv[0], args=[])
