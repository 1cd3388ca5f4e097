"""``kubectl events`` (k8s.io/kubectl pkg/cmd/events: events.go, event_printer.go).

A client-side table, LAST SEEN TYPE REASON OBJECT MESSAGE (NAMESPACE first with ``-A``), sorted
by each event's latest time with Go's sort.Sort; OBJECT keeps the kind's case (``Pod/nginx``);
LAST SEEN reads ``36s (x3 over 46s)`` for repeated events. ``--for pod/x`` keeps that object's
events, ``--types`` Normal and/or Warning. ``-w`` prints the events there are and then each new or
updated one as it comes (the ``events`` waiter), the header once. ``-o`` prints the typed
EventList.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd.base import Command, Invocation, Result
from sandbox.kubectl.cmd.common import make_printer, output_flags, render_objects
from sandbox.kubectl.context import Poll, Wait, waiter
from sandbox.kubectl.describe.gosort import go_sort
from sandbox.kubectl.errors import CmdError
from sandbox.kubectl.flags import bool_flag, int_flag, slice_flag, string_flag
from sandbox.kubectl.printers.table import age, format_cell
from sandbox.kubectl.printers.tabwriter import get_writer
from sandbox.kubectl.resources import resolve
from sandbox.sim.timefmt import parse_rfc3339

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube


def _event_time(event: dict[str, Any]) -> float:
    """eventTime() of events.go: series.lastObservedTime, else lastTimestamp, else eventTime."""
    for value in ((event.get("series") or {}).get("lastObservedTime"), event.get("lastTimestamp"),
                  event.get("eventTime")):
        if value:
            return parse_rfc3339(value)
    return float("-inf")


def interval(event: dict[str, Any], now: float) -> str:
    """getInterval: LAST SEEN, with ``(xN over AGE)`` for series and repeated events."""
    first = age(now, event.get("eventTime")) if event.get("eventTime") else age(now, event.get("firstTimestamp"))
    series = event.get("series")
    if series is not None:
        return f"{age(now, series.get('lastObservedTime'))} (x{series.get('count', 0)} over {first})"
    if (event.get("count") or 0) > 1:
        return f"{age(now, event.get('lastTimestamp'))} (x{event['count']} over {first})"
    return first


def event_line(event: dict[str, Any], now: float, all_namespaces: bool) -> str:
    involved = event.get("involvedObject") or {}
    cells = [interval(event, now), event.get("type", ""), event.get("reason", ""),
             f"{involved.get('kind', '')}/{involved.get('name', '')}", (event.get("message") or "").strip()]
    prefix = f"{(event.get('metadata') or {}).get('namespace', '')}\t" if all_namespaces else ""
    return prefix + "\t".join(format_cell(c) if i < 4 else c.replace("\x1b", "^[") for i, c in enumerate(cells)) + "\n"


def _header(all_namespaces: bool) -> str:
    return ("NAMESPACE\t" if all_namespaces else "") + "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n"


def _wanted(event: dict[str, Any], state: dict[str, Any]) -> bool:
    if state["types"] and str(event.get("type", "")).lower() not in state["types"]:
        return False
    involved = event.get("involvedObject") or {}
    if state["for_name"] and (involved.get("kind") != state["for_kind"] or involved.get("name") != state["for_name"]):
        return False
    if state["namespace"] is not None and (event.get("metadata") or {}).get("namespace") != state["namespace"]:
        return False
    return True


def _print(k: Kube, state: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    if not events:
        return state
    text = ""
    if not state["no_headers"] and not state["header_printed"]:
        text = _header(state["all_namespaces"])
    text += "".join(event_line(e, k.unix_now, state["all_namespaces"]) for e in events)
    writer = get_writer().set_remembered_widths(state["widths"])
    writer.write(text)
    writer.flush()
    k.out(writer.take())
    return {**state, "widths": writer.remembered_widths, "header_printed": True}


def run_events(k: Kube, inv: Invocation) -> Result:
    if inv.args:
        raise CmdError(f"unexpected arguments: [{' '.join(inv.args)}]")
    for_kind = for_name = ""
    if inv.flags["for"]:
        parts = inv.flags["for"].split("/")
        if len(parts) != 2:
            raise CmdError("--for must be in resource/name form")
        for_kind, for_name = resolve(parts[0]).kind, parts[1]
    types = [t.lower() for t in inv.flags["types"]]
    if any(t not in ("normal", "warning") for t in types):
        raise CmdError("valid --types are Normal or Warning")
    printer = make_printer(k, inv)
    all_namespaces = inv.flags["all-namespaces"]
    state: dict[str, Any] = {"namespace": None if all_namespaces else inv.namespace, "types": types,
                             "for_kind": for_kind, "for_name": for_name, "all_namespaces": all_namespaces,
                             "no_headers": inv.flags["no-headers"], "header_printed": False, "widths": []}
    listed = k.api.list("events", state["namespace"])
    events = [e for e in listed["items"] if _wanted(e, state)]
    if inv.flags["watch"]:
        state["rv"] = k.cluster.store.rv
        return Wait("events", _print(k, state, events))
    if not events:
        k.err("No events found.\n" if all_namespaces else f"No events found in {inv.namespace} namespace.\n")
        return 0
    events = go_sort(events, lambda a, b: _event_time(a) < _event_time(b))
    if printer.format == "name":
        # The EventList has no name and a real server's list items carry no kind: the name printer
        # prints nothing (seen with kubectl 1.32.5).
        return 0
    if printer.format:
        items = [{**e, "kind": e.get("kind", "Event"), "apiVersion": e.get("apiVersion", "v1")} for e in events]
        event_list = {"kind": "EventList", "apiVersion": "v1", "metadata": {"resourceVersion": listed["resourceVersion"]},
                      "items": items}
        k.out(render_objects(printer, [event_list], single=True, typed=True))
        return 0
    _print(k, state, events)
    return 0


@waiter("events")
def poll_events(k: Kube, args: dict[str, Any], expired: bool) -> Poll:
    changes = k.cluster.store.events_since(int(args["rv"]), ["events"])
    state = {**args, "rv": k.cluster.store.rv}
    fresh = [c.object for c in changes if c.type != "DELETED" and _wanted(c.object, args)]
    return Poll(False, args=_print(k, state, fresh))


COMMAND = Command(
    "events", "List events",
    flags=(
        bool_flag("all-namespaces", "If present, list the requested object(s) across all namespaces. Namespace in "
                  "current context is ignored even if specified with --namespace.", "A"),
        int_flag("chunk-size", "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag "
                 "is beta and may change in the future.", default=500),
        string_flag("for", "Filter events to only those pertaining to the specified resource."),
        bool_flag("no-headers", "When using the default output format, don't print headers."),
        *output_flags(),
        slice_flag("types", "Output only events of given types."),
        bool_flag("watch", "After listing the requested events, watch for more events.", "w"),
    ),
    run=run_events)
