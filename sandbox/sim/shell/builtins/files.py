"""File utilities: ``cat``, ``touch``, ``rm``, ``mkdir``, ``rmdir``, ``cp``, ``mv``,
``basename``, ``dirname``, ``chmod``/``chown`` (accepted, files carry no modes).

Error wording per flavour is in messages.py (busybox ``can't open 'x'``, coreutils ``cannot
access 'x'``). Exit statuses: 1 for a failed operand, except coreutils ``ls`` which exits 2.
"""
from __future__ import annotations

from ...fs import FsError, base_name
from .base import Ctx, Result, split_flags, utility


def bad_option(ctx: Ctx, option: str) -> int:
    ctx.errln(ctx.msgs.util("bad_option", ctx.name, o=option))
    return 1 if not ctx.gnu else (2 if ctx.name == "ls" else 1)


@utility("cat")
def cat(ctx: Ctx) -> Result:
    flags, _, operands, bad = split_flags(ctx.args, "nuAvetsb")
    if bad:
        return bad_option(ctx, bad)
    status = 0
    chunks: list[str] = []
    for name in operands or ["-"]:
        if name == "-":
            chunks.append(ctx.stdin())
            continue
        try:
            chunks.append(ctx.fs.read(ctx.path(name)))
        except FsError as exc:
            ctx.out("".join(chunks))
            chunks = []
            if exc.errno == "EISDIR":
                ctx.util_error("read_dir", name)
            else:
                ctx.util_error("open", name, exc.strerror)
            status = 1
    text = "".join(chunks)
    if "n" in flags:
        lines = text.splitlines(keepends=True)
        text = "".join(f"{i:6d}\t{line}" for i, line in enumerate(lines, 1))
    ctx.out(text)
    return status


@utility("touch")
def touch(ctx: Ctx) -> Result:
    _, _, operands, _ = split_flags(ctx.args, "acm", "dtr")
    if not operands:
        ctx.errln(ctx.msgs.util("missing_file_operand", "touch"))
        return 1
    status = 0
    for name in operands:
        try:
            ctx.fs.touch(ctx.path(name))
        except FsError as exc:
            ctx.util_error("touch", name, exc.strerror)
            status = 1
    return status


@utility("rm")
def rm(ctx: Ctx) -> Result:
    flags, _, operands, bad = split_flags(ctx.args, "frRiv")
    if bad:
        return bad_option(ctx, bad)
    force, recursive = "f" in flags, bool(flags & {"r", "R"})
    if not operands:
        if force:
            return 0
        ctx.errln(ctx.msgs.util("missing_operand", "rm"))
        return 1
    status = 0
    for name in operands:
        path = ctx.path(name)
        if not ctx.fs.exists(path):
            if not force:
                ctx.util_error("rm", name, "No such file or directory")
                status = 1
            continue
        if ctx.fs.is_dir(path) and not recursive:
            ctx.util_error("rm_dir", name)
            status = 1
            continue
        try:
            ctx.fs.remove(path, recursive=True)
        except FsError as exc:
            ctx.util_error("rm", name, exc.strerror)
            status = 1
    return status


@utility("mkdir")
def mkdir(ctx: Ctx) -> Result:
    flags, _, operands, bad = split_flags(ctx.args, "pv", "m")
    if bad:
        return bad_option(ctx, bad)
    if not operands:
        ctx.errln(ctx.msgs.util("missing_operand", "mkdir"))
        return 1
    status = 0
    for name in operands:
        try:
            ctx.fs.mkdir(ctx.path(name), parents="p" in flags)
        except FsError as exc:
            ctx.util_error("mkdir", name, exc.strerror)
            status = 1
    return status


@utility("rmdir")
def rmdir(ctx: Ctx) -> Result:
    _, _, operands, _ = split_flags(ctx.args, "pv")
    status = 0
    for name in operands:
        path = ctx.path(name)
        try:
            if ctx.fs.exists(path) and not ctx.fs.is_dir(path):
                raise FsError("ENOTDIR", path)
            ctx.fs.remove(path)
        except FsError as exc:
            ctx.util_error("rmdir", name, exc.strerror)
            status = 1
    return status


def _copy_tree(ctx: Ctx, src: str, dst: str) -> None:
    for path, text in list(ctx.fs.walk(src)):
        target = dst + path[len(src):]
        if text is None:
            ctx.fs.mkdir(target, parents=True)
        else:
            ctx.fs.write(target, text)


def _targets(ctx: Ctx, operands: list[str]) -> list[tuple[str, str, str]] | None:
    """(source name, source path, destination path) for ``cp``/``mv`` operands."""
    *sources, dest = operands
    dest_path = ctx.path(dest)
    if len(sources) > 1 or ctx.fs.is_dir(dest_path):
        if not ctx.fs.is_dir(dest_path):
            ctx.errln(f"{ctx.name}: target '{dest}' is not a directory")
            return None
        return [(s, ctx.path(s), dest_path.rstrip("/") + "/" + base_name(ctx.path(s))) for s in sources]
    return [(sources[0], ctx.path(sources[0]), dest_path)]


@utility("cp")
def cp(ctx: Ctx) -> Result:
    flags, _, operands, bad = split_flags(ctx.args, "rRafpvdiLPn")
    if bad:
        return bad_option(ctx, bad)
    if len(operands) < 2:
        ctx.errln(ctx.msgs.util("missing_file_operand", "cp"))
        return 1
    pairs = _targets(ctx, operands)
    if pairs is None:
        return 1
    status = 0
    for name, src, dst in pairs:
        if not ctx.fs.exists(src):
            ctx.util_error("stat", name, "No such file or directory")
            status = 1
        elif ctx.fs.is_dir(src):
            if not flags & {"r", "R", "a"}:
                ctx.util_error("cp_dir", name)
                status = 1
                continue
            try:
                _copy_tree(ctx, src, dst)
            except FsError as exc:
                ctx.util_error("cp_create", exc.path, exc.strerror)
                status = 1
        else:
            try:
                ctx.fs.copy(src, dst)
            except FsError as exc:
                ctx.util_error("cp_create", dst, exc.strerror)
                status = 1
    return status


@utility("mv")
def mv(ctx: Ctx) -> Result:
    _, _, operands, bad = split_flags(ctx.args, "fivnT")
    if bad:
        return bad_option(ctx, bad)
    if len(operands) < 2:
        ctx.errln(ctx.msgs.util("missing_file_operand", "mv"))
        return 1
    pairs = _targets(ctx, operands)
    if pairs is None:
        return 1
    status = 0
    for name, src, dst in pairs:
        try:
            if not ctx.fs.exists(src):
                raise FsError("ENOENT", src)
            ctx.fs.rename(src, dst)
        except FsError as exc:
            if ctx.gnu and exc.errno == "ENOENT" and not ctx.fs.exists(src):
                ctx.util_error("stat", name, exc.strerror)
            else:
                ctx.util_error("mv", name, exc.strerror, d=operands[-1])
            status = 1
    return status


@utility("basename")
def basename(ctx: Ctx) -> Result:
    if not ctx.args:
        ctx.errln(ctx.msgs.util("missing_operand", "basename"))
        return 1
    name = ctx.args[0].rstrip("/") or "/"
    name = name.rsplit("/", 1)[-1] if name != "/" else "/"
    if len(ctx.args) > 1 and name.endswith(ctx.args[1]) and name != ctx.args[1]:
        name = name[: -len(ctx.args[1])]
    ctx.out(name + "\n")
    return 0


@utility("dirname")
def dirname(ctx: Ctx) -> Result:
    if not ctx.args:
        ctx.errln(ctx.msgs.util("missing_operand", "dirname"))
        return 1
    path = ctx.args[0].rstrip("/")
    head = path.rsplit("/", 1)[0] if "/" in path else "."
    ctx.out((head or "/") + "\n")
    return 0


@utility("chmod", "chown", "chgrp")
def chmod(ctx: Ctx) -> Result:
    operands = [a for a in ctx.args if not a.startswith("-")][1:]
    status = 0
    for name in operands:
        if not ctx.fs.exists(ctx.path(name)):
            ctx.errln(f"{ctx.name}: cannot access '{name}': No such file or directory" if ctx.gnu
                      else f"{ctx.name}: {name}: No such file or directory")
            status = 1
    return status
