"""``?watch=true``: changes streamed as JSON lines, one ``{"type": ..., "object": ...}`` per change.

The semantics of kube-apiserver's watch (apiserver pkg/storage/cacher, handlers/watch.go):

* ``resourceVersion`` unset or ``0``: synthetic ADDED events for what exists, then changes;
  ``resourceVersion=N``: every change after N, or a 410 ``Expired`` ERROR event when N is older
  than what the server can replay (here: older than the sandbox's last save, see streams.py);
* label and field selectors are applied to every change: an object that starts matching comes as
  ADDED, one that stops matching as DELETED (the cacher's filterWithAttrsFunction);
* ``timeoutSeconds`` ends the stream (kubectl asks for a random 5-10 minutes and reconnects);
* with ``Accept: ...;as=Table`` each event's object is a one-row Table computed at the simulated
  instant of that change, so ``kubectl get -w`` prints the rows (and AGE) Podlab's kubectl prints.

Changes are recorded as the sandbox catches up in each turn (a store listener notes the
simulated time of each); changes made by a writer that saved since the last turn, which the
store's history no longer holds, are found by comparing what the client was sent with what is
stored, and come as one event per object that differs.
"""
from __future__ import annotations

import copy
from typing import Any

from sandbox.api import timestamps
from sandbox.api.negotiation import wants_table
from sandbox.api.reads import Call, View, present, table_rows
from sandbox.api.responses import encode
from sandbox.api.streams import Turn, look, next_wake
from sandbox.sim import errors
from sandbox.sim.apiserver import selectors
from sandbox.sim.store import WatchEvent

Key = tuple[str, str]
DEFAULT_TIMEOUT = 1800.0     # kube-apiserver's --min-request-timeout


def timeout_of(call: Call) -> float:
    try:
        value = float(call.query.get("timeoutSeconds") or DEFAULT_TIMEOUT)
    except ValueError:
        raise errors.bad_request(f'strconv.ParseInt: parsing "{call.query["timeoutSeconds"]}": '
                                 "invalid syntax") from None
    return max(0.0, value)


class Watch:
    """One watch request: its filters, what the client has been sent, and how to take a turn."""

    def __init__(self, token: str, call: Call) -> None:
        self.token, self.call = token, call
        self.served = call.target.served
        try:
            fields = call.query.get("fieldSelector", "")
            if self.served.group == "events.k8s.io":
                from sandbox.api.eventsv1 import field_selector_to_core
                fields = field_selector_to_core(fields)
            self.labels = selectors.parse_label_selector(call.query.get("labelSelector", ""))
            self.fields = selectors.parse_field_selector(fields, self.served.stored_as) if fields else None
        except selectors.SelectorError as err:
            raise errors.bad_request(str(err)) from None
        self.rv = 0
        self.sent: dict[Key, dict[str, Any]] = {}     # what the client knows, as stored objects

    def matches(self, obj: dict[str, Any]) -> bool:
        meta = obj["metadata"]
        target = self.call.target
        if target.namespace is not None and meta.get("namespace") != target.namespace:
            return False
        if target.name is not None and meta.get("name") != target.name:
            return False
        if not self.labels.matches(meta.get("labels") or {}):
            return False
        return self.fields is None or self.fields.matches_object(obj)

    # -- events ----------------------------------------------------------------------------------
    def _encode(self, view: View, kind: str, obj: dict[str, Any], at: float) -> bytes:
        obj = copy.deepcopy(obj)
        if kind == "ERROR":
            body: Any = obj
        elif wants_table(self.call.accept):
            body = table_rows(view, self.call, [obj], obj["metadata"].get("resourceVersion", ""),
                              now=view.session.cluster.epoch + at)
        else:
            body = present(self.served, obj, view)
        return encode({"type": kind, "object": body}) + b"\n"

    def _apply(self, view: View, obj: dict[str, Any], deleted: bool, at: float, emit: bool) -> bytes | None:
        """One change seen by this watch: the event to send (if any), and what was sent updated."""
        key = (obj["metadata"].get("namespace", ""), obj["metadata"]["name"])
        known = key in self.sent
        if not deleted and self.matches(obj):
            self.sent[key] = obj
            kind = "MODIFIED" if known else "ADDED"
        elif known:
            previous = self.sent.pop(key)
            kind = "DELETED"
            if not deleted:
                # It no longer matches: the cacher sends the previous content with the new
                # resourceVersion (storage/cacher convertToWatchEvent).
                obj = {**previous, "metadata": {**previous["metadata"],
                                                "resourceVersion": obj["metadata"].get("resourceVersion", "")}}
        else:
            return None
        return self._encode(view, kind, obj, at) if emit else None

    def _replay(self, view: View, events: list[WatchEvent], times: dict[int, float],
                emit_after: int) -> list[bytes]:
        chunks = []
        for event in events:
            if event.resource != self.served.stored_as:
                continue
            at = times.get(event.resource_version, view.session.cluster.now)
            chunk = self._apply(view, event.object, event.type == "DELETED", at, event.resource_version > emit_after)
            if chunk:
                chunks.append(chunk)
        return chunks

    def _differences(self, view: View, stored: dict[Key, dict[str, Any]], at: float, rv: int) -> list[bytes]:
        """Events for what changed while this watch could not see the history (a save by another
        writer since its last turn): one per object that differs from what was sent, in the order
        they were written (resourceVersion), as kube-apiserver sends them; deletions last."""
        def written(key: Key) -> tuple[int, Key]:
            obj = stored.get(key)
            return (int(obj["metadata"].get("resourceVersion") or 0) if obj is not None else rv + 1, key)

        chunks = []
        for key in sorted(set(self.sent) | set(stored), key=written):
            now, before = stored.get(key), self.sent.get(key)
            if now is not None and before is not None and now == before:
                continue
            if now is None:
                assert before is not None
                final = {**before, "metadata": {**before["metadata"], "resourceVersion": str(rv)}}
                chunk = self._apply(view, final, True, at, True)
            else:
                chunk = self._apply(view, now, False, at, True)
            if chunk:
                chunks.append(chunk)
        return chunks

    # -- turns -----------------------------------------------------------------------------------
    def turn(self, wall: float, first: bool = False) -> Turn:
        def matching(session: Any) -> dict[Key, dict[str, Any]]:
            return {(o["metadata"].get("namespace", ""), o["metadata"]["name"]): o
                    for o in session.cluster.store.list(self.served.stored_as) if self.matches(o)}

        with look(self.token, wall, matching) as (seen, stored):
            cluster = seen.session.cluster
            view = View(seen.session, timestamps.offset_seconds(cluster.epoch, cluster.now, wall))
            args = (view, stored, seen.changes(), seen.times, seen.loaded_rv, seen.loaded_at)
            chunks, done = self._first(*args) if first else (self._next(*args), False)
            self.rv = max(self.rv, cluster.store.rv)
        return Turn(chunks, done=done, wake_wall=next_wake(seen.session), seen=seen.seen)

    def _first(self, view: View, stored: dict[Key, dict[str, Any]], history: list[WatchEvent],
               times: dict[int, float], loaded: int, loaded_at: float) -> tuple[list[bytes], bool]:
        """The first turn's events, and whether the watch is over already (410 Expired)."""
        wanted = self.call.query.get("resourceVersion", "")
        if wanted in ("", "0"):
            self.sent = {}
            chunks = [c for c in (self._apply(view, obj, False, loaded_at, True) for obj in stored.values()) if c]
            chunks += self._replay(view, history, times, loaded)
            if self.call.flag("sendInitialEvents") and self.call.flag("allowWatchBookmarks"):
                chunks.append(encode({"type": "BOOKMARK", "object": {
                    "kind": self.served.kind, "apiVersion": self.served.group_version,
                    "metadata": {"resourceVersion": str(view.session.cluster.store.rv),
                                 "annotations": {"k8s.io/initial-events-end": "true"}}}}) + b"\n")
            return chunks, False
        try:
            since = int(wanted)
        except ValueError:
            raise errors.bad_request(f'strconv.ParseUint: parsing "{wanted}": invalid syntax') from None
        if since < loaded:
            status = errors.gone(f"too old resource version: {since} ({loaded})").status()
            return [self._encode(view, "ERROR", status, loaded_at)], True
        self.sent = dict(stored)
        return self._replay(view, history, times, since), False

    def _next(self, view: View, stored: dict[Key, dict[str, Any]], history: list[WatchEvent],
              times: dict[int, float], loaded: int, loaded_at: float) -> list[bytes]:
        if self.rv >= loaded and view.session.cluster.store.rv >= self.rv:
            return self._replay(view, [e for e in history if e.resource_version > self.rv], times, self.rv)
        return self._differences(view, stored, loaded_at, loaded) + self._replay(view, history, times, loaded)
