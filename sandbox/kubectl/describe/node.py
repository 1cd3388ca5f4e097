"""``kubectl describe node``: kubectl describe.go describeNode, describeNodeLease,
describeNodeResource and getPodsTotalRequestsAndLimits (with kubectl ``pkg/util/resource``
PodRequestsAndLimits: app containers add up, init containers count as a maximum, sidecars add up,
pod overhead is added).
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from sandbox.kubectl.describe.events import write_events
from sandbox.kubectl.describe.quantity import ZERO, Quantity, percent, quantity
from sandbox.kubectl.describe.writer import (LEVEL_0, LEVEL_1, PrefixWriter, go_bool,
                                             print_annotations_multiline, print_labels_multiline,
                                             print_taints_multiline, rfc1123, since, tabbed)
from sandbox.kubectl.printers.nodes import node_roles

Obj = Mapping[str, Any]
Resources = dict[str, Quantity]


def describe_node(node: Obj, pods: Sequence[Obj], events: Sequence[Obj] | None, now: float,
                  lease: Obj | None = None, profile: str = "classic") -> str:
    """What ``kubectl describe node`` prints.

    ``pods`` are the pods kubectl lists with ``spec.nodeName=<node>`` and a phase other than
    Succeeded or Failed, in list order (pods of other nodes or finished ones are dropped here).
    ``events`` are the node's events. ``lease`` is its kube-node-lease Lease; the simulator keeps
    none, so by default one is made up the way a kubelet keeps it: held by the node, renewed at
    its last heartbeat."""
    name = (node.get("metadata") or {}).get("name", "")
    mine = [p for p in pods if (p.get("spec") or {}).get("nodeName") == name
            and (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")]
    return tabbed(lambda w: _describe_node(w, node, mine, events, now, lease or _lease_of(node), profile))


def _lease_of(node: Obj) -> Obj:
    beats = [c.get("lastHeartbeatTime") for c in (node.get("status") or {}).get("conditions") or []
             if c.get("lastHeartbeatTime")]
    spec: dict[str, Any] = {"holderIdentity": (node.get("metadata") or {}).get("name", "")}
    if beats:
        spec["renewTime"] = max(beats)
    return {"spec": spec}


def _describe_node(w: PrefixWriter, node: Obj, pods: Sequence[Obj], events: Sequence[Obj] | None,
                   now: float, lease: Obj, profile: str) -> None:
    meta, spec, status = node.get("metadata") or {}, node.get("spec") or {}, node.get("status") or {}
    w.write(LEVEL_0, f"Name:\t{meta.get('name', '')}\n")
    w.write(LEVEL_0, f"Roles:\t{','.join(node_roles(node)) or '<none>'}\n")
    print_labels_multiline(w, "Labels", meta.get("labels"))
    print_annotations_multiline(w, "Annotations", meta.get("annotations"))
    w.write(LEVEL_0, f"CreationTimestamp:\t{rfc1123(meta.get('creationTimestamp'))}\n")
    print_taints_multiline(w, "Taints", spec.get("taints"))
    w.write(LEVEL_0, f"Unschedulable:\t{go_bool(spec.get('unschedulable'))}\n")
    lease_spec = lease.get("spec") or {}
    w.write(LEVEL_0, "Lease:\n")
    w.write(LEVEL_1, f"HolderIdentity:\t{lease_spec.get('holderIdentity') or '<unset>'}\n")
    for label, key in (("AcquireTime", "acquireTime"), ("RenewTime", "renewTime")):
        value = rfc1123(lease_spec[key]) if lease_spec.get(key) else "<unset>"
        w.write(LEVEL_1, f"{label}:\t{value}\n")
    conditions = status.get("conditions") or []
    if conditions:
        w.write(LEVEL_0, "Conditions:\n"
                         "  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
        w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(LEVEL_1, f"{c.get('type', '')} \t{c.get('status', '')} \t"
                             f"{rfc1123(c.get('lastHeartbeatTime'))} \t"
                             f"{rfc1123(c.get('lastTransitionTime'))} \t"
                             f"{c.get('reason', '')} \t{c.get('message', '')}\n")
    w.write(LEVEL_0, "Addresses:\n")
    for address in status.get("addresses") or []:
        w.write(LEVEL_1, f"{address.get('type', '')}:\t{address.get('address', '')}\n")
    for title, key in (("Capacity", "capacity"), ("Allocatable", "allocatable")):
        values = status.get(key) or {}
        if values:
            w.write(LEVEL_0, f"{title}:\n")
            for resource in sorted(values):
                w.write(LEVEL_0, f"  {resource}:\t{quantity(values[resource])}\n")
    info = status.get("nodeInfo") or {}
    w.write(LEVEL_0, "System Info:\n")
    for label, key in (("Machine ID", "machineID"), ("System UUID", "systemUUID"), ("Boot ID", "bootID"),
                       ("Kernel Version", "kernelVersion"), ("OS Image", "osImage"),
                       ("Operating System", "operatingSystem"), ("Architecture", "architecture"),
                       ("Container Runtime Version", "containerRuntimeVersion"),
                       ("Kubelet Version", "kubeletVersion"), ("Kube-Proxy Version", "kubeProxyVersion")):
        w.write(LEVEL_0, f"  {label}:\t{info.get(key, '')}\n")
    if spec.get("podCIDR"):
        w.write(LEVEL_0, f"PodCIDR:\t{spec['podCIDR']}\n")
    if spec.get("podCIDRs"):
        w.write(LEVEL_0, f"PodCIDRs:\t{','.join(spec['podCIDRs'])}\n")
    if spec.get("providerID"):
        w.write(LEVEL_0, f"ProviderID:\t{spec['providerID']}\n")
    _node_resources(w, node, pods, now)
    if events is not None:
        write_events(w, events, now, profile)


# --- resources -----------------------------------------------------------------------------
def _add(into: Resources, values: Mapping[str, Any] | None) -> None:
    for name, value in (values or {}).items():
        q = quantity(value)
        into[name] = into[name] + q if name in into else q


def _max(into: Resources, values: Resources) -> None:
    for name, q in values.items():
        if name not in into or q.cmp(into[name]) > 0:
            into[name] = q


def pod_requests_and_limits(pod: Obj) -> tuple[Resources, Resources]:
    """PodRequestsAndLimits (kubectl pkg/util/resource)."""
    spec = pod.get("spec") or {}
    result = []
    for key in ("requests", "limits"):
        total: Resources = {}
        for c in spec.get("containers") or []:
            _add(total, (c.get("resources") or {}).get(key))
        sidecars: Resources = {}
        init_max: Resources = {}
        for c in spec.get("initContainers") or []:
            values = (c.get("resources") or {}).get(key)
            if c.get("restartPolicy") == "Always":
                _add(total, values)
                _add(sidecars, values)
                current = dict(sidecars)
            else:
                current = {}
                _add(current, values)
                for name, q in sidecars.items():
                    current[name] = current[name] + q if name in current else q
            _max(init_max, current)
        _max(total, init_max)
        overhead = spec.get("overhead") or {}
        if key == "requests":
            _add(total, overhead)
        else:
            for name, value in overhead.items():
                if name in total and not total[name].is_zero():
                    total[name] = total[name] + quantity(value)
        result.append(total)
    return result[0], result[1]


def _node_resources(w: PrefixWriter, node: Obj, pods: Sequence[Obj], now: float) -> None:
    status = node.get("status") or {}
    resources = status.get("allocatable") or status.get("capacity") or {}
    allocatable = {k: quantity(v) for k, v in resources.items()}
    cpu, memory = allocatable.get("cpu", ZERO), allocatable.get("memory", ZERO)
    w.write(LEVEL_0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
    w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
    total_req: Resources = {}
    total_lim: Resources = {}
    for pod in pods:
        req, lim = pod_requests_and_limits(pod)
        for name, q in req.items():
            total_req[name] = total_req[name] + q if name in total_req else q
        for name, q in lim.items():
            total_lim[name] = total_lim[name] + q if name in total_lim else q
        cr, cl, mr, ml = (req.get("cpu", ZERO), lim.get("cpu", ZERO), req.get("memory", ZERO),
                          lim.get("memory", ZERO))
        meta = pod.get("metadata") or {}
        w.write(LEVEL_1, f"{meta.get('namespace', '')}\t{meta.get('name', '')}\t\t"
                         f"{cr} ({percent(cr.milli_value(), cpu.milli_value())}%)\t"
                         f"{cl} ({percent(cl.milli_value(), cpu.milli_value())}%)\t"
                         f"{mr} ({percent(mr.value(), memory.value())}%)\t"
                         f"{ml} ({percent(ml.value(), memory.value())}%)\t"
                         f"{since(now, meta.get('creationTimestamp'))}\n")
    w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
    w.write(LEVEL_1, "Resource\tRequests\tLimits\n")
    w.write(LEVEL_1, "--------\t--------\t------\n")
    for name, milli in (("cpu", True), ("memory", False), ("ephemeral-storage", False)):
        req, lim, alloc = total_req.get(name, ZERO), total_lim.get(name, ZERO), allocatable.get(name, ZERO)
        whole = alloc.milli_value() if milli else alloc.value()
        if whole != 0:
            fr = percent(req.milli_value() if milli else req.value(), whole)
            fl = percent(lim.milli_value() if milli else lim.value(), whole)
        else:
            fr = fl = 0
        w.write(LEVEL_1, f"{name}\t{req} ({fr}%)\t{lim} ({fl}%)\n")
    huge = sorted(n for n in allocatable if n.startswith("hugepages-"))
    ext = sorted(n for n in allocatable if not n.startswith("hugepages-") and n != "pods"
                 and n not in ("cpu", "memory", "ephemeral-storage") and not _is_standard(n))
    for name in huge:
        req, lim, alloc = total_req.get(name, ZERO), total_lim.get(name, ZERO), allocatable[name]
        fr = percent(req.value(), alloc.value()) if alloc.value() else 0
        fl = percent(lim.value(), alloc.value()) if alloc.value() else 0
        w.write(LEVEL_1, f"{name}\t{req} ({fr}%)\t{lim} ({fl}%)\n")
    for name in ext:
        w.write(LEVEL_1, f"{name}\t{total_req.get(name, ZERO)}\t{total_lim.get(name, ZERO)}\n")


def _is_standard(name: str) -> bool:
    """IsStandardContainerResourceName: cpu, memory, ephemeral-storage and hugepages-*."""
    return name in ("cpu", "memory", "ephemeral-storage") or name.startswith("hugepages-")
