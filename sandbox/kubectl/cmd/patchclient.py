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
from sandbox.sim.limits import MAX_DEPTH, json_text_too_deep

# --type of kubectl patch and --override-type of kubectl run: the same three kinds
PATCH_TYPES = {"json": patches.JSON_PATCH, "merge": patches.MERGE_PATCH, "strategic": patches.STRATEGIC}
_GO_TYPES = {dict: "object", list: "array", str: "string", bool: "bool", int: "number", float: "number"}


def _go_type(value: Any) -> str:
    return "null" if value is None else _GO_TYPES.get(type(value), "value")


def patched_locally(kind: str, obj: dict[str, Any], body: bytes) -> Any:
    """``obj`` with the patch ``body`` (JSON bytes) of ``kind`` applied; raises CmdError. A patch
    nested deeper than Podlab's limit (docs/limits.md) is refused before it is parsed."""
    text = body.decode("utf-8", "replace")
    if json_text_too_deep(text):
        raise CmdError(f"exceeded max depth of {MAX_DEPTH}")
    try:
        document = json.loads(text)
    except ValueError as err:
        if kind == patches.MERGE_PATCH:
            raise CmdError("Invalid JSON Patch") from None      # jsonpatch.ErrBadJSONPatch
        if kind == patches.STRATEGIC:
            raise CmdError("invalid JSON document") from None   # mergepatch.ErrBadJSONDoc
        raise CmdError(_go_syntax(text, err)) from None
    if kind == patches.MERGE_PATCH:
        # evanphx/json-patch MergePatch: a null or scalar patch is refused, a list replaces the object
        if document is None or not isinstance(document, (dict, list)):
            raise CmdError("Invalid JSON Patch")
        return _merge(obj, document)
    if kind == patches.JSON_PATCH:
        if document is None:                  # null decodes to an empty list of operations
            return copy.deepcopy(obj)
        if not isinstance(document, list):
            raise CmdError(f"json: cannot unmarshal {_go_type(document)} into Go value of type jsonpatch.Patch")
        return _json_patch(obj, document)
    if document is None:                      # null decodes to an empty patch map: nothing changes
        return copy.deepcopy(obj)
    if not isinstance(document, dict):        # strategicpatch.handleUnmarshal: mergepatch.ErrBadJSONDoc
        raise CmdError("invalid JSON document")
    definition = definition_for("", str(obj.get("apiVersion") or "v1"), str(obj.get("kind") or ""))
    return patches.strategic_merge(obj, document, definition)


def unstructured(value: Any) -> dict[str, Any]:
    """runtime.Decode(unstructured.UnstructuredJSONScheme, ...) of the patched JSON, as kubectl patch
    does before printing it: an object with a kind (apiVersion it does not insist on)."""
    if value is None:
        raise CmdError("Object 'Kind' is missing in 'null'")
    if not isinstance(value, dict):
        raise CmdError(f"json: cannot unmarshal {_go_type(value)} into Go value of type unstructured.detector")
    if not isinstance(value.get("kind"), str) or not value["kind"]:
        # an unstructured object is written from Go maps: keys sorted at every level
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
        raise CmdError(f"Object 'Kind' is missing in '{text}'")
    return value


def _go_syntax(text: str, err: Exception) -> str:
    """encoding/json's SyntaxError for the common cases: a text cut short, a stray character."""
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
    """evanphx/json-patch v4, operation by operation (json_patch copies the document it is given),
    with its error words for a remove that finds nothing."""
    doc: Any = obj
    for op in operations:
        try:
            doc = patches.json_patch(doc, [op])
        except patches.PatchError as err:
            if isinstance(op, dict) and op.get("op") == "remove" and isinstance(op.get("path"), str):
                key = op["path"].rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
                raise CmdError(f"error in remove for path: '{op['path']}': Unable to remove nonexistent key: "
                               f"{key}: missing value") from None
            raise CmdError(str(err)) from None
    return doc
