"""``-o json`` of a typed object: encoding/json writes Go struct fields in declaration order.

Most kubectl commands print unstructured objects (maps: keys sorted, printers/json.py). A few
print typed ones: ``run`` and ``create namespace`` (the generated object and the server's answer),
``config view``, ``events``. Their JSON follows the field order of k8s.io/api/core/v1 types.go,
which this table restates for the types a pod, a namespace and an event are made of. Keys the
table does not know come after the known ones, sorted.
"""
from __future__ import annotations

from typing import Any

from sandbox.kubectl.printers.json import go_format_float, go_quote_json

_META = ("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
         "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
         "ownerReferences", "finalizers", "managedFields")
_TOP = ("kind", "apiVersion", "metadata", "spec", "status")
# field name -> the order of the struct it holds (by the parent's key); "*" applies anywhere.
_STRUCTS: dict[str, tuple[str, ...]] = {
    "metadata": _META,
    "spec": ("volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
             "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector",
             "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork",
             "hostPID", "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname",
             "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName", "priority",
             "dnsConfig", "readinessGates", "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "overhead",
             "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers", "schedulingGates",
             "resourceClaims", "resources", "finalizers"),
    "containers": ("name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
                   "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe",
                   "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
                   "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"),
    "ports": ("name", "hostPort", "containerPort", "protocol", "hostIP"),
    "env": ("name", "value", "valueFrom"),
    "resources": ("limits", "requests", "claims"),
    "volumeMounts": ("name", "readOnly", "recursiveReadOnly", "mountPath", "subPath", "mountPropagation",
                     "subPathExpr"),
    "probe": ("exec", "httpGet", "tcpSocket", "grpc", "initialDelaySeconds", "timeoutSeconds", "periodSeconds",
              "successThreshold", "failureThreshold", "terminationGracePeriodSeconds"),
    "httpGet": ("path", "port", "host", "scheme", "httpHeaders"),
    "tcpSocket": ("port", "host"),
    "volumes": ("name", "hostPath", "emptyDir", "secret", "configMap", "downwardAPI", "projected"),
    "projected": ("sources", "defaultMode"),
    "sources": ("secret", "downwardAPI", "configMap", "serviceAccountToken", "clusterTrustBundle"),
    "serviceAccountToken": ("audience", "expirationSeconds", "path"),
    "configMap": ("name", "items", "defaultMode", "optional"),
    "items": ("key", "path", "fieldRef", "resourceFieldRef", "mode"),
    "fieldRef": ("apiVersion", "fieldPath"),
    "tolerations": ("key", "operator", "value", "effect", "tolerationSeconds"),
    "status": ("phase", "conditions", "message", "reason", "nominatedNodeName", "hostIP", "hostIPs", "podIP",
               "podIPs", "startTime", "initContainerStatuses", "containerStatuses", "qosClass",
               "ephemeralContainerStatuses", "resize", "resourceClaimStatuses"),
    "conditions": ("type", "status", "lastProbeTime", "lastTransitionTime", "reason", "message"),
    "containerStatuses": ("name", "state", "lastState", "ready", "restartCount", "image", "imageID", "containerID",
                          "started", "allocatedResources", "resources", "volumeMounts", "user",
                          "allocatedResourcesStatus"),
    "state": ("waiting", "running", "terminated"),
    "terminated": ("exitCode", "signal", "reason", "message", "startedAt", "finishedAt", "containerID"),
    "waiting": ("reason", "message"),
    "involvedObject": ("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"),
    "source": ("component", "host"),
    "event": ("kind", "apiVersion", "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp",
              "lastTimestamp", "count", "type", "eventTime", "series", "action", "related", "reportingComponent",
              "reportingInstance"),
}
_ALIASES = {"initContainers": "containers", "ephemeralContainers": "containers", "livenessProbe": "probe",
            "readinessProbe": "probe", "startupProbe": "probe", "initContainerStatuses": "containerStatuses",
            "lastState": "state", "hostIPs": "podIPs"}


_MAPS = ("labels", "annotations", "nodeSelector", "limits", "requests", "overhead", "allocatedResources")


def _keys(key: str, value: dict[str, Any], insertion: bool) -> list[str]:
    """Go struct fields in declaration order; Go maps (labels ...) sorted, as encoding/json does."""
    if insertion:
        return list(value)
    if key in _MAPS:
        return sorted(value)
    if key == "":
        order = _STRUCTS["event"] if value.get("kind") == "Event" else _TOP
    else:
        order = _STRUCTS.get(_ALIASES.get(key, key), ())
    return [k for k in order if k in value] + sorted(k for k in value if k not in order)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return go_format_float(value, "json")
    return go_quote_json(str(value))


def _encode(value: Any, key: str, indent: str, out: list[str], insertion: bool) -> None:
    inner = indent + "    "
    if isinstance(value, dict) and value:
        keys = _keys(key, value, insertion)
        out.append("{\n")
        for i, k in enumerate(keys):
            out.append(f"{inner}{go_quote_json(k)}: ")
            _encode(value[k], k, inner, out, insertion)
            out.append(",\n" if i < len(keys) - 1 else "\n")
        out.append(indent + "}")
    elif isinstance(value, list) and value:
        out.append("[\n")
        for i, item in enumerate(value):
            out.append(inner)
            child = "" if key == "items" and isinstance(item, dict) and "kind" in item else key
            _encode(item, child, inner, out, insertion)
            out.append(",\n" if i < len(value) - 1 else "\n")
        out.append(indent + "]")
    elif isinstance(value, (dict, list)):
        out.append("{}" if isinstance(value, dict) else "[]")
    else:
        out.append(_scalar(value))


def typed_json(obj: dict[str, Any]) -> str:
    """json.MarshalIndent(typedObject, "", "    ") + "\\n", in Go struct field order (a kubeconfig
    arrives already in its order and keeps it)."""
    out: list[str] = []
    _encode(obj, "", "", out, insertion=obj.get("kind") == "Config")
    return "".join(out) + "\n"
