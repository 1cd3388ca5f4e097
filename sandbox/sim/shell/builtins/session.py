"""Builtins about the shell's surroundings: ``cd``, ``pwd``, ``read``, ``type``, ``command``,
``umask``, ``ulimit``, ``times``.
"""
from __future__ import annotations

import re

from .base import Ctx, Result, RunCode, builtin, utility


def _shell_quote(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


@builtin("cd")
def cd(ctx: Ctx) -> Result:
    thread = ctx.thread
    target = ctx.args[0] if ctx.args else thread.vars.get("HOME", "/")
    if target == "-":
        target = thread.vars.get("OLDPWD", thread.cwd)
        ctx.out(target + "\n")
    path = ctx.path(target)
    if not ctx.fs.is_dir(path):
        err = "Not a directory" if ctx.fs.exists(path) else "No such file or directory"
        ctx.errln(ctx.msgs.cd_failed(target, err, thread.line))
        return 2 if ctx.msgs.shell != "bash" else 1
    thread.vars["OLDPWD"] = thread.cwd
    thread.cwd = thread.vars["PWD"] = path
    return 0


@builtin("pwd")
@utility("pwd")
def pwd(ctx: Ctx) -> Result:
    ctx.out(ctx.thread.cwd + "\n")
    return 0


@builtin("read")
def read(ctx: Ctx) -> Result:
    raw = False
    names: list[str] = []
    args = ctx.args
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-r":
            raw = True
        elif a in ("-p", "-t", "-n", "-d", "-u"):
            i += 1
        elif a.startswith("-") and len(a) > 1:
            raw = raw or "r" in a
        else:
            names.append(a)
        i += 1
    names = names or ["REPLY"]
    line = ctx.readline()
    if line is None:
        for name in names:
            ctx.thread.vars[name] = ""
        return 1
    text = line[:-1] if line.endswith("\n") else line
    if not raw:
        while text.endswith("\\") and (more := ctx.readline()) is not None:
            text = text[:-1] + (more[:-1] if more.endswith("\n") else more)
        text = re.sub(r"\\(.)", r"\1", text)
    ifs = ctx.thread.vars.get("IFS", " \t\n")
    values = _split_for_read(text, ifs, len(names))
    for name, value in zip(names, values + [""] * (len(names) - len(values))):
        ctx.thread.vars[name] = value
    return 0 if line.endswith("\n") else 1


def _split_for_read(text: str, ifs: str, count: int) -> list[str]:
    white = "".join(c for c in ifs if c in " \t\n")
    text = text.strip(white) if white else text
    if count == 1:
        return [text]
    fields: list[str] = []
    rest = text
    while len(fields) < count - 1 and rest:
        m = re.search("[" + re.escape(ifs) + "]", rest) if ifs else None
        if not m:
            break
        fields.append(rest[:m.start()])
        rest = rest[m.end():].lstrip(white) if white else rest[m.end():]
    fields.append(rest.rstrip(white) if white else rest)
    return fields


@builtin("type")
def type_(ctx: Ctx) -> Result:
    from ..commands import resolve
    status = 0
    for name in ctx.args:
        kind, _ = resolve(ctx.rt, ctx.thread, name)
        if kind in ("special", "builtin"):
            special = "special " if kind == "special" else ""
            ctx.out(f"{name} is a {special}shell builtin\n")
        elif kind == "function":
            ctx.out(f"{name} is a function\n")
        elif kind in ("utility", "host", "script"):
            ctx.out(f"{name} is {name if '/' in name else '/bin/' + name}\n")
        else:
            ctx.out(f"{name}: not found\n")
            status = 1
    return status


@builtin("command")
def command(ctx: Ctx) -> Result:
    from ..commands import resolve
    args = ctx.args
    if args[:1] in (["-v"], ["-V"]):
        status = 0
        for name in args[1:]:
            kind, _ = resolve(ctx.rt, ctx.thread, name)
            if kind == "missing":
                status = 1
            elif kind in ("utility", "host") and "/" not in name:
                ctx.out(f"/bin/{name}\n" if kind == "utility" else f"{name}\n")
            else:
                ctx.out(name + "\n")
        return status
    if not args:
        return 0
    return RunCode(" ".join(_shell_quote(a) for a in args), "eval")


@builtin("umask")
def umask(ctx: Ctx) -> Result:
    if not ctx.args:
        ctx.out("0022\n")
    return 0


@builtin("ulimit")
def ulimit(ctx: Ctx) -> Result:
    if not ctx.args or ctx.args in (["-f"], ["-n"], ["-a"]):
        ctx.out("unlimited\n")
    return 0


@builtin("times")
def times(ctx: Ctx) -> Result:
    ctx.out("0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n")
    return 0
