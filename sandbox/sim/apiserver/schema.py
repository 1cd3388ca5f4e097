"""The Kubernetes 1.32 object schema, read from the OpenAPI definitions shipped in kubernetes-validate.

The decoder (decode.py) walks objects against these definitions the way sigs.k8s.io/json walks the
Go structs of k8s.io/api. The definitions do not say which Go type backs a field, yet
encoding/json's type errors name it (``of type int32``, ``of type v1.RestartPolicy``), so a small
table below restores the named Go types of the fields learners meet; unlisted named string types
print as ``string`` (an approximation).

The file (~1.3 MB) is read once, on first use, through importlib.resources; only the properties of
each definition are kept, without their descriptions.
"""
from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

_PACKAGE = "kubernetes_validate"
_DEFINITIONS = ("kubernetes-json-schema", "v1.32.0-local", "_definitions.json")

# Definitions that implement json.Unmarshaler in Go and so decode by their own rules.
_CUSTOM = {
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": "intorstr",
    "io.k8s.apimachinery.pkg.api.resource.Quantity": "quantity",
    "io.k8s.apimachinery.pkg.apis.meta.v1.Time": "time",
    "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": "microtime",
    "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": "raw",
    "io.k8s.apimachinery.pkg.runtime.RawExtension": "raw",
    "io.k8s.apimachinery.pkg.apis.meta.v1.Patch": "raw",
}

# Named Go types of fields (k8s.io/api/core/v1/types.go, apimachinery meta/v1/types.go).
# Key: "<Go struct>.<json name>"; a leading "[]" marks a slice of that named type.
_NAMED: dict[str, str] = {
    "Container.imagePullPolicy": "v1.PullPolicy",
    "Container.terminationMessagePolicy": "v1.TerminationMessagePolicy",
    "Container.restartPolicy": "v1.ContainerRestartPolicy",
    "EphemeralContainer.imagePullPolicy": "v1.PullPolicy",
    "EphemeralContainer.terminationMessagePolicy": "v1.TerminationMessagePolicy",
    "EphemeralContainer.restartPolicy": "v1.ContainerRestartPolicy",
    "PodSpec.restartPolicy": "v1.RestartPolicy",
    "PodSpec.dnsPolicy": "v1.DNSPolicy",
    "PodSpec.preemptionPolicy": "v1.PreemptionPolicy",
    "PodSpec.overhead": "v1.ResourceList",
    "ContainerPort.protocol": "v1.Protocol",
    "HTTPGetAction.scheme": "v1.URIScheme",
    "VolumeMount.mountPropagation": "v1.MountPropagationMode",
    "VolumeMount.recursiveReadOnly": "v1.RecursiveReadOnlyMode",
    "ResourceRequirements.limits": "v1.ResourceList",
    "ResourceRequirements.requests": "v1.ResourceList",
    "VolumeResourceRequirements.limits": "v1.ResourceList",
    "VolumeResourceRequirements.requests": "v1.ResourceList",
    "Toleration.operator": "v1.TolerationOperator",
    "Toleration.effect": "v1.TaintEffect",
    "Taint.effect": "v1.TaintEffect",
    "PodSecurityContext.fsGroupChangePolicy": "v1.PodFSGroupChangePolicy",
    "PodSecurityContext.seLinuxChangePolicy": "v1.PodSELinuxChangePolicy",
    "PodSecurityContext.supplementalGroupsPolicy": "v1.SupplementalGroupsPolicy",
    "SecurityContext.procMount": "v1.ProcMountType",
    "Capabilities.add": "[]v1.Capability",
    "Capabilities.drop": "[]v1.Capability",
    "SeccompProfile.type": "v1.SeccompProfileType",
    "AppArmorProfile.type": "v1.AppArmorProfileType",
    "PodStatus.phase": "v1.PodPhase",
    "PodStatus.qosClass": "v1.PodQOSClass",
    "PodStatus.resize": "v1.PodResizeStatus",
    "PodCondition.type": "v1.PodConditionType",
    "PodCondition.status": "v1.ConditionStatus",
    "PodReadinessGate.conditionType": "v1.PodConditionType",
    "ContainerStatus.allocatedResources": "v1.ResourceList",
    "NamespaceSpec.finalizers": "[]v1.FinalizerName",
    "NamespaceStatus.phase": "v1.NamespacePhase",
    "NamespaceCondition.type": "v1.NamespaceConditionType",
    "NamespaceCondition.status": "v1.ConditionStatus",
    "NodeStatus.phase": "v1.NodePhase",
    "NodeStatus.capacity": "v1.ResourceList",
    "NodeStatus.allocatable": "v1.ResourceList",
    "NodeStatus.volumesInUse": "[]v1.UniqueVolumeName",
    "NodeCondition.type": "v1.NodeConditionType",
    "NodeCondition.status": "v1.ConditionStatus",
    "NodeAddress.type": "v1.NodeAddressType",
    "AttachedVolume.name": "v1.UniqueVolumeName",
    "EmptyDirVolumeSource.medium": "v1.StorageMedium",
    "HostPathVolumeSource.type": "v1.HostPathType",
    "ContainerResizePolicy.resourceName": "v1.ResourceName",
    "ContainerResizePolicy.restartPolicy": "v1.ResourceResizeRestartPolicy",
    "PodOS.name": "v1.OSName",
    "NodeSelectorRequirement.operator": "v1.NodeSelectorOperator",
    "TopologySpreadConstraint.whenUnsatisfiable": "v1.UnsatisfiableConstraintAction",
    "TopologySpreadConstraint.nodeAffinityPolicy": "v1.NodeInclusionPolicy",
    "TopologySpreadConstraint.nodeTaintsPolicy": "v1.NodeInclusionPolicy",
    "PersistentVolumeClaimSpec.accessModes": "[]v1.PersistentVolumeAccessMode",
    "PersistentVolumeClaimSpec.volumeMode": "v1.PersistentVolumeMode",
    "ImageVolumeSource.pullPolicy": "v1.PullPolicy",
    "ObjectReference.uid": "types.UID",
    "ObjectMeta.uid": "types.UID",
    "OwnerReference.uid": "types.UID",
    "ManagedFieldsEntry.operation": "v1.ManagedFieldsOperationType",
    "LabelSelectorRequirement.operator": "v1.LabelSelectorOperator",
}


@dataclass(frozen=True, slots=True)
class GoType:
    """One Go type as sigs.k8s.io/json meets it: its kind for decoding and its name for errors."""

    kind: str  # struct slice map string bool int float intorstr quantity time microtime raw any
    go: str  # what reflect.Type.String() prints: "int32", "[]v1.Container", "v1.ResourceList"
    ref: str = ""  # struct: the definition key
    elem: GoType | None = field(default=None, compare=False)
    bits: int = 0  # int: 32 or 64


def _package_files() -> Any:
    """The package's resource root. Importing kubernetes_validate would pull in jsonschema (0.2 s),
    so the loader's resource reader is asked directly; resources.files() is the fallback."""
    spec = importlib.util.find_spec(_PACKAGE)
    reader = getattr(spec.loader, "get_resource_reader", None) if spec and spec.loader else None
    if reader is not None:
        return reader(spec.name).files()
    return resources.files(_PACKAGE)


def _drop_descriptions(node: dict[str, Any]) -> dict[str, Any]:
    node.pop("description", None)
    return node


@lru_cache(maxsize=1)
def _definitions() -> dict[str, dict[str, Any]]:
    text = _package_files().joinpath(*_DEFINITIONS).read_text(encoding="utf-8")
    return json.loads(text, object_hook=_drop_descriptions)["$defs"]


def definition(ref: str | None) -> dict[str, Any]:
    """The definition named ``ref`` (its descriptions dropped), or {} for none."""
    return _definitions().get(ref, {}) if ref is not None else {}


@lru_cache(maxsize=1)
def _gvk_index() -> dict[tuple[str, str, str], str]:
    index: dict[tuple[str, str, str], str] = {}
    for name, body in _definitions().items():
        for gvk in body.get("x-kubernetes-group-version-kind", ()):
            index.setdefault((gvk["group"], gvk["version"], gvk["kind"]), name)
    return index


def definition_for(group: str, version: str, kind: str) -> str | None:
    """The definition key registered for a group/version/kind, or None (scheme.New fails)."""
    return _gvk_index().get((group, version, kind))


def struct_name(ref: str) -> str:
    """reflect.Type.Name() of a definition's Go struct: "ContainerPort"."""
    return ref.rsplit(".", 1)[1]


def go_name(ref: str) -> str:
    """reflect.Type.String(): the package's last element and the name, "v1.ContainerPort"."""
    parts = ref.split(".")
    return f"{parts[-2]}.{parts[-1]}"


def struct_type(ref: str) -> GoType:
    return GoType("struct", go_name(ref), ref)


@lru_cache(maxsize=None)
def fields(ref: str) -> dict[str, GoType]:
    """The JSON fields of a Go struct with their Go types."""
    body = _definitions()[ref]
    owner = struct_name(ref)
    return {prop: _type_of(schema, _NAMED.get(f"{owner}.{prop}", ""))
            for prop, schema in body.get("properties", {}).items()}


def _ref_type(ref: str, named: str) -> GoType:
    if ref in _CUSTOM:
        kind = _CUSTOM[ref]
        return GoType(kind, go_name(ref))
    body = _definitions()[ref]
    if "properties" in body:
        return struct_type(ref)
    return _type_of(body, named)


def _type_of(schema: dict[str, Any], named: str = "") -> GoType:
    if "$ref" in schema:
        return _ref_type(schema["$ref"].rsplit("/", 1)[1], named)
    if schema.get("x-kubernetes-int-or-string"):
        return GoType("intorstr", "intstr.IntOrString")
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else types
    if "array" in types:
        elem_named = named[2:] if named.startswith("[]") else ""
        elem = _type_of(schema.get("items", {}), elem_named)
        return GoType("slice", named or f"[]{elem.go}", elem=elem)
    if "object" in types:
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            elem = _type_of(extra)
            return GoType("map", named or f"map[string]{elem.go}", elem=elem)
        return GoType("any", "map[string]interface {}")
    if "string" in types:
        return GoType("string", named or "string")
    if "boolean" in types:
        return GoType("bool", "bool")
    if "integer" in types:
        bits = 32 if schema.get("format") == "int32" else 64
        return GoType("int", f"int{bits}" if schema.get("format") else "int", bits=bits)
    if "number" in types:
        return GoType("float", "float64")
    return GoType("any", "interface {}")
