"""GET of objects and collections, as JSON, as a server-side Table or as metadata only.

Lists honour ``labelSelector``, ``fieldSelector``, ``limit`` and ``continue`` (a continue token
is the position after the last item sent, base64 JSON as kube-apiserver's is opaque base64), and
answer the store's resourceVersion. ``Accept: application/json;as=Table;g=meta.k8s.io;v=v1``
returns the Table Podlab's own kubectl prints (sandbox/kubectl/printers ``build_table``), with
each row's object as ``includeObject`` asks: ``Metadata`` (PartialObjectMetadata, the default),
``Object`` or ``None`` (apiserver pkg/registry/rest/table.go, handlers/response.go asTable).
Cells are computed at the simulated instant; the objects in them are translated to wall time.
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from sandbox.api import eventsv1, timestamps
from sandbox.api.negotiation import TABLE_CONTENT_TYPE, wants_metadata, wants_table
from sandbox.api.registry import LEASES, UNSTORED, Served, Target
from sandbox.api.responses import Reply, ok, status_error
from sandbox.kubectl.printers import build_table
from sandbox.session import Session
from sandbox.sim import errors
from sandbox.sim.timefmt import parse_rfc3339, rfc3339_micro


@dataclass(frozen=True, slots=True)
class Call:
    """One REST request, as the verbs need it."""

    method: str
    target: Target
    query: dict[str, str]
    accept: str = "application/json"
    content_type: str = ""
    body: bytes = b""

    def flag(self, name: str) -> bool:
        return self.query.get(name, "").lower() in ("true", "1")


@dataclass(frozen=True, slots=True)
class View:
    """The sandbox at one instant, as the client sees it."""

    session: Session
    offset: int                       # seconds added to every timestamp (timestamps.py)

    @property
    def unix_now(self) -> float:
        """The simulated instant, for Table cells."""
        return self.session.cluster.epoch + self.session.cluster.now


def present(served: Served, obj: dict[str, Any], view: View) -> dict[str, Any]:
    """A stored object as this endpoint shows it (its group's shape, wall-clock timestamps)."""
    shown = eventsv1.from_core(obj) if served.group == "events.k8s.io" else obj
    return timestamps.to_wall(shown, view.offset)


def lease_of(node: dict[str, Any]) -> dict[str, Any]:
    """The node's kube-node-lease Lease, as the node's kubelet would renew it."""
    name = node["metadata"]["name"]
    beats = [c["lastHeartbeatTime"] for c in (node.get("status") or {}).get("conditions") or []
             if c.get("lastHeartbeatTime")]
    spec: dict[str, Any] = {"holderIdentity": name, "leaseDurationSeconds": 40}
    if beats:
        spec["renewTime"] = rfc3339_micro(parse_rfc3339(max(beats)))
    return {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": {"name": name, "namespace": "kube-node-lease",
                         "creationTimestamp": node["metadata"].get("creationTimestamp"),
                         "uid": node["metadata"].get("uid", "")}, "spec": spec}


def fetch(view: View, target: Target) -> dict[str, Any]:
    """The stored object a path names (raises 404 the way the API does)."""
    served, api = target.served, view.session.cluster.api
    if served in UNSTORED and served is not LEASES:
        raise errors.not_found(served.plural, target.name or "")
    if served is LEASES:
        if target.namespace != "kube-node-lease":
            raise errors.not_found("leases", target.name or "", "coordination.k8s.io")
        try:
            return lease_of(api.get("nodes", "", target.name or ""))
        except errors.StatusError:
            raise errors.not_found("leases", target.name or "", "coordination.k8s.io") from None
    if served.namespaced and target.namespace is None:
        raise status_error(404, "NotFound", "the server could not find the requested resource")
    try:
        return api.get(served.stored_as, target.namespace or "", target.name or "")
    except errors.StatusError as err:
        if served.group and err.code == 404:
            raise errors.not_found(served.plural, target.name or "", served.group) from None
        raise


def get_object(view: View, call: Call) -> Reply:
    obj = fetch(view, call.target)
    if call.target.served is LEASES:
        return ok(timestamps.to_wall(obj, view.offset))
    if wants_table(call.accept):
        return table(view, call, [obj], obj["metadata"].get("resourceVersion", ""))
    shown = present(call.target.served, obj, view)
    if wants_metadata(call.accept):
        return ok(partial_metadata(shown))
    return ok(shown)


def partial_metadata(obj: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": obj.get("metadata", {})}


def selected(view: View, call: Call) -> tuple[list[dict[str, Any]], str]:
    """The stored objects a collection request selects, and the store's resourceVersion."""
    served = call.target.served
    fields = call.query.get("fieldSelector", "")
    if served.group == "events.k8s.io":
        fields = eventsv1.field_selector_to_core(fields)
    listed = view.session.cluster.api.list(served.stored_as, call.target.namespace,
                                           call.query.get("labelSelector", ""), fields)
    return listed["items"], listed["resourceVersion"]


def _page(items: list[dict[str, Any]], call: Call, rv: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """``limit``/``continue``: one page, and the list metadata that goes with it."""
    start = 0
    if call.query.get("continue"):
        try:
            token = json.loads(base64.urlsafe_b64decode(call.query["continue"].encode()))
            after = (token["ns"], token["name"])
        except (ValueError, KeyError, TypeError):
            raise errors.bad_request("continue key is not valid: illegal base64 data") from None
        start = next((i for i, o in enumerate(items)
                      if (o["metadata"].get("namespace", ""), o["metadata"]["name"]) > after), len(items))
    limit = int(call.query.get("limit") or 0) if (call.query.get("limit") or "0").isdigit() else 0
    page = items[start:start + limit] if limit > 0 else items[start:]
    meta: dict[str, Any] = {"resourceVersion": rv}
    if limit > 0 and start + limit < len(items):
        last = page[-1]["metadata"]
        token = {"ns": last.get("namespace", ""), "name": last["name"], "rv": rv}
        meta["continue"] = base64.urlsafe_b64encode(json.dumps(token).encode()).decode()
        meta["remainingItemCount"] = len(items) - start - limit
    return page, meta


def list_objects(view: View, call: Call) -> Reply:
    served = call.target.served
    if served in UNSTORED:
        meta = {"resourceVersion": str(view.session.cluster.store.rv)}
        return ok({"kind": f"{served.kind}List", "apiVersion": served.group_version, "metadata": meta, "items": []})
    items, rv = selected(view, call)
    page, meta = _page(items, call, rv)
    if wants_table(call.accept):
        return table(view, call, page, rv, meta)
    shown = [present(served, obj, view) for obj in page]
    if wants_metadata(call.accept):
        return ok({"kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1", "metadata": meta,
                   "items": [partial_metadata(o) for o in shown]})
    for obj in shown:     # items of a list carry no apiVersion/kind (the list says them)
        obj.pop("apiVersion", None)
        obj.pop("kind", None)
    return ok({"kind": f"{served.kind}List", "apiVersion": served.group_version, "metadata": meta, "items": shown})


def table_rows(view: View, call: Call, objects: list[dict[str, Any]], rv: str,
               meta: dict[str, Any] | None = None, now: float | None = None) -> dict[str, Any]:
    """The Table of ``objects`` (stored shape, copies: the rows keep them) at the simulated
    instant, or at ``now`` (Unix seconds of simulated time: when a watched change happened)."""
    served = call.target.served
    body = build_table(served.stored_as, objects, view.unix_now if now is None else now).to_dict(rv)
    if meta:
        body["metadata"] = {**body["metadata"], **{k: v for k, v in meta.items() if k != "resourceVersion"}}
    include = call.query.get("includeObject", "Metadata")
    for row, obj in zip(body["rows"], objects):
        if include == "None":
            row.pop("object", None)
        elif include == "Object":
            row["object"] = present(served, obj, view)
        else:
            row["object"] = partial_metadata(present(served, obj, view))
    return body


def table(view: View, call: Call, objects: list[dict[str, Any]], rv: str,
          meta: dict[str, Any] | None = None) -> Reply:
    return ok(table_rows(view, call, objects, rv, meta), content_type=TABLE_CONTENT_TYPE)
