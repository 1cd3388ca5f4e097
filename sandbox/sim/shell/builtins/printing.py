"""``echo``, ``printf`` and ``yes``.

echo differs between shells: dash's echo always interprets backslash escapes and knows only
``-n`` (so ``echo -e x`` prints ``-e x``: dash(1) "echo"); ash's and bash's interpret them only
with ``-e``. printf follows XCU "printf" as busybox and coreutils do: the format is reused while
arguments remain; a missing argument is "" or 0.
"""
from __future__ import annotations

import re

from .base import Ctx, Result, RunCode, builtin, utility

_ESCAPES = {"a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
            "v": "\v", "\\": "\\"}


class _Stop(Exception):
    """``\\c``: produce no further output."""

    def __init__(self, text: str) -> None:
        self.text = text


def unescape(text: str, echo_octal: bool) -> str:
    """Backslash escapes of echo -e / %b (``\\0NNN`` octal) or of a printf format (``\\NNN``)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\" or i + 1 >= len(text):
            out.append(c)
            i += 1
            continue
        n = text[i + 1]
        if n in _ESCAPES:
            out.append(_ESCAPES[n])
            i += 2
        elif n == "c":
            raise _Stop("".join(out))
        elif n == "0" and echo_octal or n in "01234567" and not echo_octal:
            start = i + 2 if echo_octal else i + 1
            j = start
            while j < len(text) and j < start + 3 and text[j] in "01234567":
                j += 1
            out.append(chr(int(text[start:j] or "0", 8) & 0xFF))
            i = j
        elif n == "x" and not echo_octal:
            m = re.match(r"[0-9a-fA-F]{1,2}", text[i + 2:])
            if m:
                out.append(chr(int(m.group(), 16)))
                i += 2 + m.end()
            else:
                out.append("\\x")
                i += 2
        elif n == '"' and not echo_octal:
            out.append('"')
            i += 2
        else:
            out.append("\\" + n)
            i += 2
    return "".join(out)


@builtin("echo")
@utility("echo")
def echo(ctx: Ctx) -> Result:
    args = list(ctx.args)
    newline, escapes = True, ctx.msgs.shell == "dash"
    allowed = "n" if ctx.msgs.shell == "dash" else "neE"
    while args and re.fullmatch(f"-[{allowed}]+", args[0]):
        for c in args[0][1:]:
            if c == "n":
                newline = False
            elif c == "e":
                escapes = True
            elif c == "E":
                escapes = False
        args.pop(0)
    text = " ".join(args)
    if escapes:
        try:
            text = unescape(text, echo_octal=True)
        except _Stop as stop:
            ctx.out(stop.text)
            return 0
    ctx.out(text + ("\n" if newline else ""))
    return 0


@utility("yes")
def yes(ctx: Ctx) -> Result:
    """``yes [STRING...]``: its words joined by spaces (``y`` without any), a line after another for
    ever. Like coreutils (yes.c), it writes whole copies of the line filling a buffer of BUFSIZ
    (8,192) characters at a time, so that filling a pipe or the 1 MiB output limit takes a hundred
    writes, not half a million. A child shell's loop, so that it goes on writing: in a pipeline
    whose reader stops reading (``yes | head -3``) SIGPIPE ends it with 141 (pipes.py)."""
    line = (" ".join(ctx.args) if ctx.args else "y") + "\n"
    block = line * max(1, YES_BUFFER // len(line))
    # and, as yes.c, it stops at the first write that fails (a full file system: status 1)
    return RunCode('while printf "%s" "$1"; do :; done; exit 1', "shell", arg0=ctx.argv[0], args=[block])


YES_BUFFER = 8192      # coreutils' BUFSIZ: yes fills it with whole lines


_SPEC = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXcsbeEfFgG%])")


def _to_number(ctx: Ctx, arg: str, errors: list[str]) -> int | float:
    text = arg.strip()
    if text[:1] in ("'", '"') and len(text) > 1:
        return ord(text[1])
    try:
        if re.fullmatch(r"[-+]?0[xX][0-9a-fA-F]+", text):
            return int(text, 16)
        if re.fullmatch(r"[-+]?0[0-7]+", text):
            return int(text, 8)
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            errors.append(arg)
            return 0


@builtin("printf")
@utility("printf")
def printf(ctx: Ctx) -> Result:
    if not ctx.args:
        ctx.errln("printf: usage: printf format [arguments]" if ctx.msgs.shell == "bash"
                  else ctx.msgs.util("missing_operand", "printf"))
        return 1 if ctx.gnu else 2
    fmt, args = ctx.args[0], list(ctx.args[1:])
    errors: list[str] = []
    out: list[str] = []
    try:
        while True:
            consumed = _format_once(ctx, fmt, args, out, errors)
            if not args or not consumed:
                break
    except _Stop as stop:
        out.append(stop.text)
    ctx.out("".join(out))
    for bad in errors:
        ctx.errln(f"printf: '{bad}': expected a numeric value" if ctx.gnu else f"printf: invalid number '{bad}'")
    return 1 if errors else 0


def _format_once(ctx: Ctx, fmt: str, args: list[str], out: list[str], errors: list[str]) -> int:
    consumed = 0
    pos = 0

    def take() -> str | None:
        nonlocal consumed
        if args:
            consumed += 1
            return args.pop(0)
        return None

    while pos < len(fmt):
        m = _SPEC.search(fmt, pos)
        literal = fmt[pos:m.start()] if m else fmt[pos:]
        try:
            out.append(unescape(literal, echo_octal=False))
        except _Stop as stop:
            raise _Stop(stop.text) from None
        if not m:
            break
        pos = m.end()
        flags, width, prec, conv = m.groups()
        if conv == "%":
            out.append("%")
            continue
        if width == "*":
            width = str(int(_to_number(ctx, take() or "0", errors)))
        if prec == "*":
            prec = str(int(_to_number(ctx, take() or "0", errors)))
        spec = "%" + flags + (width or "") + (f".{prec}" if prec is not None else "")
        arg = take()
        if conv in "sb":
            text = arg or ""
            if conv == "b":
                try:
                    text = unescape(text, echo_octal=True)
                except _Stop as stop:
                    raise _Stop((spec + "s") % stop.text) from None
            out.append((spec + "s") % text)
        elif conv == "c":
            out.append((spec + "s") % (arg or "")[:1])
        elif conv in "diouxX":
            value = int(_to_number(ctx, arg or "0", errors))
            pyconv = "d" if conv in "iu" else conv
            out.append((spec + pyconv) % value)
        else:
            value = float(_to_number(ctx, arg or "0", errors))
            out.append((spec + conv) % value)
    return consumed
