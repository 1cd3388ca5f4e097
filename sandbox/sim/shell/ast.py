"""The syntax tree of the POSIX shell language (XCU 2.9, "Shell Commands"), as frozen dataclasses.

The tree keeps the quoting structure of every word (a word is a sequence of parts), so that the
container shell here and the learner's bash-like terminal can each expand it their own way. Line
numbers are kept for messages (``sh: 3: foo: not found``) but take no part in equality.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

# ---- words ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lit:
    """Unquoted literal text (may hold glob characters and a leading ``~``)."""
    text: str


@dataclass(frozen=True, slots=True)
class SingleQuoted:
    text: str


@dataclass(frozen=True, slots=True)
class Escaped:
    """A backslash-escaped character outside quotes: ``\\*`` is the literal ``*``."""
    text: str


@dataclass(frozen=True, slots=True)
class DoubleQuoted:
    parts: tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class Param:
    """``$name``, ``${name}``, ``${name:-word}``, ``${#name}``, ``${name%%pattern}``...

    ``op`` is "" (plain), one of ``- = ? +`` (with ``colon`` for the ``:-`` forms),
    ``#``/``##``/``%``/``%%`` (pattern removal) or ``len`` for ``${#name}``.
    """
    name: str
    op: str = ""
    arg: Word | None = None
    colon: bool = False


@dataclass(frozen=True, slots=True)
class CommandSub:
    """``$(...)`` or a backquoted command; ``source`` is the inner text as written."""
    body: Script
    source: str = field(default="", compare=False)
    backquoted: bool = False


@dataclass(frozen=True, slots=True)
class Arith:
    """``$((expr))``: the expression is a word, expanded first and then evaluated."""
    expr: Word


Part = Union[Lit, SingleQuoted, Escaped, DoubleQuoted, Param, CommandSub, Arith]


@dataclass(frozen=True, slots=True)
class Word:
    parts: tuple[Part, ...]
    text: str = field(default="", compare=False)  # the word as written in the source

    def literal(self) -> str | None:
        """The word's text when it is one unquoted literal (keywords, names), else None."""
        if len(self.parts) == 1 and isinstance(self.parts[0], Lit):
            return self.parts[0].text
        if not self.parts:
            return None
        return None


# ---- commands ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Redirect:
    """``op`` is one of ``> >> < <> >| >& <& &> &>> << <<- <<<``; ``fd`` None means the default.

    For here-documents ``target`` is the body (a word expanded like a double-quoted string, or
    one SingleQuoted part when the delimiter was quoted).
    """
    op: str
    target: Word
    fd: int | None = None


@dataclass(frozen=True, slots=True)
class Assign:
    name: str
    value: Word


@dataclass(frozen=True, slots=True)
class SimpleCommand:
    assigns: tuple[Assign, ...] = ()
    words: tuple[Word, ...] = ()
    redirects: tuple[Redirect, ...] = ()
    line: int = field(default=1, compare=False)


@dataclass(frozen=True, slots=True)
class BraceGroup:
    body: Script


@dataclass(frozen=True, slots=True)
class Subshell:
    body: Script


@dataclass(frozen=True, slots=True)
class If:
    clauses: tuple[tuple[Script, Script], ...]  # (condition, body) for if and each elif
    else_body: Script | None = None


@dataclass(frozen=True, slots=True)
class While:
    cond: Script
    body: Script
    until: bool = False


@dataclass(frozen=True, slots=True)
class For:
    name: str
    words: tuple[Word, ...] | None  # None: no ``in`` list, iterate over "$@"
    body: Script


@dataclass(frozen=True, slots=True)
class CaseItem:
    patterns: tuple[Word, ...]
    body: Script


@dataclass(frozen=True, slots=True)
class Case:
    word: Word
    items: tuple[CaseItem, ...]


@dataclass(frozen=True, slots=True)
class FunctionDef:
    name: str
    body: Command


@dataclass(frozen=True, slots=True)
class Redirected:
    """A compound command with redirections: ``{ ...; } > file``, ``while ...; done < file``."""
    command: Command
    redirects: tuple[Redirect, ...]


Command = Union[SimpleCommand, BraceGroup, Subshell, If, While, For, Case, FunctionDef, Redirected]


@dataclass(frozen=True, slots=True)
class Pipeline:
    commands: tuple[Command, ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class AndOr:
    """``first`` followed by ``("&&" | "||", pipeline)`` pairs, evaluated left to right."""
    first: Pipeline
    rest: tuple[tuple[str, Pipeline], ...] = ()


@dataclass(frozen=True, slots=True)
class ListItem:
    command: AndOr
    background: bool = False


@dataclass(frozen=True, slots=True)
class Script:
    """A command list: what ``sh -c`` runs, a compound command's body, a ``$(...)``."""
    items: tuple[ListItem, ...] = ()
