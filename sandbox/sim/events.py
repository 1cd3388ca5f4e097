"""The event recorder: how the kubelet and the scheduler write Events (spec §10).

Imitates client-go tools/record (events_cache.go): an identical event bumps ``count`` and
``lastTimestamp`` of the first one (dedup); more than 10 distinct messages with the same source,
object, type and reason within 600 s collapse into ``(combined from similar events): <msg>``.
The per-object spam filter (burst 25, one per 300 s) is left out, as the spec allows.
The scheduler writes through the events.k8s.io API: its events carry ``eventTime``, ``action``
and reporting fields, and no first/last timestamps (which is why describe sorts them first).
Events expire one hour after their last update (kube-apiserver's --event-ttl).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .timefmt import rfc3339, rfc3339_micro

if TYPE_CHECKING:
    from .cluster import Cluster

EVENT_TTL = 3600.0
AGGREGATE_MAX = 10
AGGREGATE_INTERVAL = 600.0
CACHE_ENTRIES = 4096          # client-go's maxLruCacheEntries


def _digest(*parts: str) -> str:
    """Cache keys are hashed: the caches are saved with the cluster, and short keys keep it small."""
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=10).hexdigest()


def _bound(cache: dict[str, Any]) -> None:
    while len(cache) > CACHE_ENTRIES:
        del cache[next(iter(cache))]


def object_ref(obj: dict[str, Any], field_path: str = "") -> dict[str, Any]:
    """reference.GetReference(obj), plus the container's fieldPath when there is one."""
    meta = obj["metadata"]
    ref: dict[str, Any] = {"apiVersion": obj.get("apiVersion", "v1"), "kind": obj.get("kind", "Pod"),
                           "name": meta["name"]}
    if meta.get("namespace"):
        ref["namespace"] = meta["namespace"]
    if meta.get("resourceVersion"):
        ref["resourceVersion"] = meta["resourceVersion"]
    if meta.get("uid"):
        ref["uid"] = meta["uid"]
    if field_path:
        ref["fieldPath"] = field_path
    return ref


@dataclass(slots=True)
class EventRecorder:
    """The correlator caches, kept as plain data so a cluster serialises with them."""

    seen: dict[str, list[Any]] = field(default_factory=dict)        # dedup key -> [name, count, first]
    similar: dict[str, list[Any]] = field(default_factory=dict)     # aggregate key -> [last, sorted msgs]
    instant: list[float] = field(default_factory=lambda: [-1.0, 0])  # [now, events created at now]

    def _name(self, cluster: Cluster, involved_name: str) -> str:
        # client-go names events "<object>.<hex UnixNano>"; simulated instants repeat, so events
        # created at the same instant are spread over microseconds to stay unique and ordered.
        now = cluster.clock.now
        if self.instant[0] != now:
            self.instant[0], self.instant[1] = now, 0
        self.instant[1] += 1
        nanos = int(round((cluster.epoch + now) * 1e9)) + int(self.instant[1]) * 1000
        return f"{involved_name}.{nanos:x}"

    def record(self, cluster: Cluster, obj: dict[str, Any], etype: str, reason: str, message: str,
               *, component: str = "kubelet", host: str = "", field_path: str = "") -> None:
        """Record a core/v1 event from ``component`` (kubelet, node-controller ...)."""
        ref = object_ref(obj, field_path)
        source = {"component": component}
        if host:
            source["host"] = host
        # EventAggregatorByReasonFunc groups by source, object (without fieldPath), type, reason.
        agg_key = _digest(component, host, ref["kind"], ref.get("namespace", ""), ref["name"],
                          ref.get("uid", ""), ref["apiVersion"], etype, reason)
        now = cluster.clock.now
        record = self.similar.get(agg_key)
        if record is None or now - record[0] > AGGREGATE_INTERVAL:
            record = [now, []]
        if message not in record[1]:
            record[1] = sorted(record[1] + [message])
        record[0] = now
        self.similar[agg_key] = record
        key = _digest(agg_key, ref.get("fieldPath", ""), message)      # getEventKey
        reporting = {"reportingComponent": component, "reportingInstance": host}
        if len(record[1]) >= AGGREGATE_MAX:
            record[1] = record[1][1:]            # PopAny, made deterministic
            message = "(combined from similar events): " + message
            key = agg_key
            reporting = {"reportingComponent": "", "reportingInstance": ""}
        ts = rfc3339(cluster.epoch + now)
        namespace = ref.get("namespace", "default")
        seen = self.seen.get(key)
        if seen is not None:
            existing = cluster.store.get("events", namespace, seen[0])
            if existing is not None:
                seen[1] += 1
                updated = {**existing, "count": seen[1], "lastTimestamp": ts, "message": message}
                cluster.store.replace("events", updated)
                return
        name = self._name(cluster, ref["name"])
        event = {
            "apiVersion": "v1", "kind": "Event",
            "metadata": cluster.new_metadata(name, namespace),
            "involvedObject": ref, "reason": reason, "message": message, "source": source,
            "firstTimestamp": ts, "lastTimestamp": ts, "count": 1, "type": etype,
            "eventTime": None, **reporting,
        }
        cluster.store.create("events", event)
        self.seen[key] = [name, 1, ts]
        _bound(self.seen)
        _bound(self.similar)
        cluster.schedule_event_expiry(namespace, name, now)

    def record_scheduler(self, cluster: Cluster, pod: dict[str, Any], etype: str, reason: str,
                         message: str, action: str) -> None:
        """An events.k8s.io/v1 event from the scheduler, as the core/v1 API shows it. A repeat
        within 6 minutes becomes a ``series`` (client-go tools/events: isomorphic events)."""
        now = cluster.clock.now
        namespace = pod["metadata"]["namespace"]
        key = _digest("scheduler", pod["metadata"].get("uid", ""), etype, reason, message, action)
        seen = self.seen.get(key)
        if seen is not None and now - seen[2] <= 360:
            existing = cluster.store.get("events", namespace, seen[0])
            if existing is not None:
                seen[1] += 1
                seen[2] = now
                updated = {**existing, "series": {"count": seen[1],
                                                  "lastObservedTime": rfc3339_micro(cluster.epoch + now)}}
                cluster.store.replace("events", updated)
                return
        name = self._name(cluster, pod["metadata"]["name"])
        event = {
            "apiVersion": "v1", "kind": "Event",
            "metadata": cluster.new_metadata(name, namespace),
            "involvedObject": object_ref(pod), "reason": reason, "message": message,
            "source": {}, "firstTimestamp": None, "lastTimestamp": None, "type": etype,
            "eventTime": rfc3339_micro(cluster.epoch + now), "action": action,
            "reportingComponent": "default-scheduler",
            "reportingInstance": "default-scheduler-controlplane",
        }
        cluster.store.create("events", event)
        self.seen[key] = [name, 1, now]
        _bound(self.seen)
        cluster.schedule_event_expiry(namespace, name, now)

    def to_json(self) -> dict[str, Any]:
        return {"seen": {k: list(v) for k, v in self.seen.items()},
                "similar": {k: [v[0], list(v[1])] for k, v in self.similar.items()},
                "instant": list(self.instant)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventRecorder:
        return cls(seen={k: list(v) for k, v in data["seen"].items()},
                   similar={k: [v[0], list(v[1])] for k, v in data["similar"].items()},
                   instant=list(data["instant"]))
