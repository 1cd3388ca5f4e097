"""What the cluster view draws, as plain data: a snapshot, and the delta between two snapshots.

``cluster_view`` reads a session's cluster into cards keyed by name: nodes, pods (phase, READY,
RESTARTS, each container's state and reason, probe results), the latest events, and the timeline
bands (timeline.py). ``snapshot_frame`` is enough to draw everything; ``delta_frame`` carries only
the cards that changed or went away, so only changes travel (the issue's "Only changes travel").
Deltas are computed by diffing views rather than from the store's watch history because a saved
store keeps no history (sim/store.py ``from_json``) and another process may have changed the
sandbox in between: a diff is right whatever happened. Times are simulated seconds (the cluster's
``now``); ``epoch`` turns them into wall-clock dates. Plain Python: no Django, no wall clock.
"""
from __future__ import annotations

from typing import Any

from sandbox.kubectl.printers.nodes import node_roles, node_status
from sandbox.kubectl.printers.pods import summarize_pod
from sandbox.sim.timefmt import parse_rfc3339
from sandbox.timeline import Timeline, pod_state

SECTIONS = ("nodes", "pods", "events", "bands")
MAX_EVENTS = 40
View = dict[str, Any]


def cluster_view(session: Any, timeline: Timeline) -> View:
    cluster = session.cluster
    epoch = cluster.epoch

    def sim_time(stamp: str | None) -> float | None:
        return None if not stamp else round(parse_rfc3339(stamp) - epoch, 3)

    nodes = {n["metadata"]["name"]: _node(n, cluster) for n in cluster.store.list("nodes")}
    pods = {}
    for pod in cluster.store.list("pods"):
        card = _pod(pod, cluster, sim_time)
        pods[card["key"]] = card
    events = sorted(cluster.store.list("events"),
                    key=lambda e: (e.get("lastTimestamp") or e.get("eventTime") or "", e["metadata"]["name"]))
    return {
        "now": cluster.now, "epoch": epoch,
        "nodes": nodes, "pods": pods,
        "events": {e["metadata"]["name"]: _event(e, sim_time) for e in events[-MAX_EVENTS:]},
        "bands": timeline.snapshot(),           # a copy: the timeline changes its bands in place
    }


def _node(node: dict[str, Any], cluster: Any) -> dict[str, Any]:
    name = node["metadata"]["name"]
    addresses = node.get("status", {}).get("addresses") or []
    return {"key": name, "name": name, "status": node_status(node), "roles": node_roles(node),
            "ip": next((a["address"] for a in addresses if a.get("type") == "InternalIP"), ""),
            "down": cluster.node_is_down(name)}


def _pod(pod: dict[str, Any], cluster: Any, sim_time: Any) -> dict[str, Any]:
    meta, spec, status = pod["metadata"], pod.get("spec") or {}, pod.get("status") or {}
    summary = summarize_pod(pod)
    namespace = meta.get("namespace", "default")
    statuses = {c["name"]: c for c in status.get("containerStatuses") or []}
    probes = _probe_results(cluster, meta.get("uid", ""))
    containers = [_container(c, statuses.get(c["name"]), probes.get(c["name"], {}), sim_time)
                  for c in spec.get("containers") or []]
    return {
        "key": f"{namespace}/{meta['name']}", "name": meta["name"], "namespace": namespace, "uid": meta.get("uid", ""),
        "node": spec.get("nodeName", ""), "phase": status.get("phase", "Pending"), "status": summary.status,
        "state": pod_state(pod), "ready": summary.ready_text(), "restarts": summary.restarts,
        "ip": status.get("podIP", ""), "created": sim_time(meta.get("creationTimestamp")),
        "deleting": bool(meta.get("deletionTimestamp")), "containers": containers,
    }


def _container(spec: dict[str, Any], status: dict[str, Any] | None, probes: dict[str, str],
               sim_time: Any) -> dict[str, Any]:
    status = status or {}
    state, detail = "waiting", {}
    for kind in ("running", "terminated", "waiting"):
        if kind in (status.get("state") or {}):
            state, detail = kind, status["state"][kind] or {}
            break
    results = [{"kind": kind, "result": probes.get(kind, "Unknown")}
               for kind in ("startup", "liveness", "readiness") if f"{kind}Probe" in spec]
    return {"name": spec["name"], "image": spec.get("image", ""), "state": state,
            "reason": detail.get("reason", "ContainerCreating" if not status else ""),
            "exitCode": detail.get("exitCode"), "since": sim_time(detail.get("startedAt")),
            "ready": bool(status.get("ready")), "restarts": int(status.get("restartCount") or 0),
            "probes": results}


def _probe_results(cluster: Any, uid: str) -> dict[str, dict[str, str]]:
    """The kubelet's stored result per container and probe (Success, Failure, Unknown): what the
    prober manager keeps and the status only shows through ``ready`` and ``started``."""
    pod_state_ = getattr(cluster.kubelet, "pods", {}).get(uid)
    if pod_state_ is None:
        return {}
    return {name: {kind: worker.result for kind, worker in record.probes.items()}
            for name, record in pod_state_.containers.items()}


def _event(event: dict[str, Any], sim_time: Any) -> dict[str, Any]:
    involved = event.get("involvedObject") or {}
    return {"key": event["metadata"]["name"], "type": event.get("type", "Normal"), "reason": event.get("reason", ""),
            "object": f"{str(involved.get('kind', '')).lower()}/{involved.get('name', '')}",
            "message": event.get("message", ""), "count": int(event.get("count") or 1),
            "last": sim_time(event.get("lastTimestamp") or event.get("eventTime"))}


def snapshot_frame(view: View) -> dict[str, Any]:
    """Everything the cluster view draws."""
    return {"type": "cluster.snapshot", "now": view["now"], "epoch": view["epoch"],
            **{section: list(view[section].values()) for section in SECTIONS}}


def delta_frame(before: View, after: View) -> dict[str, Any] | None:
    """The cards of ``after`` that differ from ``before`` ("set") and the keys that went ("del"),
    per section; None when nothing changed."""
    frame: dict[str, Any] = {"type": "cluster.delta", "now": after["now"]}
    for section in SECTIONS:
        old, new = before[section], after[section]
        changed = [card for key, card in new.items() if old.get(key) != card]
        gone = [key for key in old if key not in new]
        if changed or gone:
            frame[section] = {"set": changed, "del": gone}
    return frame if len(frame) > 2 else None
