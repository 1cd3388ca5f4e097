"""POST, PUT, PATCH and DELETE: the body decoded as kube-apiserver decodes it, then the
simulation's verbs (sandbox/sim/server.py).

Bodies are JSON, YAML or (for the kinds kubectl sends that way) protobuf. ``fieldValidation``
(Strict, Warn, Ignore; Warn when absent, as in 1.32) decides what unknown or duplicate fields do:
fail, come back as ``Warning`` headers that kubectl prints, or vanish
(handlers/create.go, rest.go). ``dryRun=All`` runs every stage but storage. DELETE takes
DeleteOptions from the body or the query (``gracePeriodSeconds``, ``propagationPolicy``,
``preconditions``); pods are deleted gracefully by the simulated kubelet.
"""
from __future__ import annotations

import json
from typing import Any

from sandbox.api import eventsv1, patch, protobuf, timestamps
from sandbox.api.negotiation import content_type_of
from sandbox.api.reads import Call, View, fetch, present
from sandbox.api.registry import UNSTORED, Served
from sandbox.api.responses import Reply, method_not_allowed, ok, unsupported_media_type
from sandbox.sim import errors
from sandbox.sim.apiserver import schema
from sandbox.sim.apiserver.decode import decode_request

FIELD_VALIDATION = ("Strict", "Warn", "Ignore")


def _decoder_key(served: Served) -> str:
    return "events.events.k8s.io" if served.group == "events.k8s.io" else served.plural


def _validation(call: Call) -> str:
    value = call.query.get("fieldValidation") or "Warn"
    if value not in FIELD_VALIDATION:
        raise errors.bad_request(f'fieldValidation parameter unsupported: "{value}" (must be one of Strict, '
                                 "Warn, Ignore)")
    return value


def _dry_run(call: Call) -> bool:
    value = call.query.get("dryRun", "")
    if value and value != "All":
        raise errors.bad_request(f"Invalid dry run value: {value}")
    return value == "All"


def _body(call: Call) -> Any:
    """The request body: raw JSON text (decoded by the strict decoder), or an object."""
    kind = content_type_of(call.content_type) or "application/json"
    if kind == "application/json":
        return call.body.decode("utf-8", "replace")
    if kind in ("application/yaml", "application/x-yaml"):
        import yaml

        from sandbox.kubectl.yamlreader import safe_load
        try:
            # Bytes that are not UTF-8 pass go-yaml as they are and come out of Go's JSON encoder
            # as U+FFFD (kubectl 1.32 reads such a file without complaint): replaced, not refused.
            return safe_load(call.body.decode("utf-8", "replace"))
        except yaml.YAMLError as err:
            raise errors.bad_request(f"error converting YAML to JSON: {err}") from None
    if kind == "application/vnd.kubernetes.protobuf":
        try:
            return protobuf.decode_object(call.body)
        except protobuf.ProtobufError as err:
            raise errors.bad_request(str(err)) from None
    raise unsupported_media_type(call.content_type)


def _decoded(view: View, call: Call, body: Any) -> tuple[dict[str, Any], list[str]]:
    """The object in the simulation's shape (core Events, simulated time) and the warnings."""
    served = call.target.served
    decoded = decode_request(body, resource=_decoder_key(served), field_validation=_validation(call))
    obj = timestamps.from_wall(decoded.obj, view.offset)
    if served.group == "events.k8s.io":
        obj = eventsv1.to_core(obj)
    return obj, list(decoded.warnings)


def _writable(call: Call) -> Served:
    served = call.target.served
    if served in UNSTORED:
        raise method_not_allowed(call.method.lower(), served.plural)
    if call.target.subresource == "status":
        # The simulated kubelet and node controller own status; clients only read it.
        raise method_not_allowed(call.method.lower(), f"{served.plural}/status")
    return served


def create(view: View, call: Call) -> Reply:
    served = _writable(call)
    if not call.target.is_collection:
        raise method_not_allowed("post", served.plural)
    obj, warnings = _decoded(view, call, _body(call))
    created = view.session.cluster.api.create(obj, namespace=call.target.namespace, dry_run=_dry_run(call),
                                              resource=served.stored_as)
    return ok(present(served, created, view), 201, warnings=warnings)


def _check_name(call: Call, obj: dict[str, Any]) -> None:
    name = (obj.get("metadata") or {}).get("name")
    if name != call.target.name:
        raise errors.name_mismatch(name, call.target.name)


def update(view: View, call: Call) -> Reply:
    served = _writable(call)
    obj, warnings = _decoded(view, call, _body(call))
    _check_name(call, obj)
    fetch(view, call.target)
    updated = view.session.cluster.api.update(obj, namespace=call.target.namespace, dry_run=_dry_run(call),
                                              resource=served.stored_as)
    return ok(present(served, updated, view), warnings=warnings)


def patch_object(view: View, call: Call) -> Reply:
    served = _writable(call)
    kind = content_type_of(call.content_type)
    if kind not in patch.TYPES:
        raise unsupported_media_type(call.content_type)
    document = patch.parse_body(kind, call.body)
    definition = schema.definition_for(served.group, served.version, served.kind)
    try:
        live = present(served, fetch(view, call.target), view)
    except errors.StatusError as err:
        if err.code != 404 or kind != patch.APPLY:
            raise
        # Server-side apply creates what does not exist yet.
        obj, warnings = _decoded(view, call, document)
        _check_name(call, obj)
        created = view.session.cluster.api.create(obj, namespace=call.target.namespace, dry_run=_dry_run(call),
                                                  resource=served.stored_as)
        return ok(present(served, created, view), 201, warnings=warnings)
    result = patch.apply(kind, live, document, definition)
    obj, warnings = _decoded(view, call, json.dumps(result))
    _check_name(call, obj)
    updated = view.session.cluster.api.update(obj, namespace=call.target.namespace, dry_run=_dry_run(call),
                                              resource=served.stored_as)
    return ok(present(served, updated, view), warnings=warnings)


def _delete_options(call: Call) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if call.body.strip():
        try:
            options = json.loads(call.body.decode("utf-8"))
        except ValueError as err:
            raise errors.bad_request(f"error decoding DeleteOptions: {err}") from None
        if not isinstance(options, dict):
            raise errors.bad_request("DeleteOptions must be an object")
    if "gracePeriodSeconds" in call.query:
        options["gracePeriodSeconds"] = call.query["gracePeriodSeconds"]
    if call.query.get("dryRun"):
        options["dryRun"] = [call.query["dryRun"]]
    if call.query.get("propagationPolicy"):
        options["propagationPolicy"] = call.query["propagationPolicy"]
    policy = options.get("propagationPolicy")
    if policy not in (None, "Orphan", "Background", "Foreground"):
        raise errors.invalid_object("DeleteOptions", "", [errors.not_supported(
            "propagationPolicy", policy, ["Foreground", "Background", "Orphan", "nil"])])
    return options


def _grace(options: dict[str, Any]) -> int | None:
    value = options.get("gracePeriodSeconds")
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise errors.bad_request(f'strconv.ParseInt: parsing "{value}": invalid syntax') from None


def _check_preconditions(obj: dict[str, Any], options: dict[str, Any], resource: str) -> None:
    wanted = options.get("preconditions") or {}
    meta = obj["metadata"]
    for key, label in (("uid", "UID"), ("resourceVersion", "ResourceVersion")):
        if wanted.get(key) and wanted[key] != meta.get(key):
            raise errors.conflict(resource, meta["name"], f"Precondition failed: {label} in precondition: "
                                  f"{wanted[key]}, {label} in object meta: {meta.get(key)}")


def _delete_one(view: View, served: Served, obj: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    _check_preconditions(obj, options, served.plural)
    meta = obj["metadata"]
    return view.session.cluster.api.delete(served.stored_as, meta.get("namespace", ""), meta["name"],
                                           grace_period=_grace(options), dry_run="All" in (options.get("dryRun") or []))


def delete(view: View, call: Call) -> Reply:
    served = _writable(call)
    options = _delete_options(call)
    if call.target.is_collection:
        return delete_collection(view, call, served, options)
    gone = _delete_one(view, served, fetch(view, call.target), options)
    return ok(present(served, gone, view))


def delete_collection(view: View, call: Call, served: Served, options: dict[str, Any]) -> Reply:
    """deletecollection: every selected object, each as a DELETE of it would go."""
    from sandbox.api.reads import selected
    items, rv = selected(view, call)
    gone = [present(served, _delete_one(view, served, obj, options), view) for obj in items]
    return ok({"kind": f"{served.kind}List", "apiVersion": served.group_version,
               "metadata": {"resourceVersion": str(view.session.cluster.store.rv)}, "items": gone})
