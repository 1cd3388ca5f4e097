"""Text utilities: ``grep``, ``head``, ``tail``, ``wc``, ``tee``.

``grep`` translates POSIX basic or extended regular expressions to Python's ``re`` (in a BRE,
``\\(``, ``\\{``, ``\\|``, ``\\+``, ``\\?`` are the operators and the bare characters literal, as in
GNU grep). ``tail -f`` prints the end of the file and then never returns (the file does not
grow for it): ``tail -f /dev/null`` is the usual "run for ever".
"""
from __future__ import annotations

import math
import re

from ...fs import FsError
from .base import Block, Ctx, Result, split_flags, utility

POSIX_CLASSES = {"[:alpha:]": "a-zA-Z", "[:digit:]": "0-9", "[:alnum:]": "a-zA-Z0-9", "[:space:]": r" \t\n\r\f\v",
            "[:upper:]": "A-Z", "[:lower:]": "a-z", "[:punct:]": r"!-/:-@\[-`{-~", "[:xdigit:]": "0-9A-Fa-f",
            "[:blank:]": r" \t"}


def posix_regex(pattern: str, extended: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "[":
            j = pattern.find("]", i + 2 if pattern[i + 1:i + 2] in ("]", "^") else i + 1)
            while j > 0 and pattern[j - 1] == ":" and "[:" in pattern[i:j]:
                j = pattern.find("]", j + 1)
            if j < 0:
                out.append(r"\[")
                i += 1
                continue
            body = pattern[i + 1:j]
            for name, repl in POSIX_CLASSES.items():
                body = body.replace(name, repl)
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j + 1
            continue
        if c == "\\" and i + 1 < len(pattern):
            n = pattern[i + 1]
            if not extended and n in "(){}|+?":
                out.append(n)
            else:
                out.append("\\" + n)
            i += 2
            continue
        if not extended and c in "(){}|+?":
            out.append("\\" + c)
        else:
            out.append(c)
        i += 1
    return "".join(out)


def read_inputs(ctx: Ctx, operands: list[str], key: str) -> list[tuple[str, str | None]]:
    """(name, text or None when it could not be read, after printing the error)."""
    out: list[tuple[str, str | None]] = []
    for name in operands or ["-"]:
        if name == "-":
            out.append(("(standard input)" if ctx.name == "grep" else "-", ctx.stdin()))
            continue
        try:
            out.append((name, ctx.fs.read(ctx.path(name))))
        except FsError as exc:
            if key:
                ctx.util_error(key, name, exc.strerror)
            out.append((name, None))
    return out


def split_lines(text: str) -> list[str]:
    return text.splitlines(keepends=False) if text else []


@utility("grep", "egrep", "fgrep")
def grep(ctx: Ctx) -> Result:
    flags, values, operands, bad = split_flags(ctx.args, "ivcqEFnlhHsowxr", "emABC")
    if bad:
        ctx.errln(ctx.msgs.util("bad_option", "grep", o=bad))
        return 2
    patterns = [values["e"]] if "e" in values else []
    if not patterns:
        if not operands:
            ctx.errln("Usage: grep [OPTION]... PATTERNS [FILE]..." if ctx.gnu else "grep: no pattern")
            return 2
        patterns = [operands.pop(0)]
    extended = "E" in flags or ctx.name == "egrep"
    fixed = "F" in flags or ctx.name == "fgrep"
    alternatives = [p for pat in patterns for p in pat.split("\n")]
    regex = "|".join(re.escape(p) if fixed else f"(?:{posix_regex(p, extended)})" for p in alternatives)
    if "w" in flags:
        regex = rf"\b(?:{regex})\b"
    if "x" in flags:
        regex = rf"^(?:{regex})$"
    try:
        rx = re.compile(regex, re.I if "i" in flags else 0)
    except re.error:
        ctx.errln("grep: Invalid regular expression" if ctx.gnu else "grep: bad regex")
        return 2
    try:
        context = int(values.get("C", "0"))
        after, before = int(values.get("A", context)), int(values.get("B", context))
    except ValueError:
        bad_value = next(values[k] for k in "ABC" if k in values and not values[k].isdigit())
        ctx.errln(f"grep: {bad_value}: invalid context length argument")
        return 2
    sources = read_inputs(ctx, operands, "" if "s" in flags else "plain")
    show_names = ("H" in flags or len(sources) > 1) and "h" not in flags
    found, error = False, False
    for name, text in sources:
        if text is None:
            error = True
            continue
        count = 0
        lines = split_lines(text)
        last_printed = 0          # GNU grep: context lines use "-" separators, groups split by "--"
        pending_after = 0
        for number, line in enumerate(lines, 1):
            if bool(rx.search(line)) == ("v" in flags):
                if pending_after and not flags & {"c", "l", "q"}:
                    ctx.out((f"{name}-" if show_names else "") + (f"{number}-" if "n" in flags else "") + f"{line}\n")
                    last_printed, pending_after = number, pending_after - 1
                continue
            count += 1
            found = True
            if "q" in flags:
                return 0
            if flags & {"c", "l"}:
                continue
            first = max(number - before, last_printed + 1, 1)
            if (before or after) and last_printed and first > last_printed + 1:
                ctx.out("--\n")
            for ctx_number in range(first, number):
                ctx.out((f"{name}-" if show_names else "") + (f"{ctx_number}-" if "n" in flags else "")
                        + f"{lines[ctx_number - 1]}\n")
            prefix = (f"{name}:" if show_names else "") + (f"{number}:" if "n" in flags else "")
            if "o" in flags and "v" not in flags:
                ctx.out("".join(f"{prefix}{m.group()}\n" for m in rx.finditer(line) if m.group()))
            else:
                ctx.out(f"{prefix}{line}\n")
            last_printed, pending_after = number, after
        if "l" in flags and count:
            ctx.out(name + "\n")
        elif "c" in flags:
            ctx.out((f"{name}:" if show_names else "") + f"{count}\n")
    if error and not ("q" in flags and found):
        return 2
    return 0 if found else 1


def _count_arg(args: list[str]) -> tuple[list[str], str | None]:
    """``head -5`` is ``head -n 5``."""
    out, legacy = [], None
    for a in args:
        if re.fullmatch(r"-\d+", a):
            legacy = a[1:]
        else:
            out.append(a)
    return out, legacy


@utility("head", "tail")
def head_tail(ctx: Ctx) -> Result:
    args, legacy = _count_arg(ctx.args)
    flags, values, operands, bad = split_flags(args, "qvfF", "nc")
    if bad:
        ctx.errln(ctx.msgs.util("bad_option", ctx.name, o=bad))
        return 1
    spec = values.get("n", legacy or "10")
    by_bytes = "c" in values
    if by_bytes:
        spec = values["c"]
    from_start = spec.startswith("+")
    try:
        count = int(spec.lstrip("+-"))
    except ValueError:
        ctx.errln(f"{ctx.name}: invalid number of lines: '{spec}'" if ctx.gnu else f"{ctx.name}: invalid number '{spec}'")
        return 1
    sources = read_inputs(ctx, operands, "open_for_reading")
    status = 0
    for i, (name, text) in enumerate(sources):
        if text is None:
            status = 1
            continue
        if len(sources) > 1 and "q" not in flags:
            ctx.out(("\n" if i else "") + f"==> {name if name != '-' else 'standard input'} <==\n")
        if by_bytes:
            piece = text[:count] if ctx.name == "head" else (text[count - 1:] if from_start else text[-count:] if count else "")
            ctx.out(piece)
            continue
        lines = text.splitlines(keepends=True)
        if ctx.name == "head":
            chosen = lines[:count]
        elif from_start:
            chosen = lines[max(count - 1, 0):]
        else:
            chosen = lines[-count:] if count else []
        ctx.out("".join(chosen))
    if ctx.name == "tail" and flags & {"f", "F"}:
        return Block(math.inf)
    return status


@utility("wc")
def wc(ctx: Ctx) -> Result:
    flags, _, operands, bad = split_flags(ctx.args, "lwcmL")
    if bad:
        ctx.errln(ctx.msgs.util("bad_option", "wc", o=bad))
        return 1
    wanted = [f for f in "lwc" if f in flags] or ["l", "w", "c"]
    if "m" in flags and "c" not in wanted:
        wanted.append("c")
    sources = read_inputs(ctx, operands, "open")
    rows: list[tuple[list[int], str]] = []
    totals = [0, 0, 0]
    status = 0
    for name, text in sources:
        if text is None:
            status = 1
            continue
        counts = [text.count("\n"), len(text.split()), len(text.encode("utf-8"))]
        totals = [a + b for a, b in zip(totals, counts)]
        rows.append(([counts["lwc".index(f)] for f in wanted], "" if name == "-" else name))
    if len(rows) > 1:
        rows.append(([totals["lwc".index(f)] for f in wanted], "total"))
    width = 7 if (len(wanted) > 1 or len(rows) > 1) else 0
    if ctx.gnu and len(rows) >= 1 and not (len(wanted) == 1 and len(rows) == 1):
        width = max(len(str(n)) for values, _ in rows for n in values)
        if not operands:
            width = max(width, 7)
    for values, name in rows:
        cells = " ".join(str(v).rjust(width) for v in values)
        ctx.out(cells + (f" {name}" if name else "") + "\n")
    return status


@utility("tee")
def tee(ctx: Ctx) -> Result:
    flags, _, operands, _ = split_flags(ctx.args, "ai")
    text = ctx.stdin()
    status = 0
    for name in operands:
        try:
            ctx.fs.write(ctx.path(name), text, append="a" in flags)
        except FsError as exc:
            ctx.util_error("plain", name, exc.strerror)
            status = 1
    ctx.out(text)
    return status
