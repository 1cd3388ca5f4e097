"""Client-side apply's bookkeeping: the last-applied annotation and the three-way merge.

``kubectl apply`` keeps the configuration it last applied in the
``kubectl.kubernetes.io/last-applied-configuration`` annotation (k8s.io/kubectl pkg/util/apply.go:
``GetModifiedConfiguration``: compact JSON of the object without that annotation, keys sorted,
with a final newline, ``"annotations":{}`` left behind when it was the only one). Applying again
merges three versions the way a strategic merge patch built by ``CreateThreeWayMergePatch`` would
(apimachinery pkg/util/strategicpatch): fields of the file win, fields dropped from the file since
the last apply are removed, fields only the server set are kept, and lists of containers, volumes,
ports, env and volume mounts merge item by item on their patch merge key.
"""
from __future__ import annotations

import copy
import json
from typing import Any

from sandbox.kubectl.printers.json import marshal_compact

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

# patchMergeKey of the lists a pod has (k8s.io/api/core/v1 types.go struct tags).
MERGE_KEYS = {"containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name",
              "ports": "containerPort", "env": "name", "volumeMounts": "mountPath", "imagePullSecrets": "name",
              "hostAliases": "ip", "resourceClaims": "name", "readinessGates": "conditionType"}


def modified_configuration(obj: dict[str, Any]) -> str:
    """GetModifiedConfiguration(obj, annotate=false): the annotation's value for this object."""
    body = copy.deepcopy(obj)
    meta = body.setdefault("metadata", {})
    annotations = dict(meta.get("annotations") or {})
    annotations.pop(LAST_APPLIED, None)
    meta["annotations"] = annotations
    return marshal_compact(body) + "\n"


def set_last_applied(obj: dict[str, Any]) -> dict[str, Any]:
    """CreateOrUpdateAnnotation: the object with its own configuration recorded."""
    value = modified_configuration(obj)
    out = copy.deepcopy(obj)
    meta = out.setdefault("metadata", {})
    meta["annotations"] = {**(meta.get("annotations") or {}), LAST_APPLIED: value}
    return out


def last_applied(obj: dict[str, Any]) -> dict[str, Any] | None:
    text = ((obj.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def merge(current: Any, modified: Any, original: Any, field: str = "") -> Any:
    """The live object after a three-way strategic merge of ``modified`` (the file, annotated)
    over ``current`` (the live object), given ``original`` (the last applied configuration)."""
    if isinstance(modified, dict) and isinstance(current, dict):
        original = original if isinstance(original, dict) else {}
        out = {k: copy.deepcopy(v) for k, v in current.items()}
        for key, value in modified.items():
            if value is None:
                out.pop(key, None)
                continue
            out[key] = merge(current.get(key), value, original.get(key), key)
        for key in original:
            if key not in modified:
                out.pop(key, None)
        return out
    if isinstance(modified, list) and isinstance(current, list) and field in MERGE_KEYS:
        return _merge_list(current, modified, original if isinstance(original, list) else [], MERGE_KEYS[field])
    return copy.deepcopy(modified)


def _merge_list(current: list[Any], modified: list[Any], original: list[Any], key: str) -> list[Any]:
    def keyed(items: list[Any]) -> dict[Any, Any]:
        return {i.get(key): i for i in items if isinstance(i, dict) and key in i}

    live, before = keyed(current), keyed(original)
    wanted = keyed(modified)
    out = []
    for item in modified:
        if isinstance(item, dict) and item.get(key) in live:
            out.append(merge(live[item[key]], item, before.get(item[key])))
        else:
            out.append(copy.deepcopy(item))
    for item in current:  # kept: items the server added that the file never had
        k = item.get(key) if isinstance(item, dict) else None
        if k is not None and k not in wanted and k not in before:
            out.append(copy.deepcopy(item))
    return out


def patch_for(current: Any, merged: Any) -> Any:
    """A two-way JSON merge patch from ``current`` to ``merged`` (what kubectl's patch changes),
    used in messages; None when nothing changes."""
    if isinstance(current, dict) and isinstance(merged, dict):
        out: dict[str, Any] = {}
        for key, value in merged.items():
            if key not in current:
                out[key] = value
            elif current[key] != value:
                inner = patch_for(current[key], value)
                if inner is not None:
                    out[key] = inner
        for key in current:
            if key not in merged:
                out[key] = None
        return out or None
    return None if current == merged else merged
