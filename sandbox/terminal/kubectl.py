"""``kubectl`` in the learner's shell: a ``Kube`` per invocation, and waiting in simulated time.

``kubectl ARGS`` builds a ``Kube`` (sandbox/kubectl/context.py) from the shell's state (its cwd,
standard input, exported variables, the kubeconfig's namespace) and calls
``sandbox.kubectl.main.run(k, argv)``. An int is the exit status. A ``Wait`` (``kubectl delete``
waiting for the object to go, ``kubectl wait``, ``get -w``, ``logs -f``) becomes a child shell
running ``while :; do __kubectl_wait; done`` with the waiter's state as JSON in its ``$1``: each
turn polls the waiter and then sleeps (``Block``) until the cluster's next change or the deadline.
The whole wait is therefore ordinary shell state, saved with the session and resumed after a
restore; ``timeout 30s kubectl get pods -w`` stops it like any other command, and Ctrl-C drops it.

Each invocation is recorded in ``session.commands`` (sandbox/trace.py) for the lessons' command
checks: its words, the line, and its status (a wait's final status when it ends).
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import math
from typing import Any, Callable

from sandbox.kubectl.context import WAITERS, Kube, Poll, Wait
from sandbox.sim.shell.builtins.base import Block, Ctx, ExitShell, Result, RunCode
from sandbox.trace import CommandRecord, finish_command, record_command

from .commands import command
from .host import current_namespace

WAIT_LOOP = "while :; do __kubectl_wait; done"
Runner = Callable[[Kube, list[str]], "int | Wait"]

# Tests (and a build without sandbox/kubectl/main.py) may put a runner here.
RUNNER: Runner | None = None


def kubectl_runner() -> Runner | None:
    if RUNNER is not None:
        return RUNNER
    if importlib.util.find_spec("sandbox.kubectl.main") is None:
        return None
    return importlib.import_module("sandbox.kubectl.main").run  # type: ignore[no-any-return]


def make_kube(ctx: Ctx, stdin: str) -> Kube:
    session = ctx.host.session  # type: ignore[attr-defined]
    env = dict(ctx.env)
    return Kube(cluster=session.cluster, fs=session.fs, cwd=ctx.thread.cwd, stdin=stdin, out=ctx.out,
                err=ctx.err, namespace=current_namespace(session.fs, env), env=env, tty=ctx.tty)


def _internal_error(ctx: Ctx, exc: Exception) -> None:
    # A bug in a verb must not take the learner's terminal down with it.
    ctx.errln(f"error: podlab: kubectl stopped on an internal error ({type(exc).__name__}: {exc})")


def _record(ctx: Ctx, status: int) -> None:
    """The session's command log (sandbox/trace.py), which the lessons' command checks read."""
    session = ctx.host.session  # type: ignore[attr-defined]
    record_command(session.commands, CommandRecord(ctx.now, ctx.argv, status, session.line_text,
                                                   session.line_number))


@command("kubectl", "k")
def kubectl(ctx: Ctx) -> Result:
    status = _kubectl(ctx)
    _record(ctx, 0 if isinstance(status, RunCode) else int(status))  # a wait: 0 until it ends
    return status


def _kubectl(ctx: Ctx) -> Result:
    try:
        runner = kubectl_runner()
        if runner is None:
            ctx.errln(ctx.msgs.not_found(ctx.argv[0], ctx.thread.line))
            return 127
        result = runner(make_kube(ctx, ctx.stdin()), list(ctx.args))
    except Exception as exc:  # noqa: BLE001
        _internal_error(ctx, exc)
        return 1
    if isinstance(result, Wait):
        state = {"waiter": result.waiter, "args": result.args, "deadline": result.deadline,
                 "record": [ctx.now, list(ctx.argv)]}
        return RunCode(WAIT_LOOP, "shell", arg0="kubectl", args=[json.dumps(state, sort_keys=True)])
    return int(result)


@command("__kubectl_wait")
def kubectl_wait(ctx: Ctx) -> Result:
    """One turn of a kubectl wait: poll, then sleep until something can have changed."""
    try:
        state: dict[str, Any] = json.loads(ctx.thread.positional[0])
    except (IndexError, ValueError):
        ctx.errln("__kubectl_wait: for kubectl's own use")
        return 2
    try:
        kubectl_runner()    # the verbs' modules register the waiters when they are imported
    except Exception as exc:  # noqa: BLE001
        _internal_error(ctx, exc)
        return ExitShell(1)
    waiter = WAITERS.get(state["waiter"])
    if waiter is None:
        ctx.errln(f"error: podlab: kubectl has no waiter {state['waiter']!r}")
        return ExitShell(1)
    cluster = ctx.host.session.cluster  # type: ignore[attr-defined]
    cluster.advance_to(ctx.now)          # what was scheduled for this very instant has happened
    deadline = state["deadline"]
    expired = deadline is not None and ctx.now >= deadline
    try:
        poll: Poll = waiter(make_kube(ctx, ""), state["args"], expired)
    except Exception as exc:  # noqa: BLE001
        _internal_error(ctx, exc)
        return ExitShell(1)
    if poll.done or expired:
        if "record" in state:
            session = ctx.host.session  # type: ignore[attr-defined]
            finish_command(session.commands, state["record"][0], state["record"][1], poll.status)
        return ExitShell(poll.status)
    if poll.args is not None:
        state["args"] = poll.args
        ctx.thread.positional[0] = json.dumps(state, sort_keys=True)
    instants = [t for t in (cluster.next_due(), deadline) if t is not None]
    # Until the cluster's next timer, or sooner when a change comes from outside the shell (the
    # sandbox's Kubernetes API: Session.notice_change).
    return Block(min(instants) if instants else math.inf, early=True)
