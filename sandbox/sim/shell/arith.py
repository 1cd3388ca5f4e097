"""Shell arithmetic, ``$((...))`` (XCU 2.6.4): C integer expressions on signed 64-bit values.

The text has already had its ``$`` expansions done (as dash and ash do); bare names are
variables read here (an unset or empty variable is 0). Assignment operators write back through
``setvar``. Division truncates toward zero, as C does.
"""
from __future__ import annotations

import re
from typing import Callable

_TOKEN = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+|\d+)|([A-Za-z_][A-Za-z0-9_]*)|"
                    r"(\*\*=?|<<=|>>=|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[-+*/%<>&|^!~?:=()]))")
_BINARY = {  # operator -> precedence (higher binds tighter)
    "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6,
    "<": 7, "<=": 7, ">": 7, ">=": 7, "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10,
    "**": 11,
}
_ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^=", "**="}


class ArithError(Exception):
    pass


def _wrap(n: int) -> int:
    n &= (1 << 64) - 1
    return n - (1 << 64) if n >= 1 << 63 else n


def _cdiv(a: int, b: int) -> int:
    if b == 0:
        raise ArithError("divide by zero")
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _apply(op: str, a: int, b: int) -> int:
    if op == "+": return a + b
    if op == "-": return a - b
    if op == "*": return a * b
    if op == "/": return _cdiv(a, b)
    if op == "%":
        if b == 0:
            raise ArithError("divide by zero")
        return a - _cdiv(a, b) * b
    if op == "**": return a ** b if b >= 0 else 0
    if op == "<<": return a << (b & 63)
    if op == ">>": return a >> (b & 63)
    if op == "&": return a & b
    if op == "|": return a | b
    if op == "^": return a ^ b
    if op == "<": return int(a < b)
    if op == "<=": return int(a <= b)
    if op == ">": return int(a > b)
    if op == ">=": return int(a >= b)
    if op == "==": return int(a == b)
    if op == "!=": return int(a != b)
    raise ArithError(f"bad operator {op}")


def parse_number(text: str) -> int:
    t = text.strip()
    neg = t.startswith("-")
    if t[:1] in "+-":
        t = t[1:]
    if re.fullmatch(r"0[xX][0-9a-fA-F]+", t):
        n = int(t, 16)
    elif re.fullmatch(r"0[0-7]+", t):
        n = int(t, 8)
    elif re.fullmatch(r"\d+", t):
        n = int(t)
    else:
        raise ArithError("arithmetic syntax error")
    return -n if neg else n


class _Parser:
    def __init__(self, text: str, getvar: Callable[[str], str], setvar: Callable[[str, str], None]):
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ArithError("arithmetic syntax error")
            pos = m.end()
            if m.group(1):
                self.tokens.append(("num", m.group(1)))
            elif m.group(2):
                self.tokens.append(("name", m.group(2)))
            else:
                self.tokens.append(("op", m.group(3)))
        self.i = 0
        self.getvar, self.setvar = getvar, setvar

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise ArithError("arithmetic syntax error")
        self.i += 1
        return tok

    def var(self, name: str) -> int:
        value = self.getvar(name)
        return parse_number(value) if value.strip() else 0

    def expr(self) -> int:
        tok = self.peek()
        if tok and tok[0] == "name" and self.i + 1 < len(self.tokens):
            nxt = self.tokens[self.i + 1]
            if nxt[0] == "op" and nxt[1] in _ASSIGN:
                self.i += 2
                value = self.expr()
                if nxt[1] != "=":
                    value = _apply(nxt[1][:-1], self.var(tok[1]), value)
                value = _wrap(value)
                self.setvar(tok[1], str(value))
                return value
        return self.ternary()

    def ternary(self) -> int:
        cond = self.binary(1)
        tok = self.peek()
        if tok == ("op", "?"):
            self.take()
            a = self.expr()
            if self.take() != ("op", ":"):
                raise ArithError("arithmetic syntax error")
            b = self.expr()
            return a if cond else b
        return cond

    def binary(self, level: int) -> int:
        left = self.unary()
        while True:
            tok = self.peek()
            if not tok or tok[0] != "op" or tok[1] not in _BINARY or _BINARY[tok[1]] < level:
                return left
            op = tok[1]
            self.take()
            prec = _BINARY[op]
            right = self.binary(prec if op == "**" else prec + 1)
            if op == "&&":
                left = int(bool(left) and bool(right))
            elif op == "||":
                left = int(bool(left) or bool(right))
            else:
                left = _wrap(_apply(op, left, right))

    def unary(self) -> int:
        tok = self.take()
        if tok[0] == "op":
            op = tok[1]
            if op in ("++", "--"):
                name = self.take()
                if name[0] != "name":
                    raise ArithError("arithmetic syntax error")
                value = self.var(name[1]) + (1 if op == "++" else -1)
                self.setvar(name[1], str(value))
                return value
            if op == "-": return _wrap(-self.unary())
            if op == "+": return self.unary()
            if op == "!": return int(not self.unary())
            if op == "~": return ~self.unary()
            if op == "(":
                value = self.expr()
                if self.take() != ("op", ")"):
                    raise ArithError("arithmetic syntax error")
                return value
            raise ArithError("arithmetic syntax error")
        if tok[0] == "num":
            return _wrap(parse_number(tok[1]))
        value = self.var(tok[1])
        nxt = self.peek()
        if nxt and nxt[0] == "op" and nxt[1] in ("++", "--"):
            self.take()
            self.setvar(tok[1], str(value + (1 if nxt[1] == "++" else -1)))
        return value


def evaluate(text: str, getvar: Callable[[str], str], setvar: Callable[[str, str], None]) -> int:
    if not text.strip():
        return 0
    parser = _Parser(text, getvar, setvar)
    value = parser.expr()
    if parser.peek() is not None:
        raise ArithError("arithmetic syntax error")
    return value
