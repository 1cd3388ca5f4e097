"""Container validation (pkg/apis/core/validation/validation.go, 1.32): validateContainers,
validateInitContainers, validateContainerCommon, validateContainerPorts, ValidateEnv,
ValidateVolumeMounts, validatePullPolicy, validateResourceRequirements, ValidateSecurityContext,
checkHostPortConflicts, in the order Go appends their errors (env and resources in their own modules).
"""
from __future__ import annotations

from typing import Any

from ..errors import FieldError, duplicate, forbidden, invalid, not_found_field, not_supported, required
from .formats import inclusive_range_error, is_valid_port_name, is_valid_port_num, name_is_dns_label
from .validation_env import validate_env
from .validation_probes import validate_container_probes
from .validation_resources import validate_resources

_MAX_ID = 2**31 - 1  # validation.IsValidUserID: math.MaxInt32 until 1.33


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v if isinstance(v, dict) else {} for v in value] if isinstance(value, list) else []


def validate_ports(ports: Any, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    names: set[str] = set()
    for i, port in enumerate(_dicts(ports)):
        p = f"{path}[{i}]"
        name = str(port.get("name") or "")
        if name:
            messages = is_valid_port_name(name)
            if messages:
                errs.extend(invalid(f"{p}.name", name, m) for m in messages)
            elif name in names:
                errs.append(duplicate(f"{p}.name", name))
            else:
                names.add(name)
        container_port = port.get("containerPort", 0) or 0
        if container_port == 0:
            errs.append(required(f"{p}.containerPort"))
        else:
            errs.extend(invalid(f"{p}.containerPort", container_port, m) for m in is_valid_port_num(container_port))
        host_port = port.get("hostPort", 0) or 0
        if host_port:
            errs.extend(invalid(f"{p}.hostPort", host_port, m) for m in is_valid_port_num(host_port))
        protocol = port.get("protocol", "")
        if not protocol:
            errs.append(required(f"{p}.protocol"))
        elif protocol not in ("SCTP", "TCP", "UDP"):
            errs.append(not_supported(f"{p}.protocol", protocol, ["SCTP", "TCP", "UDP"]))
    return errs


def _local_descending_path(value: str, path: str) -> list[FieldError]:
    errs = [invalid(path, value, "must be a relative path")] if value.startswith("/") else []
    if ".." in value.replace("\\", "/").split("/"):
        errs.append(invalid(path, value, "must not contain '..'"))
    return errs


def validate_volume_mounts(container: dict[str, Any], volumes: set[str], path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    mount_points: set[str] = set()
    for i, mount in enumerate(_dicts(container.get("volumeMounts"))):
        p = f"{path}[{i}]"
        name, mount_path = str(mount.get("name") or ""), str(mount.get("mountPath") or "")
        if not name:
            errs.append(required(f"{p}.name"))
        if name not in volumes:
            errs.append(not_found_field(f"{p}.name", name))
        if not mount_path:
            errs.append(required(f"{p}.mountPath"))
        if mount_path in mount_points:
            errs.append(invalid(f"{p}.mountPath", mount_path, "must be unique"))
        mount_points.add(mount_path)
        sub_path, sub_path_expr = str(mount.get("subPath") or ""), str(mount.get("subPathExpr") or "")
        if sub_path:  # Go passes the list's path here, not the item's
            errs.extend(_local_descending_path(sub_path, f"{path}.subPath"))
        if sub_path_expr:
            if sub_path:
                errs.append(invalid(f"{p}.subPathExpr", sub_path_expr, "subPathExpr and subPath are mutually exclusive"))
            errs.extend(_local_descending_path(sub_path_expr, f"{path}.subPathExpr"))
        propagation = mount.get("mountPropagation")
        if propagation is not None:
            supported = ["Bidirectional", "HostToContainer", "None"]
            if propagation not in supported:
                errs.append(not_supported(f"{path}.mountPropagation", propagation, supported))
            privileged = ((container.get("securityContext") or {}).get("privileged")) is True
            if propagation == "Bidirectional" and not privileged:
                errs.append(forbidden(f"{path}.mountPropagation",
                                      "Bidirectional mount propagation is available only to privileged containers"))
    return errs


def validate_security_context(context: Any, path: str) -> list[FieldError]:
    """ValidateSecurityContext: user and group IDs within 0..2147483647."""
    context = context if isinstance(context, dict) else {}
    errs: list[FieldError] = []
    for key in ("runAsUser", "runAsGroup"):
        value = context.get(key)
        if isinstance(value, int) and not 0 <= value <= _MAX_ID:
            errs.append(invalid(f"{path}.{key}", value, inclusive_range_error(0, _MAX_ID)))
    return errs


def validate_container_common(container: dict[str, Any], volumes: set[str], path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    name = str(container.get("name") or "")
    if not name:
        errs.append(required(f"{path}.name"))
    else:
        errs.extend(invalid(f"{path}.name", name, m) for m in name_is_dns_label(name))
    if not container.get("image"):
        errs.append(required(f"{path}.image"))
    policy = container.get("terminationMessagePolicy", "")
    if not policy:
        errs.append(required(f"{path}.terminationMessagePolicy"))
    elif policy not in ("File", "FallbackToLogsOnError"):
        errs.append(not_supported(f"{path}.terminationMessagePolicy", policy, ["File", "FallbackToLogsOnError"]))
    errs.extend(validate_ports(container.get("ports"), f"{path}.ports"))
    errs.extend(validate_env(container.get("env"), f"{path}.env"))
    errs.extend(validate_volume_mounts(container, volumes, f"{path}.volumeMounts"))
    pull = container.get("imagePullPolicy", "")
    if not pull:
        errs.append(required(f"{path}.imagePullPolicy"))
    elif pull not in ("Always", "IfNotPresent", "Never"):
        errs.append(not_supported(f"{path}.imagePullPolicy", pull, ["Always", "IfNotPresent", "Never"]))
    errs.extend(validate_resources(container.get("resources"), f"{path}.resources"))
    errs.extend(validate_security_context(container.get("securityContext"), f"{path}.securityContext"))
    return errs


def _host_port_conflicts(containers: list[dict[str, Any]], path: str) -> list[FieldError]:
    """AccumulateUniqueHostPorts: protocol/hostIP/hostPort may appear once."""
    seen: set[str] = set()
    errs: list[FieldError] = []
    for ci, container in enumerate(containers):
        for pi, port in enumerate(_dicts(container.get("ports"))):
            if not port.get("hostPort"):
                continue
            key = f"{port.get('protocol', '')}/{port.get('hostIP', '')}/{port['hostPort']}"
            if key in seen:
                errs.append(duplicate(f"{path}[{ci}].ports[{pi}].hostPort", key))
            seen.add(key)
    return errs


def validate_containers(containers: Any, volumes: set[str], grace_period: Any, path: str) -> list[FieldError]:
    items = _dicts(containers)
    if not items:
        return [required(path)]
    errs: list[FieldError] = []
    names: set[str] = set()
    for i, container in enumerate(items):
        p = f"{path}[{i}]"
        errs.extend(validate_container_common(container, volumes, p))
        name = str(container.get("name") or "")
        if name in names:
            errs.append(duplicate(f"{p}.name", name))
        names.add(name)
        errs.extend(validate_container_probes(container, grace_period, p))
        if container.get("restartPolicy") is not None:
            errs.append(forbidden(f"{p}.restartPolicy", "may not be set for non-init containers"))
    return errs + _host_port_conflicts(items, path)


def validate_init_containers(containers: Any, regular: Any, volumes: set[str], grace_period: Any,
                             path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    names = {str(c.get("name") or "") for c in _dicts(regular)}
    for i, container in enumerate(_dicts(containers)):
        p = f"{path}[{i}]"
        errs.extend(validate_container_common(container, volumes, p))
        policy = container.get("restartPolicy")
        if policy is not None and policy != "Always":
            errs.append(not_supported(f"{p}.restartPolicy", policy, ["Always"]))
        name = str(container.get("name") or "")
        if name in names:
            errs.append(duplicate(f"{p}.name", name))
        elif name:
            names.add(name)
        errs.extend(_host_port_conflicts([container], path))  # Go indexes this one-element list: [0]
        if policy == "Always":  # a sidecar: probes and lifecycle as for regular containers
            errs.extend(validate_container_probes(container, grace_period, p))
        else:
            for key in ("lifecycle", "livenessProbe", "readinessProbe", "startupProbe"):
                if container.get(key) is not None:
                    errs.append(forbidden(f"{p}.{key}", "may not be set for init containers without restartPolicy=Always"))
    return errs


def validate_containers_only_for_pod(containers: Any, path: str) -> list[FieldError]:
    """validateContainerOnlyForPod: no leading or trailing whitespace in the image."""
    return [invalid(f"{path}[{i}].image", c["image"], "must not have leading or trailing whitespace")
            for i, c in enumerate(_dicts(containers))
            if isinstance(c.get("image"), str) and c["image"] != c["image"].strip()]
