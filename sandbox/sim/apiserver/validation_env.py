"""Environment variable validation (pkg/apis/core/validation/validation.go, 1.32: ValidateEnv,
validateEnvVarValueFrom, validateObjectFieldSelector, validateConfigMapKeySelector and
validateSecretKeySelector; pkg/apis/core/pods ConvertDownwardAPIFieldLabel for field paths).
"""
from __future__ import annotations

from typing import Any

from ..errors import FieldError, invalid, not_supported, required
from .formats import is_config_map_key, is_qualified_name, is_relaxed_env_var_name, name_is_dns_subdomain

_ENV_FIELD_PATHS = ["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
                    "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"]
_DOWNWARD_LABELS = {"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
                    "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
                    "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs", "spec.host"}
_RESOURCE_FIELD_PATHS = ["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu",
                         "requests.ephemeral-storage", "requests.memory"]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v if isinstance(v, dict) else {} for v in value] if isinstance(value, list) else []


def _field_ref(ref: dict[str, Any], path: str) -> list[FieldError]:
    """validateObjectFieldSelector for env (apiVersion is defaulted to v1 before this runs)."""
    if not ref.get("apiVersion"):
        return [required(f"{path}.apiVersion")]
    field_path = str(ref.get("fieldPath") or "")
    if not field_path:
        return [required(f"{path}.fieldPath")]
    if ref["apiVersion"] != "v1":
        return [invalid(f"{path}.fieldPath", field_path,
                        f"error converting fieldPath: unsupported pod version: {ref['apiVersion']}")]
    base, _, subscript = field_path.partition("[")
    if subscript:
        if base in ("metadata.annotations", "metadata.labels"):
            key = subscript.rstrip("]").strip("'")
            return [invalid(path, key.lower() if base == "metadata.annotations" else key, m)
                    for m in is_qualified_name(key.lower() if base == "metadata.annotations" else key)]
        return [invalid(f"{path}.fieldPath", field_path,
                        f"error converting fieldPath: field label does not support subscript: {field_path}")]
    if field_path not in _DOWNWARD_LABELS:
        return [invalid(f"{path}.fieldPath", field_path, f"error converting fieldPath: field label not supported: {field_path}")]
    field_path = "spec.nodeName" if field_path == "spec.host" else field_path
    if field_path not in _ENV_FIELD_PATHS:
        return [not_supported(f"{path}.fieldPath", field_path, _ENV_FIELD_PATHS)]
    return []


def _key_selector(ref: dict[str, Any], path: str) -> list[FieldError]:
    name = str(ref.get("name") or "")
    errs = [invalid(f"{path}.name", name, m) for m in name_is_dns_subdomain(name)]
    key = str(ref.get("key") or "")
    if not key:
        errs.append(required(f"{path}.key"))
    else:
        errs.extend(invalid(f"{path}.key", key, m) for m in is_config_map_key(key))
    return errs


def validate_env(env: Any, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, var in enumerate(_dicts(env)):
        p = f"{path}[{i}]"
        name = str(var.get("name") or "")
        if not name:
            errs.append(required(f"{p}.name"))
        else:
            errs.extend(invalid(f"{p}.name", name, m) for m in is_relaxed_env_var_name(name))
        source = var.get("valueFrom")
        if not isinstance(source, dict):
            continue
        sp, count = f"{p}.valueFrom", 0
        if isinstance(source.get("fieldRef"), dict):
            count += 1
            errs.extend(_field_ref(source["fieldRef"], f"{sp}.fieldRef"))
        if isinstance(source.get("resourceFieldRef"), dict):
            count += 1
            resource = str(source["resourceFieldRef"].get("resource") or "")
            if not resource:
                errs.append(required(f"{sp}.resourceFieldRef.resource"))
            elif resource not in _RESOURCE_FIELD_PATHS and not resource.startswith(("requests.hugepages-", "limits.hugepages-")):
                errs.append(not_supported(f"{sp}.resourceFieldRef.resource", resource, _RESOURCE_FIELD_PATHS))
        for key in ("configMapKeyRef", "secretKeyRef"):
            if isinstance(source.get(key), dict):
                count += 1
                errs.extend(_key_selector(source[key], f"{sp}.{key}"))
        if count == 0:
            errs.append(invalid(sp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
        elif var.get("value"):
            errs.append(invalid(sp, "", "may not be specified when `value` is not empty"))
        elif count > 1:
            errs.append(invalid(sp, "", "may not have more than one field specified at a time"))
    return errs
