"""Small filters: ``seq``, ``sort``, ``uniq``, ``cut``, ``tr`` (the options scripts use)."""
from __future__ import annotations

import re

from .base import Ctx, Result, split_flags, utility
from .text import POSIX_CLASSES, read_inputs, split_lines


def _num(text: str) -> float | int:
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


@utility("seq")
def seq(ctx: Ctx) -> Result:
    args = list(ctx.args)
    sep, width = "\n", False
    while args and args[0] in ("-s", "-w") or (args and args[0].startswith("-s") and len(args[0]) > 2):
        a = args.pop(0)
        if a == "-w":
            width = True
        elif a == "-s":
            sep = args.pop(0) if args else "\n"
        else:
            sep = a[2:]
    try:
        nums = [_num(a) for a in args]
    except ValueError:
        bad = next(a for a in args if not re.fullmatch(r"-?\d+(\.\d+)?", a))
        ctx.errln(f"seq: invalid floating point argument: '{bad}'" if ctx.gnu else f"seq: invalid number '{bad}'")
        return 1
    if not 1 <= len(nums) <= 3:
        ctx.errln(ctx.msgs.util("missing_operand", "seq"))
        return 1
    first, step, last = (1, 1, nums[0]) if len(nums) == 1 else (nums[0], 1, nums[1]) if len(nums) == 2 else tuple(nums)
    values = []
    x = first
    while (step > 0 and x <= last) or (step < 0 and x >= last):
        values.append(x)
        x += step
        if len(values) > 100_000 or step == 0:
            break
    texts = [str(v) if isinstance(v, int) else f"{v:g}" for v in values]
    if width and texts:
        w = max(len(t) for t in texts)
        texts = [t.zfill(w) for t in texts]
    ctx.out(sep.join(texts) + ("\n" if texts else ""))
    return 0


@utility("sort")
def sort(ctx: Ctx) -> Result:
    flags, _, operands, _ = split_flags(ctx.args, "nruf")
    lines: list[str] = []
    for _, text in read_inputs(ctx, operands, "open"):
        lines.extend(split_lines(text or ""))

    def key(line: str) -> tuple:
        if "n" in flags:
            m = re.match(r"\s*-?\d+(\.\d+)?", line)
            return (float(m.group()) if m else 0.0, line)
        return (line.lower() if "f" in flags else line,)
    lines.sort(key=key, reverse="r" in flags)
    if "u" in flags:
        lines = list(dict.fromkeys(lines))
    ctx.out("".join(line + "\n" for line in lines))
    return 0


@utility("uniq")
def uniq(ctx: Ctx) -> Result:
    flags, _, operands, _ = split_flags(ctx.args, "cdu")
    text = read_inputs(ctx, operands[:1], "open")[0][1] or ""
    groups: list[list] = []
    for line in split_lines(text):
        if groups and groups[-1][0] == line:
            groups[-1][1] += 1
        else:
            groups.append([line, 1])
    for line, n in groups:
        if ("d" in flags and n < 2) or ("u" in flags and n > 1):
            continue
        ctx.out(f"{n:7d} {line}\n" if "c" in flags else line + "\n")
    return 0


def _ranges(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(","):
        a, dash, b = part.partition("-")
        start = int(a) if a else 1
        end = int(b) if b else (10**9 if dash else start)
        out.append((start, end))
    return out


@utility("cut")
def cut(ctx: Ctx) -> Result:
    _, values, operands, _ = split_flags(ctx.args, "s", "dfc")
    delim = values.get("d", "\t")
    try:
        ranges = _ranges(values.get("f") or values.get("c") or "")
    except ValueError:
        ctx.errln("cut: you must specify a list of bytes, characters, or fields")
        return 1
    for _, text in read_inputs(ctx, operands, "open"):
        for line in split_lines(text or ""):
            if "c" in values:
                ctx.out("".join(ch for i, ch in enumerate(line, 1) if any(a <= i <= b for a, b in ranges)) + "\n")
            elif delim not in line:
                ctx.out(line + "\n")
            else:
                fields = line.split(delim)
                ctx.out(delim.join(f for i, f in enumerate(fields, 1) if any(a <= i <= b for a, b in ranges)) + "\n")
    return 0


def _tr_set(spec: str) -> str:
    for name, repl in POSIX_CLASSES.items():
        spec = spec.replace(name, repl.replace("\\", ""))
    spec = spec.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")
    out, i = [], 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)


@utility("tr")
def tr(ctx: Ctx) -> Result:
    flags, _, operands, _ = split_flags(ctx.args, "dsc")
    text = ctx.stdin()
    if not operands:
        ctx.errln(ctx.msgs.util("missing_operand", "tr"))
        return 1
    first = _tr_set(operands[0])
    if "d" in flags:
        text = "".join(c for c in text if c not in first)
    elif len(operands) > 1:
        second = _tr_set(operands[1])
        second = second + second[-1:] * (len(first) - len(second))
        table = {ord(a): b for a, b in zip(first, second)}
        text = text.translate(table)
        first = second
    if "s" in flags:
        text = re.sub("([" + re.escape(first) + "])\\1+", r"\1", text)
    ctx.out(text)
    return 0
