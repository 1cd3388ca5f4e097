"""The shell's own commands for control flow, variables, options and traps (XCU 2.14 special
builtins: ``exit``, ``return``, ``break``, ``export``, ``set``, ``shift``, ``trap``, ``eval``, ``.``),
plus ``true``, ``false`` and ``local``.
"""
from __future__ import annotations

import re

from ...fs import FsError
from .base import Ctx, ExitShell, LoopControl, Result, ReturnFromFunction, RunCode, builtin, utility

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _shell_quote(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


@builtin(":", "true")
@utility("true")
def true_(ctx: Ctx) -> Result:
    return 0


@builtin("false")
@utility("false")
def false_(ctx: Ctx) -> Result:
    return 1


def _number(ctx: Ctx, text: str) -> int | None:
    if re.fullmatch(r"-?\d+", text.strip()):
        return int(text)
    ctx.errln(ctx.msgs.illegal_number(ctx.name, text, ctx.thread.line))
    return None


@builtin("exit")
def exit_(ctx: Ctx) -> Result:
    if not ctx.args:
        return ExitShell(ctx.thread.status)
    code = _number(ctx, ctx.args[0])
    return ExitShell(2 if code is None else code)


@builtin("return")
def return_(ctx: Ctx) -> Result:
    if not ctx.args:
        return ReturnFromFunction(ctx.thread.status)
    code = _number(ctx, ctx.args[0])
    return ReturnFromFunction(2 if code is None else code)


@builtin("break", "continue")
def break_(ctx: Ctx) -> Result:
    levels = 1
    if ctx.args:
        n = _number(ctx, ctx.args[0])
        if n is None or n < 1:
            return 2 if n is None else 1
        levels = n
    return LoopControl(levels, ctx.name == "continue")


@builtin("export", "readonly")
def export(ctx: Ctx) -> Result:
    thread = ctx.thread
    args = [a for a in ctx.args if a not in ("-p", "--")]
    if not args:
        for name in sorted(thread.exported if ctx.name == "export" else thread.vars):
            if name in thread.vars:
                if ctx.msgs.shell == "bash":
                    ctx.out(f'declare -x {name}="{thread.vars[name]}"\n')
                else:
                    ctx.out(f"{ctx.name} {name}={_shell_quote(thread.vars[name])}\n")
        return 0
    status = 0
    for arg in args:
        name, eq, value = arg.partition("=")
        if not _NAME.match(name):
            ctx.shell_error(f"{name}: bad variable name")
            status = 2
            continue
        if eq:
            thread.vars[name] = value
        if ctx.name == "export":
            thread.exported.add(name)
    return status


@builtin("unset")
def unset(ctx: Ctx) -> Result:
    thread = ctx.thread
    functions = "-f" in ctx.args
    for name in (a for a in ctx.args if not a.startswith("-")):
        if functions:
            thread.funcs.pop(name, None)
        else:
            thread.vars.pop(name, None)
            thread.exported.discard(name)
    return 0


@builtin("local")
def local(ctx: Ctx) -> Result:
    frame = next((f for f in reversed(ctx.thread.frames) if f["k"] == "func"), None)
    if frame is None:
        ctx.shell_error("not in a function")
        return 2
    saved = frame.setdefault("locals", {})
    for arg in ctx.args:
        name, eq, value = arg.partition("=")
        if name not in saved:
            saved[name] = ctx.thread.vars.get(name)
        if eq:
            ctx.thread.vars[name] = value
        else:
            ctx.thread.vars.setdefault(name, "")
    return 0


_LONG_OPTS = {"errexit": "e", "nounset": "u", "xtrace": "x", "noglob": "f"}


@builtin("set")
def set_(ctx: Ctx) -> Result:
    thread = ctx.thread
    args = ctx.args
    if not args:
        for name in sorted(thread.vars):
            ctx.out(f"{name}={_shell_quote(thread.vars[name])}\n")
        return 0
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            thread.positional = list(args[i + 1:])
            return 0
        if a[:1] in "-+" and len(a) > 1:
            on = a[0] == "-"
            letters = a[1:]
            if letters == "o":
                if i + 1 < len(args):
                    i += 1
                    letters = _LONG_OPTS.get(args[i], "")
                else:
                    return 0
            for c in letters:
                if on and c not in thread.opts:
                    thread.opts += c
                elif not on:
                    thread.opts = thread.opts.replace(c, "")
            i += 1
            continue
        thread.positional = list(args[i:])
        return 0
    return 0


@builtin("shift")
def shift(ctx: Ctx) -> Result:
    n = 1
    if ctx.args:
        parsed = _number(ctx, ctx.args[0])
        if parsed is None:
            return 2
        n = parsed
    if n > len(ctx.thread.positional):
        if ctx.msgs.shell != "bash":
            ctx.shell_error("can't shift that many")
            return 2
        return 1
    ctx.thread.positional = ctx.thread.positional[n:]
    return 0


@builtin("trap")
def trap(ctx: Ctx) -> Result:
    from ..vm import signal_name
    thread = ctx.thread
    args = [a for a in ctx.args if a != "--"]
    if not args or args == ["-p"]:
        for sig in sorted(thread.traps):
            ctx.out(f"trap -- {_shell_quote(thread.traps[sig])} {sig}\n")
        return 0
    if len(args) == 1 or signal_name(args[0]) is not None and args[0].isdigit():
        action, sigs = "-", args
    else:
        action, sigs = args[0], args[1:]
    status = 0
    for sig in sigs:
        name = signal_name(sig)
        if name is None:
            text = (f"{sig}: invalid signal specification" if ctx.msgs.shell == "bash" else f"{sig}: bad trap")
            ctx.shell_error(text)
            status = 1
            continue
        if action == "-":
            thread.traps.pop(name, None)
        else:
            thread.traps[name] = action
    return status


@builtin("eval")
def eval_(ctx: Ctx) -> Result:
    source = " ".join(ctx.args)
    return RunCode(source, "eval") if source.strip() else 0


@builtin(".", "source")
def source(ctx: Ctx) -> Result:
    if not ctx.args:
        ctx.shell_error("filename argument required")
        return 2
    name = ctx.args[0]
    try:
        text = ctx.fs.read(ctx.path(name))
    except FsError as exc:
        if ctx.msgs.shell == "dash":
            ctx.shell_error(f"cannot open {name}: No such file")
        elif ctx.msgs.shell == "bash":
            ctx.errln(ctx.msgs.shell_error(f"{name}: {exc.strerror}", ctx.thread.line))
        else:
            ctx.shell_error(f"can't open '{name}'")
        return 2 if ctx.msgs.shell != "bash" else 1
    return RunCode(text, "source", args=ctx.args[1:] or None)
