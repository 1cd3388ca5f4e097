"""The object store: what etcd and the API server's storage layer are to a real cluster.

Objects are dicts in the API's JSON shape. A stored object is never mutated: every write stores a
new dict (sharing unchanged sub-dicts), so watch events can keep references instead of copies, and
a reader holding an old version keeps seeing that version. Callers outside the simulation get deep
copies from ``Cluster``; code inside ``sim/`` may read the references but must not mutate them.

resourceVersion is one counter for the whole store, as etcd's revision is. Watches are served
from a bounded history of changes; asking for a version older than the history answers 410 Gone
("too old resource version"), which makes clients relist, as with a compacted etcd.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from . import errors

# Resources the simulated API server stores, with whether they are namespaced.
NAMESPACED = {"pods": True, "events": True, "namespaces": False, "nodes": False}
HISTORY_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class WatchEvent:
    type: str            # ADDED, MODIFIED, DELETED
    resource: str
    object: dict[str, Any]
    resource_version: int


Listener = Callable[[WatchEvent], None]


def key_of(obj: dict[str, Any]) -> tuple[str, str]:
    meta = obj["metadata"]
    return meta.get("namespace", ""), meta["name"]


class Store:
    def __init__(self) -> None:
        self.rv = 0
        self.objects: dict[str, dict[tuple[str, str], dict[str, Any]]] = {r: {} for r in NAMESPACED}
        self.history: deque[WatchEvent] = deque(maxlen=HISTORY_LIMIT)
        self.oldest_rv = 0          # watches from below this version are "too old"
        self.listeners: list[Listener] = []

    # -- reads -------------------------------------------------------------------------------
    def get(self, resource: str, namespace: str, name: str) -> dict[str, Any] | None:
        return self.objects[resource].get((namespace, name))

    def list(self, resource: str, namespace: str | None = None) -> list[dict[str, Any]]:
        """Objects sorted by namespace then name: the order the API server lists them in."""
        items = self.objects[resource]
        keys = sorted(k for k in items if namespace is None or k[0] == namespace)
        return [items[k] for k in keys]

    def count(self, resource: str) -> int:
        return len(self.objects[resource])

    # -- writes ------------------------------------------------------------------------------
    def _stamp(self, obj: dict[str, Any]) -> dict[str, Any]:
        self.rv += 1
        return {**obj, "metadata": {**obj["metadata"], "resourceVersion": str(self.rv)}}

    def create(self, resource: str, obj: dict[str, Any]) -> dict[str, Any]:
        key = key_of(obj)
        if key in self.objects[resource]:
            raise errors.already_exists(resource, key[1])
        stored = self._stamp(obj)
        self.objects[resource][key] = stored
        self._emit("ADDED", resource, stored)
        return stored

    def replace(self, resource: str, obj: dict[str, Any]) -> dict[str, Any]:
        """Store a new version of an existing object; a write that changes nothing is skipped,
        as the API server skips no-op updates (no new resourceVersion, no watch event)."""
        key = key_of(obj)
        old = self.objects[resource].get(key)
        if old is None:
            raise errors.not_found(resource, key[1])
        if _same_apart_from_rv(old, obj):
            return old
        stored = self._stamp(obj)
        self.objects[resource][key] = stored
        self._emit("MODIFIED", resource, stored)
        return stored

    def delete(self, resource: str, namespace: str, name: str) -> dict[str, Any]:
        old = self.objects[resource].pop((namespace, name), None)
        if old is None:
            raise errors.not_found(resource, name)
        final = self._stamp(old)
        self._emit("DELETED", resource, final)
        return final

    # -- watch -------------------------------------------------------------------------------
    def _emit(self, kind: str, resource: str, obj: dict[str, Any]) -> None:
        event = WatchEvent(kind, resource, obj, self.rv)
        if len(self.history) == self.history.maxlen:
            self.oldest_rv = self.history[0].resource_version
        self.history.append(event)
        for listener in list(self.listeners):
            listener(event)

    def events_since(self, rv: int, resources: Iterable[str] | None = None) -> list[WatchEvent]:
        """Changes after resourceVersion ``rv``; 410 Gone when the history no longer reaches it."""
        if rv < self.oldest_rv:
            raise errors.gone(f"too old resource version: {rv} ({self.oldest_rv + 1})")
        wanted = set(resources) if resources is not None else None
        return [e for e in self.history
                if e.resource_version > rv and (wanted is None or e.resource in wanted)]

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Push each change to ``listener`` as it happens; returns the unsubscribe function."""
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener) if listener in self.listeners else None

    # -- persistence -------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"rv": self.rv,
                "objects": {r: [items[k] for k in sorted(items)] for r, items in self.objects.items()}}

    def compact(self) -> None:
        """Forgets the watch history, as saving and loading does (``from_json``): a sandbox kept in
        memory between turns (sandbox/hot.py) stays what a load would give, and its history does
        not pile up to HISTORY_LIMIT old versions of its objects."""
        self.history.clear()
        self.oldest_rv = self.rv

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Store:
        store = cls()
        store.rv = int(data["rv"])
        # The watch history is not saved: a restored store starts "compacted" at its version.
        store.oldest_rv = store.rv
        for resource, items in data["objects"].items():
            store.objects[resource] = {key_of(o): o for o in items}
        return store


def _same_apart_from_rv(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a is b:
        return True
    ma, mb = a.get("metadata", {}), b.get("metadata", {})
    if {k: v for k, v in ma.items() if k != "resourceVersion"} != \
            {k: v for k, v in mb.items() if k != "resourceVersion"}:
        return False
    return all(a.get(k) == b.get(k) for k in set(a) | set(b) if k != "metadata")
