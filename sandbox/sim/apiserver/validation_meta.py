"""ObjectMeta validation (apimachinery pkg/api/validation/objectmeta.go, 1.32; meta/v1/validation).

``validate_object_meta`` is ValidateObjectMetaAccessor plus core's finalizer-name rule
(pkg/apis/core/validation ValidateObjectMeta); ``validate_object_meta_update`` is
ValidateObjectMetaAccessorUpdate. Go iterates label and annotation maps in random order; here the
object's key order is used, which is deterministic.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import FieldError, GoRaw, forbidden, invalid, required, too_long
from .formats import is_qualified_name, is_valid_label_value

NameFn = Callable[[str, bool], list[str]]

TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10)
FIELD_IMMUTABLE = "field is immutable"
IS_NEGATIVE = "must be greater than or equal to 0"
_STANDARD_FINALIZERS = {"kubernetes", "orphan", "foregroundDeletion"}


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def validate_labels(labels: Any, path: str) -> list[FieldError]:
    """meta/v1/validation ValidateLabels: every key a qualified name, every value a label value."""
    errs: list[FieldError] = []
    for key, value in _map(labels).items():
        errs.extend(invalid(path, key, msg) for msg in is_qualified_name(key))
        errs.extend(invalid(path, value, msg) for msg in is_valid_label_value(str(value)))
    return errs


def validate_annotations(annotations: Any, path: str) -> list[FieldError]:
    """Keys are qualified names compared in lower case; keys and values total at most 256 KiB."""
    errs: list[FieldError] = []
    annotations = _map(annotations)
    for key in annotations:
        errs.extend(invalid(path, key, msg) for msg in is_qualified_name(key.lower()))
    size = sum(len(k.encode()) + len(str(v).encode()) for k, v in annotations.items())
    if size > TOTAL_ANNOTATION_SIZE_LIMIT:
        errs.append(too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT))
    return errs


def validate_finalizers(finalizers: Any, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    values = [str(f) for f in finalizers] if isinstance(finalizers, list) else []
    for value in values:
        errs.extend(invalid(path, value, msg) for msg in is_qualified_name(value))
    if "orphan" in values and "foregroundDeletion" in values:
        errs.append(invalid(path, GoRaw("[]string{" + ", ".join(f'"{v}"' for v in values) + "}"),
                            "finalizer orphan and foregroundDeletion cannot be both set"))
    return errs


def validate_kube_finalizer_name(value: str, path: str) -> list[FieldError]:
    """core validateKubeFinalizerName: an unqualified finalizer must be a standard one."""
    if "/" not in value and value not in _STANDARD_FINALIZERS:
        return [invalid(path, value, "name is neither a standard finalizer name nor is it fully qualified")]
    return []


def _owner_references(refs: Any, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    controllers: list[str] = []
    for ref in refs if isinstance(refs, list) else []:
        ref = _map(ref)
        api_version = str(ref.get("apiVersion", ""))
        if not api_version.rpartition("/")[2]:
            errs.append(invalid(f"{path}.apiVersion", api_version, "version must not be empty"))
        for key in ("kind", "name", "uid"):
            if not ref.get(key):
                errs.append(invalid(f"{path}.{key}", str(ref.get(key, "")), "must not be empty"))
        if api_version == "v1" and ref.get("kind") == "Event":
            errs.append(invalid(path, GoRaw("v1.OwnerReference{...}"), "/v1, Kind=Event is disallowed from being an owner"))
        if ref.get("controller") is True:
            controllers.append(f"{ref.get('kind', '')}/{ref.get('name', '')}")
            if len(controllers) > 1:
                errs.append(invalid(path, GoRaw("[]v1.OwnerReference{...}"),
                                    'Only one reference can have Controller set to true. Found "true" in references '
                                    f"for {controllers[0]} and {controllers[-1]}"))
    return errs


def validate_object_meta(meta: Any, namespaced: bool, name_fn: NameFn, path: str = "metadata") -> list[FieldError]:
    """ValidateObjectMetaAccessor (generateName is expected to have produced a name already)."""
    meta = _map(meta)
    errs: list[FieldError] = []
    generate_name = str(meta.get("generateName") or "")
    if generate_name:
        errs.extend(invalid(f"{path}.generateName", generate_name, m) for m in name_fn(generate_name, True))
    name = str(meta.get("name") or "")
    if not name:
        errs.append(required(f"{path}.name", "name or generateName is required"))
    else:
        errs.extend(invalid(f"{path}.name", name, m) for m in name_fn(name, False))
    namespace = str(meta.get("namespace") or "")
    if namespaced:
        if not namespace:
            errs.append(required(f"{path}.namespace"))
        else:
            from .formats import name_is_dns_label

            errs.extend(invalid(f"{path}.namespace", namespace, m) for m in name_is_dns_label(namespace))
    elif namespace:
        errs.append(forbidden(f"{path}.namespace", "not allowed on this type"))
    generation = meta.get("generation")
    if isinstance(generation, int) and generation < 0:
        errs.append(invalid(f"{path}.generation", generation, IS_NEGATIVE))
    errs.extend(validate_labels(meta.get("labels"), f"{path}.labels"))
    errs.extend(validate_annotations(meta.get("annotations"), f"{path}.annotations"))
    errs.extend(_owner_references(meta.get("ownerReferences"), f"{path}.ownerReferences"))
    errs.extend(validate_finalizers(meta.get("finalizers"), f"{path}.finalizers"))
    for i, finalizer in enumerate(meta.get("finalizers") or []):
        errs.extend(validate_kube_finalizer_name(str(finalizer), f"{path}.finalizers[{i}]"))
    return errs


def validate_object_meta_update(new: Any, old: Any, path: str = "metadata") -> list[FieldError]:
    """ValidateObjectMetaAccessorUpdate: identity fields are immutable, a resourceVersion is required."""
    new, old = _map(new), _map(old)
    errs: list[FieldError] = []
    if old.get("deletionTimestamp"):
        added = sorted(set(new.get("finalizers") or []) - set(old.get("finalizers") or []))
        if added:
            errs.append(forbidden(f"{path}.finalizers", "no new finalizers can be added if the object is being "
                                  "deleted, found new finalizers []string{" + ", ".join(f'"{f}"' for f in added) + "}"))
    if not new.get("resourceVersion"):
        errs.append(invalid(f"{path}.resourceVersion", str(new.get("resourceVersion") or ""), "must be specified for an update"))
    if (new.get("generation") or 0) < (old.get("generation") or 0):
        errs.append(invalid(f"{path}.generation", new.get("generation") or 0, "must not be decremented"))
    for key in ("name", "namespace", "uid"):
        if (new.get(key) or "") != (old.get(key) or ""):
            errs.append(invalid(f"{path}.{key}", str(new.get(key) or ""), FIELD_IMMUTABLE))
    for key in ("creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"):
        if new.get(key) != old.get(key):
            errs.append(invalid(f"{path}.{key}", new.get(key), FIELD_IMMUTABLE))
    errs.extend(validate_labels(new.get("labels"), f"{path}.labels"))
    errs.extend(validate_annotations(new.get("annotations"), f"{path}.annotations"))
    errs.extend(_owner_references(new.get("ownerReferences"), f"{path}.ownerReferences"))
    errs.extend(validate_finalizers(new.get("finalizers"), f"{path}.finalizers"))
    for i, finalizer in enumerate(new.get("finalizers") or []):
        errs.extend(validate_kube_finalizer_name(str(finalizer), f"{path}.finalizers[{i}]"))
    return errs
