"""Nodes: the default cluster's machines and the node lifecycle controller (spec §2.4).

When a node stops, nothing is said for ``node-monitor-grace-period`` (50 s since v1.32, kubernetes
PR #126287); then the controller marks its conditions Unknown ("Kubelet stopped posting node
status."), taints it ``node.kubernetes.io/unreachable`` (NoSchedule and NoExecute), marks its pods
not Ready (controller_utils MarkPodsNotReady) and the taint-eviction controller deletes each pod
when its toleration (300 s by default, §11.4) runs out. When the node comes back the taints go and
its kubelet takes over again.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .clock import PRIO_CONTROL
from .timefmt import rfc3339

if TYPE_CHECKING:
    from .cluster import Cluster

GRACE = 50.0
KUBELET_VERSION = "v1.32.5"
UNREACHABLE = "node.kubernetes.io/unreachable"

# name, InternalIP, podCIDR, control plane?
DEFAULT_NODES = (
    ("controlplane", "172.18.0.4", "10.244.0.0/24", True),
    ("node01", "172.18.0.2", "10.244.1.0/24", False),
    ("node02", "172.18.0.3", "10.244.2.0/24", False),
)

_HEALTHY = (
    ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
)


def node_object(cluster: Cluster, name: str, ip: str, cidr: str, control_plane: bool) -> dict[str, Any]:
    ts = rfc3339(cluster.epoch + cluster.clock.now)
    labels = {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
              "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux"}
    spec: dict[str, Any] = {"podCIDR": cidr, "podCIDRs": [cidr], "providerID": f"kind://docker/podlab/{name}"}
    if control_plane:
        labels["node-role.kubernetes.io/control-plane"] = ""
        labels["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
        spec["taints"] = [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]
    resources = {"cpu": "2", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                 "memory": "8148156Ki", "pods": "110"}
    return {
        "apiVersion": "v1", "kind": "Node",
        "metadata": {**cluster.new_metadata(name, ""), "labels": labels, "annotations": {
            "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
            "node.alpha.kubernetes.io/ttl": "0",
            "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
        "spec": spec,
        "status": {
            "addresses": [{"address": ip, "type": "InternalIP"}, {"address": name, "type": "Hostname"}],
            "allocatable": dict(resources), "capacity": dict(resources),
            "conditions": [{"lastHeartbeatTime": ts, "lastTransitionTime": ts, "message": m, "reason": r,
                            "status": s, "type": t} for t, s, r, m in _HEALTHY],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "nodeInfo": {"architecture": "amd64", "bootID": cluster.ids.uid(),
                         "containerRuntimeVersion": "containerd://1.7.24", "kernelVersion": "6.8.0-1015-gcp",
                         "kubeProxyVersion": KUBELET_VERSION, "kubeletVersion": KUBELET_VERSION,
                         "machineID": cluster.ids.container_id()[:32], "operatingSystem": "linux",
                         "osImage": "Debian GNU/Linux 12 (bookworm)", "systemUUID": cluster.ids.uid()},
        },
    }


class NodeController:
    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.down: dict[str, int] = {}          # node -> token of its current outage

    def handlers(self) -> dict[str, Any]:
        return {"nodes.unreachable": self.unreachable, "nodes.evict": self.evict}

    def _event(self, node: dict[str, Any], reason: str, message: str, component: str = "node-controller",
               etype: str = "Normal") -> None:
        self.cluster.events.record(self.cluster, node, etype, reason, message, component=component,
                                   host=node["metadata"]["name"] if component == "kubelet" else "")

    def stop(self, name: str) -> None:
        if name in self.down:
            return
        token = self.cluster.ids.counter()
        self.down[name] = token
        self.cluster.kubelet.node_stopped(name)
        self.cluster.clock.schedule(self.cluster.clock.now + GRACE, "nodes.unreachable", [name, token], PRIO_CONTROL)

    def unreachable(self, name: str, token: int) -> None:
        if self.down.get(name) != token:
            return
        node = self.cluster.store.get("nodes", "", name)
        if node is None:
            return
        ts = rfc3339(self.cluster.epoch + self.cluster.clock.now)
        conds = [{**c, "lastTransitionTime": ts, "message": "Kubelet stopped posting node status.",
                  "reason": "NodeStatusUnknown", "status": "Unknown"} for c in node["status"]["conditions"]]
        taints = [t for t in node["spec"].get("taints", []) if t["key"] != UNREACHABLE] + [
            {"effect": "NoSchedule", "key": UNREACHABLE, "timeAdded": ts},
            {"effect": "NoExecute", "key": UNREACHABLE, "timeAdded": ts}]
        node = self.cluster.store.replace("nodes", {**node, "spec": {**node["spec"], "taints": taints},
                                                    "status": {**node["status"], "conditions": conds}})
        self._event(node, "NodeNotReady", f"Node {name} status is now: NodeNotReady")
        for pod in self.cluster.store.list("pods"):
            if pod["spec"].get("nodeName") != name:
                continue
            self._mark_not_ready(pod, ts)
            self._schedule_eviction(pod, token)

    def _mark_not_ready(self, pod: dict[str, Any], ts: str) -> None:
        status = pod.get("status") or {}
        conds = []
        changed = False
        for c in status.get("conditions", []):
            if c["type"] == "Ready" and c["status"] != "False":
                c = {**c, "status": "False", "lastTransitionTime": ts}
                changed = True
            conds.append(c)
        if changed:
            pod = self.cluster.store.replace("pods", {**pod, "status": {**status, "conditions": conds}})
            self.cluster.events.record(self.cluster, pod, "Warning", "NodeNotReady", "Node is not ready",
                                       component="node-controller")

    def _schedule_eviction(self, pod: dict[str, Any], token: int) -> None:
        seconds: float | None = 0.0
        for t in pod["spec"].get("tolerations") or []:
            if t.get("effect") in ("", None, "NoExecute") and (
                    t.get("operator") == "Exists" and t.get("key") in (None, "", UNREACHABLE)
                    or t.get("key") == UNREACHABLE):
                seconds = t.get("tolerationSeconds")
                seconds = None if seconds is None else max(float(seconds), 0.0)
                break
        if seconds is None:
            return                                  # tolerated forever
        m = pod["metadata"]
        self.cluster.clock.schedule(self.cluster.clock.now + seconds, "nodes.evict",
                                    [m["namespace"], m["name"], m["uid"], pod["spec"]["nodeName"], token],
                                    PRIO_CONTROL)

    def evict(self, namespace: str, name: str, uid: str, node: str, token: int) -> None:
        if self.down.get(node) != token:
            return
        pod = self.cluster.store.get("pods", namespace, name)
        if pod is None or pod["metadata"]["uid"] != uid or pod["metadata"].get("deletionTimestamp"):
            return
        self.cluster.events.record(self.cluster, pod, "Normal", "TaintManagerEviction",
                                   f"Marking for deletion Pod {namespace}/{name}",
                                   component="taint-eviction-controller")
        ts = rfc3339(self.cluster.epoch + self.cluster.clock.now)
        status = pod.get("status") or {}
        conds = [c for c in status.get("conditions", []) if c["type"] != "DisruptionTarget"] + [{
            "lastProbeTime": None, "lastTransitionTime": ts, "message": "Taint manager: deleting due to NoExecute taint",
            "reason": "DeletionByTaintManager", "status": "True", "type": "DisruptionTarget"}]
        self.cluster.store.replace("pods", {**pod, "status": {**status, "conditions": conds}})
        self.cluster.delete_pod(namespace, name, grace_period=None)

    def start(self, name: str) -> None:
        if name not in self.down:
            return
        del self.down[name]
        node = self.cluster.store.get("nodes", "", name)
        if node is not None:
            ts = rfc3339(self.cluster.epoch + self.cluster.clock.now)
            old = {c["type"]: c for c in node["status"]["conditions"]}
            conds = []
            for t, s, r, m in _HEALTHY:
                prev = old.get(t, {})
                moved = prev.get("status") != s
                conds.append({"lastHeartbeatTime": ts, "lastTransitionTime": ts if moved else prev["lastTransitionTime"],
                              "message": m, "reason": r, "status": s, "type": t})
            taints = [t for t in node["spec"].get("taints", []) if t["key"] != UNREACHABLE]
            spec = {**node["spec"], "taints": taints} if taints else {
                k: v for k, v in node["spec"].items() if k != "taints"}
            node = self.cluster.store.replace("nodes", {**node, "spec": spec,
                                                        "status": {**node["status"], "conditions": conds}})
            self._event(node, "Starting", "Starting kubelet.", component="kubelet")
            self._event(node, "NodeReady", f"Node {name} status is now: NodeReady", component="kubelet")
        self.cluster.kubelet.node_started(name)
        self.cluster.scheduler.retry_pending()

    def to_json(self) -> dict[str, Any]:
        return {"down": dict(self.down)}

    def load(self, data: dict[str, Any]) -> None:
        self.down = {k: int(v) for k, v in data["down"].items()}
