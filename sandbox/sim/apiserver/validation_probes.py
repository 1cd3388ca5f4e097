"""Probe and lifecycle-handler validation (pkg/apis/core/validation/validation.go, 1.32):
validateProbe, validateLivenessProbe/ReadinessProbe/StartupProbe, validateHandler,
validateHTTPGetAction, ValidatePortNumOrName, validateSleepAction, validateLifecycle.

Probes are validated after defaulting, so an unset (or 0) period, timeout or threshold already
holds its default; negative values stay and are reported.
"""
from __future__ import annotations

from typing import Any

from ..errors import FieldError, forbidden, invalid, not_supported, required
from .formats import is_http_header_name, is_valid_port_name, is_valid_port_num
from .validation_meta import IS_NEGATIVE

_PROBE_HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
_LIFECYCLE_HANDLERS = ("exec", "httpGet", "tcpSocket", "sleep")


def _nonnegative(value: Any, path: str) -> list[FieldError]:
    return [invalid(path, value, IS_NEGATIVE)] if isinstance(value, int) and value < 0 else []


def validate_port_num_or_name(port: Any, path: str) -> list[FieldError]:
    """ValidatePortNumOrName: 1-65535, or an IANA_SVC_NAME."""
    if isinstance(port, str):
        return [invalid(path, port, msg) for msg in is_valid_port_name(port)]
    number = port if isinstance(port, int) else 0
    return [invalid(path, number, msg) for msg in is_valid_port_num(number)]


def _http_get(action: dict[str, Any], path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    if not action.get("path"):
        errs.append(required(f"{path}.path"))
    errs.extend(validate_port_num_or_name(action.get("port", 0), f"{path}.port"))
    scheme = action.get("scheme", "")
    if scheme not in ("HTTP", "HTTPS"):
        errs.append(not_supported(f"{path}.scheme", scheme, ["HTTP", "HTTPS"]))
    for header in action.get("httpHeaders") or []:
        name = str((header or {}).get("name", ""))
        errs.extend(invalid(f"{path}.httpHeaders", name, msg) for msg in is_http_header_name(name))
    return errs


def _sleep(action: dict[str, Any], grace_period: Any, path: str) -> list[FieldError]:
    """validateSleepAction without PodLifecycleSleepActionAllowZero (alpha in 1.32)."""
    seconds = action.get("seconds", 0)
    if isinstance(grace_period, int) and (seconds <= 0 or seconds > grace_period):
        return [invalid(path, seconds, f"must be greater than 0 and less than terminationGracePeriodSeconds "
                                        f"({grace_period}). Enable AllowPodLifecycleSleepActionZeroValue feature "
                                        "gate for zero sleep.")]
    return []


def validate_handler(handler: dict[str, Any], kinds: tuple[str, ...], grace_period: Any, path: str) -> list[FieldError]:
    """validateHandler: exactly one handler; the second and later ones are Forbidden."""
    errs: list[FieldError] = []
    count = 0
    for kind in ("exec", "httpGet", "tcpSocket", "grpc", "sleep"):
        action = handler.get(kind) if kind in kinds else None
        if not isinstance(action, dict):
            continue
        if count:
            errs.append(forbidden(f"{path}.{kind}", "may not specify more than 1 handler type"))
            continue
        count += 1
        if kind == "exec" and not action.get("command"):
            errs.append(required(f"{path}.exec.command"))
        elif kind == "httpGet":
            errs.extend(_http_get(action, f"{path}.httpGet"))
        elif kind == "tcpSocket":
            errs.extend(validate_port_num_or_name(action.get("port", 0), f"{path}.tcpSocket.port"))
        elif kind == "grpc":  # ValidatePortNumOrName(intstr.FromInt32(grpc.Port), ...)
            errs.extend(validate_port_num_or_name(int(action.get("port", 0) or 0), f"{path}.grpc.port"))
        elif kind == "sleep":
            errs.extend(_sleep(action, grace_period, f"{path}.sleep"))
    if not count:
        errs.append(required(path, "must specify a handler type"))
    return errs


def validate_probe(probe: dict[str, Any], grace_period: Any, path: str) -> list[FieldError]:
    errs = validate_handler(probe, _PROBE_HANDLERS, grace_period, path)
    for key in ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"):
        errs.extend(_nonnegative(probe.get(key, 0), f"{path}.{key}"))
    tgps = probe.get("terminationGracePeriodSeconds")
    if isinstance(tgps, int) and tgps <= 0:
        errs.append(invalid(f"{path}.terminationGracePeriodSeconds", tgps, "must be greater than 0"))
    return errs


def validate_liveness_probe(probe: Any, grace_period: Any, path: str) -> list[FieldError]:
    if not isinstance(probe, dict):
        return []
    errs = validate_probe(probe, grace_period, path)
    if probe.get("successThreshold", 1) != 1:
        errs.append(invalid(f"{path}.successThreshold", probe.get("successThreshold"), "must be 1"))
    return errs


validate_startup_probe = validate_liveness_probe  # the same two rules (validateStartupProbe)


def validate_readiness_probe(probe: Any, grace_period: Any, path: str) -> list[FieldError]:
    if not isinstance(probe, dict):
        return []
    errs = validate_probe(probe, grace_period, path)
    if probe.get("terminationGracePeriodSeconds") is not None:
        errs.append(invalid(f"{path}.terminationGracePeriodSeconds", probe["terminationGracePeriodSeconds"],
                            "must not be set for readinessProbes"))
    return errs


def validate_lifecycle(lifecycle: dict[str, Any], grace_period: Any, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for key in ("postStart", "preStop"):
        if isinstance(lifecycle.get(key), dict):
            errs.extend(validate_handler(lifecycle[key], _LIFECYCLE_HANDLERS, grace_period, f"{path}.{key}"))
    return errs


def validate_container_probes(container: dict[str, Any], grace_period: Any, path: str) -> list[FieldError]:
    """What validateContainers checks for regular containers and restartable init containers."""
    errs: list[FieldError] = []
    if isinstance(container.get("lifecycle"), dict):
        errs.extend(validate_lifecycle(container["lifecycle"], grace_period, f"{path}.lifecycle"))
    errs.extend(validate_liveness_probe(container.get("livenessProbe"), grace_period, f"{path}.livenessProbe"))
    errs.extend(validate_readiness_probe(container.get("readinessProbe"), grace_period, f"{path}.readinessProbe"))
    errs.extend(validate_startup_probe(container.get("startupProbe"), grace_period, f"{path}.startupProbe"))
    return errs
