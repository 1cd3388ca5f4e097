"""A patch applied on kubectl's side: ``kubectl patch --dry-run=client``/``--local`` (patch.go
``getPatchedJSON``) and ``kubectl run --overrides`` (cmd/util/override_options.go).

The same three kinds as the API server's (sandbox/sim/apiserver/patch.py), with the errors
kubectl's own libraries word: evanphx/json-patch's ``Invalid JSON Patch`` for a merge patch that
is not JSON, ``json: cannot unmarshal object into Go value of type jsonpatch.Patch`` for a JSON
patch that is not a list, and its operation errors (``error in remove for path: '/spec/nope':
Unable to remove nonexistent key: nope: missing value``).
"""
from __future__ import annotations

import copy
import json
from typing import Any

from sandbox.kubectl.errors import CmdError
from sandbox.sim.apiserver import patch as patches
from sandbox.sim.apiserver.schema import definition_for

_GO_TYPES = {dict: "object", list: "array", str: "string", bool: "bool", int: "number", float: "number"}


def _go_type(value: Any) -> str:
    return "null" if value is None else _GO_TYPES.get(type(value), "value")


def patched_locally(kind: str, obj: dict[str, Any], body: bytes) -> Any:
    """``obj`` with the patch ``body`` (JSON bytes) of ``kind`` applied; raises CmdError."""
    try:
        document = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        if kind == patches.MERGE_PATCH:
            raise CmdError("Invalid JSON Patch") from None      # jsonpatch.ErrBadJSONPatch
        if kind == patches.STRATEGIC:
            raise CmdError("invalid JSON document") from None   # mergepatch.ErrBadJSONDoc
        raise CmdError(_go_syntax(body, err)) from None
    if kind == patches.MERGE_PATCH:
        return _merge(obj, document)
    if kind == patches.JSON_PATCH:
        if not isinstance(document, list):
            raise CmdError(f"json: cannot unmarshal {_go_type(document)} into Go value of type jsonpatch.Patch")
        return _json_patch(obj, document)
    if not isinstance(document, dict):
        raise CmdError(f"json: cannot unmarshal {_go_type(document)} into Go value of type map[string]interface {{}}")
    definition = definition_for("", str(obj.get("apiVersion") or "v1"), str(obj.get("kind") or ""))
    return patches.strategic_merge(obj, document, definition)


def _go_syntax(body: bytes, err: Exception) -> str:
    """encoding/json's SyntaxError for the common cases: a text cut short, a stray character."""
    text = body.decode("utf-8", "replace")
    pos = getattr(err, "pos", 0)
    if pos >= len(text.rstrip()):
        return "unexpected end of JSON input"
    return f"invalid character {text[pos]!r} looking for beginning of value"


def _merge(target: Any, patch: Any) -> Any:
    """RFC 7386 as evanphx/json-patch's MergePatch writes it: every object the patch reaches is
    re-marshalled from a Go map (keys sorted), what it does not reach keeps its bytes (its order)."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = _merge(out.get(key), value)
    return {key: copy.deepcopy(out[key]) for key in sorted(out)}


def _json_patch(obj: dict[str, Any], operations: list[Any]) -> Any:
    """evanphx/json-patch v4, operation by operation, with its error words for a missing target."""
    doc = copy.deepcopy(obj)
    for op in operations:
        if isinstance(op, dict) and op.get("op") == "remove" and isinstance(op.get("path"), str):
            try:
                doc = patches.json_patch(doc, [op])
            except patches.PatchError:
                key = op["path"].rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
                raise CmdError(f"error in remove for path: '{op['path']}': Unable to remove nonexistent key: "
                               f"{key}: missing value") from None
            continue
        try:
            doc = patches.json_patch(doc, [op])
        except patches.PatchError as err:
            raise CmdError(str(err)) from None
    return doc
