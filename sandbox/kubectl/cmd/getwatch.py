"""``kubectl get -w`` and ``--watch-only`` (k8s.io/kubectl pkg/cmd/get/get.go ``watch``).

The current objects are printed first (not with ``--watch-only``); then every change to a matching
object prints one more row, through the same tabwriter: the header appears once and, as kubectl's
writer remembers column widths (RememberWidths), columns never shrink. A watch on one named object
starts with a synthetic ADDED event kubectl does not print. The ``watch`` waiter's state is the
resourceVersion reached, the remembered widths and whether the header was printed, so a sandbox
can be saved mid-watch. The command never ends by itself: ``timeout`` or Ctrl-C stops it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Invocation
from sandbox.kubectl.cmd.common import Printer, render_objects
from sandbox.kubectl.context import Poll, Wait, waiter
from sandbox.kubectl.errors import CmdError
from sandbox.kubectl.printers import PrintOptions, TablePrinter, build_table
from sandbox.kubectl.printers.tabwriter import get_writer
from sandbox.sim.apiserver.field_selectors import parse_field_selector
from sandbox.sim.apiserver.selectors import parse_label_selector
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube


def _matches(obj: dict[str, Any], state: dict[str, Any]) -> bool:
    meta = obj["metadata"]
    if state["namespace"] is not None and meta.get("namespace", "") != state["namespace"]:
        return False
    if state["name"] and meta["name"] != state["name"]:
        return False
    if state["selector"] and not parse_label_selector(state["selector"]).matches(meta.get("labels") or {}):
        return False
    if state["field_selector"] and not parse_field_selector(state["field_selector"], state["resource"]) \
            .matches_object(obj):
        return False
    return True


def _emit(k: Kube, state: dict[str, Any], objects: list[dict[str, Any]], events: list[str]) -> dict[str, Any]:
    """Print objects as a watch prints them; the state to keep for the next turn."""
    if not objects:
        return state
    printer = Printer(state["format"], state["template"], state["allow_missing"])
    if state["format"] in ("", "wide"):
        opts = state["options"]
        options = PrintOptions(wide=opts["wide"], no_headers=opts["no_headers"] or state["header_printed"],
                               with_namespace=opts["with_namespace"], show_labels=opts["show_labels"],
                               column_labels=tuple(opts["column_labels"]))
        writer = get_writer().set_remembered_widths(state["widths"])
        table_printer = TablePrinter(options, writer)
        for obj, event in zip(objects, events, strict=True):
            table_printer.print(build_table(state["resource"], [obj], k.unix_now),
                                event_type=event if opts["watch_events"] else "")
            k.out(table_printer.flush())
        return {**state, "widths": writer.remembered_widths, "header_printed": True}
    count = state["printed"]
    for obj in objects:
        text = render_objects(printer, [obj], single=True)
        if printer.format == "yaml" and count:
            text = "---\n" + text
        k.out(text)
        count += 1
    return {**state, "printed": count}


def start(k: Kube, inv: Invocation, req: builder.Request, printer: Printer) -> Wait:
    parsed = builder.validate(req)
    if req.filenames:
        raise CmdError("watching objects read from files is not supported in Podlab; name the resource instead")
    resources = parsed.resources or [r for r, _ in parsed.pairs]
    names = parsed.names or [n for _, n in parsed.pairs]
    if len(resources) > 1:
        raise CmdError("you may only specify a single resource type")
    resource = resources[0]
    if len(names) > 1:
        # resource.Result.Watch refuses more than one source (seen with kubectl 1.32.5)
        raise CmdError("you may only watch a single resource or type of resource at a time")
    namespace = None if (req.all_namespaces or not resource.namespaced) else req.namespace
    name = names[0] if names else ""
    state: dict[str, Any] = {
        "resource": resource.plural, "namespace": namespace, "name": name, "selector": req.selector,
        "field_selector": req.field_selector, "format": printer.format, "template": printer.template,
        "allow_missing": printer.allow_missing, "widths": [], "header_printed": False, "printed": 0,
        "options": {"wide": printer.format == "wide", "no_headers": inv.flags["no-headers"],
                    "with_namespace": bool(req.all_namespaces and resource.namespaced),
                    "show_labels": inv.flags["show-labels"], "column_labels": list(inv.flags["label-columns"]),
                    "watch_events": inv.flags["output-watch-events"]},
    }
    if name:
        current = [k.api.get(resource.plural, namespace or "", name)]  # NotFound ends the command
    else:
        current = k.api.list(resource.plural, namespace, req.selector, req.field_selector)["items"]
    state["rv"] = k.cluster.store.rv
    if not inv.flags["watch-only"]:
        state = _emit(k, state, current, ["ADDED"] * len(current))
    return Wait("watch", state)


@waiter("watch")
def poll_watch(k: Kube, args: dict[str, Any], expired: bool) -> Poll:
    try:
        events = k.cluster.store.events_since(int(args["rv"]), [args["resource"]])
    except StatusError:  # history compacted: carry on from now, as a relisting client would
        return Poll(False, args={**args, "rv": k.cluster.store.rv})
    state = {**args, "rv": k.cluster.store.rv}
    wanted = [e for e in events if _matches(e.object, args)]
    state = _emit(k, state, [e.object for e in wanted], [e.type for e in wanted])
    return Poll(False, args=state)

