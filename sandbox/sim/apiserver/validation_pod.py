"""Pod validation on create (pkg/apis/core/validation/validation.go, 1.32): ValidatePodCreate ->
validatePodMetadataAndSpec -> ValidateObjectMeta, ValidatePodSpecificAnnotations, ValidatePodSpec,
validateContainersOnlyForPod. Each list is in the order kube-apiserver appends its errors, so the
aggregated message (``[a, b]``) reads the same.
"""
from __future__ import annotations

from typing import Any

from ..errors import FieldError, duplicate, forbidden, invalid, not_supported, required
from .formats import (inclusive_range_error, is_qualified_name, is_valid_ip, is_valid_label_value,
                      name_is_dns_label, name_is_dns_subdomain)
from .validation_containers import (validate_containers, validate_containers_only_for_pod,
                                    validate_init_containers, validate_security_context)
from .validation_meta import validate_labels, validate_object_meta
from .validation_volumes import validate_volumes

MAX_INT32 = 2**31 - 1
_TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v if isinstance(v, dict) else {} for v in value] if isinstance(value, list) else []


def validate_tolerations(tolerations: Any, path: str) -> list[FieldError]:
    """ValidateTolerations (note Go reports a bad value under ``operator``)."""
    errs: list[FieldError] = []
    for i, toleration in enumerate(_dicts(tolerations)):
        p = f"{path}[{i}]"
        key, operator = str(toleration.get("key") or ""), str(toleration.get("operator") or "")
        value, effect = str(toleration.get("value") or ""), str(toleration.get("effect") or "")
        if key:
            errs.extend(invalid(f"{p}.key", key, m) for m in is_qualified_name(key))
        if not key and operator != "Exists":
            errs.append(invalid(f"{p}.operator", operator,
                                'operator must be Exists when `key` is empty, which means "match all values and all keys"'))
        if toleration.get("tolerationSeconds") is not None and effect != "NoExecute":
            errs.append(invalid(f"{p}.effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"))
        if operator in ("Equal", ""):
            messages = is_valid_label_value(value)
            if messages:
                errs.append(invalid(f"{p}.operator", value, ";".join(messages)))
        elif operator == "Exists":
            if value:
                errs.append(invalid(f"{p}.operator", value, "value must be empty when `operator` is 'Exists'"))
        else:
            errs.append(not_supported(f"{p}.operator", operator, ["Equal", "Exists"]))
        if effect and effect not in _TAINT_EFFECTS:
            errs.append(not_supported(f"{p}.effect", effect, _TAINT_EFFECTS))
    return errs


def _enum(value: Any, supported: list[str], path: str) -> list[FieldError]:
    if not value:
        return [required(path)]
    return [] if value in supported else [not_supported(path, value, supported)]


def _pod_security_context(context: Any, path: str) -> list[FieldError]:
    """validatePodSpecSecurityContext for IDs (the rest of the pod security context is not checked)."""
    context = context if isinstance(context, dict) else {}
    errs = validate_security_context({k: context.get(k) for k in ("runAsUser", "runAsGroup")}, path)
    fs_group = context.get("fsGroup")
    if isinstance(fs_group, int) and not 0 <= fs_group <= 2**31 - 1:
        errs.insert(0, invalid(f"{path}.fsGroup", fs_group, inclusive_range_error(0, 2**31 - 1)))
    for i, gid in enumerate(context.get("supplementalGroups") or []):
        if isinstance(gid, int) and not 0 <= gid <= 2**31 - 1:
            errs.append(invalid(f"{path}.supplementalGroups[{i}]", gid, inclusive_range_error(0, 2**31 - 1)))
    return errs


def _dns_config(spec: dict[str, Any], path: str) -> list[FieldError]:
    config = spec.get("dnsConfig")
    if spec.get("dnsPolicy") == "None":
        if not isinstance(config, dict):
            return [required(path, "must provide `dnsConfig` when `dnsPolicy` is None")]
        if not config.get("nameservers"):
            return [required(f"{path}.nameservers", "must provide at least one DNS nameserver when `dnsPolicy` is None")]
    if not isinstance(config, dict):
        return []
    errs: list[FieldError] = []
    for i, server in enumerate(config.get("nameservers") or []):
        errs.extend(invalid(f"{path}.nameservers[{i}]", server, m) for m in is_valid_ip(str(server)))
    for i, option in enumerate(_dicts(config.get("options"))):
        if not option.get("name"):
            errs.append(required(f"{path}.options[{i}]", "must not be empty"))
    return errs


def validate_pod_spec(spec: dict[str, Any], path: str = "spec") -> list[FieldError]:
    """ValidatePodSpec, without affinity, topology spread, OS-specific and pod-level resource rules."""
    errs: list[FieldError] = []
    grace = spec.get("terminationGracePeriodSeconds")
    if grace is None:
        errs.append(required(f"{path}.terminationGracePeriodSeconds"))
    volumes, volume_errs = validate_volumes(spec.get("volumes"), f"{path}.volumes")
    errs.extend(volume_errs)
    errs.extend(validate_containers(spec.get("containers"), volumes, grace, f"{path}.containers"))
    errs.extend(validate_init_containers(spec.get("initContainers"), spec.get("containers"), volumes, grace,
                                         f"{path}.initContainers"))
    if spec.get("hostNetwork"):
        for ci, container in enumerate(_dicts(spec.get("containers"))):
            for pi, port in enumerate(_dicts(container.get("ports"))):
                if port.get("hostPort", 0) != port.get("containerPort", 0):
                    errs.append(invalid(f"{path}.containers[{ci}].ports[{pi}].hostPort", port.get("hostPort", 0),
                                        "must match `containerPort` when `hostNetwork` is true"))
    errs.extend(_enum(spec.get("restartPolicy"), ["Always", "OnFailure", "Never"], f"{path}.restartPolicy"))
    errs.extend(_enum(spec.get("dnsPolicy"), ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
                      f"{path}.dnsPolicy"))
    errs.extend(validate_labels(spec.get("nodeSelector"), f"{path}.nodeSelector"))
    errs.extend(_pod_security_context(spec.get("securityContext"), f"{path}.securityContext"))
    errs.extend(_dns_config(spec, f"{path}.dnsConfig"))
    for i, gate in enumerate(_dicts(spec.get("readinessGates"))):
        condition = str(gate.get("conditionType") or "")
        errs.extend(invalid(f"{path}.readinessGates[{i}].conditionType", condition, m) for m in is_qualified_name(condition))
    seen: set[str] = set()
    for i, gate in enumerate(_dicts(spec.get("schedulingGates"))):
        name = str(gate.get("name") or "")
        errs.extend(invalid(f"{path}.schedulingGates[{i}]", name, m) for m in is_qualified_name(name))
        if name in seen:
            errs.append(duplicate(f"{path}.schedulingGates[{i}]", name))
        seen.add(name)
    for key in ("serviceAccountName", "nodeName"):
        if spec.get(key):
            errs.extend(invalid(f"{path}.{key}", spec[key], m) for m in name_is_dns_subdomain(str(spec[key])))
    deadline = spec.get("activeDeadlineSeconds")
    if isinstance(deadline, int) and not 1 <= deadline <= MAX_INT32:
        errs.append(invalid(f"{path}.activeDeadlineSeconds", deadline, inclusive_range_error(1, MAX_INT32)))
    for key in ("hostname", "subdomain"):
        if spec.get(key):
            errs.extend(invalid(f"{path}.{key}", spec[key], m) for m in name_is_dns_label(str(spec[key])))
    errs.extend(validate_tolerations(spec.get("tolerations"), f"{path}.tolerations"))
    for i, alias in enumerate(_dicts(spec.get("hostAliases"))):
        errs.extend(invalid(f"{path}.hostAliases[{i}].ip", alias.get("ip", ""), m) for m in is_valid_ip(str(alias.get("ip", ""))))
        for j, host in enumerate(alias.get("hostnames") or []):
            errs.extend(invalid(f"{path}.hostAliases[{i}].hostnames[{j}]", host, m) for m in name_is_dns_subdomain(str(host)))
    for key in ("priorityClassName", "runtimeClassName"):
        if spec.get(key):
            errs.extend(invalid(f"{path}.{key}", spec[key], m) for m in name_is_dns_subdomain(str(spec[key])))
    if spec.get("preemptionPolicy") is not None:
        errs.extend(_enum(spec["preemptionPolicy"], ["PreemptLowerPriority", "Never"], f"{path}.preemptionPolicy"))
    return errs


def validate_pod_metadata_and_spec(pod: dict[str, Any]) -> list[FieldError]:
    """validatePodMetadataAndSpec: shared by create and update."""
    meta = pod.get("metadata") if isinstance(pod.get("metadata"), dict) else {}
    spec = pod.get("spec") if isinstance(pod.get("spec"), dict) else {}
    errs = validate_object_meta(meta, True, name_is_dns_subdomain)
    annotations = meta.get("annotations") or {}
    if "kubernetes.io/config.mirror" in annotations and not spec.get("nodeName"):
        errs.append(invalid("metadata.annotations[kubernetes.io/config.mirror]", annotations["kubernetes.io/config.mirror"],
                            "must set spec.nodeName if mirror pod annotation is set"))
    cost = annotations.get("controller.kubernetes.io/pod-deletion-cost")
    if cost is not None and not _is_int32(str(cost)):
        errs.append(invalid("metadata.annotations[controller.kubernetes.io/pod-deletion-cost]", cost,
                            "must be a 32bit integer"))
    errs.extend(validate_pod_spec(spec))
    if not spec.get("serviceAccountName"):
        for vi, volume in enumerate(_dicts(spec.get("volumes"))):
            for si, source in enumerate(_dicts((volume.get("projected") or {}).get("sources"))):
                if source.get("serviceAccountToken") is not None:
                    errs.append(forbidden(f"spec.volumes[{vi}].projected.sources[{si}].serviceAccountToken",
                                          "must not be specified when serviceAccountName is not set"))
    errs.extend(validate_containers_only_for_pod(spec.get("containers"), "spec.containers"))
    errs.extend(validate_containers_only_for_pod(spec.get("initContainers"), "spec.initContainers"))
    return errs


def _is_int32(text: str) -> bool:
    try:
        return -(2**31) <= int(text, 10) <= MAX_INT32
    except ValueError:
        return False


def validate_pod_create(pod: dict[str, Any]) -> list[FieldError]:
    """ValidatePodCreate. The seccomp/AppArmor annotation-vs-field checks are not imitated."""
    errs = validate_pod_metadata_and_spec(pod)
    spec = pod.get("spec") if isinstance(pod.get("spec"), dict) else {}
    if spec.get("ephemeralContainers"):
        errs.append(forbidden("spec.ephemeralContainers", "cannot be set on create"))
    if spec.get("nodeName") and spec.get("schedulingGates"):
        errs.append(forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"))
    return errs


def warnings_on_pod_create(pod: dict[str, Any]) -> list[str]:
    """podStrategy.WarningsOnCreate, for the two warnings learners can trigger.

    A dotted name is allowed but is not a DNS label; a negative grace period is accepted and
    treated as 1 (pkg/api/pod/warnings.go).
    """
    warnings: list[str] = []
    name = str((pod.get("metadata") or {}).get("name") or "")
    messages = name_is_dns_label(name) if name else []
    if messages:
        warnings.append("metadata.name: this is used in the Pod's hostname, which can result in surprising "
                        f"behavior; a DNS label is recommended: [{' '.join(messages)}]")
    grace = (pod.get("spec") or {}).get("terminationGracePeriodSeconds")
    if isinstance(grace, int) and grace < 0:
        warnings.append("spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1")
    return warnings
