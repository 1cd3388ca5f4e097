"""Defaulting of v1 objects, as kube-apiserver applies it when it decodes a request (and on read).

Imitates pkg/apis/core/v1/defaults.go (SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container,
SetDefaults_Probe, SetDefaults_HTTPGetAction, SetDefaults_Volume, the volume sources' defaultMode,
SetDefaults_ResourceList, SetDefaults_Namespace/NamespaceStatus, SetDefaults_NodeStatus,
SetDefaults_ObjectFieldSelector) and the ``+default`` markers that zz_generated.defaults.go turns
into code (ContainerPort.protocol=TCP, GRPCAction.service=""), in SetObjectDefaults_Pod's order.
Every function mutates the dict it is given and is idempotent.
"""
from __future__ import annotations

from typing import Any

from ..imageref import default_pull_policy
from .quantity import QuantityError, round_up_milli

DEFAULT_TERMINATION_GRACE_PERIOD = 30
DEFAULT_SCHEDULER = "default-scheduler"
DEFAULT_MODE = 420  # 0644: Secret/ConfigMap/DownwardAPI/Projected VolumeSourceDefaultMode
LABEL_METADATA_NAME = "kubernetes.io/metadata.name"

_VOLUME_SOURCES = (
    "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "configMap", "csi",
    "downwardAPI", "emptyDir", "ephemeral", "fc", "flexVolume", "flocker", "gcePersistentDisk",
    "gitRepo", "glusterfs", "hostPath", "image", "iscsi", "nfs", "persistentVolumeClaim",
    "photonPersistentDisk", "portworxVolume", "projected", "quobyte", "rbd", "scaleIO", "secret",
    "storageos", "vsphereVolume",
)


def _dict(parent: dict[str, Any], key: str) -> dict[str, Any] | None:
    value = parent.get(key)
    return value if isinstance(value, dict) else None


def _list(parent: dict[str, Any], key: str) -> list[Any]:
    value = parent.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def default_pod(pod: dict[str, Any]) -> dict[str, Any]:
    """SetObjectDefaults_Pod."""
    spec = pod.setdefault("spec", {})
    _requests_from_limits(spec)
    spec.setdefault("enableServiceLinks", True)
    if spec.get("hostNetwork"):
        for container in _list(spec, "containers") + _list(spec, "initContainers"):
            for port in _list(container, "ports"):
                if not port.get("hostPort"):
                    port["hostPort"] = port.get("containerPort", 0)
    default_pod_spec(spec)
    return pod


def default_pod_spec(spec: dict[str, Any]) -> None:
    """SetDefaults_PodSpec and the defaults of everything a PodSpec contains."""
    if not spec.get("dnsPolicy"):
        spec["dnsPolicy"] = "ClusterFirst"
    if not spec.get("restartPolicy"):
        spec["restartPolicy"] = "Always"
    if spec.get("securityContext") is None:
        spec["securityContext"] = {}
    if spec.get("terminationGracePeriodSeconds") is None:
        spec["terminationGracePeriodSeconds"] = DEFAULT_TERMINATION_GRACE_PERIOD
    if not spec.get("schedulerName"):
        spec["schedulerName"] = DEFAULT_SCHEDULER
    for volume in _list(spec, "volumes"):
        default_volume(volume)
    for key in ("initContainers", "containers", "ephemeralContainers"):
        for container in _list(spec, key):
            default_container(container)
    if isinstance(spec.get("overhead"), dict):
        _round_resource_list(spec["overhead"])


def _requests_from_limits(spec: dict[str, Any]) -> None:
    """SetDefaults_Pod: "If limits are specified, but requests are not, default requests to limits"."""
    for container in _list(spec, "containers") + _list(spec, "initContainers"):
        resources = _dict(container, "resources")
        limits = _dict(resources, "limits") if resources else None
        if limits is None:
            continue
        requests = resources.setdefault("requests", {})  # type: ignore[union-attr]
        for name, value in limits.items():
            requests.setdefault(name, value)
        if not requests:
            del resources["requests"]  # type: ignore[union-attr]  # an empty ResourceList is omitted


def default_container(container: dict[str, Any]) -> None:
    """SetDefaults_Container, ports, env, resources, probes and lifecycle handlers."""
    if not container.get("imagePullPolicy"):
        container["imagePullPolicy"] = default_pull_policy(str(container.get("image", "")))
    if not container.get("terminationMessagePath"):
        container["terminationMessagePath"] = "/dev/termination-log"
    if not container.get("terminationMessagePolicy"):
        container["terminationMessagePolicy"] = "File"
    for port in _list(container, "ports"):
        if not port.get("protocol"):
            port["protocol"] = "TCP"
    for env in _list(container, "env"):
        source = _dict(env, "valueFrom")
        if source and _dict(source, "fieldRef") is not None:
            _default_field_selector(source["fieldRef"])
        if source and _dict(source, "resourceFieldRef") is not None:
            source["resourceFieldRef"].setdefault("divisor", "0")  # a zero Quantity still encodes as "0"
    # ResourceRequirements is a struct, not a pointer: encoding/json writes it even when empty, so
    # every container read back shows ``resources: {}``.
    container.setdefault("resources", {})
    resources = _dict(container, "resources")
    if resources:
        for key in ("limits", "requests"):
            if isinstance(resources.get(key), dict):
                _round_resource_list(resources[key])
    for key in ("livenessProbe", "readinessProbe", "startupProbe"):
        probe = _dict(container, key)
        if probe is not None:
            default_probe(probe)
    lifecycle = _dict(container, "lifecycle")
    if lifecycle:
        for key in ("postStart", "preStop"):
            handler = _dict(lifecycle, key)
            if handler and _dict(handler, "httpGet") is not None:
                _default_http_get(handler["httpGet"])


def default_probe(probe: dict[str, Any]) -> None:
    """SetDefaults_Probe: zero means unset, so 0 becomes the default too; negatives stay."""
    for key, value in (("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1),
                       ("failureThreshold", 3)):
        if not probe.get(key):
            probe[key] = value
    if _dict(probe, "httpGet") is not None:
        _default_http_get(probe["httpGet"])
    grpc = _dict(probe, "grpc")
    if grpc is not None and grpc.get("service") is None:
        grpc["service"] = ""  # +default="" on GRPCAction.Service


def _default_http_get(action: dict[str, Any]) -> None:
    if not action.get("path"):
        action["path"] = "/"
    if not action.get("scheme"):
        action["scheme"] = "HTTP"


def _default_field_selector(selector: dict[str, Any]) -> None:
    if not selector.get("apiVersion"):
        selector["apiVersion"] = "v1"


def _round_resource_list(resources: dict[str, Any]) -> None:
    """SetDefaults_ResourceList: every quantity rounded up to milli scale."""
    for name, value in list(resources.items()):
        try:
            resources[name] = round_up_milli(str(value))
        except QuantityError:
            pass  # cannot happen after decoding; left for validation to report


def default_volume(volume: dict[str, Any]) -> None:
    """SetDefaults_Volume and the sources' defaults."""
    if not any(volume.get(key) is not None for key in _VOLUME_SOURCES):
        volume["emptyDir"] = {}
    for key in ("secret", "configMap", "downwardAPI", "projected"):
        source = _dict(volume, key)
        if source is not None and source.get("defaultMode") is None:
            source["defaultMode"] = DEFAULT_MODE
    host_path = _dict(volume, "hostPath")
    if host_path is not None and host_path.get("type") is None:
        host_path["type"] = ""
    for item in _list(_dict(volume, "downwardAPI") or {}, "items"):
        if _dict(item, "fieldRef") is not None:
            _default_field_selector(item["fieldRef"])
    for source in _list(_dict(volume, "projected") or {}, "sources"):
        token = _dict(source, "serviceAccountToken")
        if token is not None and token.get("expirationSeconds") is None:
            token["expirationSeconds"] = 3600  # SetDefaults_ServiceAccountTokenProjection
        for item in _list(_dict(source, "downwardAPI") or {}, "items"):
            if _dict(item, "fieldRef") is not None:
                _default_field_selector(item["fieldRef"])


def default_namespace(namespace: dict[str, Any]) -> dict[str, Any]:
    """SetDefaults_Namespace (the name label, only when the name is known) and NamespaceStatus."""
    meta = namespace.setdefault("metadata", {})
    if meta.get("name"):
        meta.setdefault("labels", {})[LABEL_METADATA_NAME] = meta["name"]
    status = namespace.setdefault("status", {})
    if not status.get("phase"):
        status["phase"] = "Active"
    return namespace


def default_node(node: dict[str, Any]) -> dict[str, Any]:
    """SetDefaults_NodeStatus: allocatable defaults to capacity."""
    status = _dict(node, "status")
    if status and status.get("allocatable") is None and isinstance(status.get("capacity"), dict):
        status["allocatable"] = dict(status["capacity"])
    for key in ("capacity", "allocatable"):
        if status and isinstance(status.get(key), dict):
            _round_resource_list(status[key])
    return node


def apply_defaults(obj: dict[str, Any]) -> dict[str, Any]:
    """The defaulter the versioning codec runs after decoding, for the kinds Podlab serves."""
    kind = obj.get("kind")
    if kind == "Pod":
        return default_pod(obj)
    if kind == "Namespace":
        return default_namespace(obj)
    if kind == "Node":
        return default_node(obj)
    return obj
