"""The kubelets of the simulated nodes: one object drives every node's pods.

Each node's kubelet is independent in Kubernetes; here they share one object because they share
one clock and one event heap, and the node a pod runs on is part of its ``PodState``. The work is
split by idea: ``worker`` (admission, the sandbox, SyncPod's start plan, image pulls, the crash
back-off), ``lifecycle`` (exits, kills, deletion), ``prober`` (probe workers), ``status`` (the
API status), ``runtime`` (containerd and the processes).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..catalogue import ImageSpec
from ..clock import PRIO_CONTROL, PRIO_STATUS
from ..fs import Volume
from ..imageref import parse
from ..timefmt import rfc3339
from . import deadline, lifecycle, prober, status, worker
from .runtime import Runtime
from .state import ContainerRecord, Instance, PodState

if TYPE_CHECKING:
    from ..cluster import Cluster


class Kubelet:
    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.pods: dict[str, PodState] = {}
        self.volumes: dict[str, Volume] = {}
        self.runtime = Runtime(self)

    def handlers(self) -> dict[str, Any]:
        return {
            "kubelet.admit": lambda uid: worker.admit(self, uid),
            "kubelet.sandbox": lambda uid: worker.sandbox_ready(self, uid),
            "kubelet.sync": lambda uid: worker.sync(self, uid),
            "kubelet.pull_done": lambda uid, token: worker.pull_done(self, uid, token),
            "kubelet.kill": lambda uid, name, cid: lifecycle.deadline(self, uid, name, cid),
            "kubelet.status": lambda uid: self.write_status_uid(uid),
            "kubelet.remove": lambda uid: lifecycle.remove(self, uid),
            "kubelet.active_deadline": lambda uid: deadline.expired(self, uid),
            "prober.probe": lambda uid, name, kind, number, k: prober.fire(self, uid, name, kind, number, k),
            "runtime.wake": self.runtime.wake,
            "runtime.exit": self.runtime.on_exit_timer,
            "runtime.signal": self.runtime.on_signal_timer,
        }

    # -- lookups ---------------------------------------------------------------------------------
    def pod_object(self, ps: PodState) -> dict[str, Any]:
        pod = self.cluster.store.get("pods", ps.namespace, ps.name)
        if pod is None or pod["metadata"]["uid"] != ps.uid:
            return ps_last_known(self, ps)
        return pod

    def container_spec(self, pod: dict[str, Any], name: str) -> dict[str, Any]:
        for c in pod["spec"].get("initContainers", []) + pod["spec"]["containers"]:
            if c["name"] == name:
                return c
        raise KeyError(name)

    def image_spec(self, normalized: str) -> ImageSpec:
        spec = self.cluster.catalogue.image(parse(normalized))
        assert spec is not None, normalized
        return spec

    def find(self, uid: str, name: str, cid: str) -> tuple[PodState, ContainerRecord, Instance] | None:
        ps = self.pods.get(uid)
        if ps is None or name not in ps.containers:
            return None
        rec = ps.containers[name]
        newest = rec.newest
        if newest is None or newest.container_id != cid:
            return None
        return ps, rec, newest

    def projected_volume(self, ps: PodState, pod: dict[str, Any]) -> Volume:
        """The kube-api-access volume: a token, the cluster CA and the namespace (read-only)."""
        key = f"{ps.uid}/.serviceaccount"
        vol = self.volumes.get(key)
        if vol is None:
            token = "eyJhbGciOiJSUzI1NiIsImtpZCI6InBvZGxhYiJ9." + ps.uid.replace("-", "") + ".simulated"
            vol = Volume.with_files({"/token": token, "/ca.crt": self.cluster.ca_cert,
                                     "/namespace": ps.namespace})
            self.volumes[key] = vol
        return vol

    # -- scheduling work -------------------------------------------------------------------------
    def request_sync(self, ps: PodState, at: float) -> None:
        """Queue a pod sync at ``at`` unless one is already queued for that instant."""
        at = max(at, self.cluster.clock.now)
        if at in ps.syncs:
            return
        ps.syncs.append(at)
        self.cluster.clock.schedule(at, "kubelet.sync", [ps.uid], PRIO_CONTROL)

    def status_at(self, ps: PodState, at: float) -> None:
        self.cluster.clock.schedule(at, "kubelet.status", [ps.uid], PRIO_STATUS)

    # -- status ----------------------------------------------------------------------------------
    def write_status_uid(self, uid: str) -> None:
        ps = self.pods.get(uid)
        if ps is not None:
            self.write_status(ps)

    def write_status(self, ps: PodState) -> None:
        """The status manager: regenerate the pod's status and store it if it changed."""
        if ps.orphaned or not ps.admitted or ps.node_down:
            return
        pod = self.cluster.store.get("pods", ps.namespace, ps.name)
        if pod is None or pod["metadata"]["uid"] != ps.uid:
            return
        new = self.build_status(pod, ps)
        if new != pod.get("status"):
            self.cluster.store.replace("pods", {**pod, "status": new})

    def build_status(self, pod: dict[str, Any], ps: PodState) -> dict[str, Any]:
        now = self.cluster.clock.now
        old = pod.get("status") or {}
        spec = pod["spec"]
        has_init = bool(spec.get("initContainers"))
        default = "PodInitializing" if has_init else "ContainerCreating"
        statuses: dict[str, dict[str, Any]] = {}
        for c in spec.get("initContainers", []) + spec["containers"]:
            statuses[c["name"]] = status.container_status(self.cluster, pod, c, ps.containers[c["name"]],
                                                          default, now)
        phase = status.get_phase(pod, statuses, ps.terminating and lifecycle.all_stopped(ps))
        if old.get("phase") in ("Succeeded", "Failed"):
            phase = old["phase"]
        new: dict[str, Any] = {"phase": phase}
        if phase == old.get("phase"):
            for key in ("reason", "message"):
                if key in old:
                    new[key] = old[key]
        conds = status.pod_conditions(pod, ps, statuses, phase, old.get("conditions", []))
        ts = rfc3339(self.cluster.epoch + now)
        new["conditions"] = status.with_transition_times(conds, old.get("conditions", []), ts)
        if has_init:
            new["initContainerStatuses"] = [statuses[c["name"]] for c in spec["initContainers"]]
        new["containerStatuses"] = [statuses[c["name"]] for c in spec["containers"]]
        node = self.cluster.store.get("nodes", "", ps.node)
        host_ip = self.cluster.node_ip(node) if node else ""
        if host_ip:
            new["hostIP"] = host_ip
            new["hostIPs"] = [{"ip": host_ip}]
        if ps.ip:
            new["podIP"] = ps.ip
            new["podIPs"] = [{"ip": ps.ip}]
        new["qosClass"] = old.get("qosClass", "BestEffort")
        if "startTime" in old:
            new["startTime"] = old["startTime"]
        else:
            new["startTime"] = ts
        return new

    # -- container and node events ---------------------------------------------------------------
    def container_exited(self, ps: PodState, rec: ContainerRecord, inst: Instance, code: int) -> None:
        lifecycle.container_exited(self, ps, rec, inst, code)

    def on_bound(self, pod: dict[str, Any]) -> None:
        worker.bound(self, pod)

    def on_pod_updated(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        lifecycle.pod_updated(self, old, new)

    def on_pod_deleting(self, pod: dict[str, Any]) -> None:
        lifecycle.deleting(self, pod)

    def on_pod_gone(self, pod: dict[str, Any]) -> None:
        lifecycle.gone(self, pod)

    def node_stopped(self, node: str) -> None:
        lifecycle.node_stopped(self, node)

    def node_started(self, node: str) -> None:
        lifecycle.node_started(self, node)

    # -- persistence -----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        self.runtime.flush()
        return {"pods": [self.pods[uid].to_json() for uid in sorted(self.pods)]}

    def load(self, data: dict[str, Any]) -> None:
        self.pods = {p["uid"]: PodState.from_json(p) for p in data["pods"]}


def ps_last_known(kubelet: Kubelet, ps: PodState) -> dict[str, Any]:
    """The pod object a kubelet keeps after the API object is gone (force deletion)."""
    pod = kubelet.cluster.orphans.get(ps.uid)
    assert pod is not None, f"no object for pod {ps.namespace}/{ps.name}"
    return pod
