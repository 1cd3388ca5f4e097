"""Shell pattern matching (XCU 2.13): ``case`` patterns, ``${x#pat}`` and pathname expansion.

Patterns arrive with quoted characters escaped by a backslash (the expander does that), so
``"*".txt`` is the pattern ``\\*.txt`` and matches only a file literally named ``*.txt``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..fs import FileSystem

_CACHE: dict[tuple[str, bool], re.Pattern[str]] = {}   # a pure cache of translated patterns
_MAGIC = frozenset("*?[")


def escape(text: str) -> str:
    """Quotes every pattern character of ``text``."""
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)


def has_magic(pattern: str) -> bool:
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c in _MAGIC:
            return True
        i += 1
    return False


def is_literal(pattern: str) -> bool:
    """No wildcard that could match more than its own text: ``[`` without its ``]``, say (the
    word of ``[ ... ]``). Pathname expansion of such a word gives the word, whatever the files."""
    return _translate(pattern, True) == _translate(escape(unescape(pattern)), True)


def unescape(pattern: str) -> str:
    return re.sub(r"\\(.)", r"\1", pattern, flags=re.S)


def _translate(pattern: str, pathname: bool) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    star = "[^/]*" if pathname else ".*"
    one = "[^/]" if pathname else "."
    while i < n:
        c = pattern[i]
        i += 1
        if c == "\\" and i < n:
            out.append(re.escape(pattern[i]))
            i += 1
        elif c == "*":
            out.append(star)
        elif c == "?":
            out.append(one)
        elif c == "[":
            j = i
            if j < n and pattern[j] in "!^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 1
            if j >= n:
                out.append("\\[")
                continue
            body = pattern[i:j]
            i = j + 1
            negate = body[:1] in ("!", "^")
            if negate:
                body = body[1:]
            body = body.replace("\\", "\\\\").replace("[:alpha:]", "a-zA-Z").replace("[:digit:]", "0-9") \
                .replace("[:alnum:]", "a-zA-Z0-9").replace("[:space:]", " \\t\\n").replace("[:upper:]", "A-Z") \
                .replace("[:lower:]", "a-z")
            out.append(f"[{'^' if negate else ''}{body}]")
        else:
            out.append(re.escape(c))
    return "".join(out)


def compiled(pattern: str, pathname: bool = False) -> re.Pattern[str]:
    key = (pattern, pathname)
    rx = _CACHE.get(key)
    if rx is None:
        if len(_CACHE) > 512:
            _CACHE.clear()
        rx = _CACHE[key] = re.compile(_translate(pattern, pathname), re.S)
    return rx


def match(pattern: str, text: str) -> bool:
    return compiled(pattern).fullmatch(text) is not None


def remove_prefix(text: str, pattern: str, longest: bool) -> str:
    rx = compiled(pattern)
    lengths = range(len(text), -1, -1) if longest else range(0, len(text) + 1)
    for k in lengths:
        if rx.fullmatch(text[:k]):
            return text[k:]
    return text


def remove_suffix(text: str, pattern: str, longest: bool) -> str:
    rx = compiled(pattern)
    starts = range(0, len(text) + 1) if longest else range(len(text), -1, -1)
    for k in starts:
        if rx.fullmatch(text[k:]):
            return text[:k]
    return text


def glob(fs: FileSystem, pattern: str, cwd: str) -> list[str]:
    """Pathname expansion: the sorted matches, or [] (the caller then keeps the word).

    Names starting with "." match only a pattern component that starts with a literal ".".
    """
    absolute = pattern.startswith("/")
    components = [c for c in pattern.split("/") if c]
    results = ["/" if absolute else ""]
    for comp in components:
        nxt: list[str] = []
        for base in results:
            real = base if absolute or base else cwd
            if not absolute and base:
                real = cwd.rstrip("/") + "/" + base
            if not has_magic(comp):
                name = unescape(comp)
                candidate = (base.rstrip("/") + "/" + name) if base not in ("",) else name
                if base == "/":
                    candidate = "/" + name
                full = candidate if absolute else cwd.rstrip("/") + "/" + candidate
                if fs.exists(full):
                    nxt.append(candidate)
                continue
            try:
                names = fs.listdir(real or "/")
            except Exception:
                continue
            rx = compiled(comp, pathname=True)
            for name in names:
                if name.startswith(".") and not comp.startswith("."):
                    continue
                if rx.fullmatch(name):
                    nxt.append(name if base == "" else ("/" + name if base == "/" else base + "/" + name))
        results = nxt
        if not results:
            return []
    if pattern.endswith("/"):
        results = [r + "/" for r in results if fs.is_dir(r if absolute else cwd.rstrip("/") + "/" + r)]
    return sorted(results)
