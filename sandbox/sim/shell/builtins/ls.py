"""``ls``: one name per line when the output is not a terminal (as in container logs and
``kubectl exec`` without ``-t``), in columns on a terminal; ``-l`` in busybox's fixed widths or
coreutils' fitted ones. Files carry no times: ``-l`` shows the current time.
"""
from __future__ import annotations

from ...fs import parent_of
from .base import Ctx, Result, split_flags, utility
from .files import bad_option


def _mode(ctx: Ctx, path: str) -> str:
    return "drwxr-xr-x" if ctx.fs.is_dir(path) else "-rw-r--r--"


def _long_lines(ctx: Ctx, entries: list[tuple[str, str]], stamp: str) -> list[str]:
    """``ls -l``: coreutils sizes its columns to the widest entry; busybox uses fixed widths."""
    rows = [(_mode(ctx, path), 2 if ctx.fs.is_dir(path) else 1, ctx.fs.size(path), name) for name, path in entries]
    if not ctx.gnu:
        return [f"{mode} {links:4d} root     root     {size:>9} {stamp} {name}" for mode, links, size, name in rows]
    links_w = max((len(str(r[1])) for r in rows), default=1)
    size_w = max((len(str(r[2])) for r in rows), default=1)
    return [f"{mode} {links:>{links_w}} root root {size:>{size_w}} {stamp} {name}" for mode, links, size, name in rows]


def _columns(names: list[str], width: int = 80) -> str:
    """ls to a terminal: names in columns, filled top to bottom (as coreutils and busybox do)."""
    if not names:
        return ""
    col = max(len(n) for n in names) + 2
    per_row = max(1, width // col)
    rows = -(-len(names) // per_row)
    lines = []
    for r in range(rows):
        cells = [names[c * rows + r] for c in range(per_row) if c * rows + r < len(names)]
        lines.append("".join(n.ljust(col) for n in cells[:-1]) + cells[-1])
    return "\n".join(lines) + "\n"


@utility("ls")
def ls(ctx: Ctx) -> Result:
    flags, _, operands, bad = split_flags(ctx.args, "laA1dhFRtrSCp")
    if bad:
        return bad_option(ctx, bad)
    from .system import strftime
    stamp = strftime("%b %e %H:%M", ctx.host.unix_time(ctx.now))
    status = 0
    files: list[tuple[str, str]] = []
    dirs: list[tuple[str, str]] = []
    for name in operands or ["."]:
        path = ctx.path(name)
        if not ctx.fs.exists(path):
            ctx.util_error("ls", name, "No such file or directory")
            status = 2 if ctx.gnu else 1
        elif ctx.fs.is_dir(path) and "d" not in flags:
            dirs.append((name, path))
        else:
            files.append((name, path))

    def emit(entries: list[tuple[str, str]], total: bool) -> None:
        if "l" in flags:
            if total:
                ctx.out(f"total {sum(4 for _ in entries)}\n")
            ctx.out("".join(line + "\n" for line in _long_lines(ctx, entries, stamp)))
        elif ctx.tty and "1" not in flags:
            ctx.out(_columns([n for n, _ in entries]))
        else:
            ctx.out("".join(n + "\n" for n, _ in entries))

    emit(files, total=False)
    for i, (name, path) in enumerate(dirs):
        if len(operands) > 1:
            ctx.out(("\n" if i or files else "") + f"{name}:\n")
        names = ctx.fs.listdir(path)
        if "a" not in flags and "A" not in flags:
            names = [n for n in names if not n.startswith(".")]
        entries = [(n, (path.rstrip("/") + "/" + n)) for n in names]
        if "a" in flags:
            entries = [(".", path), ("..", parent_of(path))] + entries
        if "r" in flags:
            entries.reverse()
        emit(entries, total=True)
    return status
