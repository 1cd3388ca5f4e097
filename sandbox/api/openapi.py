"""The OpenAPI documents kubectl reads: v3 per group version (explain, the fieldValidation check,
apply's patch metadata) and v2 (older clients).

The schemas are not written here: they are the Kubernetes 1.32 definitions shipped in the
kubernetes-validate package (the file sandbox/sim/apiserver/schema.py decodes requests with),
converted from its JSON-schema dialect to the shape kube-apiserver publishes
(``type: [x, "null"]`` becomes ``x``; a ``$ref`` with siblings becomes ``allOf: [{$ref}]`` plus the
siblings, as kube-openapi's v3 builder writes it; apiVersion/kind lose the enum the package adds).
The paths are the operations Podlab serves, with the ``x-kubernetes-action`` and
``x-kubernetes-group-version-kind`` extensions and the query parameters clients look for: kubectl
checks that PATCH of a kind lists ``fieldValidation`` before sending it (resource
query_param_verifier_v3.go), and that PATCH accepts strategic-merge-patch+json before computing
such a patch from the schema (apply patcher.go gvkSupportsPatchOpenAPIV3).
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from sandbox.api.registry import GROUPS, Served, served_in
from sandbox.kubectl.cmd.version import INFO
from sandbox.sim.apiserver import schema

V3_PREFIX = "#/components/schemas/"
V2_PREFIX = "#/definitions/"
PATCH_TYPES = ("application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json",
               "application/strategic-merge-patch+json")
_META = "io.k8s.apimachinery.pkg.apis.meta.v1."


@lru_cache(maxsize=1)
def definitions() -> dict[str, Any]:
    """The kubernetes-validate 1.32 definitions, descriptions included, keyed by name."""
    text = schema._package_files().joinpath(*schema._DEFINITIONS).read_text(encoding="utf-8")
    return json.loads(text)["$defs"]  # type: ignore[no-any-return]


def _convert(node: Any, prefix: str, v3: bool) -> Any:
    if isinstance(node, list):
        return [_convert(v, prefix, v3) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/$defs/", prefix)
        elif key == "type" and isinstance(value, list):
            out[key] = next(t for t in value if t != "null")
        elif key == "properties" and isinstance(value, dict):
            out[key] = {name: _convert({k: v for k, v in prop.items()
                                        if not (name in ("apiVersion", "kind") and k == "enum")}, prefix, v3)
                        for name, prop in value.items()}
        else:
            out[key] = _convert(value, prefix, v3)
    if v3 and "$ref" in out and len(out) > 1:
        ref = out.pop("$ref")
        out = {"allOf": [{"$ref": ref}], **out}
    return out


def _closure(roots: list[str]) -> list[str]:
    """The definitions ``roots`` refer to, transitively (the schemas one document needs)."""
    defs, seen, todo = definitions(), set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in defs:
            continue
        seen.add(name)
        stack = [defs[name]]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str):
                    todo.append(ref.rsplit("/", 1)[1])
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
    return sorted(seen)


def _kind_ref(s: Served, kind: str | None = None) -> str:
    name = schema.definition_for(s.group, s.version, kind or s.kind)
    assert name is not None, (s, kind)
    return name


def _param(name: str, where: str = "query", kind: str = "string", required: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "in": where, "schema": {"type": kind, "uniqueItems": True}}
    if required:
        out["required"] = True
    return out


_WRITE = [_param("dryRun"), _param("fieldManager"), _param("fieldValidation")]


def _operation(s: Served, action: str, ref: str, params: list[dict[str, Any]],
               body: tuple[str, ...] = ()) -> dict[str, Any]:
    op: dict[str, Any] = {
        "tags": [f"{(s.group.split('.')[0] or 'core')}_{s.version}"],
        "operationId": f"{action}{s.kind}",
        "responses": {"200": {"description": "OK",
                              "content": {"application/json": {"schema": {"$ref": V3_PREFIX + ref}}}}},
        "x-kubernetes-action": action,
        "x-kubernetes-group-version-kind": {"group": s.group, "version": s.version, "kind": s.kind},
    }
    if params:
        op["parameters"] = params
    if body:
        op["requestBody"] = {"content": {t: {"schema": {"$ref": V3_PREFIX + (
            _META + "Patch" if t in PATCH_TYPES else ref)}} for t in body}, "required": True}
    return op


def _paths(s: Served) -> dict[str, Any]:
    base = f"/api/{s.version}" if not s.group else f"/apis/{s.group}/{s.version}"
    scoped = f"{base}/namespaces/{{namespace}}/{s.plural}" if s.namespaced else f"{base}/{s.plural}"
    ref, list_ref = _kind_ref(s), _kind_ref(s, s.kind + "List")
    ns = [_param("namespace", "path", required=True)] if s.namespaced else []
    item_params = ns + [_param("name", "path", required=True)]
    paths = {
        scoped: {
            "get": _operation(s, "list", list_ref, [_param("labelSelector"), _param("fieldSelector"), _param("limit"),
                                                   _param("resourceVersion"), _param("watch")]),
            "post": _operation(s, "post", ref, _WRITE, ("*/*",)),
            "delete": _operation(s, "deletecollection", _META + "Status", [_param("gracePeriodSeconds")]),
            "parameters": ns,
        },
        f"{scoped}/{{name}}": {
            "get": _operation(s, "get", ref, []),
            "put": _operation(s, "put", ref, _WRITE, ("*/*",)),
            "patch": _operation(s, "patch", ref, _WRITE + [_param("force")], PATCH_TYPES),
            "delete": _operation(s, "delete", ref, [_param("gracePeriodSeconds"), _param("propagationPolicy")],
                                 ("*/*",)),
            "parameters": item_params,
        },
    }
    if s.namespaced:
        paths[f"{base}/{s.plural}"] = {"get": _operation(s, "list", list_ref, [_param("labelSelector")])}
    return paths


@lru_cache(maxsize=None)
def v3_document(group: str, version: str) -> bytes:
    served = served_in(group, version)
    paths: dict[str, Any] = {}
    roots = [_META + n for n in ("Status", "DeleteOptions", "WatchEvent", "Patch")]
    for s in served:
        paths.update(_paths(s))
        roots += [_kind_ref(s), _kind_ref(s, s.kind + "List")]
    defs = definitions()
    doc = {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": INFO["gitVersion"]}, "paths": paths,
           "components": {"schemas": {n: _convert(defs[n], V3_PREFIX, True) for n in _closure(roots)}}}
    return json.dumps(doc, separators=(",", ":")).encode()


def v3_hash(group: str, version: str) -> str:
    return hashlib.sha512(v3_document(group, version)).hexdigest().upper()


def v3_root() -> dict[str, Any]:
    """GET /openapi/v3: where each group version's document is (client-go openapi3 root)."""
    paths = {}
    for group, versions in GROUPS.items():
        for v in versions:
            key = f"api/{v}" if not group else f"apis/{group}/{v}"
            paths[key] = {"serverRelativeURL": f"/openapi/v3/{key}?hash={v3_hash(group, v)}"}
    return {"paths": paths}


def v3_path(path: str) -> tuple[str, str] | None:
    """(group, version) of a ``/openapi/v3/...`` document path, or None."""
    parts = path.strip("/").split("/")
    if len(parts) == 2 and parts[0] == "api" and parts[1] in GROUPS[""]:
        return "", parts[1]
    if len(parts) == 3 and parts[0] == "apis" and parts[2] in GROUPS.get(parts[1], ()):
        return parts[1], parts[2]
    return None


@lru_cache(maxsize=1)
def v2_document() -> bytes:
    """GET /openapi/v2 as JSON: every definition (kube-apiserver serves the same document)."""
    defs = definitions()
    doc = {"swagger": "2.0", "info": {"title": "Kubernetes", "version": INFO["gitVersion"]}, "paths": {},
           "definitions": {n: _convert(body, V2_PREFIX, False) for n, body in sorted(defs.items())}}
    return json.dumps(doc, separators=(",", ":")).encode()
