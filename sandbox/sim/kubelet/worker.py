"""The pod worker: admission, the pod sandbox, and SyncPod's plan of containers to start.

Timing is the spec's reference timing model (§13): the kubelet's first status one second after the
pod is bound, the sandbox one second later, image pulls as images.py says, a restart one second
after an exit (PLEG), and the crash back-off of §5.2 (kuberuntime_manager.go doBackOff with
client-go's Backoff: 10 s doubling to 300 s, reset when the failed instance ran over 600 s).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..clock import PRIO_CONTROL
from ..durations import go_duration
from . import deadline, images, lifecycle, prober
from .containers import config_error
from .state import ContainerRecord, Instance, PodState
from .status import is_sidecar, should_restart

if TYPE_CHECKING:
    from . import Kubelet

BACKOFF_INITIAL = 10.0
BACKOFF_MAX = 300.0
BACKOFF_RESET = 600.0        # kubelet.go: the crash back-off's HasExpiredFunc is hard-coded to 600 s
RESYNC_AFTER_ERROR = 10.0    # a failed sync is requeued after 10 s (classic kubelets, §5.3)


def field_path(rec: ContainerRecord) -> str:
    return f"spec.initContainers{{{rec.name}}}" if rec.init else f"spec.containers{{{rec.name}}}"


def event(k: Kubelet, ps: PodState, pod: dict[str, Any], etype: str, reason: str, message: str,
          rec: ContainerRecord | None = None) -> None:
    k.cluster.events.record(k.cluster, pod, etype, reason, message, component="kubelet", host=ps.node,
                            field_path=field_path(rec) if rec is not None else "")


def pod_ref(ps: PodState) -> str:
    """format.Pod: ``name_namespace(uid)``."""
    return f"{ps.name}_{ps.namespace}({ps.uid})"


# -- admission and the sandbox --------------------------------------------------------------------
def bound(k: Kubelet, pod: dict[str, Any]) -> None:
    meta, spec = pod["metadata"], pod["spec"]
    node = spec["nodeName"]
    if k.cluster.store.get("nodes", "", node) is None:
        return                                  # no such node: no kubelet will ever see the pod
    ps = PodState(meta["uid"], meta["namespace"], meta["name"], node)
    for c in spec.get("initContainers", []):
        ps.containers[c["name"]] = ContainerRecord(c["name"], init=True, sidecar=is_sidecar(c))
    for c in spec["containers"]:
        ps.containers[c["name"]] = ContainerRecord(c["name"])
    k.pods[ps.uid] = ps
    if k.cluster.node_is_down(node):
        ps.node_down = True
        return
    k.cluster.clock.schedule(k.cluster.clock.now + 1, "kubelet.admit", [ps.uid], PRIO_CONTROL)


def admit(k: Kubelet, uid: str) -> None:
    ps = k.pods.get(uid)
    if ps is None or ps.admitted or ps.node_down:
        return
    ps.admitted = True
    if ps.terminating:
        lifecycle.finish_if_stopped(k, ps)
        return
    k.write_status(ps)                      # the first status: startTime
    deadline.watch(k, ps)
    k.cluster.clock.schedule(k.cluster.clock.now + 1, "kubelet.sandbox", [uid], PRIO_CONTROL)


def sandbox_ready(k: Kubelet, uid: str) -> None:
    ps = k.pods.get(uid)
    if ps is None or ps.sandbox_ready or ps.terminating or ps.node_down or ps.terminal:
        return
    ps.sandbox_ready = True
    ps.sandbox_id = k.cluster.ids.container_id()
    ps.ip = k.cluster.network.allocate(ps.node, uid)
    k.write_status(ps)
    sync(k, uid)


# -- SyncPod --------------------------------------------------------------------------------------
def sync(k: Kubelet, uid: str) -> None:
    ps = k.pods.get(uid)
    now = k.cluster.clock.now
    if ps is None:
        return
    if now in ps.syncs:
        ps.syncs.remove(now)
    if ps.node_down or ps.orphaned or not ps.admitted:
        return
    if ps.terminating:
        lifecycle.finish_if_stopped(k, ps)
        return
    if ps.pulling is not None:
        ps.resync = True
        return
    pod = k.pod_object(ps)
    if ps.terminal:
        if ps.sandbox_ready:
            ps.sandbox_ready = False            # the sandbox of a finished pod is stopped
            k.write_status(ps)
        return
    if not ps.sandbox_ready:
        return
    ps.plan = plan(k, ps, pod)
    run_plan(k, ps, pod)
    k.write_status(ps)
    lifecycle.check_terminal(k, ps)


def plan(k: Kubelet, ps: PodState, pod: dict[str, Any]) -> list[str]:
    """computePodActions: the next init container, or every app container that should start."""
    spec = pod["spec"]
    sidecars_to_restart: list[str] = []
    for c in spec.get("initContainers", []):
        rec = ps.containers[c["name"]]
        newest = rec.newest
        if rec.sidecar:
            if newest is None:
                return [rec.name]
            if newest.exited:
                sidecars_to_restart.append(rec.name)
                continue
            if not rec.started:
                return []
            continue
        if newest is None:
            return [rec.name]
        if newest.running or newest.stopping:
            return []
        if newest.exit_code == 0:
            continue
        if spec.get("restartPolicy", "Always") == "Never":
            return []                           # a failed init container fails the pod
        return [rec.name]
    names = list(sidecars_to_restart)
    for c in spec["containers"]:
        rec = ps.containers[c["name"]]
        if should_restart(pod, rec) and not (rec.newest is not None and rec.newest.stopping):
            names.append(rec.name)
    return names


def run_plan(k: Kubelet, ps: PodState, pod: dict[str, Any], backoff_ref: Instance | None = None,
             use_ref: bool = False) -> None:
    while ps.plan:
        name = ps.plan[0]
        result = start_container(k, ps, pod, name, backoff_ref, use_ref)
        use_ref = False
        if result == "pulling":
            return
        ps.plan.pop(0)
    if ps.resync:
        ps.resync = False
        k.request_sync(ps, k.cluster.clock.now)


def backoff_key(rec: ContainerRecord, cspec: dict[str, Any]) -> str:
    # GetBackoffKey hashes the container spec's name, image and resources: a new image, a new key.
    return f"{rec.name}|{cspec['image']}|{sorted((cspec.get('resources') or {}).items())!r}"


def start_container(k: Kubelet, ps: PodState, pod: dict[str, Any], name: str,
                    backoff_ref: Instance | None = None, use_ref: bool = False) -> str:
    """Start one container: the crash back-off check, the image, then create and start.
    Returns "started", "failed" or "pulling" (the rest resumes when the pull ends)."""
    rec = ps.containers[name]
    cspec = k.container_spec(pod, name)
    now = k.cluster.clock.now
    ref = backoff_ref if use_ref else (rec.newest if rec.newest is not None and rec.newest.exited else None)
    if ref is not None and ref.finished_at is not None:
        key = backoff_key(rec, cspec)
        entry = ps.crash_backoff.get(key)
        finished = ref.finished_at
        if entry is not None and finished - entry[1] <= BACKOFF_RESET and now - finished < entry[0]:
            rec.waiting_reason = "CrashLoopBackOff"
            rec.waiting_message = (f"back-off {go_duration(entry[0])} restarting failed "
                                   f"container={name} pod={pod_ref(ps)}")
            newest_exit = rec.newest.finished_at if rec.newest and rec.newest.finished_at is not None else now
            rec.waiting_from = max(now, newest_exit + 1)
            if rec.waiting_from > now:
                k.status_at(ps, rec.waiting_from)
            event(k, ps, pod, "Warning", "BackOff",
                  f"Back-off restarting failed container {name} in pod {pod_ref(ps)}", rec)
            k.request_sync(ps, min(now + RESYNC_AFTER_ERROR, newest_exit + entry[0]))
            return "failed"
        if entry is None or finished - entry[1] > BACKOFF_RESET:
            ps.crash_backoff[key] = [BACKOFF_INITIAL, now]
        else:
            ps.crash_backoff[key] = [min(entry[0] * 2, BACKOFF_MAX), now]
    return ensure_image(k, ps, pod, rec, cspec)


def ensure_image(k: Kubelet, ps: PodState, pod: dict[str, Any], rec: ContainerRecord,
                 cspec: dict[str, Any]) -> str:
    now = k.cluster.clock.now
    image = cspec["image"]
    decision = images.decide(k.cluster, ps.node, image, cspec.get("imagePullPolicy", "IfNotPresent"))
    if decision.action == "invalid":
        _waiting(rec, "InvalidImageName", decision.error)
        event(k, ps, pod, "Warning", "InspectFailed", decision.error, rec)
        event(k, ps, pod, "Warning", "Failed", "Error: InvalidImageName", rec)
        k.request_sync(ps, now + RESYNC_AFTER_ERROR)
        return "failed"
    if decision.action == "never":
        msg = f'Container image "{image}" is not present with pull policy of Never'
        _waiting(rec, "ErrImageNeverPull", msg)
        event(k, ps, pod, "Warning", "ErrImageNeverPull", msg, rec)
        event(k, ps, pod, "Warning", "Failed", "Error: ErrImageNeverPull", rec)
        k.request_sync(ps, now + RESYNC_AFTER_ERROR)
        return "failed"
    assert decision.ref is not None
    if decision.action == "present":
        event(k, ps, pod, "Normal", "Pulled", images.already_present_message(image, k.cluster.profile), rec)
        _resolve(k, rec, decision.ref)
        return create_and_start(k, ps, pod, rec, cspec)
    entry = ps.pull_backoff.get(image)
    if images.in_backoff(entry, now):
        assert entry is not None
        _waiting(rec, "ImagePullBackOff", f'Back-off pulling image "{image}"')
        event(k, ps, pod, "Normal", "BackOff", f'Back-off pulling image "{image}"', rec)
        event(k, ps, pod, "Warning", "Failed", "Error: ImagePullBackOff", rec)
        k.request_sync(ps, min(now + RESYNC_AFTER_ERROR, entry[1] + entry[0]))
        return "failed"
    event(k, ps, pod, "Normal", "Pulling", f'Pulling image "{image}"', rec)
    result = images.pull(k.cluster, ps.node, decision.ref)
    token = k.cluster.ids.counter()
    ps.pulling = {"container": rec.name, "image": image, "ok": result.ok, "seconds": result.seconds,
                  "error": result.error, "size": result.size, "ref": decision.ref.normalized, "token": token}
    k.cluster.clock.schedule(now + result.seconds, "kubelet.pull_done", [ps.uid, token], PRIO_CONTROL)
    return "pulling"


def pull_done(k: Kubelet, uid: str, token: int) -> None:
    ps = k.pods.get(uid)
    if ps is None or ps.pulling is None or ps.pulling["token"] != token:
        return
    p, ps.pulling = ps.pulling, None
    if ps.terminating or ps.orphaned or ps.node_down:
        ps.plan = []
        lifecycle.finish_if_stopped(k, ps)
        return
    pod = k.pod_object(ps)
    rec = ps.containers[p["container"]]
    cspec = k.container_spec(pod, rec.name)
    now = k.cluster.clock.now
    if p["ok"]:
        k.cluster.node_images.setdefault(ps.node, set()).add(p["ref"])
        event(k, ps, pod, "Normal", "Pulled", images.pulled_message(p["image"], p["seconds"], p["size"]), rec)
        from .. import imageref
        _resolve(k, rec, imageref.parse(p["ref"]))
        create_and_start(k, ps, pod, rec, cspec)
    else:
        _waiting(rec, "ErrImagePull", p["error"])
        event(k, ps, pod, "Warning", "Failed", f'Failed to pull image "{p["image"]}": {p["error"]}', rec)
        event(k, ps, pod, "Warning", "Failed", "Error: ErrImagePull", rec)
        ps.pull_backoff[p["image"]] = images.next_backoff(ps.pull_backoff.get(p["image"]), now)
        k.request_sync(ps, now + 1)
    if ps.plan and ps.plan[0] == rec.name:
        ps.plan.pop(0)
    run_plan(k, ps, pod)
    k.write_status(ps)
    lifecycle.check_terminal(k, ps)


def _waiting(rec: ContainerRecord, reason: str, message: str) -> None:
    rec.waiting_reason, rec.waiting_message = reason, message
    rec.waiting_from = 0.0


def _resolve(k: Kubelet, rec: ContainerRecord, ref: Any) -> None:
    spec = k.cluster.catalogue.image(ref)
    rec.image_ref = ref.normalized
    tag = ref.tag or next((t for t in spec.tags if spec.digest(t) == ref.digest), "")
    rec.image_id = f"{ref.repository}@{ref.digest or spec.digest(tag)}"


def create_and_start(k: Kubelet, ps: PodState, pod: dict[str, Any], rec: ContainerRecord,
                     cspec: dict[str, Any]) -> str:
    now = k.cluster.clock.now
    problem = config_error(cspec)
    if problem:
        _waiting(rec, "CreateContainerConfigError", problem)
        event(k, ps, pod, "Warning", "Failed", f"Error: {problem}", rec)
        k.request_sync(ps, now + RESYNC_AFTER_ERROR)
        return "failed"
    image = k.image_spec(rec.image_ref)
    number = rec.newest.number + 1 if rec.newest is not None else 0
    inst = k.runtime.create(ps, rec, pod, cspec, image, number)
    created = "Container created" if k.cluster.profile == "current" else f"Created container {rec.name}"
    event(k, ps, pod, "Normal", "Created", created, rec)
    error = k.runtime.start(ps, rec, inst, pod, cspec)
    if error:
        inst.finished_at, inst.exit_code, inst.reason, inst.message = now, 128, "StartError", error
        _waiting(rec, "RunContainerError", error)
        event(k, ps, pod, "Warning", "Failed", f"Error: {error}", rec)
        k.request_sync(ps, now + 1)
        return "failed"
    started = "Container started" if k.cluster.profile == "current" else f"Started container {rec.name}"
    event(k, ps, pod, "Normal", "Started", started, rec)
    rec.waiting_reason = rec.waiting_message = ""
    rec.started = "startupProbe" not in cspec
    rec.ready = "readinessProbe" not in cspec
    prober.instance_started(k, ps, rec, inst, cspec)
    if rec.init:
        k.request_sync(ps, now + 1)            # PLEG sees the init container: next step of init
    k.runtime.run_started(ps, rec, inst)
    return "started"
