"""The pod status the kubelet writes (generateAPIPodStatus, convertToAPIContainerStatuses and
getPhase in pkg/kubelet/kubelet_pods.go; pkg/kubelet/status/generate.go; spec §2-§4)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..timefmt import rfc3339
from .state import ContainerRecord, Instance, PodState

if TYPE_CHECKING:
    from ..cluster import Cluster

CONDITION_ORDER = ("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")
KUBELET_CONDITIONS = set(CONDITION_ORDER)


def is_sidecar(cspec: dict[str, Any]) -> bool:
    return cspec.get("restartPolicy") == "Always"


def should_restart(pod: dict[str, Any], rec: ContainerRecord) -> bool:
    """kubecontainer.ShouldContainerBeRestarted (spec §5.1)."""
    if pod["metadata"].get("deletionTimestamp"):
        return False
    newest = rec.newest
    if newest is None:
        return True
    if newest.running:
        return False
    if rec.sidecar:
        return True
    policy = pod["spec"].get("restartPolicy", "Always")
    if policy == "Never":
        return False
    if policy == "OnFailure" and newest.exit_code == 0:
        return False
    if rec.init and newest.exit_code == 0:
        return False
    return True


def terminated(cluster: Cluster, inst: Instance) -> dict[str, Any]:
    t: dict[str, Any] = {
        "containerID": f"containerd://{inst.container_id}",
        "exitCode": inst.exit_code,
        "finishedAt": rfc3339(cluster.epoch + (inst.finished_at or 0.0)),
        "reason": inst.reason,
        "startedAt": rfc3339(cluster.epoch + inst.started_at) if inst.started_at is not None else "1970-01-01T00:00:00Z",
    }
    if inst.message:
        t["message"] = inst.message
    return t


def container_status(cluster: Cluster, pod: dict[str, Any], cspec: dict[str, Any], rec: ContainerRecord,
                     default_reason: str, now: float) -> dict[str, Any]:
    st: dict[str, Any] = {"image": cspec["image"], "imageID": "", "lastState": {}, "name": rec.name,
                          "ready": False, "restartCount": 0, "started": False,
                          "state": {"waiting": {"reason": default_reason}}}
    newest = rec.newest
    if newest is not None:
        st["containerID"] = f"containerd://{newest.container_id}"
        st["image"] = newest.image
        st["imageID"] = newest.image_id
        st["restartCount"] = newest.number
        if newest.running:
            st["state"] = {"running": {"startedAt": rfc3339(cluster.epoch + newest.started_at)}}
            st["started"] = rec.started
            # A regular init container is never ready while it runs; it counts as ready once it
            # has completed (prober_manager UpdatePodStatus).
            st["ready"] = rec.started and rec.ready and not (rec.init and not rec.sidecar)
        else:
            st["state"] = {"terminated": terminated(cluster, newest)}
            if rec.init and not rec.sidecar and newest.exit_code == 0:
                st["ready"] = True        # a completed init container counts as ready (prober_manager)
        previous = rec.previous
        if previous is not None and previous.exited:
            st["lastState"] = {"terminated": terminated(cluster, previous)}
    # "Handle the containers failed to be started, which should be in Waiting state."
    if rec.waiting_reason and now >= rec.waiting_from and should_restart(pod, rec):
        if "terminated" in st["state"]:
            st["lastState"] = st["state"]
        waiting: dict[str, Any] = {"reason": rec.waiting_reason}
        if rec.waiting_message:
            waiting["message"] = rec.waiting_message
        st["state"] = {"waiting": waiting}
        st["ready"] = False
    mounts = []
    for m in cspec.get("volumeMounts", []):
        vm: dict[str, Any] = {"mountPath": m["mountPath"], "name": m["name"]}
        if m.get("readOnly"):
            vm["readOnly"] = True
            vm["recursiveReadOnly"] = "Disabled"
        mounts.append(vm)
    if mounts:
        st["volumeMounts"] = mounts
    return st


def get_phase(pod: dict[str, Any], statuses: dict[str, dict[str, Any]], pod_is_terminal: bool) -> str:
    """getPhase, without the alpha ContainerRestartRules gate."""
    spec = pod["spec"]
    pending_init = failed_init = pending_sidecars = 0
    for c in spec.get("initContainers", []):
        s = statuses[c["name"]]
        state = s["state"]
        if is_sidecar(c):
            continue
        if "running" in state:
            pending_init += 1
        elif "terminated" in state:
            if state["terminated"]["exitCode"] != 0:
                failed_init += 1
        elif "waiting" in state:
            last = s["lastState"].get("terminated")
            if last is not None:
                if last["exitCode"] != 0:
                    failed_init += 1
            else:
                pending_init += 1
        else:
            pending_init += 1
    unknown = running = waiting = stopped = succeeded = 0
    for c in spec.get("initContainers", []):
        if not is_sidecar(c):
            continue
        s = statuses[c["name"]]
        state = s["state"]
        if "running" in state:
            if not s.get("started"):
                pending_sidecars += 1
            running += 1
        elif "waiting" in state and not s["lastState"].get("terminated"):
            pending_sidecars += 1
            waiting += 1
    regular_started = any("running" in statuses[c["name"]]["state"] or "terminated" in statuses[c["name"]]["state"]
                          or statuses[c["name"]]["lastState"] for c in spec["containers"])
    for c in spec["containers"]:
        s = statuses[c["name"]]
        state = s["state"]
        if "running" in state:
            running += 1
        elif "terminated" in state:
            stopped += 1
            if state["terminated"]["exitCode"] == 0:
                succeeded += 1
        elif "waiting" in state:
            if s["lastState"].get("terminated"):
                stopped += 1
            else:
                waiting += 1
        else:
            unknown += 1
    policy = spec.get("restartPolicy", "Always")
    if failed_init > 0 and policy == "Never":
        return "Failed"
    if pending_init > 0 or (pending_sidecars > 0 and not regular_started) or waiting > 0:
        return "Pending"
    if running > 0 and unknown == 0:
        return "Running"
    if running == 0 and stopped > 0 and unknown == 0:
        if pod_is_terminal:
            return "Succeeded" if stopped == succeeded else "Failed"
        if policy == "Always":
            return "Running"
        if stopped == succeeded:
            return "Succeeded"
        if policy == "Never":
            return "Failed"
        return "Running"
    return "Pending"


def _condition(ctype: str, status: str, reason: str = "", message: str = "") -> dict[str, Any]:
    c: dict[str, Any] = {"lastProbeTime": None, "status": status, "type": ctype}
    if reason:
        c["reason"] = reason
    if message:
        c["message"] = message
    return c


def _go_list(names: list[str]) -> str:
    return "[" + " ".join(names) + "]"


def pod_conditions(pod: dict[str, Any], ps: PodState, statuses: dict[str, dict[str, Any]], phase: str,
                   old: list[dict[str, Any]]) -> list[dict[str, Any]]:
    spec = pod["spec"]
    conds = [_condition("PodReadyToStartContainers", "True" if ps.sandbox_ready else "False")]
    # Initialized (GeneratePodInitializedCondition)
    incomplete = []
    for c in spec.get("initContainers", []):
        s = statuses[c["name"]]
        done = s.get("started") if is_sidecar(c) else s.get("ready")
        if not done:
            incomplete.append(c["name"])
    any_regular_started = any(statuses[c["name"]].get("containerID") for c in spec["containers"])
    if phase == "Succeeded":
        conds.append(_condition("Initialized", "True", "PodCompleted"))
    elif any_regular_started or not incomplete:
        conds.append(_condition("Initialized", "True"))
    else:
        conds.append(_condition("Initialized", "False", "ContainersNotInitialized",
                                f"containers with incomplete status: {_go_list(incomplete)}"))
    # ContainersReady and Ready (GenerateContainersReadyCondition, GeneratePodReadyCondition)
    if phase in ("Succeeded", "Failed"):
        creason = "PodCompleted" if phase == "Succeeded" else "PodFailed"
        cready = _condition("ContainersReady", "False", creason)
    else:
        unready = [c["name"] for c in spec.get("initContainers", []) if is_sidecar(c)
                   and not statuses[c["name"]]["ready"]]
        unready += [c["name"] for c in spec["containers"] if not statuses[c["name"]]["ready"]]
        if unready:
            cready = _condition("ContainersReady", "False", "ContainersNotReady",
                                f"containers with unready status: {_go_list(unready)}")
        else:
            cready = _condition("ContainersReady", "True")
    if cready["status"] != "True":
        ready = {**cready, "type": "Ready"}
    else:
        gates = []
        existing = {c["type"]: c for c in old}
        for gate in spec.get("readinessGates", []):
            t = gate["conditionType"]
            if t not in existing:
                gates.append(f'corresponding condition of pod readiness gate "{t}" does not exist.')
            elif existing[t]["status"] != "True":
                gates.append(f'the status of pod readiness gate "{t}" is not "True", but {existing[t]["status"]}')
        ready = (_condition("Ready", "False", "ReadinessGatesNotReady", ", ".join(gates)) if gates
                 else _condition("Ready", "True"))
    conds += [ready, cready, _condition("PodScheduled", "True")]
    return conds


def with_transition_times(new: list[dict[str, Any]], old: list[dict[str, Any]], ts: str) -> list[dict[str, Any]]:
    """lastTransitionTime changes only when a condition's status flips (podutil.UpdatePodCondition)."""
    before = {c["type"]: c for c in old}
    out = [c for c in old if c["type"] not in KUBELET_CONDITIONS]
    for c in new:
        prev = before.get(c["type"])
        keep = prev is not None and prev.get("status") == c["status"] and prev.get("lastTransitionTime")
        out.append({**c, "lastTransitionTime": prev["lastTransitionTime"] if keep else ts})
    return out
