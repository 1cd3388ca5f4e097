"""A recursive-descent parser for the POSIX shell grammar (XCU 2.10), plus the bash/ash extras
that container commands use (``function name {}``, ``&>``, ``<<<``, ``$'...'``).

``parse(source)`` returns a ``Script``; syntax errors raise ``ShellSyntaxError`` naming the
unexpected token the way ash and dash do ("fi", "newline", "end of file") and what was expected.
"""
from __future__ import annotations

import re

from .ast import (
    AndOr, Assign, BraceGroup, Command, DoubleQuoted, FunctionDef, ListItem, Lit, Pipeline, Redirect,
    Redirected, Script, SimpleCommand, SingleQuoted, Subshell, Word,
)
from .compound import CompoundParser
from .lexer import REDIRECT_OPS, Lexer, ShellSyntaxError, Token, token_name

_ASSIGN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# Reserved words that end a command list (the list's owner then checks which one it wanted).
_LIST_END = frozenset({"then", "else", "elif", "fi", "do", "done", "esac", "}"})

__all__ = ["parse", "ShellSyntaxError", "Parser", "heredoc_delimiter"]


def parse(source: str) -> Script:
    """Parses a whole script (what ``sh -c`` gets)."""
    parser = Parser(source)
    script = parser.script()
    tok = parser.peek()
    if tok.kind != "eof":
        raise parser.unexpected(tok)
    return script


def _subparse(src: str, start: int, heredoc_end: dict[int, int]) -> tuple[Script, int]:
    """The list inside ``$(`` (up to and including its ``)``), or a whole backquoted text."""
    if start < 0:
        return parse(src), len(src)
    parser = Parser(src, start, heredoc_end)
    script = parser.script()
    tok = parser.next()
    if tok.kind == "eof":
        raise parser.unexpected(tok, expecting='")"')
    if tok.value != ")" or tok.kind != "op":
        raise parser.unexpected(tok)
    return script, parser.lexer.pos


def heredoc_delimiter(word: Word) -> tuple[str, bool]:
    """The terminator line of ``<<word`` with its quotes removed, and whether any part was quoted
    (then the body is not expanded: XCU 2.7.4)."""
    quoted = any(not isinstance(p, Lit) for p in word.parts)
    delimiter = "".join(getattr(p, "text", "") if not isinstance(p, DoubleQuoted)
                        else "".join(getattr(q, "text", "") for q in p.parts)
                        for p in word.parts)
    return delimiter, quoted


class Parser(CompoundParser):
    def __init__(self, source: str, pos: int = 0, heredoc_end: dict[int, int] | None = None) -> None:
        self.lexer = Lexer(source, pos, heredoc_end, subparse=_subparse)
        self._peeked: Token | None = None

    # ---- token helpers ---------------------------------------------------------------------

    def peek(self) -> Token:
        if self._peeked is None:
            self._peeked = self.lexer.next_token()
        return self._peeked

    def next(self) -> Token:
        tok = self.peek()
        self._peeked = None
        return tok

    def unexpected(self, tok: Token, expecting: str | None = None) -> ShellSyntaxError:
        return ShellSyntaxError(token_name(tok), expecting=expecting, pos=tok.pos,
                                line=self.lexer.line_at(tok.pos), source=self.lexer.src)

    def _is_op(self, tok: Token, *values: str) -> bool:
        return tok.kind == "op" and tok.value in values

    def _keyword(self, tok: Token) -> str | None:
        if tok.kind == "word" and tok.word is not None:
            lit = tok.word.literal()
            if lit is not None and lit == tok.value:
                return lit
        return None

    def _expect_keyword(self, keyword: str) -> Token:
        tok = self.next()
        if self._keyword(tok) != keyword:
            raise self.unexpected(tok, expecting=f'"{keyword}"')
        return tok

    def _linebreak(self) -> None:
        while self.peek().kind == "newline":
            self.next()

    # ---- lists -----------------------------------------------------------------------------

    def script(self) -> Script:
        """A command list up to EOF, ``)``, ``;;`` or a closing reserved word (not consumed)."""
        items: list[ListItem] = []
        self._linebreak()
        while True:
            tok = self.peek()
            if tok.kind == "eof" or self._is_op(tok, ")", ";;") or self._keyword(tok) in _LIST_END:
                break
            command = self.and_or()
            tok = self.peek()
            if self._is_op(tok, ";", "&"):
                self.next()
                items.append(ListItem(command, background=tok.value == "&"))
                self._linebreak()
                continue
            items.append(ListItem(command))
            if tok.kind == "newline":
                self._linebreak()
                continue
            break
        return Script(tuple(items))

    def _body(self, closing: str) -> Script:
        """A compound command's list, which must not be empty; stops before ``closing``."""
        body = self.script()
        if not body.items:
            tok = self.peek()
            raise self.unexpected(tok, expecting=f'"{closing}"' if tok.kind == "eof" else None)
        return body

    def and_or(self) -> AndOr:
        first = self.pipeline()
        rest: list[tuple[str, Pipeline]] = []
        while self._is_op(self.peek(), "&&", "||"):
            op = self.next().value
            self._linebreak()
            rest.append((op, self.pipeline()))
        return AndOr(first, tuple(rest))

    def pipeline(self) -> Pipeline:
        negated = False
        if self._keyword(self.peek()) == "!":
            self.next()
            negated = True
        commands = [self.command()]
        while self._is_op(self.peek(), "|"):
            self.next()
            self._linebreak()
            commands.append(self.command())
        return Pipeline(tuple(commands), negated)

    # ---- commands --------------------------------------------------------------------------

    def command(self) -> Command:
        tok = self.peek()
        kw = self._keyword(tok)
        compound: Command | None = None
        if kw == "if":
            compound = self._if()
        elif kw in ("while", "until"):
            compound = self._while(kw == "until")
        elif kw == "for":
            compound = self._for()
        elif kw == "case":
            compound = self._case()
        elif kw == "{":
            self.next()
            body = self._body("}")
            self._expect_keyword("}")
            compound = BraceGroup(body)
        elif kw == "function":
            return self._function_keyword()
        elif kw in _LIST_END or kw == "in":
            raise self.unexpected(tok)
        elif self._is_op(tok, "("):
            self.next()
            body = self._body(")")
            close = self.next()
            if not self._is_op(close, ")"):
                raise self.unexpected(close, expecting='")"')
            compound = Subshell(body)
        if compound is not None:
            redirects = self._redirects()
            return Redirected(compound, redirects) if redirects else compound
        return self._simple()

    def _redirects(self) -> tuple[Redirect, ...]:
        out = []
        while self.peek().kind == "op" and self.peek().value in REDIRECT_OPS:
            out.append(self._redirect())
        return tuple(out)

    def _redirect(self) -> Redirect:
        op_tok = self.next()
        target = self.next()
        if target.kind != "word" or target.word is None:
            raise self.unexpected(target)
        if op_tok.value in ("<<", "<<-"):
            return self._heredoc(op_tok, target.word)
        return Redirect(op_tok.value, target.word, op_tok.fd)

    def _heredoc(self, op_tok: Token, delim_word: Word) -> Redirect:
        delimiter, quoted = heredoc_delimiter(delim_word)
        body, _ = self.lexer.read_heredoc(delimiter, strip_tabs=op_tok.value == "<<-")
        if quoted:
            word = Word((SingleQuoted(body),), body)
        else:
            inner = Lexer(body, 0, {}, subparse=_subparse)
            parts = inner.read_parts("heredoc")
            word = Word((DoubleQuoted(tuple(parts)),), body)
        return Redirect(op_tok.value, word, op_tok.fd)

    def _simple(self) -> Command:
        assigns: list[Assign] = []
        words: list[Word] = []
        redirects: list[Redirect] = []
        first = self.peek()
        line = self.lexer.line_at(first.pos)
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.value in REDIRECT_OPS:
                redirects.append(self._redirect())
                continue
            if tok.kind != "word" or tok.word is None:
                break
            self.next()
            word = tok.word
            if not words:
                assign = _as_assignment(word)
                if assign is not None:
                    assigns.append(assign)
                    continue
                name = word.literal()
                if (not assigns and not redirects and name is not None and _NAME.match(name)
                        and self._is_op(self.peek(), "(")):
                    return self._function_body(name)
            words.append(word)
        if not (assigns or words or redirects):
            raise self.unexpected(self.peek())
        return SimpleCommand(tuple(assigns), tuple(words), tuple(redirects), line)

    def _function_body(self, name: str) -> FunctionDef:
        self.next()  # (
        close = self.next()
        if not self._is_op(close, ")"):
            raise self.unexpected(close, expecting='")"')
        self._linebreak()
        return FunctionDef(name, self.command())

    def _function_keyword(self) -> FunctionDef:
        self.next()  # function
        tok = self.next()
        name = tok.word.literal() if tok.kind == "word" and tok.word else None
        if name is None or not _NAME.match(name):
            raise self.unexpected(tok)
        if self._is_op(self.peek(), "("):
            return self._function_body(name)
        self._linebreak()
        return FunctionDef(name, self.command())


def _as_assignment(word: Word) -> Assign | None:
    """``NAME=value`` as a command prefix (XCU 2.10.2 rule 7): the name must be unquoted."""
    if not word.parts or not isinstance(word.parts[0], Lit):
        return None
    first = word.parts[0].text
    m = _ASSIGN.match(first)
    if not m:
        return None
    rest_text = first[m.end():]
    parts = ((Lit(rest_text),) if rest_text else ()) + word.parts[1:]
    return Assign(m.group(1), Word(parts, word.text[m.end():]))
