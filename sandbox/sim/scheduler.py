"""The default scheduler, for pods: filter the nodes, score them, bind (spec §3 PodScheduled, §10).

Filters run in the default profile's order and a node fails on the first one (NodeUnschedulable,
TaintToleration, NodeAffinity, NodeResourcesFit), which decides the reason counted in
``0/3 nodes are available: ...`` (framework FitError.Error, reasons sorted as strings). The score is
NodeResourcesFit's LeastAllocated with the scheduler's non-zero defaults for pods that request
nothing (100m CPU, 200Mi), so pods spread over the workers; ties are broken with the seeded RNG.
Unschedulable pods are retried when the cluster changes and every 5 minutes.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .apiserver.quantity import parse_quantity
from .clock import PRIO_CONTROL
from .timefmt import rfc3339

if TYPE_CHECKING:
    from .cluster import Cluster

DEFAULT_CPU_MILLI = 100
DEFAULT_MEMORY = 200 * 1024 * 1024
UNSCHEDULABLE_RETRY = 300.0
UNRESOLVABLE = {"taint", "selector", "unschedulable"}


@lru_cache(maxsize=4096)
def _parse(text: str) -> float:
    return float(parse_quantity(text).value)


def _quantity(value: Any) -> float:
    return _parse(str(value))


def pod_requests(pod: dict[str, Any], non_zero: bool) -> dict[str, float]:
    """Effective requests: max(sum of app containers, largest init container) per resource."""
    def one(c: dict[str, Any]) -> dict[str, float]:
        req = (c.get("resources") or {}).get("requests") or {}
        cpu = _quantity(req["cpu"]) * 1000 if "cpu" in req else (DEFAULT_CPU_MILLI if non_zero else 0)
        mem = _quantity(req["memory"]) if "memory" in req else (DEFAULT_MEMORY if non_zero else 0)
        return {"cpu": cpu, "memory": mem}
    total = {"cpu": 0.0, "memory": 0.0}
    for c in pod["spec"]["containers"]:
        r = one(c)
        total = {k: total[k] + r[k] for k in total}
    for c in pod["spec"].get("initContainers", []):
        r = one(c)
        total = {k: max(total[k], r[k]) for k in total}
    return total


def tolerates(tolerations: list[dict[str, Any]], taint: dict[str, Any]) -> bool:
    for t in tolerations:
        if t.get("effect") and t["effect"] != taint["effect"]:
            continue
        op = t.get("operator", "Equal")
        if op == "Exists" and (not t.get("key") or t["key"] == taint["key"]):
            return True
        if op == "Equal" and t.get("key") == taint["key"] and t.get("value", "") == taint.get("value", ""):
            return True
    return False


def _expr_matches(expr: dict[str, Any], labels: dict[str, str]) -> bool:
    key, op, values = expr["key"], expr["operator"], expr.get("values") or []
    if op == "In":
        return key in labels and labels[key] in values
    if op == "NotIn":
        return key not in labels or labels[key] not in values
    if op == "Exists":
        return key in labels
    if op == "DoesNotExist":
        return key not in labels
    if op in ("Gt", "Lt") and key in labels and values:
        try:
            a, b = int(labels[key]), int(values[0])
        except ValueError:
            return False
        return a > b if op == "Gt" else a < b
    return False


def matches_node(pod: dict[str, Any], node: dict[str, Any]) -> bool:
    labels = node["metadata"].get("labels") or {}
    for k, v in (pod["spec"].get("nodeSelector") or {}).items():
        if labels.get(k) != v:
            return False
    required = (((pod["spec"].get("affinity") or {}).get("nodeAffinity") or {})
                .get("requiredDuringSchedulingIgnoredDuringExecution") or {})
    terms = required.get("nodeSelectorTerms") or []
    if terms:
        return any(all(_expr_matches(e, labels) for e in term.get("matchExpressions") or [])
                   and all(_field_matches(e, node) for e in term.get("matchFields") or [])
                   for term in terms)
    return True


def _field_matches(expr: dict[str, Any], node: dict[str, Any]) -> bool:
    return _expr_matches(expr, {"metadata.name": node["metadata"]["name"]})


class Scheduler:
    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.queued: dict[str, float] = {}      # pod uid -> when its next attempt is due
        # What each node has committed, kept up to date from the store's watch events (a cache of
        # the store, like the scheduler's own informer cache; rebuilt by ``attach``).
        self._placed: dict[str, tuple[str, dict[str, float], dict[str, float]]] = {}
        self._usage: dict[str, list[float]] = {}

    def attach(self, store: Any) -> None:
        self._placed, self._usage = {}, {}
        for pod in store.list("pods"):
            self._account(pod, present=True)
        store.subscribe(self._on_change)

    def _on_change(self, event: Any) -> None:
        if event.resource == "pods":
            self._account(event.object, present=event.type != "DELETED")

    def _account(self, pod: dict[str, Any], present: bool) -> None:
        uid = pod["metadata"]["uid"]
        node = pod["spec"].get("nodeName", "")
        counted = present and bool(node) and (pod.get("status") or {}).get("phase") not in ("Succeeded", "Failed")
        old = self._placed.get(uid)
        if old is not None and (not counted or old[0] != node):
            self._add(old[0], old[1], old[2], -1)
            del self._placed[uid]
            old = None
        if counted and old is None:
            entry = (node, pod_requests(pod, False), pod_requests(pod, True))
            self._placed[uid] = entry
            self._add(node, entry[1], entry[2], 1)

    def _add(self, node: str, req: dict[str, float], nonzero: dict[str, float], sign: int) -> None:
        u = self._usage.setdefault(node, [0.0, 0.0, 0.0, 0.0, 0])
        u[0] += sign * req["cpu"]
        u[1] += sign * req["memory"]
        u[2] += sign * nonzero["cpu"]
        u[3] += sign * nonzero["memory"]
        u[4] += sign

    def handlers(self) -> dict[str, Any]:
        return {"scheduler.schedule": self.schedule}

    def enqueue(self, pod: dict[str, Any], delay: float = 0.0) -> None:
        uid = pod["metadata"]["uid"]
        due = self.cluster.clock.now + delay
        if uid in self.queued and self.queued[uid] <= due:
            return
        self.queued[uid] = due
        self.cluster.clock.schedule(due, "scheduler.schedule",
                                    [pod["metadata"]["namespace"], pod["metadata"]["name"], uid], PRIO_CONTROL)

    def retry_pending(self) -> None:
        """Something freed room or a node changed: retry every unschedulable pod (soon)."""
        for pod in self.cluster.store.list("pods"):
            if not pod["spec"].get("nodeName") and not pod["metadata"].get("deletionTimestamp"):
                self.enqueue(pod, 1.0)

    def node_usage(self, node: str, non_zero: bool) -> tuple[dict[str, float], int]:
        u = self._usage.get(node, [0.0, 0.0, 0.0, 0.0, 0])
        if non_zero:
            return {"cpu": u[2], "memory": u[3]}, int(u[4])
        return {"cpu": u[0], "memory": u[1]}, int(u[4])

    def filter(self, pod: dict[str, Any], node: dict[str, Any]) -> str:
        """The first failing filter's reason for this node, or "" when the pod fits."""
        spec = node.get("spec") or {}
        tolerations = pod["spec"].get("tolerations") or []
        if spec.get("unschedulable") and not tolerates(
                tolerations, {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}):
            return "node(s) were unschedulable"
        for taint in spec.get("taints") or []:
            if taint["effect"] in ("NoSchedule", "NoExecute") and not tolerates(tolerations, taint):
                return f"node(s) had untolerated taint {{{taint['key']}: {taint.get('value', '')}}}"
        if not matches_node(pod, node):
            return "node(s) didn't match Pod's node affinity/selector"
        alloc = node["status"]["allocatable"]
        used, count = self.node_usage(node["metadata"]["name"], non_zero=False)
        want = pod_requests(pod, non_zero=False)
        if count + 1 > int(alloc.get("pods", "110")):
            return "Too many pods"
        if want["cpu"] and used["cpu"] + want["cpu"] > _quantity(alloc["cpu"]) * 1000:
            return "Insufficient cpu"
        if want["memory"] and used["memory"] + want["memory"] > _quantity(alloc["memory"]):
            return "Insufficient memory"
        return ""

    def score(self, pod: dict[str, Any], node: dict[str, Any]) -> float:
        alloc = node["status"]["allocatable"]
        used, _ = self.node_usage(node["metadata"]["name"], non_zero=True)
        want = pod_requests(pod, non_zero=True)
        cap = {"cpu": _quantity(alloc["cpu"]) * 1000, "memory": _quantity(alloc["memory"])}
        return sum((cap[r] - used[r] - want[r]) * 100 / cap[r] for r in cap) / 2

    def schedule(self, namespace: str, name: str, uid: str) -> None:
        if self.queued.get(uid) != self.cluster.clock.now:
            return                               # superseded by an earlier or later attempt
        del self.queued[uid]
        pod = self.cluster.store.get("pods", namespace, name)
        if pod is None or pod["metadata"]["uid"] != uid or pod["spec"].get("nodeName"):
            return
        if pod["metadata"].get("deletionTimestamp"):
            return
        nodes = self.cluster.store.list("nodes")
        reasons: dict[str, int] = {}
        feasible = []
        for node in nodes:
            why = self.filter(pod, node)
            if why:
                reasons[why] = reasons.get(why, 0) + 1
            else:
                feasible.append(node)
        if not feasible:
            self._unschedulable(pod, len(nodes), reasons)
            return
        scores = [(int(self.score(pod, n)), n) for n in feasible]
        best = max(s for s, _ in scores)
        node = self.cluster.ids.choice([n for s, n in scores if s == best])
        self.bind(pod, node["metadata"]["name"])

    def bind(self, pod: dict[str, Any], node: str) -> None:
        now = self.cluster.clock.now
        ts = rfc3339(self.cluster.epoch + now)
        status = dict(pod.get("status") or {})
        status["conditions"] = [c for c in status.get("conditions", []) if c["type"] != "PodScheduled"] + [
            {"lastProbeTime": None, "lastTransitionTime": ts, "status": "True", "type": "PodScheduled"}]
        bound = self.cluster.store.replace("pods", {**pod, "spec": {**pod["spec"], "nodeName": node},
                                                    "status": status})
        ns = pod["metadata"]["namespace"]
        self.cluster.events.record_scheduler(self.cluster, bound, "Normal", "Scheduled",
                                             f"Successfully assigned {ns}/{pod['metadata']['name']} to {node}",
                                             "Binding")
        self.cluster.kubelet.on_bound(bound)

    def _unschedulable(self, pod: dict[str, Any], total: int, reasons: dict[str, int]) -> None:
        parts = sorted(f"{n} {why}" for why, n in reasons.items())
        unresolvable = sum(n for why, n in reasons.items() if not why.startswith(("Insufficient", "Too many")))
        resolvable = total - unresolvable
        pre = []
        if unresolvable:
            pre.append(f"{unresolvable} Preemption is not helpful for scheduling")
        if resolvable:
            pre.append(f"{resolvable} No preemption victims found for incoming pod")
        message = (f"0/{total} nodes are available: {', '.join(parts)}. "
                   f"preemption: 0/{total} nodes are available: {', '.join(sorted(pre))}.")
        ts = rfc3339(self.cluster.epoch + self.cluster.clock.now)
        status = dict(pod.get("status") or {})
        old = next((c for c in status.get("conditions", []) if c["type"] == "PodScheduled"), None)
        cond = {"lastProbeTime": None,
                "lastTransitionTime": old["lastTransitionTime"] if old and old["status"] == "False" else ts,
                "message": message, "reason": "Unschedulable", "status": "False", "type": "PodScheduled"}
        status["conditions"] = [c for c in status.get("conditions", []) if c["type"] != "PodScheduled"] + [cond]
        updated = self.cluster.store.replace("pods", {**pod, "status": status})
        self.cluster.events.record_scheduler(self.cluster, updated, "Warning", "FailedScheduling", message,
                                             "Scheduling")
        self.enqueue(updated, UNSCHEDULABLE_RETRY)
