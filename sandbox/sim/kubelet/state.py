"""What a kubelet knows about a pod that the API does not show (spec §1, "kubelet-private state").

Every field is plain data so that the whole cluster serialises to JSON. Live helpers (a container's
file system and shell process) are rebuilt from that data by the runtime when a cluster is loaded.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from sandbox.sim.kubelet.logbuffer import LogBuffer


@dataclass(slots=True)
class Instance:
    """One container instance: what containerd keeps about a container it created."""

    number: int                    # the restartCount it carries
    container_id: str              # 64 hex digits
    image: str                     # normalised reference, e.g. docker.io/library/nginx:latest
    image_id: str                  # docker.io/library/nginx@sha256:...
    spec_image: str                # the image as the pod spec wrote it (the back-off key uses it)
    created_at: float
    started_at: float | None = None
    finished_at: float | None = None
    exit_code: int | None = None
    reason: str = ""               # Completed, Error, StartError, ContainerStatusUnknown
    message: str = ""
    proc: dict[str, Any] | None = None      # the process: {"kind": "shell"|"server", ...}
    wake_at: float | None = None            # a shell process sleeps until then
    fs: dict[str, Any] = field(default_factory=dict)   # the writable layer
    logs: LogBuffer = field(default_factory=LogBuffer)  # rows (t, stream, line[, partial]): logbuffer.py
    log_bytes: int = 0
    stopping: dict[str, Any] | None = None  # {"why", "signal_at", "deadline", "restart", "ref"}
    next_pid: int = 2

    @property
    def running(self) -> bool:
        return self.started_at is not None and self.finished_at is None

    @property
    def exited(self) -> bool:
        return self.finished_at is not None


@dataclass(slots=True)
class ProbeWorker:
    """One prober worker (pkg/kubelet/prober/worker.go) for a (container, probe type)."""

    kind: str                      # liveness | readiness | startup
    result: str                    # Success | Failure | Unknown: the stored result
    last: str = ""                 # the last raw result, for counting runs
    run: int = 0                   # consecutive identical raw results
    on_hold: bool = False
    instance: int = -1             # the instance this worker's schedule belongs to


@dataclass(slots=True)
class ContainerRecord:
    """A container of the pod: its instances and the kubelet's caches about it."""

    name: str
    init: bool = False
    sidecar: bool = False
    instances: list[Instance] = field(default_factory=list)   # oldest first; at most two kept
    waiting_reason: str = ""       # the reason cache: ErrImagePull, CrashLoopBackOff ...
    waiting_message: str = ""
    waiting_from: float = 0.0      # a back-off decided at an exit shows from the next second
    image_ref: str = ""            # normalised reference once the image is known on the node
    image_id: str = ""
    started: bool = False          # startup probe passed (or none)
    ready: bool = False            # readiness result Success (or none)
    probes: dict[str, ProbeWorker] = field(default_factory=dict)

    @property
    def newest(self) -> Instance | None:
        return self.instances[-1] if self.instances else None

    @property
    def previous(self) -> Instance | None:
        return self.instances[-2] if len(self.instances) > 1 else None


@dataclass(slots=True)
class PodState:
    uid: str
    namespace: str
    name: str
    node: str
    admitted: bool = False
    sandbox_ready: bool = False
    sandbox_id: str = ""
    ip: str = ""
    containers: dict[str, ContainerRecord] = field(default_factory=dict)
    crash_backoff: dict[str, list[float]] = field(default_factory=dict)   # key -> [delay, lastUpdate]
    pull_backoff: dict[str, list[float]] = field(default_factory=dict)    # image -> [delay, lastUpdate]
    plan: list[str] = field(default_factory=list)       # containers still to start in this sync
    pulling: dict[str, Any] | None = None               # {"container", "image", "started", "ok"}
    resync: bool = False                                 # a sync was asked for while busy
    syncs: list[float] = field(default_factory=list)    # instants a sync is queued for
    terminating: bool = False                            # deletion seen by the kubelet
    orphaned: bool = False                               # the API object is gone (force delete)
    terminal: bool = False                               # phase Succeeded/Failed reached
    removal_at: float | None = None
    node_down: bool = False                              # the node stopped: nothing runs
    emptydirs: dict[str, Any] = field(default_factory=dict)   # volume name -> Volume JSON

    def container(self, name: str) -> ContainerRecord:
        return self.containers[name]

    def to_json(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PodState:
        data = dict(data)
        containers = {}
        for name, c in data.pop("containers").items():
            c = dict(c)
            instances = [Instance(**{**i, "logs": LogBuffer.from_json(i.get("logs"))}) for i in c.pop("instances")]
            probes = {k: ProbeWorker(**p) for k, p in c.pop("probes").items()}
            containers[name] = ContainerRecord(instances=instances, probes=probes, **c)
        return cls(containers=containers, **data)


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` for this module's records, several times faster: the same result
    (fields in order, containers copied), without asdict's generic deep copy of every leaf."""
    kind = type(value)
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    if kind is list:
        return [_plain(v) for v in value]
    if kind in (str, int, float, bool) or value is None:
        return value
    fields = getattr(kind, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    if kind is tuple:
        return tuple(_plain(v) for v in value)
    if kind is LogBuffer:
        return value.to_json()
    return copy.deepcopy(value)
