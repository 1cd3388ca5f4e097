"""Patches applied to an object: JSON patch, JSON merge patch, strategic merge patch.

kube-apiserver applies a patch to the live object and then treats the result as an update
(apiserver pkg/endpoints/handlers/patch.go); ``kubectl patch`` (kubectl/cmd/patch.py) sends the
same documents, and applies them itself for ``--dry-run=client``. The kinds:

* ``application/json-patch+json``: RFC 6902 operations (evanphx/json-patch);
* ``application/merge-patch+json``: RFC 7386, ``null`` deletes, lists are replaced;
* ``application/strategic-merge-patch+json``: merge patch plus the Kubernetes rules from the
  schema's ``x-kubernetes-patch-strategy``/``x-kubernetes-patch-merge-key`` (apimachinery
  pkg/util/strategicpatch): lists of containers merge item by item on ``name``, ``$patch: delete``
  and ``$patch: replace``, ``$setElementOrder/...``, ``$deleteFromPrimitiveList/...``,
  ``$retainKeys`` — what ``kubectl apply``, ``label``, ``edit`` and ``patch`` send;
* ``application/apply-patch+yaml``: server-side apply. Podlab keeps no managedFields, so the
  applied configuration is merged like a strategic merge patch that never deletes (what SSA does
  for a single field manager that owns what it applies); the HTTP ring creates the object if it
  is missing (sandbox/api/writes.py).

Pure: the documents are JSON values; ``parse_json`` reads a JSON patch body as the server does.
"""
from __future__ import annotations

import copy
import json
from typing import Any

from sandbox.sim import errors
from sandbox.sim.apiserver.schema import definition
from sandbox.sim.limits import MAX_DEPTH, json_text_too_deep

JSON_PATCH = "application/json-patch+json"
MERGE_PATCH = "application/merge-patch+json"
STRATEGIC = "application/strategic-merge-patch+json"
APPLY = "application/apply-patch+yaml"
TYPES = (JSON_PATCH, MERGE_PATCH, STRATEGIC, APPLY)

_ORDER = "$setElementOrder/"
_DELETE_PRIMITIVE = "$deleteFromPrimitiveList/"


class PatchError(Exception):
    """A patch that cannot be applied: answered 422 (json patch) or 400 (bad body)."""


# -- JSON merge patch (RFC 7386) --------------------------------------------------------------
def merge_patch(target: Any, patch: Any) -> Any:
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


# -- JSON patch (RFC 6902) --------------------------------------------------------------------
def _pointer(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(f'json patch path must start with "/": {path!r}')
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _parent(doc: Any, parts: list[str], path: str) -> tuple[Any, str]:
    node = doc
    for part in parts[:-1]:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise PatchError(f"doc is missing path: {path!r}")
    return node, parts[-1]


def _get(doc: Any, path: str) -> Any:
    parts = _pointer(path)
    if not parts:
        return doc
    node, key = _parent(doc, parts, path)
    if isinstance(node, dict) and key in node:
        return node[key]
    if isinstance(node, list) and key.isdigit() and int(key) < len(node):
        return node[int(key)]
    raise PatchError(f"doc is missing path: {path!r}")


def _remove(doc: Any, path: str) -> Any:
    node, key = _parent(doc, _pointer(path), path)
    if isinstance(node, dict) and key in node:
        return node.pop(key)
    if isinstance(node, list) and key.isdigit() and int(key) < len(node):
        return node.pop(int(key))
    raise PatchError(f"doc is missing path: {path!r}")


def _add(doc: Any, path: str, value: Any, replace: bool = False) -> Any:
    parts = _pointer(path)
    if not parts:
        return value
    node, key = _parent(doc, parts, path)
    if isinstance(node, dict):
        if replace and key not in node:
            raise PatchError(f"doc is missing key: {path!r}")
        node[key] = value
    elif isinstance(node, list):
        if key == "-" and not replace:
            node.append(value)
        elif key.isdigit() and int(key) <= len(node) - (1 if replace else 0):
            if replace:
                node[int(key)] = value
            else:
                node.insert(int(key), value)
        else:
            raise PatchError(f"index out of range: {path!r}")
    else:
        raise PatchError(f"doc is missing path: {path!r}")
    return doc


def json_patch(target: Any, operations: Any) -> Any:
    if not isinstance(operations, list):
        raise PatchError("json patch must be a list of operations")
    doc = copy.deepcopy(target)
    for op in operations:
        if not isinstance(op, dict) or "op" not in op or "path" not in op:
            raise PatchError(f"invalid json patch operation: {json.dumps(op)}")
        kind, path = op["op"], op["path"]
        # evanphx/json-patch reads path and from as strings: a null or other value is no path
        if not isinstance(path, str) or (kind in ("move", "copy") and not isinstance(op.get("from", ""), str)):
            field = "path" if not isinstance(path, str) else "from"
            raise PatchError(f"{kind} operation failed to decode {field}: operation missing {field} field: "
                             "missing value")
        if kind == "add":
            doc = _add(doc, path, copy.deepcopy(op.get("value")))
        elif kind == "remove":
            _remove(doc, path)
        elif kind == "replace":
            doc = _add(doc, path, copy.deepcopy(op.get("value")), replace=True)
        elif kind == "move":
            doc = _add(doc, path, _remove(doc, op.get("from", "")))
        elif kind == "copy":
            doc = _add(doc, path, copy.deepcopy(_get(doc, op.get("from", ""))))
        elif kind == "test":
            if _get(doc, path) != op.get("value"):
                raise PatchError(f"testing value {path} failed: test failed")
        else:
            raise PatchError(f"Unexpected kind: {kind}")
    return doc


# -- strategic merge patch --------------------------------------------------------------------
def _field(ref: str | None, name: str) -> tuple[str, str, str | None]:
    """(patch strategy, merge key, the definition of the field's value or items) of a field."""
    if ref is None:
        return "", "", None
    prop = (definition(ref).get("properties") or {}).get(name) or {}
    strategy = prop.get("x-kubernetes-patch-strategy", "")
    key = prop.get("x-kubernetes-patch-merge-key", "")
    target = prop.get("items", prop) if "array" in _types(prop) else prop
    target = target.get("additionalProperties", target) if "$ref" not in target else target
    child = target.get("$ref", "").rsplit("/", 1)[-1] or None
    return strategy, key, child


def _types(prop: dict[str, Any]) -> list[str]:
    kind = prop.get("type", [])
    return [kind] if isinstance(kind, str) else list(kind)


def strategic_merge(original: Any, patch: Any, ref: str | None, *, deletes: bool = True) -> Any:
    """``patch`` merged into ``original`` (a dict of the definition ``ref``)."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    if patch.get("$patch") == "replace":
        return {k: copy.deepcopy(v) for k, v in patch.items() if k != "$patch"}
    out = copy.deepcopy(original) if isinstance(original, dict) else {}
    retain = patch.get("$retainKeys")
    if isinstance(retain, list):
        out = {k: v for k, v in out.items() if k in retain}
    for key, value in patch.items():
        if key.startswith(_DELETE_PRIMITIVE):
            field = key[len(_DELETE_PRIMITIVE):]
            out[field] = [v for v in out.get(field) or [] if v not in (value or [])]
        if key.startswith("$"):
            continue
        if value is None:
            if deletes:
                out.pop(key, None)
            continue
        strategy, merge_key, child = _field(ref, key)
        current = out.get(key)
        if isinstance(value, dict):
            if value.get("$patch") == "delete":
                out.pop(key, None)
                continue
            out[key] = strategic_merge(current, value, child, deletes=deletes)
        elif isinstance(value, list) and "merge" in strategy.split(","):
            merged = _merge_list(current if isinstance(current, list) else [], value, merge_key, child, deletes)
            order = patch.get(_ORDER + key)
            out[key] = _reorder(merged, order, merge_key) if isinstance(order, list) else merged
        else:
            out[key] = copy.deepcopy(value)
    return out


def _merge_list(current: list[Any], patch: list[Any], key: str, child: str | None, deletes: bool) -> list[Any]:
    if not key:  # a list of scalars with the merge strategy (finalizers): a union
        return copy.deepcopy(current) + [copy.deepcopy(v) for v in patch if v not in current]
    out = copy.deepcopy(current)
    for item in patch:
        if not isinstance(item, dict):
            continue
        index = next((i for i, c in enumerate(out) if isinstance(c, dict) and c.get(key) == item.get(key)), None)
        directive = item.get("$patch")
        if directive == "delete":
            if index is not None:
                out.pop(index)
        elif index is None:
            out.append({k: copy.deepcopy(v) for k, v in item.items() if k != "$patch"})
        elif directive == "replace":
            out[index] = {k: copy.deepcopy(v) for k, v in item.items() if k != "$patch"}
        else:
            out[index] = strategic_merge(out[index], item, child, deletes=deletes)
    return out


def _reorder(items: list[Any], order: list[Any], key: str) -> list[Any]:
    """$setElementOrder: the patch's order first, items the patch does not name after them."""
    def ident(item: Any) -> Any:
        return item.get(key) if key and isinstance(item, dict) else item
    wanted = [ident(o) for o in order]
    named = sorted((i for i in items if ident(i) in wanted), key=lambda i: wanted.index(ident(i)))
    return named + [i for i in items if ident(i) not in wanted]


# -- entry points -----------------------------------------------------------------------------
def parse_json(raw: bytes) -> Any:
    """A JSON patch body as the server reads it (400 Bad Request when it is not JSON)."""
    try:
        text = raw.decode("utf-8")
        if json_text_too_deep(text):
            raise ValueError(f"exceeded max depth of {MAX_DEPTH}")
        return json.loads(text)
    except (ValueError, UnicodeDecodeError) as err:
        raise errors.bad_request(f"error decoding patch: {err}") from None


def apply(content_type: str, live: dict[str, Any], patch: Any, definition: str | None) -> dict[str, Any]:
    """The object after the patch; raises StatusError for a patch that does not apply."""
    try:
        if content_type == JSON_PATCH:
            result = json_patch(live, patch)
        elif content_type == MERGE_PATCH:
            result = merge_patch(live, patch)
        elif content_type == STRATEGIC:
            if not isinstance(patch, dict):
                raise PatchError("strategic merge patch must be an object")
            result = strategic_merge(live, patch, definition)
        else:
            if not isinstance(patch, dict):
                raise PatchError("apply patch must be an object")
            result = strategic_merge(live, patch, definition, deletes=False)
    except PatchError as err:
        raise errors.StatusError(422, "Invalid", str(err)) from None
    if not isinstance(result, dict):
        raise errors.bad_request("the patch did not produce an object")
    return result
