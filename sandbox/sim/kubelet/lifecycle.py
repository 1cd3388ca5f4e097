"""Container exits, kills and pod termination (spec §4.3, §6.4, §7, §2.3-2.4).

A kill runs the preStop hook, sends the image's stop signal, and SIGKILLs at the end of the grace
period (at least 2 s: kuberuntime_container.go minimumGracePeriodInSeconds). A liveness or startup
kill restarts the container at the instant it exits, in the same sync, checking the back-off
against the instance before the killed one (§6.4 step 3). A deleted pod turns terminal when its
last container stops and its object goes one second later (§13).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..clock import PRIO_CONTROL, PRIO_RUNTIME
from . import deadline as active_deadline, prober, worker
from .state import ContainerRecord, Instance, PodState

if TYPE_CHECKING:
    from . import Kubelet

MIN_GRACE = 2.0
FALLBACK_LOG_LINES = 80
FALLBACK_LOG_BYTES = 2048


def all_stopped(ps: PodState) -> bool:
    return all(rec.newest is None or rec.newest.exited for rec in ps.containers.values())


def _termination_message(k: Kubelet, ps: PodState, rec: ContainerRecord, inst: Instance,
                         cspec: dict[str, Any]) -> str:
    path = cspec.get("terminationMessagePath", "/dev/termination-log")
    text = k.runtime.read_file(ps, rec, inst, path) or ""
    if not text and cspec.get("terminationMessagePolicy") == "FallbackToLogsOnError" and inst.exit_code != 0:
        rows = inst.logs.rows()[-FALLBACK_LOG_LINES:]
        text = "\n".join(row[2] for row in rows)[-FALLBACK_LOG_BYTES:]
        if text and not rows[-1][3:]:
            text += "\n"
    return text


def container_exited(k: Kubelet, ps: PodState, rec: ContainerRecord, inst: Instance, code: int) -> None:
    """PID 1 of ``inst`` ended with ``code``: record it, then restart or finish as the rules say."""
    if inst.exited:
        return
    now = k.cluster.clock.now
    pod = k.pod_object(ps)
    cspec = k.container_spec(pod, rec.name)
    inst.finished_at, inst.exit_code = now, code
    inst.reason = "Completed" if code == 0 else "Error"
    inst.message = _termination_message(k, ps, rec, inst, cspec)
    inst.wake_at = None
    rec.ready = rec.started = False
    stopping, inst.stopping = inst.stopping, None
    live = k.runtime.live.get(inst.container_id)
    if live is not None:
        inst.fs, inst.proc = {}, None          # a stopped container's layer is not needed again
        k.runtime.forget(inst)
    if ps.terminating or ps.orphaned:
        finish_if_stopped(k, ps)
        return
    k.write_status(ps)
    if stopping and stopping.get("restart") and not ps.node_down:
        # The kill and the restart happen in one sync, judged on the snapshot taken before the
        # kill: the instance to compare against is the one before the killed instance.
        before = rec.previous if rec.previous is not None and rec.previous is not inst else None
        if ps.pulling is None:
            ps.plan = [rec.name]
            worker.run_plan(k, ps, pod, backoff_ref=before, use_ref=True)
            k.write_status(ps)
        else:
            k.request_sync(ps, now)
    else:
        k.request_sync(ps, now + 1)             # PLEG notices the exit within a second
    check_terminal(k, ps)


def check_terminal(k: Kubelet, ps: PodState) -> None:
    pod = k.cluster.store.get("pods", ps.namespace, ps.name)
    if pod is None or ps.terminal:
        return
    if pod.get("status", {}).get("phase") in ("Succeeded", "Failed"):
        ps.terminal = True
        prober.stop_all(ps)
        k.request_sync(ps, k.cluster.clock.now + 1)   # the next sync stops the sandbox


def grace_for(pod: dict[str, Any], cspec: dict[str, Any], why: str) -> float:
    """killContainer's grace period (§6.4 step 2)."""
    meta, spec = pod["metadata"], pod["spec"]
    grace: float | None = None
    if why in ("liveness", "startup"):
        probe = cspec.get("livenessProbe" if why == "liveness" else "startupProbe") or {}
        if probe.get("terminationGracePeriodSeconds") is not None:
            grace = float(probe["terminationGracePeriodSeconds"])
    if grace is None and meta.get("deletionGracePeriodSeconds") is not None:
        grace = float(meta["deletionGracePeriodSeconds"])
    if grace is None:
        grace = float(spec.get("terminationGracePeriodSeconds", 30))
    return max(grace, MIN_GRACE)


def kill(k: Kubelet, ps: PodState, rec: ContainerRecord, why: str, message: str, restart: bool,
         grace: float | None = None) -> None:
    """Stop the running instance of ``rec``: Killing event, preStop, stop signal, SIGKILL later."""
    inst = rec.newest
    if inst is None or not inst.running or inst.stopping is not None:
        return
    now = k.cluster.clock.now
    pod = k.pod_object(ps)
    cspec = k.container_spec(pod, rec.name)
    worker.event(k, ps, pod, "Normal", "Killing", message, rec)
    grace = max(grace, MIN_GRACE) if grace is not None else grace_for(pod, cspec, why)
    signal_at = now + min(prober.run_pre_stop(k, ps, rec, inst, pod, cspec, grace), grace)
    deadline = signal_at + max(grace - (signal_at - now), MIN_GRACE)
    inst.stopping = {"why": why, "restart": restart, "deadline": deadline}
    image = k.image_spec(inst.image)
    if inst.exited:
        return                                  # the preStop hook already made it exit
    if signal_at <= now:
        k.runtime.signal(ps, rec, inst, image.stop_signal)
    else:
        k.cluster.clock.schedule(signal_at, "runtime.signal", [ps.uid, rec.name, inst.container_id,
                                                               image.stop_signal], PRIO_RUNTIME)
    if not inst.exited:
        k.cluster.clock.schedule(deadline, "kubelet.kill", [ps.uid, rec.name, inst.container_id], PRIO_CONTROL)


def deadline(k: Kubelet, uid: str, name: str, cid: str) -> None:
    found = k.find(uid, name, cid)
    if found is None:
        return
    ps, rec, inst = found
    if inst.running and inst.stopping is not None and inst.stopping["deadline"] <= k.cluster.clock.now:
        k.runtime.signal(ps, rec, inst, "SIGKILL")


# -- deletion -------------------------------------------------------------------------------------
def deleting(k: Kubelet, pod: dict[str, Any]) -> None:
    """The pod got a deletionTimestamp: stop every container with the deletion grace period."""
    ps = k.pods.get(pod["metadata"]["uid"])
    if ps is None:
        return
    grace = float(pod["metadata"].get("deletionGracePeriodSeconds") or 0)
    already = ps.terminating
    ps.terminating = True
    ps.plan, ps.pulling = [], None
    if ps.node_down:
        return
    if already:
        _shorten(k, ps, grace)
        return
    prober.pod_deleting(ps)
    stop_containers(k, ps, grace)
    finish_if_stopped(k, ps)
    if not ps.terminal:
        k.write_status(ps)


def stop_containers(k: Kubelet, ps: PodState, grace: float) -> None:
    """Every running container of the pod, ``Stopping container <c>``, with ``grace``."""
    # Regular containers first; sidecars stop after them (§7.2), approximated as the same instant.
    for rec in sorted(ps.containers.values(), key=lambda r: r.sidecar):
        if rec.newest is not None and rec.newest.running:
            kill(k, ps, rec, "delete", f"Stopping container {rec.name}", restart=False, grace=grace)


def _shorten(k: Kubelet, ps: PodState, grace: float) -> None:
    now = k.cluster.clock.now
    for rec in ps.containers.values():
        inst = rec.newest
        if inst is not None and inst.running and inst.stopping is not None:
            new_deadline = now + max(grace, MIN_GRACE)
            if new_deadline < inst.stopping["deadline"]:
                inst.stopping["deadline"] = new_deadline
                k.cluster.clock.schedule(new_deadline, "kubelet.kill", [ps.uid, rec.name, inst.container_id],
                                         PRIO_CONTROL)


def gone(k: Kubelet, pod: dict[str, Any]) -> None:
    """The API object vanished (force delete): the kubelet still stops the containers (2 s grace)."""
    ps = k.pods.get(pod["metadata"]["uid"])
    if ps is None:
        return
    k.cluster.orphans[ps.uid] = pod
    ps.orphaned = ps.terminating = True
    ps.plan, ps.pulling = [], None
    prober.stop_all(ps)
    if not ps.node_down:
        stop_containers(k, ps, MIN_GRACE)
    finish_if_stopped(k, ps)


def finish_if_stopped(k: Kubelet, ps: PodState) -> None:
    """Once every container has stopped: terminal phase now, object removed a second later."""
    if not ps.terminating or not all_stopped(ps) or ps.removal_at is not None or ps.node_down:
        return
    now = k.cluster.clock.now
    ps.removal_at = now + 1
    prober.stop_all(ps)
    if not ps.orphaned:
        k.write_status(ps)
        pod = k.cluster.store.get("pods", ps.namespace, ps.name)
        if pod is not None and pod["status"].get("phase") not in ("Succeeded", "Failed"):
            # A pod deleted before its containers ran is still made terminal (kubelet >= 1.27).
            k.cluster.store.replace("pods", {**pod, "status": {**pod["status"], "phase": "Failed"}})
        ps.terminal = True
    k.cluster.clock.schedule(ps.removal_at, "kubelet.remove", [ps.uid], PRIO_CONTROL)


def remove(k: Kubelet, uid: str) -> None:
    ps = k.pods.pop(uid, None)
    if ps is None:
        return
    if ps.ip:
        k.cluster.network.release(ps.node, ps.ip)
    for rec in ps.containers.values():
        for inst in rec.instances:
            k.runtime.forget(inst)
    for key in [v for v in k.volumes if v.startswith(uid + "/")]:
        del k.volumes[key]
    k.cluster.orphans.pop(uid, None)
    if not ps.orphaned:
        k.cluster.finish_deletion(ps.namespace, ps.name, uid)


def pod_updated(k: Kubelet, old: dict[str, Any], new: dict[str, Any]) -> None:
    """A changed container image: ``Container <c> definition changed, will be restarted``; a new
    active deadline: its timer (deadline.py)."""
    ps = k.pods.get(new["metadata"]["uid"])
    if ps is None or ps.terminating or ps.node_down:
        return
    if new["spec"].get("activeDeadlineSeconds") != old["spec"].get("activeDeadlineSeconds") and ps.admitted:
        active_deadline.watch(k, ps)
    before = {c["name"]: c["image"] for c in old["spec"].get("initContainers", []) + old["spec"]["containers"]}
    for c in new["spec"].get("initContainers", []) + new["spec"]["containers"]:
        rec = ps.containers[c["name"]]
        if before.get(c["name"]) == c["image"]:
            continue
        inst = rec.newest
        if inst is not None and inst.running:
            kill(k, ps, rec, "changed", f"Container {rec.name} definition changed, will be restarted",
                 restart=True)
        else:
            k.request_sync(ps, k.cluster.clock.now)


# -- node loss ------------------------------------------------------------------------------------
def _on_node(k: Kubelet, node: str) -> list[PodState]:
    """The node's pods in a canonical order (a restored cluster's dict order may differ)."""
    return sorted((ps for ps in k.pods.values() if ps.node == node), key=lambda p: (p.namespace, p.name, p.uid))


def node_stopped(k: Kubelet, node: str) -> None:
    """The machine went down: processes die, nothing is reported until it comes back."""
    now = k.cluster.clock.now
    for ps in _on_node(k, node):
        ps.node_down = True
        ps.plan, ps.pulling = [], None
        prober.stop_all(ps)
        for rec in ps.containers.values():
            inst = rec.newest
            if inst is not None and inst.running:
                inst.finished_at, inst.exit_code, inst.reason = now, 255, "Unknown"
                inst.stopping, inst.wake_at = None, None
                inst.fs, inst.proc = {}, None
                k.runtime.forget(inst)
                rec.ready = rec.started = False


def node_started(k: Kubelet, node: str) -> None:
    """The kubelet is back: deleted pods finish, the others get a new sandbox (SandboxChanged)."""
    now = k.cluster.clock.now
    for ps in _on_node(k, node):
        if not ps.node_down:
            continue
        ps.node_down = False
        if ps.terminating:
            finish_if_stopped(k, ps)
            continue
        if not ps.admitted:
            k.cluster.clock.schedule(now + 1, "kubelet.admit", [ps.uid], PRIO_CONTROL)
            continue
        if ps.terminal:
            continue
        pod = k.pod_object(ps)
        if ps.sandbox_ready:
            worker.event(k, ps, pod, "Normal", "SandboxChanged",
                         "Pod sandbox changed, it will be killed and re-created.")
            k.cluster.network.release(ps.node, ps.ip)
            ps.sandbox_ready, ps.ip = False, ""
        k.write_status(ps)
        k.cluster.clock.schedule(now + 1, "kubelet.sandbox", [ps.uid], PRIO_CONTROL)
