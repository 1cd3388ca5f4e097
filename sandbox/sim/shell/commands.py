"""Running one simple command (XCU 2.9.1): expand, redirect, then find what to run in this order:
special builtins, functions, regular builtins, utilities the image has, programs the image has
that the shell does not implement (the process is replaced: ``Exec``), script files, else
"not found" (status 127).

A program the shell does not implement can only replace the process where the shell itself
would become it: in the main thread outside any subshell (``exec nginx``, or ``nginx`` as a
command of ``sh -c``; the rest of the script is then abandoned, as with dash's implicit exec of
the last command). Started in the background it is taken to run for ever; inside ``$(...)`` or
a pipeline it is asked of ``host.run_program(argv, stdin, now)`` when the host has that method,
else it prints nothing and succeeds.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..limits import MAX_FUNCTION_NESTING
from ..fs import normpath
from .ast import Redirect, SimpleCommand
from .builtins import SHELL_BUILTINS, SPECIAL_BUILTINS, UTILITIES
from .builtins.base import (
    Block, Ctx, ExitShell, LoopControl, ReplaceProcess, ReturnFromFunction, RunCode, SignalSelf,
    WaitJobs,
)
from .expand import Expander, ExpansionError
from .frames import (
    exit_thread, jump, push_sub, restore_io, unwind_exit, unwind_loop, unwind_return,
)
from .io import RedirectError, apply_redirects, read_all, write_entry, write_fd
from .spin import command_is_pure

if TYPE_CHECKING:
    from .state import Thread
    from .vm import Runtime

BIN_DIRS = frozenset({"/bin", "/usr/bin", "/sbin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"})


def save_io(thread: Thread) -> dict[str, Any]:
    return {"fds": dict(thread.fds), "ns": len(thread.streams), "nc": len(thread.captures)}


def _err(rt: Runtime, thread: Thread, text: str) -> None:
    write_fd(rt, thread, 2, text + "\n")


def _redirect_failure_status(rt: Runtime) -> int:
    return 1 if rt.proc.shell == "bash" else 2   # dash and ash raise an error: status 2


def run_simple(rt: Runtime, thread: Thread, node: SimpleCommand, subs: list[str], nsubs: int) -> None:
    thread.line = node.line
    exp = Expander(rt.proc, thread, rt.host.fs, subs, rt.touch)
    try:
        argv = exp.fields(node.words)
        targets = [exp.string(r.target) for r in node.redirects]
        assigns = [(a.name, exp.string(a.value)) for a in node.assigns]
    except ExpansionError as exc:
        _err(rt, thread, rt.msgs.shell_error(exc.message, thread.line))
        if exc.fatal:
            unwind_exit(rt, thread, 1 if rt.proc.shell != "dash" else 2)
        else:
            thread.status = 1
        return
    if "x" in thread.opts:
        _err(rt, thread, "+ " + " ".join([f"{n}={v}" for n, v in assigns] + argv))
    if not argv:
        for name, value in assigns:
            thread.vars[name] = value
        thread.status = thread.status if nsubs else 0
        if node.redirects:
            saved = save_io(thread)
            try:
                apply_redirects(rt, thread, node.redirects, targets)
            except RedirectError as exc:
                _err(rt, thread, str(exc))
                thread.status = _redirect_failure_status(rt)
            restore_io(thread, saved)
        return
    dispatch(rt, thread, argv, assigns, node.redirects, targets)


def resolve(rt: Runtime, thread: Thread, name: str) -> tuple[str, Any]:
    """(kind, implementation) of a command name."""
    if name in SPECIAL_BUILTINS:
        return "special", SHELL_BUILTINS[name]
    if name in thread.funcs:
        return "function", thread.funcs[name]
    if name in SHELL_BUILTINS:
        return "builtin", SHELL_BUILTINS[name]
    # A host may bring commands of its own (the learner's shell: kubectl, lab, history ...); they
    # are utilities like the others: ``(ctx) -> int | Effect``.
    extra = getattr(rt.host, "command", None)
    if extra is not None and "/" not in name:
        impl = extra(name)
        if impl is not None:
            return "utility", impl
    base = name
    if "/" in name:
        path = normpath(name, thread.cwd)
        head, _, base = path.rpartition("/")
        if head not in BIN_DIRS:
            base = ""
    if base in UTILITIES and rt.available(base):
        return "utility", UTILITIES[base]
    if rt.host.has_program(name):
        return "host", None
    if "/" in name:
        path = normpath(name, thread.cwd)
        if rt.host.fs.is_file(path):
            return "script", path
        if rt.host.fs.is_dir(path):
            return "dir", path
    return "missing", None


def dispatch(rt: Runtime, thread: Thread, argv: list[str], assigns: list[tuple[str, str]],
             redirects: tuple[Redirect, ...], targets: list[str]) -> None:
    exec_mode = False
    if argv[0] == "exec":
        if len(argv) == 1:   # exec with redirections only: they stay (XCU 2.14 "exec")
            for name, value in assigns:
                thread.vars[name] = value
            try:
                apply_redirects(rt, thread, redirects, targets)
                thread.status = 0
            except RedirectError as exc:
                _err(rt, thread, str(exc))
                thread.status = _redirect_failure_status(rt)
            return
        argv, exec_mode = argv[1:], True
    name = argv[0]
    kind, impl = resolve(rt, thread, name)
    if not command_is_pure(kind, impl, argv):
        rt.touch()
    if kind == "function":
        for var, value in assigns:
            thread.vars[var] = value
        saved = save_io(thread)
        if redirects:
            try:
                apply_redirects(rt, thread, redirects, targets)
            except RedirectError as exc:
                restore_io(thread, saved)
                _err(rt, thread, str(exc))
                thread.status = _redirect_failure_status(rt)
                return
            thread.frames.append({"k": "redir", "call": True, **saved})
        if sum(1 for frame in thread.frames if frame["k"] == "func") >= MAX_FUNCTION_NESTING:
            # bash with FUNCNEST set: the whole command is aborted (bash(1), FUNCNEST).
            _err(rt, thread, rt.msgs.shell_error(f"{name}: maximum function nesting level exceeded "
                                                 f"({MAX_FUNCTION_NESTING})", thread.line))
            unwind_exit(rt, thread, 1)
            return
        thread.frames.append({"k": "func", "ret": [thread.prog, thread.pc], "pos": thread.positional,
                              "sp": len(thread.stack)})
        thread.positional = argv[1:]
        jump(thread, impl)
        return
    if kind in ("missing", "dir"):
        saved = save_io(thread)
        try:
            apply_redirects(rt, thread, redirects, targets)   # `nosuch 2>/dev/null` is silent
        except RedirectError as exc:
            _err(rt, thread, str(exc))
        if rt.proc.shell is not None:
            if kind == "dir":
                _err(rt, thread, rt.msgs.shell_error(f"{name}: Permission denied", thread.line))
            elif "/" in name and rt.proc.shell == "bash":
                _err(rt, thread, rt.msgs.shell_error(f"{name}: No such file or directory", thread.line))
            else:
                _err(rt, thread, rt.msgs.not_found(name, thread.line))
        restore_io(thread, saved)
        thread.status = 126 if kind == "dir" else 127
        if exec_mode:
            exit_thread(rt, thread, thread.status)
        return
    if kind == "host":
        _host_program(rt, thread, argv, redirects, targets)
        return
    env = {k: v for k, v in thread.vars.items() if k in thread.exported}
    env.update(assigns)
    if kind == "special":
        for var, value in assigns:
            thread.vars[var] = value
    saved = save_io(thread)
    try:
        apply_redirects(rt, thread, redirects, targets)
    except RedirectError as exc:
        restore_io(thread, saved)
        _err(rt, thread, str(exc))
        thread.status = _redirect_failure_status(rt)
        return
    if kind == "script":
        result: Any = RunCode(rt.host.fs.read(impl), "shell", arg0=name, args=argv[1:])
    else:
        ctx = Ctx(rt, thread, argv, env)
        result = impl(ctx)
        if result == 0 and ctx.write_failed:
            result = 1            # as bash's builtins and coreutils: a failed write fails the command
    _finish(rt, thread, result, saved, bool(redirects), exec_mode)


def _host_program(rt: Runtime, thread: Thread, argv: list[str], redirects: tuple[Redirect, ...],
                  targets: list[str]) -> None:
    in_subshell = any(f["k"] == "sub" for f in thread.frames)
    if thread.tid == 0 and not in_subshell:
        rt.proc.result = {"exec": list(argv)}
        return
    if thread.tid != 0 and not in_subshell:
        thread.wake = math.inf    # a server started with `&`: it runs for ever
        return
    saved = save_io(thread)
    status = 0
    try:
        apply_redirects(rt, thread, redirects, targets)
        runner = getattr(rt.host, "run_program", None)
        if runner is not None:
            status, out, err = runner(list(argv), read_all(thread), rt.now)
            write_fd(rt, thread, 1, out)
            write_fd(rt, thread, 2, err)
    except RedirectError as exc:
        _err(rt, thread, str(exc))
        status = _redirect_failure_status(rt)
    restore_io(thread, saved)
    thread.status = status


def _finish(rt: Runtime, thread: Thread, result: Any, saved: dict[str, Any], redirected: bool,
            exec_mode: bool) -> None:
    if isinstance(result, int):
        restore_io(thread, saved)
        thread.status = result & 0xFF
        if exec_mode:
            exit_thread(rt, thread, thread.status)
        return
    if isinstance(result, RunCode):
        _run_code(rt, thread, result, saved, redirected, exec_mode)
        return
    if isinstance(result, Block):
        writes = [[dict(thread.fds.get(str(fd), {"t": "null"})), text] for fd, text in result.later]
        restore_io(thread, saved)
        thread.status = result.status
        if thread.spinning:
            return    # it filled a pipe before it slept: it stays parked there (io.py)
        if result.until > rt.now:
            thread.wake = result.until
            thread.exit_after = exec_mode
            if writes or result.status or result.early:
                thread.after = {"status": result.status, "writes": writes, "early": result.early}
            return
        for entry, text in writes:
            write_entry(rt, thread, entry, text)
        if exec_mode:
            exit_thread(rt, thread, result.status)
        return
    restore_io(thread, saved)
    if isinstance(result, ExitShell):
        unwind_exit(rt, thread, result.code)
    elif isinstance(result, ReturnFromFunction):
        unwind_return(rt, thread, result.code)
    elif isinstance(result, LoopControl):
        unwind_loop(rt, thread, result.levels, result.is_continue)
    elif isinstance(result, ReplaceProcess):
        _host_program(rt, thread, result.argv, (), [])
    elif isinstance(result, WaitJobs):
        thread.waiting = list(result.pids)
    elif isinstance(result, SignalSelf):
        thread.status = 0
        rt.proc.main.pending.append(result.sig)
    else:  # pragma: no cover
        raise TypeError(f"unknown effect {result!r}")


def _run_code(rt: Runtime, thread: Thread, code: RunCode, saved: dict[str, Any], redirected: bool,
              exec_mode: bool) -> None:
    idx = rt.add_source(code.source, report_to=thread)
    if idx is None:   # a syntax error, already reported
        restore_io(thread, saved)
        thread.status = 2
        if exec_mode:
            exit_thread(rt, thread, 2)
        return
    if code.kind == "shell":
        if redirected:
            # the child runs with the redirected descriptors; leaving it pops this frame too
            thread.frames.append({"k": "redir", "call": True, **saved})
        else:
            restore_io(thread, saved)
        limit = {} if code.deadline is None else {
            "dl": code.deadline, "dlc": code.expire_status, "dlm": code.expire_message}
        push_sub(rt, thread, [thread.prog, thread.pc], False, None, exit=exec_mode, popredir=redirected,
                 **limit)
        thread.vars = {k: v for k, v in thread.vars.items() if k in thread.exported}
        thread.funcs, thread.traps = {}, {}
        thread.positional = list(code.args or [])
        thread.arg0 = code.arg0 or thread.arg0
        jump(thread, [idx, 0])
        return
    if redirected:
        thread.frames.append({"k": "redir", "call": True, **saved})
    else:
        restore_io(thread, saved)
    frame: dict[str, Any] = {"k": "eval", "ret": [thread.prog, thread.pc], "sp": len(thread.stack),
                             "src": code.kind == "source"}
    if code.args:
        frame["pos"] = thread.positional
        thread.positional = list(code.args)
    thread.frames.append(frame)
    jump(thread, [idx, 0])
