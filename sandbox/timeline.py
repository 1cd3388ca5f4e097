"""The timeline picture's data: one band per pod over simulated time, coloured by its state.

Recorded, not reconstructed. A pod's status keeps only its latest transitions (one
``lastState``, one ``lastTransitionTime`` per condition) and Events are aggregated into counts, so
a band cannot be rebuilt afterwards from what the store holds. Instead the outer ring listens to
the store's watch events while it runs a sandbox (live.py ``run_on_sandbox``): each pod change is
classified at the simulated instant it happens (``cluster.now`` inside the listener), a rise of a
pod's restart count marks a restart, and each new count of an ``Unhealthy`` Event marks a probe
failure. The recorded bands are saved with the sandbox (``state["web"]["timeline"]``, turns.py), so a reload or a
restarted server draws the same picture.

Changes made where nobody listened (the Kubernetes API of sandbox/api saves the session on its
own) are closed by ``reconcile``: a pod whose state differs from its band's last segment gets a new
segment at the instant of the next look, so the picture is late by at most that gap, never wrong
about the present. A cluster that went back in resourceVersion (``lab reset``) starts a new
timeline. Plain Python: no Django, no wall clock.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sandbox.sim.store import WatchEvent

# The band colours, in the order the legend shows them.
STATES = ("Pending", "Ready", "NotReady", "CrashLoopBackOff", "Terminating", "Succeeded", "Failed")
MAX_BANDS = 40           # pods kept; the oldest finished bands go first
MAX_SEGMENTS = 400       # per band: a pod flapping for hours keeps its latest changes
MAX_MARKS = 400


def pod_state(pod: dict[str, Any]) -> str:
    """The band state of a pod, in the words of the timeline's legend."""
    meta, status = pod.get("metadata", {}), pod.get("status") or {}
    if meta.get("deletionTimestamp"):
        return "Terminating"
    phase = status.get("phase") or "Pending"
    if phase in ("Succeeded", "Failed"):
        return phase
    if phase != "Running":
        return "Pending"
    for container in status.get("containerStatuses") or []:
        waiting = (container.get("state") or {}).get("waiting") or {}
        if waiting.get("reason") == "CrashLoopBackOff":
            return "CrashLoopBackOff"
    ready = any(c.get("type") == "Ready" and c.get("status") == "True" for c in status.get("conditions") or [])
    return "Ready" if ready else "NotReady"


def restart_count(pod: dict[str, Any]) -> int:
    status = pod.get("status") or {}
    return sum(int(c.get("restartCount") or 0)
               for c in (status.get("containerStatuses") or []) + (status.get("initContainerStatuses") or []))


class Timeline:
    def __init__(self, bands: dict[str, dict[str, Any]] | None = None, probes: dict[str, int] | None = None,
                 rv: int = 0) -> None:
        self.bands: dict[str, dict[str, Any]] = bands or {}   # pod uid -> band
        self.probes: dict[str, int] = probes or {}            # Unhealthy Event name -> count seen
        self.rv = rv                                          # the store's resourceVersion last seen

    # -- recording -----------------------------------------------------------------------------
    def attach(self, cluster: Any) -> Callable[[], None]:
        """Listen to ``cluster``'s store; returns the function that stops listening."""
        if cluster.store.rv < self.rv:      # a fresh cluster (lab reset): a fresh picture
            self.reset()
        return cluster.store.subscribe(lambda event: self.observe(event, cluster.now))

    def reset(self) -> None:
        self.bands, self.probes, self.rv = {}, {}, 0

    def observe(self, event: WatchEvent, now: float) -> None:
        self.rv = max(self.rv, event.resource_version)
        if event.resource == "pods":
            self._pod(event.object, now, deleted=event.type == "DELETED")
        elif event.resource == "events" and event.type != "DELETED":
            self._event(event.object, now)

    def reconcile(self, cluster: Any) -> None:
        """Bring every band up to the pods as they are now (see the module's docstring)."""
        now = cluster.now
        alive = set()
        for pod in cluster.store.list("pods"):
            alive.add(pod["metadata"].get("uid", ""))
            self._pod(pod, now, deleted=False)
        for uid, band in self.bands.items():
            if band["end"] is None and uid not in alive:
                band["end"] = now
        events = {e["metadata"]["name"] for e in cluster.store.list("events")}
        self.probes = {k: v for k, v in self.probes.items() if k in events}
        self.rv = max(self.rv, cluster.store.rv)

    def _pod(self, pod: dict[str, Any], now: float, *, deleted: bool) -> None:
        meta = pod["metadata"]
        uid = meta.get("uid", "")
        band = self.bands.get(uid)
        if band is None:
            if deleted:
                return
            band = self.bands[uid] = {"uid": uid, "name": meta["name"], "namespace": meta.get("namespace", ""),
                                      "start": now, "end": None, "segments": [], "marks": [],
                                      "restarts": restart_count(pod)}
            self._trim()
        if band["end"] is not None:
            return
        state = pod_state(pod)
        segments = band["segments"]
        if not segments or segments[-1][1] != state:
            if segments and segments[-1][0] == now:
                segments[-1] = [now, state]      # two changes at one instant: the later one counts
                if len(segments) > 1 and segments[-2][1] == state:
                    segments.pop()
            else:
                segments.append([now, state])
            del segments[:-MAX_SEGMENTS]
        restarts = restart_count(pod)
        if restarts > band["restarts"]:
            self._mark(band, now, "restart", f"restart {restarts}")
        band["restarts"] = restarts
        if deleted:
            band["end"] = now

    def _event(self, event: dict[str, Any], now: float) -> None:
        if event.get("reason") != "Unhealthy":
            return
        involved = event.get("involvedObject") or {}
        band = self.bands.get(involved.get("uid", ""))
        key = event["metadata"]["name"]
        count = int(event.get("count") or 1)
        if band is not None and count > self.probes.get(key, 0):
            self._mark(band, now, "probe", str(event.get("message", "")))
        self.probes[key] = count

    def _mark(self, band: dict[str, Any], now: float, kind: str, text: str) -> None:
        band["marks"].append([now, kind, text[:200]])
        del band["marks"][:-MAX_MARKS]

    def _trim(self) -> None:
        if len(self.bands) <= MAX_BANDS:
            return
        finished = sorted((b for b in self.bands.values() if b["end"] is not None), key=lambda b: b["end"])
        for band in finished[:len(self.bands) - MAX_BANDS]:
            del self.bands[band["uid"]]

    # -- persistence ---------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """A snapshot: the timeline goes on changing its bands in place (a runner keeps it from
        turn to turn, sandbox/hot.py) and the snapshot must not follow."""
        return {"bands": self.snapshot(), "probes": dict(self.probes), "rv": self.rv}

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """A copy of the bands that does not follow their changes. A band's segments and marks
        (``[t, state]``, ``[t, kind, text]``) are replaced, never changed in place, so the copy
        shares them: a pod crash-looping for hours has hundreds, and every turn takes a snapshot
        for the saved state and one for the cluster view."""
        return {uid: {**band, "segments": list(band["segments"]), "marks": list(band["marks"])}
                for uid, band in self.bands.items()}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Timeline:
        if not data:
            return cls()
        return cls({uid: dict(band) for uid, band in data.get("bands", {}).items()},
                   dict(data.get("probes", {})), int(data.get("rv", 0)))
