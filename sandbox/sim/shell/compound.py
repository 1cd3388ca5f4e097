"""The compound commands of the grammar (XCU 2.9.4): if, while/until, for, case.

A mixin of ``Parser``: it uses the parser's token helpers and ``_body``/``script``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .ast import Case, CaseItem, For, If, While, Word

if TYPE_CHECKING:
    from .ast import Script
    from .lexer import ShellSyntaxError, Token

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class CompoundParser:
    # provided by Parser
    def peek(self) -> Token: ...
    def next(self) -> Token: ...
    def unexpected(self, tok: Token, expecting: str | None = None) -> ShellSyntaxError: ...
    def _is_op(self, tok: Token, *values: str) -> bool: ...
    def _keyword(self, tok: Token) -> str | None: ...
    def _expect_keyword(self, keyword: str) -> Token: ...
    def _linebreak(self) -> None: ...
    def _body(self, closing: str) -> Script: ...
    def script(self) -> Script: ...

    def _if(self) -> If:
        self.next()  # if
        clauses = []
        cond = self._body("then")
        self._expect_keyword("then")
        clauses.append((cond, self._body("fi")))
        else_body = None
        while True:
            tok = self.next()
            kw = self._keyword(tok)
            if kw == "elif":
                cond = self._body("then")
                self._expect_keyword("then")
                clauses.append((cond, self._body("fi")))
            elif kw == "else":
                else_body = self._body("fi")
                self._expect_keyword("fi")
                break
            elif kw == "fi":
                break
            else:
                raise self.unexpected(tok, expecting='"fi"')
        return If(tuple(clauses), else_body)

    def _while(self, until: bool) -> While:
        self.next()
        cond = self._body("do")
        self._expect_keyword("do")
        body = self._body("done")
        self._expect_keyword("done")
        return While(cond, body, until)

    def _for(self) -> For:
        self.next()  # for
        tok = self.next()
        name = tok.word.literal() if tok.kind == "word" and tok.word else None
        if name is None or not _NAME.match(name):
            raise self.unexpected(tok)
        self._linebreak()
        words: tuple[Word, ...] | None = None
        if self._keyword(self.peek()) == "in":
            self.next()
            collected = []
            while self.peek().kind == "word":
                w = self.next().word
                assert w is not None
                collected.append(w)
            words = tuple(collected)
            sep = self.next()
            if not (self._is_op(sep, ";") or sep.kind == "newline"):
                raise self.unexpected(sep, expecting='"do"')
            self._linebreak()
        elif self._is_op(self.peek(), ";"):
            self.next()
            self._linebreak()
        self._expect_keyword("do")
        body = self._body("done")
        self._expect_keyword("done")
        return For(name, words, body)

    def _case(self) -> Case:
        self.next()  # case
        tok = self.next()
        if tok.kind != "word" or tok.word is None:
            raise self.unexpected(tok)
        subject = tok.word
        self._linebreak()
        self._expect_keyword("in")
        self._linebreak()
        items = []
        while True:
            tok = self.peek()
            if self._keyword(tok) == "esac":
                self.next()
                break
            if tok.kind == "eof":
                raise self.unexpected(tok, expecting='"esac"')
            if self._is_op(tok, "("):
                self.next()
            patterns = []
            while True:
                ptok = self.next()
                if ptok.kind != "word" or ptok.word is None:
                    raise self.unexpected(ptok)
                patterns.append(ptok.word)
                sep = self.next()
                if self._is_op(sep, ")"):
                    break
                if not self._is_op(sep, "|"):
                    raise self.unexpected(sep, expecting='")"')
            body = self.script()
            items.append(CaseItem(tuple(patterns), body))
            tok = self.peek()
            if self._is_op(tok, ";;"):
                self.next()
                self._linebreak()
            elif self._keyword(tok) == "esac":
                continue
            else:
                raise self.unexpected(tok, expecting='"esac"' if tok.kind == "eof" else None)
        return Case(subject, tuple(items))
