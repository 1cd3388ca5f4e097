"""``kubectl describe namespace``: kubectl describe.go describeNamespace, DescribeResourceQuotas
and DescribeLimitRanges. A sandbox has no quotas or limit ranges, so by default the two closing
paragraphs read ``No resource quota.`` and ``No LimitRange resource.``.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from sandbox.kubectl.describe.quantity import ZERO, quantity
from sandbox.kubectl.describe.writer import (LEVEL_0, LEVEL_1, PrefixWriter, print_annotations_multiline,
                                             print_labels_multiline, rfc1123, tabbed)

Obj = Mapping[str, Any]

_SCOPE_HELP = {
    "Terminating": "Matches all pods that have an active deadline. These pods have a limited lifespan "
                   "on a node before being actively terminated by the system.",
    "NotTerminating": "Matches all pods that do not have an active deadline. These pods usually include "
                      "long running pods whose container command is not expected to terminate.",
    "BestEffort": "Matches all pods that do not have resource requirements set. These pods have a best "
                  "effort quality of service.",
    "NotBestEffort": "Matches all pods that have at least one resource requirement set. These pods have a "
                     "burstable or guaranteed quality of service.",
}


def describe_namespace(ns: Obj, now: float, quotas: Sequence[Obj] | None = (),
                       limit_ranges: Sequence[Obj] | None = ()) -> str:
    """What ``kubectl describe namespace`` prints. ``None`` for quotas or limit ranges means the
    server does not serve them (the paragraph is left out)."""
    return tabbed(lambda w: _describe_namespace(w, ns, quotas, limit_ranges))


def _describe_namespace(w: PrefixWriter, ns: Obj, quotas: Sequence[Obj] | None,
                        limit_ranges: Sequence[Obj] | None) -> None:
    meta = ns.get("metadata") or {}
    w.write(LEVEL_0, f"Name:\t{meta.get('name', '')}\n")
    print_labels_multiline(w, "Labels", meta.get("labels"))
    print_annotations_multiline(w, "Annotations", meta.get("annotations"))
    status = ns.get("status") or {}
    w.write(LEVEL_0, f"Status:\t{status.get('phase', '')}\n")
    if status.get("conditions"):
        w.write(LEVEL_0, "Conditions:\n")
        w.write(LEVEL_1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
        w.write(LEVEL_1, "----\t------\t------------------\t------\t-------\n")
        for c in status["conditions"]:
            w.write(LEVEL_1, f"{c.get('type', '')}\t{c.get('status', '')}\t"
                             f"{rfc1123(c.get('lastTransitionTime'))}\t{c.get('reason', '')}\t"
                             f"{c.get('message', '')}\n")
    if quotas is not None:
        w.write(LEVEL_0, "\n")
        _quotas(w, quotas)
    if limit_ranges is not None:
        w.write(LEVEL_0, "\n")
        _limit_ranges(w, limit_ranges)


def _quotas(w: PrefixWriter, quotas: Sequence[Obj]) -> None:
    if not quotas:
        w.write(LEVEL_0, "No resource quota.\n")
        return
    w.write(LEVEL_0, "Resource Quotas\n")
    for q in sorted(quotas, key=lambda q: (q.get("metadata") or {}).get("name", "")):
        w.write(LEVEL_1, f"Name:\t{(q.get('metadata') or {}).get('name', '')}\n")
        scopes = sorted((q.get("spec") or {}).get("scopes") or [])
        if scopes:
            w.write(LEVEL_1, f"Scopes:\t{', '.join(scopes)}\n")
            for scope in scopes:
                if scope in _SCOPE_HELP:
                    w.write(LEVEL_1, f"* {_SCOPE_HELP[scope]}\n")
        w.write(LEVEL_1, "Resource\tUsed\tHard\n")
        w.write(LEVEL_1, "--------\t---\t---\n")
        hard = (q.get("status") or {}).get("hard") or {}
        used = (q.get("status") or {}).get("used") or {}
        for resource in sorted(hard):
            w.write(LEVEL_1, f"{resource}\t{quantity(used.get(resource)) if resource in used else ZERO}\t"
                             f"{quantity(hard[resource])}\n")


def _limit_ranges(w: PrefixWriter, limit_ranges: Sequence[Obj]) -> None:
    if not limit_ranges:
        w.write(LEVEL_0, "No LimitRange resource.\n")
        return
    w.write(LEVEL_0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\t"
                     "Max Limit/Request Ratio\n")
    w.write(LEVEL_0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n")
    for lr in limit_ranges:
        for item in (lr.get("spec") or {}).get("limits") or []:
            fields = [item.get(k) or {} for k in ("min", "max", "defaultRequest", "default",
                                                  "maxLimitRequestRatio")]
            names = sorted({n for f in fields for n in f})  # Go ranges over a map: random order
            for name in names:
                cells = [str(quantity(f[name])) if name in f else "-" for f in fields]
                w.write(LEVEL_0, f" {item.get('type', '')}\t{name}\t" + "\t".join(cells) + "\n")
