"""All validation entry points in one place (pkg/apis/core/validation, apimachinery api/validation).

Each returns a list of FieldError in the order kube-apiserver 1.32 appends them; an empty list
means valid. ``errors.invalid_object(kind, name, errs)`` turns a non-empty list into the 422.
"""
from __future__ import annotations

from typing import Any

from ..errors import FieldError
from .formats import name_is_dns_subdomain
from .validation_meta import validate_object_meta, validate_object_meta_update
from .validation_namespace import validate_namespace, validate_namespace_update, validate_node
from .validation_pod import validate_pod_create, validate_pod_spec, warnings_on_pod_create
from .validation_update import validate_pod_update

__all__ = [
    "validate_namespace", "validate_namespace_update", "validate_node", "validate_object_meta",
    "validate_object_meta_only", "validate_object_meta_update", "validate_pod_create", "validate_pod_spec",
    "validate_pod_update", "warnings_on_pod_create",
]


def validate_object_meta_only(obj: dict[str, Any], *, namespaced: bool) -> list[FieldError]:
    """Kinds validated for their metadata only (an Event); a Node also gets its taint rules."""
    if obj.get("kind") == "Node":
        return validate_node(obj)
    return validate_object_meta(obj.get("metadata"), namespaced, name_is_dns_subdomain)
