"""Where a typed command ends: here-document bodies and continued lines, read as bash reads them.

bash reads a command line, then, for each ``<<WORD`` on it in order, the following lines up to
the one that is exactly WORD (tabs stripped first for ``<<-``) as the bodies; a line ending in
an unescaped backslash continues on the next line. At an interactive prompt it also goes on
reading (PS2, ``> ``) while a quote or a compound command (``if`` ... ``fi``) is open: the web
terminal asks ``is_complete`` for that. Transcripts take only the first two rules, so a typo
in a quote cannot swallow the rest of the file.
"""
from __future__ import annotations

from sandbox.sim.shell import ShellSyntaxError, parse
from sandbox.sim.shell.lexer import Lexer
from sandbox.sim.shell.parser import _subparse, heredoc_delimiter


def heredoc_delimiters(line: str) -> list[tuple[str, bool]]:
    """(terminator, strip_tabs) for each here-document operator on one line, in order."""
    lexer = Lexer(line, 0, {}, subparse=_subparse)
    found: list[tuple[str, bool]] = []
    try:
        tok = lexer.next_token()
        while tok.kind != "eof":
            if tok.kind == "op" and tok.value in ("<<", "<<-"):
                target = lexer.next_token()
                if target.kind == "word" and target.word is not None:
                    found.append((heredoc_delimiter(target.word)[0], tok.value == "<<-"))
            tok = lexer.next_token()
    except ShellSyntaxError:
        pass
    return found


def _continued(text: str) -> bool:
    tail = len(text) - len(text.rstrip("\\"))
    return tail % 2 == 1


def _open(text: str) -> bool:
    try:
        parse(text)
    except ShellSyntaxError as exc:
        return exc.token == "end of file" or exc.message == "unterminated quoted string"
    return False


def read_command(lines: list[str], start: int, *, interactive: bool = False,
                 first: str | None = None) -> tuple[str, int, bool]:
    """The command that starts at ``lines[start]`` (or is ``first``, typed there, without its
    prompt) with its here-document bodies and continued lines: (text, index of the line after
    it, whether it is complete)."""
    i, taken = start, []
    while True:
        line = first if first is not None and i == start else lines[i]
        i += 1
        taken.append(line)
        for delimiter, strip_tabs in heredoc_delimiters(line):
            while True:
                if i >= len(lines):
                    return "\n".join(taken), i, False
                body = lines[i]
                i += 1
                taken.append(body)
                if (body.lstrip("\t") if strip_tabs else body) == delimiter:
                    break
        text = "\n".join(taken)
        if not (_continued(text) or (interactive and _open(text))):
            return text, i, True
        if i >= len(lines):
            return text, i, False


def is_complete(text: str) -> bool:
    """Whether bash would run ``text`` now (True) or prompt for more lines (False)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        _, i, complete = read_command(lines, i, interactive=True)
        if not complete:
            return False
    return True
