"""``ObjectCheck``: pods, nodes, namespaces and events as they are now.

The columns are kubectl's, computed by the printers' own functions (sandbox/kubectl/printers):
a pod's STATUS, READY and RESTARTS by ``summarize_pod`` (printPod), a node's STATUS by
``node_status`` (printNode), a namespace's STATUS is its phase (printNamespace). Selectors are
parsed and matched by the API server's code (sandbox/sim/apiserver/selectors.py), so
``app=web,tier notin (db)`` means what it means to ``kubectl get pods -l``.
"""
from __future__ import annotations

from typing import Any

from lessons.schema.model import ObjectCheck, Target, ValueTest
from sandbox.kubectl.printers.nodes import node_status
from sandbox.kubectl.printers.pods import summarize_pod
from sandbox.sim.apiserver.selectors import SelectorError, parse_label_selector

from .outcome import PASSED, Outcome, failed, plural
from .paths import PathError, resolve
from .values import MISSING, equal, is_missing, mismatch, passes, want
from .view import View

RESOURCES = {"Pod": "pods", "Node": "nodes", "Namespace": "namespaces", "Event": "events"}
AT_LEAST_ONE = ValueTest("gte", 1)


def _label(target: Target, name: str) -> str:
    label = f'{target.kind.lower()} "{name}"'
    if target.kind in ("Pod", "Event") and target.namespace != "default":
        label += f' in namespace "{target.namespace}"'
    return label


def status_column(kind: str, obj: dict[str, Any]) -> Any:
    """kubectl get's STATUS column for the object (MISSING for events, which have none)."""
    if kind == "Pod":
        return summarize_pod(obj).status
    if kind == "Node":
        return node_status(obj)
    if kind == "Namespace":
        return (obj.get("status") or {}).get("phase", "")
    return MISSING


def _condition(obj: dict[str, Any], kind: str) -> Any:
    for condition in (obj.get("status") or {}).get("conditions") or []:
        if condition.get("type") == kind:
            return condition.get("status", MISSING)
    return MISSING


def field_passes(obj: Any, path: str, test: ValueTest) -> tuple[bool, Any]:
    """Whether the field passes, and the value(s) to show. ``exists: false`` and ``not`` hold
    for every value the path reaches; the other tests for one of them (``[*]``: any item)."""
    values = resolve(obj, path)
    shown_value = MISSING if not values else values[0] if len(values) == 1 else values
    if not values:
        return passes(test, MISSING), shown_value
    if test.op == "exists":
        return bool(test.value), shown_value
    if test.op == "not":
        return not any(equal(v, test.value) for v in values), shown_value
    return any(passes(test, v) for v in values), shown_value


def fields_mismatch(obj: Any, fields: tuple[tuple[str, ValueTest], ...], label: str) -> str:
    """The first field that fails, as ``label: path is ...``; "" when all pass."""
    for path, test in fields:
        try:
            ok, value = field_passes(obj, path, test)
        except PathError as err:
            return f"{label}: {err}"
        if not ok:
            return f"{label}: {path} is {mismatch(value, test)}"
    return ""


def object_mismatch(check: ObjectCheck, obj: dict[str, Any], label: str) -> str:
    """Why ``obj`` fails the check's tests ("" when it passes them all)."""
    kind = check.target.kind
    if check.status is not None:
        actual = status_column(kind, obj)
        if is_missing(actual):
            return f"{label} has no STATUS column"
        if not passes(check.status, actual):
            return f"{label} is {mismatch(actual, check.status)}"
    summary = summarize_pod(obj) if kind == "Pod" and (check.ready or check.restarts) else None
    for column, test, value in (("READY", check.ready, summary.ready_text() if summary else MISSING),
                                ("RESTARTS", check.restarts, summary.restarts if summary else MISSING)):
        if test is None:
            continue
        if summary is None:
            return f"{label} has no {column} column"
        if not passes(test, value):
            return f"{label} has {column} {mismatch(value, test)}"
    if check.phase is not None:
        phase = (obj.get("status") or {}).get("phase", MISSING)
        if not passes(check.phase, phase):
            return f"{label} has phase {mismatch(phase, check.phase)}" if not is_missing(phase) \
                else f"{label} has no phase (want {want(check.phase)})"
    for kind_name, test in check.conditions:
        value = _condition(obj, kind_name)
        if not passes(test, value):
            if is_missing(value):
                return f"{label} has no {kind_name} condition (want {want(test)})"
            return f"{label} has condition {kind_name}={mismatch(value, test)}"
    return fields_mismatch(obj, check.fields, label)


def evaluate_object(check: ObjectCheck, view: View) -> Outcome:
    target = check.target
    resource = RESOURCES[target.kind]
    noun = target.kind.lower()
    if target.name is not None:
        obj = view.get(resource, target.namespace, target.name)
        label = _label(target, target.name)
        if not check.exists:
            if obj is None:
                return PASSED
            status = status_column(target.kind, obj)
            return failed(f"{label} still exists" + ("" if is_missing(status) else f" ({status})"))
        if obj is None:
            return failed(f"{label} does not exist")
        why = object_mismatch(check, obj, label)
        return failed(why) if why else PASSED
    return _evaluate_many(check, view, resource, noun)


def _where(target: Target, n: int) -> str:
    """``matches app=web`` (one) / ``match app=web`` (several, none); ``exists`` without a selector."""
    one = n == 1
    where = (f"{'matches' if one else 'match'} {target.selector}" if target.selector
             else ("exists" if one else "exist"))
    if target.kind in ("Pod", "Event") and target.namespace != "default":
        where += f' in namespace "{target.namespace}"'
    return where


def _evaluate_many(check: ObjectCheck, view: View, resource: str, noun: str) -> Outcome:
    target = check.target
    try:
        selector = parse_label_selector(target.selector or "")
    except SelectorError as err:
        return failed(f"the selector {target.selector!r} is not valid: {err}")
    candidates = [o for o in view.objects(resource, target.namespace)
                  if selector.matches((o.get("metadata") or {}).get("labels") or {})]
    if not check.exists:
        if not candidates:
            return PASSED
        names = ", ".join(f'"{o["metadata"]["name"]}"' for o in candidates[:3])
        more = ", ..." if len(candidates) > 3 else ""
        return failed(f"{plural(len(candidates), noun)} {_where(target, len(candidates))}: {names}{more}")
    count = check.count or AT_LEAST_ONE
    whys = [object_mismatch(check, o, f'{noun} "{o["metadata"]["name"]}"') for o in candidates]
    passing = whys.count("")
    if passes(count, passing):
        return PASSED
    got = f" (want count {want(count)}, got {passing})"
    if not candidates:
        return failed(f"no {noun} {_where(target, 1)}" + (got if check.count is not None else ""))
    if passing == len(candidates):
        return failed(f"{plural(passing, noun)} {_where(target, passing)}{got}")
    first = next(why for why in whys if why)
    matching = f" matching {target.selector}" if target.selector else ""
    return failed(f"{passing} of {plural(len(candidates), noun)}{matching} pass"
                  f" (want count {want(count)}): {first}")


__all__ = ["evaluate_object", "field_passes", "fields_mismatch", "object_mismatch", "status_column"]
