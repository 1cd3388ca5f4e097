"""``kubectl cordon NODE`` and ``kubectl uncordon NODE`` (k8s.io/kubectl pkg/cmd/drain/drain.go
RunCordonOrUncordon, pkg/drain/cordon.go).

The nodes are named or chosen with ``-l``; the builder finds them all before anything is changed,
so one node that does not exist stops the command with its NotFound and no node is touched. Each
node whose ``spec.unschedulable`` is already what was asked is reported ``already cordoned`` /
``already uncordoned``; the others are patched (the CordonHelper's two-way merge patch: ``true``,
or the field removed, since ``unschedulable`` is omitempty) and reported ``cordoned`` /
``uncordoned``, with kubectl's dry-run suffix. The scheduler then leaves a cordoned node out
(``node(s) were unschedulable``) and ``kubectl get nodes`` shows ``Ready,SchedulingDisabled``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.cmd.common import DRY_RUN_FLAG, dry_run_strategy, dry_run_suffix
from sandbox.kubectl.errors import UsageError
from sandbox.kubectl.flags import string_flag

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube


def _run(k: Kube, inv: Invocation, desired: bool) -> int:
    verb = "cordon" if desired else "uncordon"
    selector = inv.flags["selector"]
    if not inv.args and not inv.changed("selector"):
        raise UsageError(inv.path, f"USAGE: {verb} NODE [flags]")
    if inv.args and selector:
        raise UsageError(inv.path, "cannot specify both a node name and a --selector option")
    strategy = dry_run_strategy(k, inv)
    req = builder.Request(args=["nodes", *inv.args], selector=selector, namespace=inv.namespace,
                          explicit_namespace=inv.explicit_namespace)
    nodes: list[builder.Info] = []
    for info in builder.visit(k, req):     # Visit without ContinueOnError: the first error ends it
        if isinstance(info, Exception):
            raise info
        nodes.append(info)
    for info in nodes:
        node: dict[str, Any] = info.obj or {}
        spec = node.get("spec") or {}
        if bool(spec.get("unschedulable")) == desired:
            operation = f"already {verb}ed"
        else:
            operation = f"{verb}ed"
            if strategy != "client":
                changed = {key: value for key, value in spec.items() if key != "unschedulable"}
                if desired:
                    changed["unschedulable"] = True
                k.api.update({**node, "spec": changed}, dry_run=strategy == "server", resource="nodes")
        k.out(f"{info.kind_name} {operation}{dry_run_suffix(strategy)}\n")
    return 0


def run_cordon(k: Kube, inv: Invocation) -> int:
    return _run(k, inv, True)


def run_uncordon(k: Kube, inv: Invocation) -> int:
    return _run(k, inv, False)


def _flags() -> tuple:
    return (DRY_RUN_FLAG,
            string_flag("selector", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                        "key1=value1,key2=value2). Matching objects must satisfy all of the specified label "
                        "constraints.", "l"))


COMMAND = Command("cordon", "Mark node as unschedulable", flags=_flags(), run=run_cordon)
UNCORDON = Command("uncordon", "Mark node as schedulable", flags=_flags(), run=run_uncordon)
