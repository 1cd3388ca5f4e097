"""Matching a command's output against a transcript's expected lines.

Line by line, after stripping trailing white space. ``...`` inside a line matches any text (also
none); a line that is only ``...`` matches any number of lines (also none). Nothing else is a
wildcard (shared/conformance/README.md).

``align`` renders the actual output in the expected lines' terms where they agree (a line a
pattern matched is shown as the pattern, lines a ``...`` took as that ``...``), so a diff of the
two shows only the lines that really differ.
"""
from __future__ import annotations

import re
from functools import lru_cache

ANY_LINES = "..."


@lru_cache(maxsize=4096)
def _line_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in pattern.split(ANY_LINES)), re.DOTALL)


def line_matches(pattern: str, line: str) -> bool:
    pattern, line = pattern.rstrip(), line.rstrip()
    if ANY_LINES not in pattern:
        return pattern == line
    return _line_regex(pattern).fullmatch(line) is not None


def output_lines(output: str) -> list[str]:
    """The lines a command printed; a last line without a newline is a line too."""
    lines = output.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def matches(expected: list[str] | tuple[str, ...], actual: list[str]) -> bool:
    patterns = [p.rstrip() for p in expected]
    lines = [a.rstrip() for a in actual]
    # ok[i][j]: patterns[i:] match lines[j:]; filled from the end.
    ok = [[False] * (len(lines) + 1) for _ in range(len(patterns) + 1)]
    ok[len(patterns)][len(lines)] = True
    for i in range(len(patterns) - 1, -1, -1):
        for j in range(len(lines), -1, -1):
            if patterns[i] == ANY_LINES:
                ok[i][j] = ok[i + 1][j] or (j < len(lines) and ok[i][j + 1])
            else:
                ok[i][j] = j < len(lines) and line_matches(patterns[i], lines[j]) and ok[i + 1][j + 1]
    return ok[0][0]


# Scores of the alignment: a line a pattern matches, a line shown against a pattern it does not
# match (so the diff puts the two side by side), a line a "..." takes, anything left out.
_MATCH, _PAIR, _TAKE = 4, 3, 2


def align(expected: list[str] | tuple[str, ...], actual: list[str]) -> list[str]:
    """The actual lines, with those that agree with the expected ones written as expected."""
    patterns = [p.rstrip() for p in expected]
    lines = [a.rstrip() for a in actual]
    n, m = len(patterns), len(lines)
    best = [[0] * (m + 1) for _ in range(n + 1)]     # best[i][j]: patterns[i:] against lines[j:]
    for i in range(n - 1, -1, -1):
        for j in range(m, -1, -1):
            options = [best[i + 1][j], best[i][j + 1] if j < m else 0]
            if j < m and patterns[i] == ANY_LINES:
                options.append(best[i][j + 1] + _TAKE)
            elif j < m:
                hit = line_matches(patterns[i], lines[j])
                options.append(best[i + 1][j + 1] + (_MATCH if hit else _PAIR))
            best[i][j] = max(options)
    out: list[str] = []
    i = j = 0
    took = -1            # the "..." already shown
    while j < m:
        here = best[i][j] if i < n else 0
        if i < n and patterns[i] == ANY_LINES:
            if here == best[i + 1][j]:           # what follows does as well without this "..."
                i += 1
            else:
                if took != i:
                    out.append(ANY_LINES)
                    took = i
                j += 1
            continue
        if i < n:
            hit = line_matches(patterns[i], lines[j])
            if here == best[i + 1][j + 1] + (_MATCH if hit else _PAIR):
                out.append(patterns[i] if hit else lines[j])
                i, j = i + 1, j + 1
                continue
            if here == best[i + 1][j]:
                i += 1
                continue
        out.append(lines[j])
        j += 1
    return out
