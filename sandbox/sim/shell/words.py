"""Reading one word into its parts (XCU 2.2 quoting, 2.6 expansions as written): quotes, backslash
escapes, ``$name``/``${...}``, ``$(...)`` (parsed by a nested parser), backquotes, ``$((...))``,
``$'...'``. A mixin of ``Lexer``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .ast import Arith, CommandSub, DoubleQuoted, Escaped, Lit, Param, Part, SingleQuoted, Word

if TYPE_CHECKING:
    from .ast import Script
    from .lexer import ShellSyntaxError

METACHARS = frozenset(" \t\n;&|()<>")
SPECIAL_PARAMS = frozenset("@*#?$!-0123456789")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PARAM_OPS = (":-", ":=", ":?", ":+", "##", "%%", "-", "=", "?", "+", "#", "%")
_ANSI_C = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b",
           "f": "\f", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}


class WordReader:
    src: str
    pos: int
    heredoc_end: dict[int, int]
    _subparse: Callable[[str, int, dict[int, int]], tuple[Script, int]] | None

    def error(self, token: str | None, pos: int, **kw: str | None) -> ShellSyntaxError: ...

    def read_parts(self, mode: str) -> list[Part]:
        """Parts up to the end of the word. Modes: "word" (stops at a metacharacter), "dquote"
        (stops at the closing quote, not consumed), "brace" (stops at an unquoted ``}``),
        "arith" (stops at the ``))`` closing ``$((``), "heredoc" (to the end of the text)."""
        src, n = self.src, len(self.src)
        parts: list[Part] = []
        buf: list[str] = []
        depth = 0

        def flush() -> None:
            if buf:
                parts.append(Lit("".join(buf)))
                buf.clear()

        quoted_mode = mode in ("dquote", "heredoc")
        while self.pos < n:
            i = self.pos
            ch = src[i]
            if mode == "word" and ch in METACHARS:
                break
            if mode == "dquote" and ch == '"':
                break
            if mode == "brace" and ch == "}":
                break
            if mode == "arith":
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    if depth == 0 and src.startswith("))", i):
                        break
                    depth -= 1
            if ch == "\\":
                nxt = src[i + 1] if i + 1 < n else ""
                if nxt == "\n":
                    self.pos = i + 2
                    continue
                if quoted_mode or mode == "arith":
                    if nxt and nxt in ('$`\\"' if mode == "dquote" else "$`\\"):
                        buf.append(nxt)
                        self.pos = i + 2
                    else:
                        buf.append("\\")
                        self.pos = i + 1
                    continue
                flush()
                parts.append(Escaped(nxt))
                self.pos = i + 2 if nxt else i + 1
                continue
            if ch == "'" and not quoted_mode and mode != "arith":
                end = src.find("'", i + 1)
                if end < 0:
                    raise self.error(None, i, message="unterminated quoted string")
                flush()
                parts.append(SingleQuoted(src[i + 1:end]))
                self.pos = end + 1
                continue
            if ch == '"' and not quoted_mode and mode != "arith":
                flush()
                self.pos = i + 1
                inner = self.read_parts("dquote")
                if self.pos >= n:
                    raise self.error(None, i, message="unterminated quoted string")
                self.pos += 1
                parts.append(DoubleQuoted(tuple(inner)))
                continue
            if ch == "`":
                flush()
                parts.append(self._backquote(i, in_dquote=quoted_mode))
                continue
            if ch == "$":
                part = self._dollar(i, quoted_mode)
                if part is not None:
                    flush()
                    parts.append(part)
                    continue
            buf.append(ch)
            self.pos = i + 1
        flush()
        return parts

    def _dollar(self, i: int, in_dquote: bool) -> Part | None:
        src = self.src
        nxt = src[i + 1] if i + 1 < len(src) else ""
        if nxt == "(":
            if src.startswith("((", i + 1):
                self.pos = i + 3
                expr = self.read_parts("arith")
                if not src.startswith("))", self.pos):
                    raise self.error("end of file", i, expecting='"))"')
                self.pos += 2
                return Arith(Word(tuple(expr), src[i + 3:self.pos - 2]))
            return self._command_sub(i + 2)
        if nxt == "{":
            return self._braced(i)
        if nxt == "'" and not in_dquote:
            return self._ansi_c(i)
        if nxt and (nxt in SPECIAL_PARAMS):
            self.pos = i + 2
            return Param(nxt)
        m = _NAME.match(src, i + 1)
        if m:
            self.pos = m.end()
            return Param(m.group())
        return None  # a lone "$" is literal

    def _command_sub(self, start: int) -> CommandSub:
        assert self._subparse is not None
        script, end = self._subparse(self.src, start, self.heredoc_end)
        self.pos = end
        return CommandSub(script, self.src[start:end - 1])

    def _backquote(self, i: int, in_dquote: bool) -> CommandSub:
        """`...`: inside, backslash quotes ``$``, backquote and backslash (and ``"`` in quotes)."""
        src, j, out = self.src, i + 1, []
        specials = '$`\\"' if in_dquote else "$`\\"
        while j < len(src) and src[j] != "`":
            if src[j] == "\\" and j + 1 < len(src) and src[j + 1] in specials:
                out.append(src[j + 1])
                j += 2
                continue
            out.append(src[j])
            j += 1
        if j >= len(src):
            raise self.error(None, i, message="unterminated quoted string")
        self.pos = j + 1
        inner = "".join(out)
        assert self._subparse is not None
        script, _ = self._subparse(inner, -1, {})
        return CommandSub(script, inner, backquoted=True)

    def _braced(self, i: int) -> Param:
        src = self.src
        j = i + 2
        length = False
        if src.startswith("#", j) and not src.startswith("#}", j):
            length, j = True, j + 1
        m = _NAME.match(src, j)
        if m:
            name, j = m.group(), m.end()
        elif j < len(src) and src[j].isdigit():
            k = j
            while k < len(src) and src[k].isdigit():
                k += 1
            name, j = src[j:k], k
        elif j < len(src) and src[j] in SPECIAL_PARAMS:
            name, j = src[j], j + 1
        else:
            raise self.error(None, i, message="bad substitution")
        if src.startswith("}", j):
            self.pos = j + 1
            return Param(name, "len") if length else Param(name)
        if length:
            raise self.error(None, i, message="bad substitution")
        for op in _PARAM_OPS:
            if src.startswith(op, j):
                self.pos = j + len(op)
                arg = self.read_parts("brace")
                if not src.startswith("}", self.pos):
                    raise self.error(None, i, message="bad substitution" if self.pos < len(src)
                                     else "unterminated quoted string")
                text = src[j + len(op):self.pos]
                self.pos += 1
                colon = op.startswith(":")
                return Param(name, op.lstrip(":"), Word(tuple(arg), text), colon)
        raise self.error(None, i, message="bad substitution")

    def _ansi_c(self, i: int) -> SingleQuoted:
        """bash's and ash's ``$'...'``: backslash escapes decoded, the rest literal."""
        src, j, out = self.src, i + 2, []
        while j < len(src) and src[j] != "'":
            if src[j] == "\\" and j + 1 < len(src):
                c = src[j + 1]
                if c in _ANSI_C:
                    out.append(_ANSI_C[c])
                    j += 2
                    continue
                if c in "01234567":
                    k = j + 1
                    while k < len(src) and k < j + 4 and src[k] in "01234567":
                        k += 1
                    out.append(chr(int(src[j + 1:k], 8)))
                    j = k
                    continue
                out.append("\\")
                j += 1
                continue
            out.append(src[j])
            j += 1
        if j >= len(src):
            raise self.error(None, i, message="unterminated quoted string")
        self.pos = j + 1
        return SingleQuoted("".join(out))
