"""Tokens and words of the shell language (XCU 2.3 "Token Recognition", 2.2 "Quoting").

The lexer is driven by the parser one token at a time, because what follows ``<<`` (a here-document
body, read from the lines after the current one, as bash, dash and ash do) and what is inside
``$(...)`` (a whole nested command list, parsed by a nested parser) depend on the grammar.
Words come out as parts that keep their quoting; see ``ast.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .ast import Word
from .words import METACHARS, WordReader

if TYPE_CHECKING:
    from .ast import Script

# Longest first: the lexer takes the longest operator that matches (XCU 2.3 rule 2).
OPERATORS = (
    "&>>", "<<<", "<<-", "&&", "||", ";;", "<<", ">>", "<&", ">&", "<>", ">|", "&>",
    ";", "&", "|", "(", ")", "<", ">",
)
REDIRECT_OPS = frozenset({"<", ">", ">>", "<&", ">&", "<>", ">|", "<<", "<<-", "<<<", "&>", "&>>"})
_IO_NUMBER = re.compile(r"\d+(?=[<>])")


class ShellSyntaxError(Exception):
    """A syntax error. ``token`` is the unexpected token as the shells name it ("fi", ";",
    "newline", "end of file") or None for errors that are not about a token; ``expecting`` is
    the keyword the parser wanted; ``message`` covers the other cases ("unterminated quoted
    string", "bad substitution"). Each flavour words it (see messages.py)."""

    def __init__(self, token: str | None, *, expecting: str | None = None, message: str | None = None,
                 pos: int = 0, line: int = 1, source: str = "") -> None:
        self.token = token
        self.expecting = expecting
        self.message = message
        self.pos = pos
        self.line = line
        self.source = source
        super().__init__(self.describe())

    def describe(self) -> str:
        if self.message:
            return self.message
        text = f"unexpected {self.token}"
        return f"{text} (expecting {self.expecting})" if self.expecting else text

    @property
    def line_text(self) -> str:
        lines = self.source.split("\n")
        return lines[self.line - 1] if 0 < self.line <= len(lines) else ""


@dataclass(slots=True)
class Token:
    kind: str           # "word" | "op" | "newline" | "eof"
    value: str          # operator text, or the word as written
    pos: int
    word: Word | None = None
    fd: int | None = None   # the IO number before a redirection operator: 2>&1


def token_name(tok: Token) -> str:
    """How ash and dash name a token in 'unexpected ...': keywords and operators in quotes."""
    if tok.kind == "eof":
        return "end of file"
    if tok.kind == "newline":
        return "newline"
    if tok.kind == "op" and tok.value in REDIRECT_OPS:
        return "redirection"
    if tok.kind == "word":
        return f'"{tok.value}"' if tok.value in KEYWORDS else "word"
    return f'"{tok.value}"'


KEYWORDS = frozenset({"if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while",
                      "until", "for", "in", "{", "}", "!", "function"})


class Lexer(WordReader):
    def __init__(self, src: str, pos: int = 0, heredoc_end: dict[int, int] | None = None,
                 subparse: Callable[[str, int, dict[int, int]], tuple[Script, int]] | None = None) -> None:
        self.src = src
        self.pos = pos
        # newline position -> where lexing resumes after the here-document bodies that follow it
        self.heredoc_end = heredoc_end if heredoc_end is not None else {}
        self._subparse = subparse  # parses a nested $(...) list; returns (script, end position)

    def line_at(self, pos: int) -> int:
        return self.src.count("\n", 0, pos) + 1

    def error(self, token: str | None, pos: int, **kw: str | None) -> ShellSyntaxError:
        return ShellSyntaxError(token, pos=pos, line=self.line_at(pos), source=self.src, **kw)

    # ---- tokens ----------------------------------------------------------------------------

    def next_token(self) -> Token:
        src, n = self.src, len(self.src)
        while True:
            while self.pos < n and src[self.pos] in " \t":
                self.pos += 1
            if src.startswith("\\\n", self.pos):   # line continuation between words
                self.pos += 2
                continue
            if self.pos < n and src[self.pos] == "#":
                while self.pos < n and src[self.pos] != "\n":
                    self.pos += 1
            break
        start = self.pos
        if start >= n:
            return Token("eof", "", start)
        ch = src[start]
        if ch == "\n":
            self.pos = self.heredoc_end.get(start, start + 1)
            return Token("newline", "\n", start)
        m = _IO_NUMBER.match(src, start)
        if m:
            self.pos = m.end()
            op = self._operator()
            return Token("op", op, start, fd=int(m.group()))
        if ch in METACHARS:
            return Token("op", self._operator(), start)
        parts = self.read_parts(mode="word")
        return Token("word", src[start:self.pos], start, word=Word(tuple(parts), src[start:self.pos]))

    def _operator(self) -> str:
        for op in OPERATORS:
            if self.src.startswith(op, self.pos):
                self.pos += len(op)
                return op
        raise AssertionError("not at an operator")  # pragma: no cover

    # ---- here-documents ----------------------------------------------------------------------

    def read_heredoc(self, delimiter: str, strip_tabs: bool) -> tuple[str, bool]:
        """The body of a here-document whose operator was just read; (body, terminated)."""
        src = self.src
        nl = src.find("\n", self.pos)
        if nl < 0:
            return "", False
        start = self.heredoc_end.get(nl, nl + 1)
        lines: list[str] = []
        pos, terminated = start, False
        while pos < len(src):
            end = src.find("\n", pos)
            line = src[pos:] if end < 0 else src[pos:end]
            pos = len(src) if end < 0 else end + 1
            if strip_tabs:
                line = line.lstrip("\t")
            if line == delimiter:
                terminated = True
                break
            lines.append(line + "\n")
        self.heredoc_end[nl] = pos
        return "".join(lines), terminated
