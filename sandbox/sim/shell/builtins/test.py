"""``test`` and ``[`` (XCU "test": the argument-count rules for up to four arguments, then the
``-a``/``-o``/``!``/parentheses grammar that busybox and coreutils accept).

Errors, status 2: busybox ``sh: abc: bad number`` and ``sh: missing ]`` (libbb ``bb_error_msg``
with the shell as applet), dash ``sh: 1: [: Illegal number: abc``, bash
``bash: line 1: [: abc: integer expression expected``.
"""
from __future__ import annotations

import re

from .base import Ctx, Result, builtin, utility

_UNARY = frozenset({"-e", "-f", "-d", "-s", "-r", "-w", "-x", "-z", "-n", "-L", "-h", "-b", "-c",
                    "-p", "-S", "-t", "-g", "-u", "-k", "-O", "-G"})
_BINARY = frozenset({"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"})


class _TestError(Exception):
    pass


class _Test:
    def __init__(self, ctx: Ctx, args: list[str]) -> None:
        self.ctx, self.args, self.i = ctx, args, 0

    def fail(self, kind: str, arg: str = "") -> _TestError:
        ctx = self.ctx
        shell = ctx.msgs.shell
        name = ctx.name
        line = ctx.thread.line
        if kind == "number":
            if shell == "bash":
                text = ctx.msgs.shell_error(f"{name}: {arg}: integer expression expected", line)
            elif shell == "dash":
                text = ctx.msgs.shell_error(f"{name}: Illegal number: {arg}", line)
            else:
                text = f"{ctx.msgs.arg0.rsplit('/', 1)[-1]}: {arg}: bad number"
        else:
            what = {"missing": "missing ]", "syntax": f"{arg}: unknown operand" if arg else "syntax error"}[kind]
            if shell == "bash" and kind == "missing":
                what = "missing `]'"
            if shell in ("bash", "dash"):
                text = ctx.msgs.shell_error(f"{name}: {what}", line)
            else:
                text = f"{ctx.msgs.arg0.rsplit('/', 1)[-1]}: {what}"
        return _TestError(text)

    def number(self, text: str) -> int:
        if not re.fullmatch(r"\s*[-+]?\d+\s*", text):
            raise self.fail("number", text)
        return int(text)

    def unary(self, op: str, arg: str) -> bool:
        fs = self.ctx.fs
        if op == "-z":
            return arg == ""
        if op == "-n":
            return arg != ""
        if op == "-t":
            return False
        path = self.ctx.path(arg) if arg else ""
        if not arg:
            return False
        if op in ("-e", "-r", "-w", "-x"):
            return fs.exists(path)
        if op == "-f":
            return fs.is_file(path) and path != "/dev/null"
        if op == "-d":
            return fs.is_dir(path)
        if op == "-s":
            return fs.exists(path) and fs.size(path) > 0
        if op == "-c":
            return path == "/dev/null"
        return False

    def binary(self, a: str, op: str, b: str) -> bool:
        if op in ("=", "=="):
            return a == b
        if op == "!=":
            return a != b
        if op == "<":
            return a < b
        if op == ">":
            return a > b
        if op in ("-nt", "-ot"):
            return False
        if op == "-ef":
            return self.ctx.path(a) == self.ctx.path(b) and self.ctx.fs.exists(self.ctx.path(a))
        x, y = self.number(a), self.number(b)
        return {"-eq": x == y, "-ne": x != y, "-lt": x < y, "-le": x <= y, "-gt": x > y, "-ge": x >= y}[op]

    def evaluate(self) -> bool:
        args = self.args
        n = len(args)
        if n == 0:
            return False
        if n == 1:
            return args[0] != ""
        if n == 2:
            if args[0] == "!":
                return args[1] == ""
            if args[0] in _UNARY:
                return self.unary(args[0], args[1])
            raise self.fail("syntax", args[0])
        if n == 3:
            if args[1] in _BINARY:
                return self.binary(args[0], args[1], args[2])
            if args[0] == "!":
                return not _Test(self.ctx, args[1:]).evaluate()
            if args[0] == "(" and args[2] == ")":
                return args[1] != ""
        if n == 4 and args[0] == "!":
            return not _Test(self.ctx, args[1:]).evaluate()
        value = self.or_()
        if self.i < len(args):
            raise self.fail("syntax", args[self.i])
        return value

    def peek(self) -> str | None:
        return self.args[self.i] if self.i < len(self.args) else None

    def take(self) -> str:
        if self.i >= len(self.args):
            raise self.fail("syntax")
        self.i += 1
        return self.args[self.i - 1]

    def or_(self) -> bool:
        value = self.and_()
        while self.peek() == "-o":
            self.take()
            value = self.and_() or value
        return value

    def and_(self) -> bool:
        value = self.not_()
        while self.peek() == "-a":
            self.take()
            value = self.not_() and value
        return value

    def not_(self) -> bool:
        if self.peek() == "!":
            self.take()
            return not self.not_()
        return self.primary()

    def primary(self) -> bool:
        tok = self.take()
        if tok == "(":
            value = self.or_()
            if self.take() != ")":
                raise self.fail("syntax")
            return value
        if tok in _UNARY and self.peek() is not None:
            return self.unary(tok, self.take())
        nxt = self.peek()
        if nxt in _BINARY and self.i + 1 < len(self.args):
            self.take()
            return self.binary(tok, nxt, self.take())
        return tok != ""


@builtin("[[")
def double_bracket(ctx: Ctx) -> Result:
    """``[[ ... ]]`` of ash and bash (dash has none: ``[[: not found``), without ``&&``/``||``
    inside: ``==``/``!=`` match a pattern, ``=~`` a regular expression."""
    if ctx.msgs.shell == "dash":
        ctx.errln(ctx.msgs.not_found("[[", ctx.thread.line))
        return 127
    args = list(ctx.args)
    if not args or args[-1] != "]]":
        ctx.shell_error("missing ]]" if ctx.msgs.shell != "bash" else "syntax error: unexpected end of file")
        return 2
    args.pop()
    negate = bool(args) and args[0] == "!"
    if negate:
        args = args[1:]
    if len(args) == 3 and args[1] in ("==", "=", "!=", "=~"):
        left, op, right = args
        if op == "=~":
            result = re.search(right, left) is not None
        else:
            from .. import pattern
            result = pattern.match(right, left) == (op != "!=")
    else:
        try:
            result = _Test(ctx, args).evaluate()
        except _TestError as exc:
            ctx.errln(exc.args[0])
            return 2
    return 0 if result != negate else 1


@builtin("test", "[")
@utility("test", "[")
def test(ctx: Ctx) -> Result:
    args = list(ctx.args)
    if ctx.name == "[":
        if not args or args[-1] != "]":
            ctx.errln(_Test(ctx, args).fail("missing").args[0])
            return 2
        args.pop()
    try:
        return 0 if _Test(ctx, args).evaluate() else 1
    except _TestError as exc:
        ctx.errln(exc.args[0])
        return 2
