"""Pod update validation (pkg/apis/core/validation/validation.go ValidatePodUpdate, 1.32) and the
update-time preparation (registry/rest/update.go BeforeUpdate, pod strategy PrepareForUpdate,
Priority admission on update).

Only these may change: container and init-container images, activeDeadlineSeconds (set, or lowered),
tolerations (added), schedulingGates (removed), and terminationGracePeriodSeconds from a negative
value to 1. Anything else is refused with ``spec: Forbidden: pod updates may not change fields other
than ...``. The prefix is exact; Go follows it with a go-cmp diff of the internal PodSpec, which is
approximated here by one ``-``/``+`` line pair per changed JSON path.
"""
from __future__ import annotations

import copy
import json
from typing import Any

from ..errors import FieldError, forbidden, invalid, required
from .defaults import default_pod
from .formats import inclusive_range_error
from .validation_meta import validate_object_meta_update
from .validation_pod import MAX_INT32, validate_pod_metadata_and_spec, validate_tolerations

UPDATABLE_POD_SPEC_FIELDS = [
    "`spec.containers[*].image`",
    "`spec.initContainers[*].image`",
    "`spec.activeDeadlineSeconds`",
    "`spec.tolerations` (only additions to existing tolerations)",
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
]
FORBIDDEN_PREFIX = "pod updates may not change fields other than " + ",".join(UPDATABLE_POD_SPEC_FIELDS)


def prepare_pod_update(new: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """The new pod as validation sees it: defaulted, with the old status, identity and priority.

    An update without resourceVersion is unconditional for pods (AllowUnconditionalUpdate), so the
    stored version is filled in, as the registry does.
    """
    new = default_pod(copy.deepcopy(new))
    meta, old_meta = new.setdefault("metadata", {}), old.get("metadata") or {}
    for key in ("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion"):
        if not meta.get(key) and old_meta.get(key) is not None:
            meta[key] = old_meta[key]
    spec, old_spec = new["spec"], old.get("spec") or {}
    if not spec.get("serviceAccountName") and spec.get("serviceAccount"):
        spec["serviceAccountName"] = spec["serviceAccount"]
    spec["serviceAccount"] = spec.get("serviceAccountName", "")
    for key in ("priority", "preemptionPolicy"):  # Priority admission ignores updates to these
        if key in old_spec:
            spec[key] = old_spec[key]
        else:
            spec.pop(key, None)
    new["status"] = copy.deepcopy(old.get("status") or {})
    return new


def _containers(value: Any) -> list[dict[str, Any]]:
    return [c if isinstance(c, dict) else {} for c in value] if isinstance(value, list) else []


def _container_updates(new: Any, old: Any, path: str) -> tuple[list[FieldError], bool]:
    """ValidateContainerUpdates."""
    new_list, old_list = _containers(new), _containers(old)
    if len(new_list) != len(old_list):
        return [forbidden(path, "pod updates may not add or remove containers")], True
    errs: list[FieldError] = []
    for i, container in enumerate(new_list):
        image = container.get("image")
        if not image:
            errs.append(required(f"{path}[{i}].image"))
        if isinstance(image, str) and image != image.strip():
            errs.append(invalid(f"{path}[{i}].image", image, "must not have leading or trailing whitespace"))
    return errs, False


def _only_added_tolerations(new: Any, old: Any, path: str) -> list[FieldError]:
    new_list, old_list = _containers(new), _containers(old)
    for toleration in old_list:
        wanted = {k: v for k, v in toleration.items() if k != "tolerationSeconds"}
        if not any({k: v for k, v in n.items() if k != "tolerationSeconds"} == wanted for n in new_list):
            return [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")]
    return validate_tolerations(new_list, path)


def _only_deleted_gates(new: Any, old: Any, path: str) -> list[FieldError]:
    old_names = {g.get("name") for g in _containers(old)}
    errs = []
    for i, gate in enumerate(_containers(new)):
        if gate.get("name") not in old_names:
            errs.append(forbidden(f"{path}[{i}].name",
                                  f"only deletion is allowed, but found new scheduling gate '{gate.get('name')}'"))
    return errs


def _semantic(value: Any) -> Any:
    """apiequality.Semantic treats empty and nil alike; zero values and absent fields compare equal
    here too (approximation: Go tells a nil pointer from a pointer to a zero value)."""
    if isinstance(value, dict):
        out = {k: _semantic(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {}, False, 0)}
    if isinstance(value, list):
        return [_semantic(v) for v in value]
    return value


def _diff(old: Any, new: Any, path: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        lines: list[str] = []
        for key in list(old) + [k for k in new if k not in old]:
            lines += _diff(old.get(key), new.get(key), f"{path}.{key}" if path else key)
        return lines
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [line for i, (a, b) in enumerate(zip(old, new)) for line in _diff(a, b, f"{path}[{i}]")]
    if old == new:
        return []
    show = lambda v: "nil" if v is None else json.dumps(v, sort_keys=True)  # noqa: E731
    return [f"- \t{path}: {show(old)}", f"+ \t{path}: {show(new)}"]


def spec_diff(old_spec: dict[str, Any], new_spec: dict[str, Any]) -> str:
    """An approximation of ``cmp.Diff(oldPod.Spec, mungedPodSpec)`` (see the module docstring)."""
    return "\n".join(["  core.PodSpec{", *_diff(_semantic(old_spec), _semantic(new_spec)), "  }", ""])


def validate_pod_update(new: dict[str, Any], old: dict[str, Any]) -> list[FieldError]:
    """ValidatePodUpdate (``new`` as prepare_pod_update returns it)."""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(validate_pod_metadata_and_spec(new))
    new_spec = new.get("spec") if isinstance(new.get("spec"), dict) else {}
    old_spec = old.get("spec") if isinstance(old.get("spec"), dict) else {}
    for key in ("containers", "initContainers"):
        found, stop = _container_updates(new_spec.get(key), old_spec.get(key), f"spec.{key}")
        errs.extend(found)
        if stop:
            return errs
    deadline, old_deadline = new_spec.get("activeDeadlineSeconds"), old_spec.get("activeDeadlineSeconds")
    if deadline is not None:
        if not 0 <= deadline <= MAX_INT32:
            return errs + [invalid("spec.activeDeadlineSeconds", deadline, inclusive_range_error(0, MAX_INT32))]
        if old_deadline is not None and old_deadline < deadline:
            return errs + [invalid("spec.activeDeadlineSeconds", deadline, "must be less than or equal to previous value")]
    elif old_deadline is not None:
        errs.append(invalid("spec.activeDeadlineSeconds", None, "must not update from a positive integer to nil value"))
    errs.extend(_only_added_tolerations(new_spec.get("tolerations"), old_spec.get("tolerations"), "spec.tolerations"))
    errs.extend(_only_deleted_gates(new_spec.get("schedulingGates"), old_spec.get("schedulingGates"),
                                    "spec.schedulingGates"))
    munged = copy.deepcopy(new_spec)
    for key in ("containers", "initContainers"):
        for container, before in zip(_containers(munged.get(key)), _containers(old_spec.get(key))):
            container["image"] = before.get("image")
    for key in ("activeDeadlineSeconds", "schedulingGates", "tolerations"):
        munged.pop(key, None)
        if key in old_spec:
            munged[key] = copy.deepcopy(old_spec[key])
    old_grace = old_spec.get("terminationGracePeriodSeconds")
    if isinstance(old_grace, int) and old_grace < 0 and munged.get("terminationGracePeriodSeconds") == 1:
        munged["terminationGracePeriodSeconds"] = old_grace
    if old_spec.get("schedulingGates"):  # gated pods may gain nodeSelector entries
        selector, old_selector = munged.get("nodeSelector") or {}, old_spec.get("nodeSelector") or {}
        if all(selector.get(k) == v for k, v in old_selector.items()):
            munged["nodeSelector"] = copy.deepcopy(old_spec.get("nodeSelector"))
    if _semantic(munged) != _semantic(old_spec):
        errs.append(forbidden("spec", FORBIDDEN_PREFIX + "\n" + spec_diff(old_spec, munged)))
    return errs
