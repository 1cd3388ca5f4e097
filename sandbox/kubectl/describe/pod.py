"""``kubectl describe pod``: a port of kubectl ``pkg/describe/describe.go`` describePod (v1.32).

Layout and alignment come from the tabwriter (see writer.py and spec §9.1). The Events table is
DescribeEvents (events.py); pass ``events=None`` for ``--show-events=false``.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from sandbox.kubectl.describe.containers import describe_containers, describe_resources
from sandbox.kubectl.describe.events import write_events
from sandbox.kubectl.describe.gosort import go_sort
from sandbox.kubectl.describe.quantity import quantity
from sandbox.kubectl.describe.volumes import describe_volumes
from sandbox.kubectl.describe.writer import (LEVEL_0, LEVEL_1, PrefixWriter, print_annotations_multiline,
                                             print_labels_multiline, print_tolerations_multiline,
                                             rfc1123, since, tabbed)

Obj = Mapping[str, Any]


def describe_pod(pod: Obj, events: Sequence[Obj] | None, now: float, profile: str = "classic") -> str:
    """What ``kubectl describe pod`` prints for ``pod`` at Unix time ``now``.

    ``events`` are the core/v1 events about the pod, in the API server's list order (kubectl
    asks for involvedObject name, namespace and uid); ``profile="current"`` prefixes event
    messages with their fieldPath as kubectl 1.35+ does."""
    return tabbed(lambda w: _describe_pod(w, pod, events, now, profile))


def _describe_pod(w: PrefixWriter, pod: Obj, events: Sequence[Obj] | None, now: float, profile: str) -> None:
    meta, spec, status = pod.get("metadata") or {}, pod.get("spec") or {}, pod.get("status") or {}
    w.write(LEVEL_0, f"Name:\t{meta.get('name', '')}\n")
    w.write(LEVEL_0, f"Namespace:\t{meta.get('namespace', '')}\n")
    if spec.get("priority") is not None:
        w.write(LEVEL_0, f"Priority:\t{spec['priority']}\n")
    if spec.get("priorityClassName"):
        w.write(LEVEL_0, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    if spec.get("runtimeClassName"):
        w.write(LEVEL_0, f"Runtime Class Name:\t{spec['runtimeClassName']}\n")
    if spec.get("serviceAccountName"):
        w.write(LEVEL_0, f"Service Account:\t{spec['serviceAccountName']}\n")
    if not spec.get("nodeName"):
        w.write(LEVEL_0, "Node:\t<none>\n")
    else:
        w.write(LEVEL_0, f"Node:\t{spec['nodeName']}/{status.get('hostIP', '')}\n")
    if status.get("startTime"):
        w.write(LEVEL_0, f"Start Time:\t{rfc1123(status['startTime'])}\n")
    print_labels_multiline(w, "Labels", meta.get("labels"))
    print_annotations_multiline(w, "Annotations", meta.get("annotations"))
    if meta.get("deletionTimestamp") and status.get("phase") not in ("Failed", "Succeeded"):
        w.write(LEVEL_0, f"Status:\tTerminating (lasts {since(now, meta['deletionTimestamp'])})\n")
        w.write(LEVEL_0, f"Termination Grace Period:\t{meta.get('deletionGracePeriodSeconds', 0)}s\n")
    else:
        w.write(LEVEL_0, f"Status:\t{status.get('phase', '')}\n")
    if status.get("reason"):
        w.write(LEVEL_0, f"Reason:\t{status['reason']}\n")
    if status.get("message"):
        w.write(LEVEL_0, f"Message:\t{status['message']}\n")
    seccomp = (spec.get("securityContext") or {}).get("seccompProfile")
    if seccomp is not None:
        w.write(LEVEL_0, f"SeccompProfile:\t{seccomp.get('type', '')}\n")
        if seccomp.get("type") == "Localhost":
            w.write(LEVEL_0, f"LocalhostProfile:\t{seccomp.get('localhostProfile', '')}\n")
    w.write(LEVEL_0, f"IP:\t{status.get('podIP', '')}\n")
    ips = status.get("podIPs") or []
    if not ips:
        w.write(LEVEL_0, "IPs:\t<none>\n")
    else:
        w.write(LEVEL_0, "IPs:\n")
        for ip in ips:
            w.write(LEVEL_1, f"IP:\t{ip.get('ip', '')}\n")
    controller = next((r for r in meta.get("ownerReferences") or [] if r.get("controller")), None)
    if controller is not None:
        w.write(LEVEL_0, f"Controlled By:\t{controller.get('kind', '')}/{controller.get('name', '')}\n")
    if status.get("nominatedNodeName"):
        w.write(LEVEL_0, f"NominatedNodeName:\t{status['nominatedNodeName']}\n")
    if spec.get("resources") is not None:
        w.write(LEVEL_0, "Resources:\n")
        describe_resources(w, spec["resources"], LEVEL_1)
    if spec.get("initContainers"):
        describe_containers(w, "Init Containers", pod, spec["initContainers"],
                            status.get("initContainerStatuses"))
    describe_containers(w, "Containers", pod, spec.get("containers") or [], status.get("containerStatuses"))
    if spec.get("ephemeralContainers"):
        describe_containers(w, "Ephemeral Containers", pod, spec["ephemeralContainers"],
                            status.get("ephemeralContainerStatuses"))
    conditions = status.get("conditions") or []
    if spec.get("readinessGates"):
        w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n")
        for gate in spec["readinessGates"]:
            found = next((c for c in conditions if c.get("type") == gate.get("conditionType")), None)
            shown = found.get("status", "") if found else "<none>"
            w.write(LEVEL_1, f"{gate.get('conditionType', '')} \t{shown} \n")
    if conditions:
        w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n")
        for c in conditions:
            w.write(LEVEL_1, f"{c.get('type', '')} \t{c.get('status', '')} \n")
    describe_volumes(w, spec.get("volumes"))
    w.write(LEVEL_0, f"QoS Class:\t{status.get('qosClass') or compute_qos(pod)}\n")
    print_labels_multiline(w, "Node-Selectors", spec.get("nodeSelector"))
    print_tolerations_multiline(w, "Tolerations", spec.get("tolerations"))
    _topology_spread(w, spec.get("topologySpreadConstraints") or [])
    if events is not None:
        write_events(w, events, now, profile)


def _format_selector(selector: Obj | None) -> str:
    """metav1.FormatLabelSelector: the requirements sorted by key, ``<none>`` when empty."""
    if selector is None:
        return "<none>"
    reqs = [(k, f"{k}={v}") for k, v in (selector.get("matchLabels") or {}).items()]
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr.get("key", ""), expr.get("operator", ""), sorted(expr.get("values") or [])
        text = {"In": f"{key} in ({','.join(values)})", "NotIn": f"{key} notin ({','.join(values)})",
                "Exists": key, "DoesNotExist": f"!{key}"}.get(op)
        if text is None:
            return "<error>"
        reqs.append((key, text))
    text = ",".join(t for _, t in go_sort(reqs, lambda a, b: a[0] < b[0]))
    return text or "<none>"


def _topology_spread(w: PrefixWriter, constraints: Sequence[Obj]) -> None:
    if not constraints:
        return
    ordered = go_sort(list(constraints), lambda a, b: a.get("topologyKey", "") < b.get("topologyKey", ""))
    w.write(LEVEL_0, "Topology Spread Constraints:\t")
    for i, c in enumerate(ordered):
        if i:
            w.write(LEVEL_0, "\t")
        text = (f"{c.get('topologyKey', '')}:{c.get('whenUnsatisfiable', '')} when max skew "
                f"{c.get('maxSkew', 0)} is exceeded")
        if c.get("labelSelector") is not None:
            text += f" for selector {_format_selector(c['labelSelector'])}"
        w.write(LEVEL_0, text + "\n")


def compute_qos(pod: Obj) -> str:
    """kubectl pkg/util/qos ComputePodQOS, used when status.qosClass is empty."""
    requests: dict[str, int] = {}
    limits: dict[str, int] = {}
    guaranteed = True
    spec = pod.get("spec") or {}
    for c in list(spec.get("containers") or []) + list(spec.get("initContainers") or []):
        res = c.get("resources") or {}
        for name, value in (res.get("requests") or {}).items():
            amount = quantity(value).nanos
            if name in ("cpu", "memory") and amount > 0:
                requests[name] = requests.get(name, 0) + amount
        found = set()
        for name, value in (res.get("limits") or {}).items():
            amount = quantity(value).nanos
            if name in ("cpu", "memory") and amount > 0:
                found.add(name)
                limits[name] = limits.get(name, 0) + amount
        if not {"cpu", "memory"} <= found:
            guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    if guaranteed and all(limits.get(n) == v for n, v in requests.items()) and len(requests) == len(limits):
        return "Guaranteed"
    return "Burstable"
