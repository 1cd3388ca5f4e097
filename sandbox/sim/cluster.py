"""One learner's simulated cluster: the store, the clock, the controllers, and their state as JSON.

``Cluster.default(seed)`` builds the default cluster of the conformance README (a tainted
``controlplane``, workers ``node01`` and ``node02``, the four default namespaces). Time only moves
when the caller says so: ``advance_to(t)`` runs every timer due up to ``t``; ``next_due()`` tells
when something happens next. The Kubernetes API is ``cluster.api`` (server.py).
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from . import routing
from .catalogue import Catalogue, default_catalogue
from .clock import PRIO_CONTROL, PRIO_STATUS, Clock
from .events import EVENT_TTL, EventRecorder
from .ids import Ids
from .jsoncopy import copy_json
from .kubelet import Kubelet
from .network import Network
from .nodes import DEFAULT_NODES, NodeController, node_object
from .scheduler import Scheduler
from .server import ApiServer
from .store import Store
from .timefmt import DEFAULT_EPOCH, parse_rfc3339, rfc3339

FORMAT_VERSION = 1
MAX_TIMERS_PER_ADVANCE = 2_000_000
FAULTS = ("node-stop", "node-start")      # what a lesson's setup may do to a node at an instant
DEFAULT_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")
KNOWN_REGISTRIES = ("docker.io", "registry.k8s.io", "gcr.io", "ghcr.io", "quay.io", "mcr.microsoft.com",
                    "public.ecr.aws", "k8s.gcr.io")
CA_CERT = ("-----BEGIN CERTIFICATE-----\n"
           "UG9kbGFiIHNpbXVsYXRlZCBjbHVzdGVyIENBIChub3QgYSByZWFsIGNlcnRpZmljYXRlKQ==\n"
           "-----END CERTIFICATE-----\n")


class Cluster:
    def __init__(self, seed: int = 1, *, epoch: float = DEFAULT_EPOCH, profile: str = "classic",
                 extra_images: Iterable[Mapping[str, Any]] = ()) -> None:
        self.seed = seed
        self.epoch = float(epoch)
        self.profile = profile
        self.extra_images = [dict(i) for i in extra_images]
        self.catalogue: Catalogue = default_catalogue().with_images(self.extra_images) \
            if self.extra_images else default_catalogue()
        self.clock = Clock()
        self.store = Store()
        self.ids = Ids.seeded(seed)
        self.events = EventRecorder()
        self.network = Network()
        self.node_images: dict[str, set[str]] = {}
        self.orphans: dict[str, dict[str, Any]] = {}
        self.ca_cert = CA_CERT
        self.scheduler = Scheduler(self)
        self.scheduler.attach(self.store)
        self.kubelet = Kubelet(self)
        self.nodes = NodeController(self)
        self.api = ApiServer(self)
        self.handlers: dict[str, Callable[..., None]] = {
            **self.scheduler.handlers(), **self.kubelet.handlers(), **self.nodes.handlers(),
            **self.api.handlers(), "events.expire": self._expire_event, "lab.fault": self._fault,
        }

    @classmethod
    def default(cls, seed: int = 1, **kwargs: Any) -> Cluster:
        cluster = cls(seed, **kwargs)
        for name in DEFAULT_NAMESPACES:
            cluster.store.create("namespaces", {
                "apiVersion": "v1", "kind": "Namespace",
                "metadata": {**cluster.new_metadata(name, ""), "labels": {"kubernetes.io/metadata.name": name}},
                "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}})
        preloaded = set(cluster.catalogue.preloaded_refs())
        for name, ip, cidr, control_plane in DEFAULT_NODES:
            cluster.store.create("nodes", node_object(cluster, name, ip, cidr, control_plane))
            cluster.network.add_node(name, cidr)
            cluster.node_images[name] = set(preloaded)
        return cluster

    # -- helpers for the controllers -------------------------------------------------------------
    def new_metadata(self, name: str, namespace: str) -> dict[str, Any]:
        meta: dict[str, Any] = {"creationTimestamp": rfc3339(self.epoch + self.clock.now), "name": name}
        if namespace:
            meta["namespace"] = namespace
        meta["uid"] = self.ids.uid()
        return meta

    def now_rfc3339(self) -> str:
        return rfc3339(self.epoch + self.clock.now)

    @staticmethod
    def node_ip(node: dict[str, Any]) -> str:
        for a in node["status"].get("addresses", []):
            if a["type"] == "InternalIP":
                return a["address"]
        return ""

    def node_is_down(self, name: str) -> bool:
        return name in self.nodes.down

    def known_registries(self) -> tuple[str, ...]:
        return KNOWN_REGISTRIES

    def schedule_event_expiry(self, namespace: str, name: str, now: float) -> None:
        self.clock.schedule(now + EVENT_TTL, "events.expire", [namespace, name], PRIO_STATUS)

    def _expire_event(self, namespace: str, name: str) -> None:
        """One timer per event: at its TTL, an event updated since gets a new timer instead."""
        event = self.store.get("events", namespace, name)
        if event is None:
            return
        last = event.get("lastTimestamp") or (event.get("series") or {}).get("lastObservedTime") \
            or event.get("eventTime")
        age = self.epoch + self.clock.now - parse_rfc3339(last) if last else EVENT_TTL
        if age >= EVENT_TTL - 1:
            self.store.delete("events", namespace, name)
        else:
            self.schedule_event_expiry(namespace, name, self.clock.now - age)

    def finish_deletion(self, namespace: str, name: str, uid: str) -> None:
        """The kubelet is done with a deleted pod: the object goes (unless finalizers hold it)."""
        pod = self.store.get("pods", namespace, name)
        if pod is None or pod["metadata"]["uid"] != uid:
            return
        if pod["metadata"].get("finalizers"):
            return
        self.store.delete("pods", namespace, name)
        self.scheduler.retry_pending()
        self.api.namespace_maybe_done(namespace)

    def delete_pod(self, namespace: str, name: str, grace_period: int | None) -> dict[str, Any]:
        return self.api.delete("pods", namespace, name, grace_period=grace_period)

    # -- the network, from the points of view of a pod, the kubelet and the control plane --------
    def http_from_pod(self, ps: Any, method: str, url: str, headers: list[tuple[str, str]], body: str) -> Any:
        return routing.http_url(self, method, url, headers, body, client_ip=ps.ip, own=ps)

    def tcp_from_pod(self, ps: Any, host: str, port: int) -> Any:
        return routing.tcp(self, host, port, own=ps)

    def http_from_kubelet(self, request: Any) -> Any:
        return routing.http(self, request)

    def tcp_from_kubelet(self, host: str, port: int) -> Any:
        return routing.tcp(self, host, port)

    def http(self, method: str, url: str, headers: list[tuple[str, str]] | None = None, body: str = "") -> Any:
        """A request from the control-plane host, where the learner's shell runs (curl)."""
        node = self.store.get("nodes", "", "controlplane")
        client = self.node_ip(node) if node else "172.18.0.1"
        return routing.http_url(self, method, url, headers or [], body, client_ip=client)

    # -- time ------------------------------------------------------------------------------------
    @property
    def now(self) -> float:
        return self.clock.now

    def next_due(self) -> float | None:
        return self.clock.next_due()

    def advance_to(self, t: float) -> None:
        """Run every timer due at or before ``t`` in order, then stand at ``t``."""
        for _ in range(MAX_TIMERS_PER_ADVANCE):
            timer = self.clock.pop_due(t)
            if timer is None:
                break
            _, _, _, action, args = timer
            self.handlers[action](*args)
        else:
            raise RuntimeError("the simulation did not settle: too many timers at one instant")
        if t > self.clock.now:
            self.clock.now = t

    def advance(self, seconds: float) -> None:
        self.advance_to(self.clock.now + seconds)

    # -- nodes -----------------------------------------------------------------------------------
    def node_stop(self, name: str) -> None:
        self.nodes.stop(name)

    def node_start(self, name: str) -> None:
        self.nodes.start(name)

    # -- faults a lesson schedules (lessons/runner.py) ----------------------------------------------
    def schedule_fault(self, at: float, action: str, node: str) -> None:
        """``action`` on ``node`` at simulated instant ``at``: a timer of plain data, so a sandbox
        with faults still pending serialises like any other (as ``lab node stop`` would, later)."""
        if action not in FAULTS:
            raise ValueError(f"unknown fault {action!r}: expected one of {', '.join(FAULTS)}")
        self.clock.schedule(at, "lab.fault", [action, node], PRIO_CONTROL)

    def _fault(self, action: str, node: str) -> None:
        if self.store.get("nodes", "", node) is None:
            return                                  # the node was deleted meanwhile: nothing to power
        if action == "node-stop":
            self.node_stop(node)
        else:
            self.node_start(node)

    # -- persistence -----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The whole cluster as plain data; ``Cluster.from_json`` gives back an identical one."""
        return {
            "version": FORMAT_VERSION, "seed": self.seed, "epoch": self.epoch, "profile": self.profile,
            "extraImages": self.extra_images,
            "clock": self.clock.to_json(), "ids": self.ids.to_json(), "store": self.store.to_json(),
            "events": self.events.to_json(), "network": self.network.to_json(),
            "nodeImages": {n: sorted(v) for n, v in sorted(self.node_images.items())},
            "orphans": {k: self.orphans[k] for k in sorted(self.orphans)},
            "kubelet": self.kubelet.to_json(), "scheduler": dict(sorted(self.scheduler.queued.items())),
            "nodes": self.nodes.to_json(), "api": self.api.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cluster:
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"unsupported cluster format version: {data.get('version')!r}")
        cluster = cls(int(data["seed"]), epoch=float(data["epoch"]), profile=str(data["profile"]),
                      extra_images=data.get("extraImages") or ())
        cluster.clock = Clock.from_json(data["clock"])
        cluster.ids = Ids.from_json(data["ids"])
        cluster.store = Store.from_json(data["store"])
        cluster.scheduler.attach(cluster.store)
        cluster.events = EventRecorder.from_json(data["events"])
        cluster.network = Network.from_json(data["network"])
        cluster.node_images = {n: set(v) for n, v in data["nodeImages"].items()}
        cluster.orphans = dict(data["orphans"])
        cluster.kubelet.load(copy_json(data["kubelet"]))
        cluster.scheduler.queued = {k: float(v) for k, v in data["scheduler"].items()}
        cluster.nodes.load(data["nodes"])
        cluster.api.load(data["api"])
        return cluster
