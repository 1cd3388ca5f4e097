"""A learner's lesson sandbox as it was last saved, read-only, for their instructor.

Everything is computed here from ``Sandbox.state`` and ``Sandbox.screen`` (read with
``values_list``: no lock, no save) the way the live page would draw it: the terminal's recent text, the
shell lines and kubectl invocations the session kept, the cluster view (sandbox/frames.py
``cluster_view``) and the timeline picture (sandbox/timeline.py's bands, laid out as
frontend/src/timeline.js lays them out, as SVG data the template draws). The session is loaded but
never ticked: the picture is the sandbox "as of the last save", and nothing is written back.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import Any

from lessons.gradebook import duration
from sandbox.frames import cluster_view
from sandbox.session import Session
from sandbox.timeline import Timeline
from sandbox.turns import WEB_KEY

# The timeline's geometry (frontend/src/timeline.js): the same picture as the live page.
WIDTH, LABEL, ROW, GAP, TOP = 640, 120, 22, 6, 18
NICE_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)
# Colours and cursor moves of the terminal's text (xterm draws them; a <pre> shows them as noise).
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]|\r(?!\n)")


@dataclass(frozen=True, slots=True)
class CommandRow:
    at: str              # simulated time from the lesson's start
    command: str
    status: int
    line: str
    seq: int


@dataclass(frozen=True, slots=True)
class Replay:
    now: str                              # the lab clock at the last save, from the lesson's start
    screen: str
    history: list[str]
    commands: list[CommandRow]
    groups: list[dict[str, Any]]          # nodes with their pod cards (the first: pods not scheduled)
    events: list[dict[str, Any]]
    timeline: dict[str, Any] | None       # None: no pods yet


def replay(state: dict[str, Any], screen: str, started_at: float) -> Replay:
    """The sandbox of ``state`` (and its terminal text ``screen``) as last saved; times are shown
    from ``started_at`` (simulated)."""
    session = Session.from_json(state)
    web = state.get(WEB_KEY) or {}
    timeline = Timeline.from_json(web.get("timeline"))
    timeline.reconcile(session.cluster)       # a change saved by the Kubernetes API nobody watched
    view = cluster_view(session, timeline)
    now = view["now"]
    commands = [CommandRow(duration(c.t - started_at), shlex.join(c.argv), c.status, c.line, c.seq)
                for c in session.commands]
    return Replay(now=duration(now - started_at), screen=ANSI.sub("", screen),
                  history=list(session.history), commands=commands,
                  groups=node_groups(view, now), events=event_rows(view, now),
                  timeline=timeline_picture(list(view["bands"].values()), now))


def node_groups(view: dict[str, Any], now: float) -> list[dict[str, Any]]:
    """The cluster view's boxes (frontend/src/cluster.js ``render``): pods by node, pods not
    scheduled yet first."""
    pods = [dict(pod, age=duration(now - pod["created"]) if pod["created"] is not None else "",
                 containers=[dict(c, text=container_text(c)) for c in pod["containers"]])
            for pod in view["pods"].values()]
    groups = [{"node": node, "pods": [p for p in pods if p["node"] == node["name"]]}
              for node in view["nodes"].values()]
    pending = [p for p in pods if not p["node"]]
    if pending:
        groups.insert(0, {"node": None, "pods": pending})
    return groups


def container_text(container: dict[str, Any]) -> str:
    text = container["state"] + (f": {container['reason']}" if container["reason"] else "")
    return text + (f" ({container['exitCode']})" if container["exitCode"] is not None else "")


def event_rows(view: dict[str, Any], now: float) -> list[dict[str, Any]]:
    events = sorted(view["events"].values(), key=lambda e: -(e["last"] or 0))
    return [dict(e, age=duration(now - e["last"]) if e["last"] is not None else "") for e in events]


def nice_step(span: float) -> int:
    return next((s for s in NICE_STEPS if span / s <= 6), 14400)


def timeline_picture(bands: list[dict[str, Any]], now: float) -> dict[str, Any] | None:
    """The bands laid out in SVG units: ticks, one row per pod, its segments and marks."""
    if not bands:
        return None
    bands = sorted(bands, key=lambda b: (b["start"], b["name"]))
    now = max([now] + [b["end"] if b["end"] is not None else b["start"] for b in bands])
    t0 = min(b["start"] for b in bands)
    span = max(10.0, now - t0)

    def x(t: float) -> float:
        return round(LABEL + (t - t0) / span * (WIDTH - LABEL - 8), 2)

    height = TOP + len(bands) * (ROW + GAP)
    step = nice_step(span)
    ticks, t = [], -(-t0 // step) * step
    while t <= t0 + span:
        ticks.append({"x": x(t), "label": duration(t)})
        t += step
    rows = []
    for i, band in enumerate(bands):
        y = TOP + i * (ROW + GAP)
        end = band["end"] if band["end"] is not None else now
        segments = []
        for j, (start, state) in enumerate(band["segments"]):
            stop = band["segments"][j + 1][0] if j + 1 < len(band["segments"]) else end
            segments.append({"x": x(start), "width": round(max(1.0, x(stop) - x(start)), 2), "state": state,
                             "title": f"{band['name']}: {state} {duration(start)}–{duration(stop)}"})
        marks = []
        for at, kind, text in band["marks"]:
            mx = x(at)
            marks.append({"kind": kind, "x": mx, "rx": round(mx - 1, 2), "title": f"{duration(at)} {kind}: {text}",
                          "path": f"M{mx - 4} {y - 1} L{mx + 4} {y - 1} L{mx} {y + 6} Z"})
        rows.append({"name": band["name"], "pod": f"{band['namespace']}/{band['name']}", "y": y,
                     "label_y": y + ROW // 2 + 4, "probe_y": y + ROW - 7, "segments": segments, "marks": marks})
    return {"width": WIDTH, "height": height, "row": ROW, "top": TOP, "ticks": ticks, "bands": rows}
