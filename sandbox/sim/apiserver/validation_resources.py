"""Container resource validation (pkg/apis/core/validation/validation.go, 1.32:
validateResourceRequirements, validateContainerResourceName, validateResourceName,
ValidateResourceQuantityValue; pkg/apis/core/helper for the standard, native and extended names).
Go walks the limits and requests maps in random order; here the object's order is used.
"""
from __future__ import annotations

from typing import Any

from ..errors import FieldError, invalid, required
from .formats import is_qualified_name
from .quantity import QuantityError, parse_quantity

_STANDARD_RESOURCES = {"cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
                       "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
                       "pods", "resourcequotas", "services", "replicationcontrollers", "secrets",
                       "persistentvolumeclaims", "configmaps", "services.nodeports", "services.loadbalancers"}
_INTEGER_RESOURCES = {"pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
                      "persistentvolumeclaims", "services.nodeports", "services.loadbalancers"}


def _is_native(name: str) -> bool:
    return "/" not in name or name.startswith("kubernetes.io/")


def _is_extended(name: str) -> bool:
    return not _is_native(name) and not name.startswith("requests.") and not is_qualified_name("requests." + name)


def _resource_name(name: str, path: str) -> list[FieldError]:
    """validateContainerResourceName (after validateResourceName)."""
    errs = [invalid(path, name, m) for m in is_qualified_name(name)]
    hugepages = name.startswith("hugepages-")
    if not errs and "/" not in name and name not in _STANDARD_RESOURCES and not hugepages:
        errs.append(invalid(path, name, "must be a standard resource type or fully qualified"))
    if "/" not in name:
        if name not in ("cpu", "memory", "ephemeral-storage") and not hugepages:
            errs.append(invalid(path, name, "must be a standard resource for containers"))
    elif not _is_native(name) and not _is_extended(name):
        errs.append(invalid(path, name, "doesn't follow extended resource name standard"))
    return errs


def _quantity_value(name: str, value: Any, path: str) -> list[FieldError]:
    """ValidateResourceQuantityValue: non-negative; whole numbers for pods, services and extended resources."""
    try:
        q = parse_quantity(str(value))
    except QuantityError:
        return []
    errs = [invalid(path, str(q), "must be greater than or equal to 0")] if q.value < 0 else []
    if (name in _INTEGER_RESOURCES or _is_extended(name)) and q.milli_value() % 1000:
        errs.append(invalid(path, str(q), "must be an integer"))
    return errs


def validate_resources(resources: Any, path: str) -> list[FieldError]:
    resources = resources if isinstance(resources, dict) else {}
    limits = resources.get("limits") if isinstance(resources.get("limits"), dict) else {}
    requests = resources.get("requests") if isinstance(resources.get("requests"), dict) else {}
    errs: list[FieldError] = []
    for name, value in limits.items():
        errs.extend(_resource_name(name, f"{path}.limits[{name}]"))
        errs.extend(_quantity_value(name, value, f"{path}.limits[{name}]"))
    for name, value in requests.items():
        errs.extend(_resource_name(name, f"{path}.requests[{name}]"))
        errs.extend(_quantity_value(name, value, f"{path}.requests[{name}]"))
        overcommit = _is_native(name) and not name.startswith("hugepages-")
        if name in limits:
            try:
                request, limit = parse_quantity(str(value)), parse_quantity(str(limits[name]))
            except QuantityError:
                continue
            if request.value != limit.value and not overcommit:
                errs.append(invalid(f"{path}.requests", str(request), f"must be equal to {name} limit of {limit}"))
            elif request.value > limit.value:
                errs.append(invalid(f"{path}.requests", str(request),
                                    f"must be less than or equal to {name} limit of {limit}"))
        elif not overcommit:
            errs.append(required(f"{path}.limits", "Limit must be set for non overcommitable resources"))
    return errs
