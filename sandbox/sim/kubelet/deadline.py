"""``spec.activeDeadlineSeconds``: a pod active longer than that fails (pkg/kubelet/active_deadline.go;
spec §4 step 6).

The kubelet's activeDeadlineHandler counts from ``status.startTime``. Once the deadline has passed,
the next status it generates is phase ``Failed`` with reason ``DeadlineExceeded`` and message
``Pod was active on the node longer than the specified deadline``, with a Normal event of the same
reason and message (generateAPIPodStatus's ShouldEvict), and SyncPod treats the pod as terminal: the
pod worker stops its containers with the pod's termination grace period (``Stopping container``),
then its sandbox. The phase is final: nothing restarts, whatever the restart policy.

Here one timer per pod falls due at the deadline (``watch``): when the kubelet first writes the
pod's status (its ``startTime``), and again when an update shortens the deadline (the only change
validation allows besides setting it). A timer that finds the deadline moved, or the pod already
finished, does nothing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..clock import PRIO_CONTROL
from ..timefmt import parse_rfc3339
from . import lifecycle, worker

if TYPE_CHECKING:
    from . import Kubelet
    from .state import PodState

REASON = "DeadlineExceeded"
MESSAGE = "Pod was active on the node longer than the specified deadline"


def due(k: Kubelet, pod: dict[str, Any]) -> float | None:
    """The simulated instant the pod's active deadline runs out, or None (none set, not started)."""
    seconds = pod["spec"].get("activeDeadlineSeconds")
    start = (pod.get("status") or {}).get("startTime")
    if seconds is None or not start:
        return None
    return parse_rfc3339(start) - k.cluster.epoch + float(seconds)


def watch(k: Kubelet, ps: PodState) -> None:
    """A timer at the pod's deadline, if it has one."""
    pod = k.cluster.store.get("pods", ps.namespace, ps.name)
    when = due(k, pod) if pod is not None else None
    if when is not None:
        k.cluster.clock.schedule(max(when, k.cluster.clock.now), "kubelet.active_deadline", [ps.uid], PRIO_CONTROL)


def expired(k: Kubelet, uid: str) -> None:
    """The timer: fail the pod if its deadline has passed and it is still active here."""
    ps = k.pods.get(uid)
    if ps is None or ps.terminal or ps.terminating or ps.orphaned or ps.node_down or not ps.admitted:
        return
    pod = k.cluster.store.get("pods", ps.namespace, ps.name)
    if pod is None or pod["metadata"]["uid"] != uid:
        return
    when = due(k, pod)
    if when is None or k.cluster.clock.now < when or pod["status"].get("phase") in ("Succeeded", "Failed"):
        return
    worker.event(k, ps, pod, "Normal", REASON, MESSAGE)
    k.cluster.store.replace("pods", {**pod, "status": {**pod["status"], "phase": "Failed", "reason": REASON,
                                                           "message": MESSAGE}})
    ps.plan, ps.pulling = [], None            # nothing more starts; a pull under way is forgotten
    k.write_status(ps)
    lifecycle.check_terminal(k, ps)           # probes stop; the sandbox goes at the next sync
    lifecycle.stop_containers(k, ps, float(pod["spec"].get("terminationGracePeriodSeconds", 30)))
