"""``history``, ``help``, ``clear`` and ``which`` in the learner's shell.

``history`` prints bash's numbered list (``%5d  %s``, builtins/history.def) of the lines typed,
the current one included; ``history N`` the last N, ``history -c`` forgets them. ``help`` is
Podlab's own page (bash's help about its builtins would not help here). ``clear`` clears a screen
(the web terminal) and prints nothing in a transcript. ``which`` (debianutils) prints where a
program is, and nothing for a builtin or a function, which are not files.
"""
from __future__ import annotations

from sandbox.sim.shell.builtins import UTILITIES
from sandbox.sim.shell.builtins.base import Ctx, Result

from .commands import COMMANDS, command

CLEAR = "\x1b[H\x1b[2J\x1b[3J"   # what ncurses' clear writes for xterm-256color (E3 included)

HELP = """Podlab: a Kubernetes cluster of your own (controlplane, node01, node02), simulated.
Type commands as on a real control-plane node.

  kubectl ...                 the Kubernetes command line (k for short)
  curl http://POD-IP[:PORT]   ask a pod over the pod network

Lab controls:
  lab time                    show the simulated clock
  lab speed N                 run simulated time N times as fast as real time
  lab pause / lab resume      stop and restart the simulated clock
  lab advance DURATION        move the clock forward: 30s, 5m, 1h30m
  lab next                    move the clock to the next change and say what changed
  lab node stop|start NAME    power a node off or on
  lab reset                   start again with a fresh cluster (your files stay)

The shell (bash-like): pipes |, ; && ||, redirections > >> < 2>&1, heredocs <<EOF, quotes,
$(...), variables, $?, if/for/while, functions.
  cat echo printf ls cd pwd mkdir rm cp mv touch grep head tail wc sort uniq cut tr tee seq
  sleep timeout watch date env curl wget clear history help
Ctrl-C stops the command that is running.
"""


@command("history")
def history(ctx: Ctx) -> Result:
    session = ctx.host.session  # type: ignore[attr-defined]
    args = ctx.args
    if args[:1] == ["-c"]:
        session.history.clear()
        session.history_base = 1
        return 0
    entries = list(enumerate(session.history, session.history_base))
    if args:
        if not args[0].isdigit():
            ctx.errln(ctx.msgs.builtin_error("history", f"{args[0]}: numeric argument required", ctx.thread.line))
            return 1
        entries = entries[-int(args[0]):] if int(args[0]) else []
    ctx.out("".join(f"{n:5d}  {line}\n" for n, line in entries))
    return 0


@command("help")
def help_(ctx: Ctx) -> Result:
    ctx.out(HELP)
    return 0


@command("clear")
def clear(ctx: Ctx) -> Result:
    if ctx.host.session.screen:  # type: ignore[attr-defined]
        ctx.out(CLEAR)
    return 0


@command("which")
def which(ctx: Ctx) -> Result:
    names = [a for a in ctx.args if not a.startswith("-")]
    found = [n for n in names if (n in UTILITIES or n in COMMANDS) and not n.startswith("__")]
    ctx.out("".join(f"/usr/bin/{n}\n" for n in found))
    return 0 if names and len(found) == len(names) else 1
