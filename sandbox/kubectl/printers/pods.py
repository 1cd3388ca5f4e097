"""``kubectl get pods`` rows: NAME READY STATUS RESTARTS AGE (+ IP NODE NOMINATED NODE READINESS GATES).

A port of ``printPod`` in kubernetes ``pkg/printers/internalversion/printers.go`` (v1.32-v1.34
era, read from the michaelasp/kubernetes snapshot; spec §8.1-8.4). Pods are dicts in the v1 JSON
shape, so Go's ``State.Waiting != nil`` becomes ``"waiting" in state`` (an empty ``{}`` counts).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sandbox.kubectl.printers.table import CREATION_TIMESTAMP_DOC, NAME_DOC, Column, Row, age
from sandbox.sim.durations import human_since
from sandbox.sim.timefmt import parse_rfc3339

Pod = Mapping[str, Any]

# AddHandlers: podColumnDefinitions. The SwaggerDoc-derived descriptions of the wide columns
# (podIP, nodeName, nominatedNodeName, readinessGates) are not reproduced.
POD_COLUMNS: tuple[Column, ...] = (
    Column("Name", format="name", description=NAME_DOC),
    Column("Ready", description="The aggregate readiness state of this pod for accepting traffic."),
    Column("Status", description="The aggregate status of the containers in this pod."),
    Column("Restarts", description="The number of times the containers in this pod have been "
           "restarted and when the last container in this pod has restarted."),
    Column("Age", description=CREATION_TIMESTAMP_DOC),
    Column("IP", priority=1),
    Column("Node", priority=1),
    Column("Nominated Node", priority=1),
    Column("Readiness Gates", priority=1),
)

# podSuccessConditions / podFailedConditions: the row conditions of finished pods.
_SUCCEEDED = {"type": "Completed", "status": "True", "reason": "Succeeded",
              "message": "The pod has completed successfully."}
_FAILED = {"type": "Completed", "status": "True", "reason": "Failed", "message": "The pod failed."}

NODE_UNREACHABLE_POD_REASON = "NodeLost"  # pkg/util/node: NodeUnreachablePodReason


@dataclass(frozen=True, slots=True)
class PodSummary:
    """What printPod derives from a pod before formatting: READY, STATUS, RESTARTS."""

    ready: int
    total: int
    status: str
    restarts: int
    last_restart: float | None  # Unix seconds of the latest counted lastState.terminated.finishedAt

    def ready_text(self) -> str:
        return f"{self.ready}/{self.total}"

    def restarts_text(self, now: float) -> str:
        if self.restarts != 0 and self.last_restart is not None:
            return f"{self.restarts} ({human_since(now, self.last_restart)} ago)"
        return str(self.restarts)


def pod_columns(wide: bool = False) -> list[Column]:
    return [c for c in POD_COLUMNS if wide or c.priority == 0]


def _is_restartable_init(container: Mapping[str, Any] | None) -> bool:
    """podutil.IsRestartableInitContainer: a sidecar has ``restartPolicy: Always``."""
    return container is not None and container.get("restartPolicy") == "Always"


def _condition_true(conditions: list[Mapping[str, Any]], kind: str, *, first_only: bool) -> bool:
    for c in conditions:
        if c.get("type") == kind:
            if first_only:
                return c.get("status") == "True"  # isPodInitializedConditionTrue
            if c.get("status") == "True":
                return True  # hasPodReadyCondition
    return False


def _finished_at(status: Mapping[str, Any]) -> float | None:
    terminated = (status.get("lastState") or {}).get("terminated")
    if terminated is None or not terminated.get("finishedAt"):
        return None  # a zero metav1.Time never wins lastRestartDate.Before(...)
    return parse_rfc3339(terminated["finishedAt"])


def _later(current: float | None, candidate: float | None) -> float | None:
    if candidate is None:
        return current
    return candidate if current is None or candidate > current else current


def _terminated_reason(terminated: Mapping[str, Any], prefix: str = "") -> str:
    if terminated.get("reason"):
        return prefix + terminated["reason"]
    if terminated.get("signal", 0):
        return f"{prefix}Signal:{terminated['signal']}"
    return f"{prefix}ExitCode:{terminated.get('exitCode') or 0}"


def summarize_pod(pod: Pod) -> PodSummary:
    """printPod's READY / STATUS / RESTARTS algorithm (spec §8.2-8.4), step by step."""
    spec = pod.get("spec") or {}
    status = pod.get("status") or {}
    conditions = status.get("conditions") or []
    restarts = 0
    sidecar_restarts = 0
    total = len(spec.get("containers") or [])
    ready = 0
    last_restart: float | None = None
    last_sidecar_restart: float | None = None

    phase = status.get("phase", "")
    reason = status.get("reason") or phase
    for c in conditions:
        if c.get("type") == "PodScheduled" and c.get("reason") == "SchedulingGated":
            reason = "SchedulingGated"

    init_specs = {c.get("name"): c for c in spec.get("initContainers") or []}
    total += sum(1 for c in init_specs.values() if _is_restartable_init(c))

    initializing = False
    init_statuses = status.get("initContainerStatuses") or []
    for i, cs in enumerate(init_statuses):
        restarts += cs.get("restartCount") or 0
        last_restart = _later(last_restart, _finished_at(cs))
        sidecar = _is_restartable_init(init_specs.get(cs.get("name")))
        if sidecar:
            sidecar_restarts += cs.get("restartCount") or 0
            last_sidecar_restart = _later(last_sidecar_restart, _finished_at(cs))
        state = cs.get("state") or {}
        terminated, waiting = state.get("terminated"), state.get("waiting")
        if terminated is not None and (terminated.get("exitCode") or 0) == 0:
            continue
        if sidecar and cs.get("started"):
            if cs.get("ready"):
                ready += 1
            continue
        if terminated is not None:
            reason = _terminated_reason(terminated, "Init:")  # initialization has failed
        elif waiting is not None and waiting.get("reason") and waiting["reason"] != "PodInitializing":
            reason = "Init:" + waiting["reason"]
        else:
            reason = f"Init:{i}/{len(spec.get('initContainers') or [])}"
        initializing = True
        break

    if not initializing or _condition_true(conditions, "Initialized", first_only=True):
        restarts = sidecar_restarts
        last_restart = last_sidecar_restart
        has_running = False
        error_reason = ""
        # last to first, so that the first container's state wins
        for cs in reversed(status.get("containerStatuses") or []):
            restarts += cs.get("restartCount") or 0
            last_restart = _later(last_restart, _finished_at(cs))
            state = cs.get("state") or {}
            terminated, waiting = state.get("terminated"), state.get("waiting")
            if waiting is not None and waiting.get("reason"):
                reason = waiting["reason"]
            elif terminated is not None:
                reason = _terminated_reason(terminated)
                if (terminated.get("exitCode") or 0) != 0:
                    error_reason = reason
            elif cs.get("ready") and state.get("running") is not None:
                has_running = True
                ready += 1
        # change the status back to "Running" if a container still reports running
        if reason == "Completed":
            if has_running and _condition_true(conditions, "Ready", first_only=False):
                reason = "Running"
            elif error_reason:
                reason = error_reason
            elif has_running:
                reason = "NotReady"

    meta = pod.get("metadata") or {}
    if meta.get("deletionTimestamp") and status.get("reason") == NODE_UNREACHABLE_POD_REASON:
        reason = "Unknown"
    elif meta.get("deletionTimestamp") and phase not in ("Succeeded", "Failed"):
        reason = "Terminating"
    return PodSummary(ready, total, reason, restarts, last_restart)


def pod_status(pod: Pod) -> str:
    """The STATUS column alone (``CrashLoopBackOff``, ``Init:0/1``, ``Terminating``...)."""
    return summarize_pod(pod).status


def _readiness_gates(pod: Pod) -> str:
    gates = (pod.get("spec") or {}).get("readinessGates") or []
    if not gates:
        return "<none>"
    conditions = (pod.get("status") or {}).get("conditions") or []
    true = 0
    for gate in gates:
        for c in conditions:
            if c.get("type") == gate.get("conditionType"):
                true += c.get("status") == "True"
                break
    return f"{true}/{len(gates)}"


def pod_row(pod: Pod, now: float, *, wide: bool = False) -> list[str]:
    """The cells of one pod, e.g. ``["crash", "0/1", "CrashLoopBackOff", "3 (27s ago)", "60s"]``."""
    summary = summarize_pod(pod)
    meta = pod.get("metadata") or {}
    cells = [meta.get("name", ""), summary.ready_text(), summary.status,
             summary.restarts_text(now), age(now, meta.get("creationTimestamp"))]
    if wide:
        spec = pod.get("spec") or {}
        status = pod.get("status") or {}
        # Only status.podIPs is read, as printPod does (not the singular status.podIP).
        pod_ips = status.get("podIPs") or []
        ip = (pod_ips[0].get("ip") if pod_ips else "") or "<none>"
        cells += [ip, spec.get("nodeName") or "<none>", status.get("nominatedNodeName") or "<none>",
                  _readiness_gates(pod)]
    return cells


def pod_row_conditions(pod: Pod) -> list[dict[str, str]]:
    """metav1.TableRow.Conditions: ``Completed`` for Succeeded and Failed pods."""
    phase = (pod.get("status") or {}).get("phase")
    if phase == "Succeeded":
        return [dict(_SUCCEEDED)]
    if phase == "Failed":
        return [dict(_FAILED)]
    return []


def pod_table_row(pod: Pod, now: float) -> Row:
    """The server-side row (always wide) with the pod as its object."""
    return Row(list(pod_row(pod, now, wide=True)), pod, pod_row_conditions(pod))
