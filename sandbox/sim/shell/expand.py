"""Word expansion (XCU 2.6): tilde, parameters, ``$(...)`` (already run: their outputs are given
in order), arithmetic, field splitting on IFS, pathname expansion, quote removal.
"""
from __future__ import annotations

import re

from typing import TYPE_CHECKING, Any, Callable, Union

from ..limits import MAX_WORD_CHARS
from . import arith, pattern
from .ast import Arith, CommandSub, DoubleQuoted, Escaped, Lit, Param, SingleQuoted, Word

if TYPE_CHECKING:
    from ..fs import FileSystem
    from .state import Process, Thread


class ExpansionError(Exception):
    """``${x?}``, ``set -u`` or a bad ``$((...))``: the message follows the shell's prefix;
    ``fatal`` errors end a non-interactive shell (XCU 2.8.1)."""

    def __init__(self, message: str, fatal: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.fatal = fatal


_BREAK = object()          # a field boundary that must be kept ("$@" between parameters)
Seg = Union[tuple[str, bool, bool], object]   # (text, quoted, split-able) or _BREAK
_GLOB_CHARS = frozenset("*?[")


class Expander:
    """``on_glob`` is told when pathname expansion looks at the file system (spin.py)."""

    def __init__(self, proc: Process, thread: Thread, fs: FileSystem, subs: list[str],
                 on_glob: Callable[[], None] | None = None) -> None:
        self.proc, self.thread, self.fs = proc, thread, fs
        self.subs = subs
        self.sub_i = 0
        self.on_glob = on_glob

    # ---- public ----------------------------------------------------------------------------

    def fields(self, words: list[Word] | tuple[Word, ...]) -> list[str]:
        out: list[str] = []
        for word in words:
            parts = word.parts
            if len(parts) == 1 and type(parts[0]) is Lit and not _GLOB_CHARS.intersection(parts[0].text) \
                    and not parts[0].text.startswith("~"):
                out.append(parts[0].text)   # the common case: a plain word
                continue
            out.extend(self._word_fields(word))
        return out

    def string(self, word: Word) -> str:
        """No field splitting nor globbing: assignments, redirection targets, case subjects."""
        return "".join(seg[0] if seg is not _BREAK else " " for seg in self._word(word, False)  # type: ignore[index]
                       )

    def pattern(self, word: Word) -> str:
        """A pattern for case or ${x#pat}: quoted characters come out escaped."""
        out = []
        for seg in self._word(word, False):
            if seg is _BREAK:
                out.append(" ")
                continue
            text, quoted, _ = seg  # type: ignore[misc]
            out.append(pattern.escape(text) if quoted else text)
        return "".join(out)

    # ---- segments --------------------------------------------------------------------------

    def _next_sub(self) -> str:
        text = self.subs[self.sub_i] if self.sub_i < len(self.subs) else ""
        self.sub_i += 1
        return text.rstrip("\n")

    def _word(self, word: Word, in_dquote: bool) -> list[Any]:
        segs: list[Any] = []
        for i, part in enumerate(word.parts):
            if i == 0 and isinstance(part, Lit) and part.text.startswith("~") and not in_dquote:
                segs.extend(self._tilde(part.text))
                continue
            self._part(part, in_dquote, segs)
        size = sum(len(seg[0]) for seg in segs if seg is not _BREAK)
        if size > MAX_WORD_CHARS:
            # Where bash would run out of memory (x=$x$x in a loop), the command stops here.
            raise ExpansionError(f"word too long: {size} characters (the limit is {MAX_WORD_CHARS})")
        return segs

    def _tilde(self, text: str) -> list[Any]:
        head, sep, rest = text.partition("/")
        if head == "~":
            home = self.thread.vars.get("HOME", "/")
            return [(home, True, False), (sep + rest, False, False)]
        return [(text, False, False)]

    def _part(self, part: Any, q: bool, segs: list[Any]) -> None:
        if isinstance(part, Lit):
            segs.append((part.text, q, False))
        elif isinstance(part, (SingleQuoted, Escaped)):
            segs.append((part.text, True, False))
        elif isinstance(part, DoubleQuoted):
            segs.append(("", True, False))   # "" alone still makes a field
            for p in part.parts:
                self._part(p, True, segs)
        elif isinstance(part, Param):
            segs.extend(self._param(part, q))
        elif isinstance(part, CommandSub):
            segs.append((self._next_sub(), q, not q))
        elif isinstance(part, Arith):
            text = self.string(part.expr)
            try:
                value = arith.evaluate(text, self._getvar, self._setvar)
            except arith.ArithError as exc:
                if self.proc.shell == "dash":
                    raise ExpansionError(f'arithmetic expression: {exc}: "{text}"') from None
                raise ExpansionError(str(exc)) from None
            segs.append((str(value), q, not q))

    def _getvar(self, name: str) -> str:
        if name == "RANDOM" and self.proc.shell != "dash":
            return self._random()
        return self.thread.vars.get(name, "")

    def _setvar(self, name: str, value: str) -> None:
        self.thread.vars[name] = value

    def lookup(self, name: str) -> str | None:
        t = self.thread
        if name == "?":
            return str(t.status)
        if name == "$":
            return str(self.proc.pid)
        if name == "#":
            return str(len(t.positional))
        if name == "!":
            return str(t.last_bg) if t.last_bg is not None else None
        if name == "-":
            return t.opts
        if name == "0":
            return t.arg0
        if name.isdigit():
            n = int(name)
            return t.positional[n - 1] if 0 < n <= len(t.positional) else None
        if name in ("@", "*"):
            return " ".join(t.positional) if t.positional else None
        if name == "RANDOM" and self.proc.shell != "dash":
            return self._random()
        return t.vars.get(name)

    def _random(self) -> str:
        """$RANDOM, 0..32767: a Park-Miller generator, deterministic per process (assigning
        RANDOM seeds it), instead of ash's and bash's clock-seeded ones."""
        t = self.thread
        if "RANDOM" in t.vars:
            seed = t.vars.pop("RANDOM")
            t.rng = (int(seed) if seed.isdigit() else 0) % 2147483647 or 1
        elif not t.rng:
            t.rng = (self.proc.pid * 2654435761) % 2147483647 or 1
        t.rng = (t.rng * 16807) % 2147483647
        return str(t.rng % 32768)

    def _param(self, p: Param, q: bool) -> list[Any]:
        name = p.name
        if p.op == "len":
            return [(str(len(self.lookup(name) or "")), q, not q)]
        value = self.lookup(name)
        is_set = value is not None and not (name in ("@", "*") and not self.thread.positional)
        if p.op in ("-", "=", "?", "+"):
            use_default = not is_set or (p.colon and value == "")
            assert p.arg is not None
            if p.op == "-" and use_default:
                return self._word(p.arg, q)
            if p.op == "+":
                return [] if use_default else self._word(p.arg, q)
            if p.op == "=" and use_default:
                value = self.string(p.arg)
                self.thread.vars[name] = value
            elif p.op == "?" and use_default:
                message = self.string(p.arg) or "parameter not set"
                raise ExpansionError(f"{name}: {message}")
        elif p.op in ("#", "##", "%", "%%"):
            assert p.arg is not None
            pat = self.pattern(p.arg)
            text = value or ""
            if p.op.startswith("#"):
                value = pattern.remove_prefix(text, pat, longest=p.op == "##")
            else:
                value = pattern.remove_suffix(text, pat, longest=p.op == "%%")
        elif not is_set and "u" in self.thread.opts and name not in ("@", "*"):
            raise ExpansionError(f"{name}: parameter not set")
        if name in ("@", "*") and p.op in ("", "-", "=", "?", "+"):
            return self._positional(name, q)
        return [(value or "", q, not q)]

    def _positional(self, name: str, q: bool) -> list[Any]:
        params = self.thread.positional
        if q and name == "*":
            return [(" ".join(params), True, False)]
        segs: list[Any] = []
        for i, value in enumerate(params):
            if i:
                segs.append(_BREAK)
            segs.append((value, q, not q))
        return segs

    # ---- fields ----------------------------------------------------------------------------

    def _word_fields(self, word: Word) -> list[str]:
        ifs = self.thread.vars.get("IFS", " \t\n")
        ifs_white = "".join(c for c in ifs if c in " \t\n")
        delimiter = re.compile("[" + re.escape(ifs) + "]" if ifs else "(?!)")
        fields: list[list[Any]] = []   # [text chunks, pattern chunks, has glob]
        cur: list[Any] | None = None
        for seg in self._word(word, False):
            if seg is _BREAK:
                if cur is not None:
                    fields.append(cur)
                cur = None
                continue
            text, quoted, split = seg
            if split and ifs:
                i = 0
                while i < len(text):
                    c = text[i]
                    if c in ifs:
                        if cur is not None:
                            fields.append(cur)
                            cur = None
                        elif c not in ifs_white:
                            fields.append(["", "", False])   # an empty field between delimiters
                        if c not in ifs_white:
                            # "a:b" -> a, b; a non-white delimiter ends the field it follows
                            while i + 1 < len(text) and text[i + 1] in ifs_white:
                                i += 1
                        i += 1
                        continue
                    # the run up to the next delimiter, at once (a character at a time is
                    # quadratic in a long value: cur[0] is not concatenated in place)
                    found = delimiter.search(text, i)
                    end = found.start() if found else len(text)
                    run = text[i:end]
                    if cur is None:
                        cur = ["", "", False]
                    cur[0] += run
                    cur[1] += run
                    cur[2] = cur[2] or any(ch in _GLOB_CHARS for ch in run)
                    i = end
                continue
            if cur is None:
                cur = ["", "", False]
            cur[0] += text
            if quoted:
                cur[1] += pattern.escape(text)
            else:
                cur[1] += text
                cur[2] = cur[2] or any(c in _GLOB_CHARS for c in text)
        if cur is not None:
            fields.append(cur)
        out: list[str] = []
        for text, pat, magic in fields:
            if magic and "f" not in self.thread.opts and pattern.has_magic(pat):
                if self.on_glob is not None and not pattern.is_literal(pat):
                    self.on_glob()
                matches = pattern.glob(self.fs, pat, self.thread.cwd)
                if matches:
                    out.extend(matches)
                    continue
                out.append(pattern.unescape(pat))
                continue
            out.append(text)
        return out
