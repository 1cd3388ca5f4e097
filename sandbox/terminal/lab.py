"""``lab``: the sandbox's own controls, typed in the terminal like any command.

    lab time                  simulated time: 5m20s (speed 1x)
    lab speed 10              simulated time runs 10 times faster than real time
    lab pause | lab resume    stop / restart the simulated clock
    lab advance 5m            move the clock forward (Go durations: 90s, 1m30s, 2h, 500ms)
    lab next                  move it to the next visible change and say what changed
    lab node stop|start NAME  power a node off (its kubelet stops reporting) or on again
    lab reset                 a fresh cluster with the same seed; the files stay

Moving the clock is synchronous: the cluster runs every timer up to the new instant and the rest
of the line sees the new time (the shell's instant is moved with it, so ``lab advance 1m; sleep
5`` ends at 1m5s). In the web terminal, the clock's anchors move too, so the jump is kept.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.printers.nodes import node_status
from sandbox.kubectl.printers.pods import summarize_pod
from sandbox.sim.cluster import Cluster
from sandbox.sim.durations import go_duration, parse_go_duration
from sandbox.sim.shell.builtins.base import Ctx, Result

from .clock import format_speed, parse_speed, reading
from .commands import command

if TYPE_CHECKING:
    from sandbox.session import Session

NEXT_HORIZON = 3600.0   # `lab next` looks at most an hour ahead for something visible
MAX_ADVANCE = 24 * 3600.0   # one `lab advance` (and the page's advance button) moves at most a day

USAGE = """Usage: lab COMMAND
  lab time                   show the simulated clock
  lab speed N                run simulated time N times as fast as real time (1 = real time)
  lab pause                  stop the simulated clock
  lab resume                 start it again
  lab advance DURATION       move the clock forward: 30s, 5m, 1h30m
  lab next                   move the clock to the next change and say what changed
  lab node stop|start NAME   power a node off or on
  lab reset                  start again with a fresh cluster (your files stay)
"""


def _session(ctx: Ctx) -> Session:
    return ctx.host.session  # type: ignore[attr-defined, no-any-return]


def _fail(ctx: Ctx, text: str, status: int = 1) -> int:
    ctx.errln(f"lab: {text}")
    return status


@command("lab")
def lab(ctx: Ctx) -> Result:
    args = ctx.args
    verb = args[0] if args else "help"
    handler = _VERBS.get(verb)
    if handler is None:
        ctx.err(f"lab: unknown command {verb!r}\n{USAGE}")
        return 2
    return handler(ctx, _session(ctx), args[1:])


def _help(ctx: Ctx, session: Session, args: list[str]) -> int:
    ctx.out(USAGE)
    return 0


def _time(ctx: Ctx, session: Session, args: list[str]) -> int:
    ctx.out(session.clock.describe(session.cluster.now) + "\n")
    return 0


def _speed(ctx: Ctx, session: Session, args: list[str]) -> int:
    if not args:
        ctx.out(f"speed {format_speed(session.clock.speed)}\n")
        return 0
    speed = parse_speed(args[0])
    if speed is None:
        return _fail(ctx, f"invalid speed {args[0]!r}: give a factor such as 1, 10 or 60 (at most 1000)", 2)
    session.clock.set_speed(speed, session.wall)
    ctx.out(f"simulated time runs at {format_speed(speed)}" + (" (paused)" if session.clock.paused else "") + "\n")
    return 0


def _pause(ctx: Ctx, session: Session, args: list[str]) -> int:
    session.clock.pause(session.wall)
    ctx.out(f"simulated time paused at {reading(session.cluster.now)}\n")
    return 0


def _resume(ctx: Ctx, session: Session, args: list[str]) -> int:
    session.clock.resume(session.wall)
    ctx.out(f"simulated time runs at {format_speed(session.clock.speed)} from {reading(session.cluster.now)}\n")
    return 0


def _advance(ctx: Ctx, session: Session, args: list[str]) -> int:
    if len(args) != 1:
        return _fail(ctx, "usage: lab advance DURATION (for example 30s, 5m, 1h30m)", 2)
    try:
        seconds = parse_go_duration(args[0])
    except ValueError as exc:
        return _fail(ctx, str(exc), 2)
    if seconds < 0:
        return _fail(ctx, "the clock only moves forward", 2)
    if seconds > MAX_ADVANCE:
        return _fail(ctx, f"advance: {args[0]} is more than one command may advance ({go_duration(MAX_ADVANCE)}); "
                          "advance in steps of a day at most", 2)
    session.jump_to(session.cluster.now + seconds)
    ctx.rt.now = session.cluster.now
    ctx.out(f"{session.clock.describe(session.cluster.now)}, advanced {go_duration(seconds)}\n")
    return 0


def snapshot(cluster: Cluster) -> dict[str, str]:
    """What a learner can see change: each pod's READY STATUS RESTARTS, each node's STATUS, and
    each event's count."""
    seen: dict[str, str] = {}
    for pod in cluster.store.list("pods"):
        s = summarize_pod(pod)
        seen[_pod_name(pod)] = f"{s.ready_text()} {s.status} {s.restarts}"
    for node in cluster.store.list("nodes"):
        seen[f"node/{node['metadata']['name']}"] = node_status(node)
    for event in cluster.store.list("events"):
        seen["event " + event["metadata"]["name"]] = str(event.get("count") or 1)
    return seen


def _pod_name(pod: dict[str, Any]) -> str:
    ns = pod["metadata"].get("namespace", "default")
    return f"pod/{pod['metadata']['name']}" + ("" if ns == "default" else f" -n {ns}")


def changes(cluster: Cluster, before: dict[str, str]) -> list[str]:
    """Lines saying what differs from ``before``: objects first, then the new events (an event
    that merely expired is no news)."""
    after = snapshot(cluster)
    lines = []
    for key in sorted(set(before) | set(after)):
        if key.startswith("event ") or before.get(key) == after.get(key):
            continue
        if key not in before:
            lines.append(f"{key}: created ({_restarts_out(after[key])})")
        elif key not in after:
            lines.append(f"{key}: deleted")
        else:
            lines.append(f"{key}: {_restarts_out(before[key])} -> {_restarts_out(after[key])}")
    for event in sorted(cluster.store.list("events"), key=_event_order):
        key = "event " + event["metadata"]["name"]
        if before.get(key) != after.get(key):
            obj = event.get("involvedObject") or {}
            lines.append(f"{event.get('type', 'Normal')} {event.get('reason', '')} "
                         f"{str(obj.get('kind', '')).lower()}/{obj.get('name', '')}: {event.get('message', '')}")
    return lines


def _restarts_out(summary: str) -> str:
    # "1/1 Running 0" reads better as "1/1 Running"; restarts stay once there are some
    return summary[:-2] if summary.endswith(" 0") else summary


def _event_order(event: dict[str, Any]) -> tuple[str, str]:
    return (event.get("lastTimestamp") or event.get("eventTime") or "", event["metadata"]["name"])


def next_change(cluster: Cluster, before: dict[str, str], horizon: float) -> float | None:
    """The instant of the next visible change within ``horizon`` seconds, found on a copy of the
    cluster (timers that change nothing visible, like an event expiring, are passed over)."""
    probe = Cluster.from_json(cluster.to_json())
    limit = cluster.now + horizon
    while True:
        due = probe.next_due()
        if due is None or due > limit:
            return None
        probe.advance_to(due)
        if changes(probe, before):
            return due


def _next(ctx: Ctx, session: Session, args: list[str]) -> int:
    cluster = session.cluster
    start, before = cluster.now, snapshot(cluster)
    due = next_change(cluster, before, NEXT_HORIZON)
    if due is None:
        news = "nothing is scheduled to happen" if cluster.next_due() is None else \
            f"nothing visible happens within {go_duration(NEXT_HORIZON)}"
        ctx.out(f"{news}; {session.clock.describe(cluster.now)}\n")
        return 0
    session.jump_to(due)
    ctx.rt.now = session.cluster.now
    ctx.out(f"{session.clock.describe(cluster.now)}, advanced {reading(cluster.now - start)}\n")
    ctx.out("".join(f"  {line}\n" for line in changes(cluster, before)))
    return 0


def _node(ctx: Ctx, session: Session, args: list[str]) -> int:
    if len(args) != 2 or args[0] not in ("stop", "start"):
        return _fail(ctx, "usage: lab node stop|start NAME", 2)
    action, name = args
    cluster = session.cluster
    if cluster.store.get("nodes", "", name) is None:
        return _fail(ctx, f'node "{name}" not found')
    down = cluster.node_is_down(name)
    if (action == "stop") == down:
        ctx.out(f"node/{name} is already {'stopped' if down else 'running'}\n")
        return 0
    if action == "stop":
        cluster.node_stop(name)
        ctx.out(f"node/{name} stopped (powered off: its kubelet no longer reports)\n")
    else:
        cluster.node_start(name)
        ctx.out(f"node/{name} started\n")
    return 0


def _reset(ctx: Ctx, session: Session, args: list[str]) -> int:
    session.reset_cluster()
    ctx.rt.now = session.cluster.now
    if session.origin is not None:
        ctx.out(f"the cluster as the lesson set it up, at {reading(session.cluster.now)}; your files are kept\n")
    else:
        ctx.out(f"a fresh cluster (seed {session.seed}) at {reading(session.cluster.now)}; your files are kept\n")
    return 0


_VERBS = {"help": _help, "-h": _help, "--help": _help, "time": _time, "speed": _speed,
          "pause": _pause, "resume": _resume, "advance": _advance, "next": _next, "node": _node,
          "reset": _reset}
