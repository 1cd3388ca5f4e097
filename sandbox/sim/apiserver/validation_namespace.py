"""Namespace and Node validation (pkg/apis/core/validation/validation.go, 1.32: ValidateNamespace,
ValidateNamespaceUpdate, ValidateNode's metadata and taints).
"""
from __future__ import annotations

from typing import Any

from ..errors import FieldError, GoRaw, duplicate, go_quote, invalid, not_supported, required
from .formats import is_qualified_name, is_valid_label_value, name_is_dns_label, name_is_dns_subdomain
from .validation_meta import validate_kube_finalizer_name, validate_object_meta, validate_object_meta_update

_TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"]


def validate_namespace(namespace: dict[str, Any]) -> list[FieldError]:
    """ValidateNamespace: the name is a DNS label (RFC 1123); spec.finalizers are qualified names."""
    errs = validate_object_meta(namespace.get("metadata"), False, name_is_dns_label)
    for finalizer in (namespace.get("spec") or {}).get("finalizers") or []:
        value = str(finalizer)
        errs.extend(invalid("spec.finalizers", value, m) for m in is_qualified_name(value))
        errs.extend(validate_kube_finalizer_name(value, "spec.finalizers"))
    return errs


def validate_namespace_update(new: dict[str, Any], old: dict[str, Any]) -> list[FieldError]:
    """ValidateNamespaceUpdate: metadata rules only (spec and status are kept from the old object)."""
    return validate_object_meta_update(new.get("metadata"), old.get("metadata"))


def validate_node(node: dict[str, Any]) -> list[FieldError]:
    """ValidateNode: the name is a DNS subdomain; taints have a key, a label value and an effect,
    unique by key and effect (Go reports taints under ``metadata.taints``, sic)."""
    errs = validate_object_meta(node.get("metadata"), False, name_is_dns_subdomain)
    seen: set[tuple[str, str]] = set()
    for i, taint in enumerate((node.get("spec") or {}).get("taints") or []):
        taint = taint if isinstance(taint, dict) else {}
        path = f"metadata.taints[{i}]"
        key, value, effect = str(taint.get("key") or ""), str(taint.get("value") or ""), str(taint.get("effect") or "")
        errs.extend(invalid(f"{path}.key", key, m) for m in is_qualified_name(key))
        messages = is_valid_label_value(value)
        if messages:
            errs.append(invalid(f"{path}.value", value, ";".join(messages)))
        if not effect:
            errs.append(required(f"{path}.effect"))
        elif effect not in _TAINT_EFFECTS:
            errs.append(not_supported(f"{path}.effect", effect, _TAINT_EFFECTS))
        if (key, effect) in seen:
            shown = f"core.Taint{{Key:{go_quote(key)}, Value:{go_quote(value)}, Effect:{go_quote(effect)}, TimeAdded:(*v1.Time)(nil)}}"
            err = duplicate(path, GoRaw(shown))
            errs.append(type(err)(err.type, err.field, err.bad_value, "taints must be unique by key and effect pair"))
            continue
        seen.add((key, effect))
    return errs
