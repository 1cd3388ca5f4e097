"""How a container spec and its image become a process: argv, environment, start errors."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..catalogue import ImageSpec

if TYPE_CHECKING:
    from ..cluster import Cluster
    from .state import PodState

_VAR_REF = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")

# The kubernetes service's environment, which every container gets (enableServiceLinks or not:
# the master service variables are always injected; pkg/kubelet/kubelet_pods.go getServiceEnvVarMap).
SERVICE_ENV = {
    "KUBERNETES_SERVICE_HOST": "10.96.0.1",
    "KUBERNETES_SERVICE_PORT": "443",
    "KUBERNETES_SERVICE_PORT_HTTPS": "443",
    "KUBERNETES_PORT": "tcp://10.96.0.1:443",
    "KUBERNETES_PORT_443_TCP": "tcp://10.96.0.1:443",
    "KUBERNETES_PORT_443_TCP_PROTO": "tcp",
    "KUBERNETES_PORT_443_TCP_PORT": "443",
    "KUBERNETES_PORT_443_TCP_ADDR": "10.96.0.1",
}


def expand(text: str, env: dict[str, str]) -> str:
    """Kubernetes' $(VAR) expansion in command, args and env values (third_party expansion.go):
    a defined variable is replaced, an undefined reference stays as written, $$ is a literal $."""
    def sub(m: re.Match[str]) -> str:
        if m.group(0) == "$$":
            return "$"
        name = m.group(1)
        return env[name] if name in env else m.group(0)
    return _VAR_REF.sub(sub, text)


def container_argv(cspec: dict[str, Any], image: ImageSpec, env: dict[str, str] | None = None) -> list[str]:
    """The process argv (the docs' "Define a Command and Arguments for a Container" table):
    command replaces ENTRYPOINT and, when args are absent, drops CMD too; args replace CMD."""
    command = cspec.get("command")
    args = cspec.get("args")
    if command:
        argv = list(command) + list(args or [])
    else:
        argv = list(image.entrypoint) + (list(args) if args else list(image.cmd))
    if env is not None:
        argv = [expand(a, env) for a in argv]
    return argv


def field_ref(cluster: Cluster, ps: PodState, pod: dict[str, Any], path: str) -> str:
    meta = pod["metadata"]
    if path == "metadata.name":
        return meta["name"]
    if path == "metadata.namespace":
        return meta.get("namespace", "default")
    if path == "metadata.uid":
        return meta.get("uid", "")
    if path == "spec.nodeName":
        return pod["spec"].get("nodeName", "")
    if path == "spec.serviceAccountName":
        return pod["spec"].get("serviceAccountName", "")
    if path in ("status.podIP", "status.podIPs"):
        return ps.ip
    if path in ("status.hostIP", "status.hostIPs"):
        node = cluster.store.get("nodes", "", ps.node)
        return cluster.node_ip(node) if node else ""
    m = re.fullmatch(r"metadata\.(labels|annotations)\['(.+)'\]", path)
    if m:
        return (meta.get(m.group(1)) or {}).get(m.group(2), "")
    return ""


def container_env(cluster: Cluster, ps: PodState, pod: dict[str, Any], cspec: dict[str, Any],
                  image: ImageSpec) -> dict[str, str]:
    """The process environment: the image's ENV, HOSTNAME, the spec's env (in order, with $(VAR)
    expansion against what came before), then the kubernetes service variables."""
    env: dict[str, str] = {}
    if "PATH" in image.env:
        env["PATH"] = image.env["PATH"]
    env["HOSTNAME"] = ps.name
    for k, v in image.env.items():
        env.setdefault(k, v)
    for item in cspec.get("env", []):
        if "value" in item or "valueFrom" not in item:
            env[item["name"]] = expand(str(item.get("value", "")), env)
        elif "fieldRef" in item["valueFrom"]:
            env[item["name"]] = field_ref(cluster, ps, pod, item["valueFrom"]["fieldRef"].get("fieldPath", ""))
        elif "resourceFieldRef" in item["valueFrom"]:
            env[item["name"]] = "0"
    for k, v in SERVICE_ENV.items():
        env.setdefault(k, v)
    env.setdefault("HOME", "/root")
    return env


def config_error(cspec: dict[str, Any]) -> str:
    """CreateContainerConfigError text when env refers to a ConfigMap or Secret: Podlab's API has
    none, so every such reference is missing (``configmap "x" not found``) unless optional."""
    sources = []
    for item in cspec.get("env", []):
        ref = item.get("valueFrom") or {}
        for key, kind in (("configMapKeyRef", "configmap"), ("secretKeyRef", "secret")):
            if key in ref and not ref[key].get("optional"):
                sources.append((kind, ref[key].get("name", "")))
    for item in cspec.get("envFrom", []):
        for key, kind in (("configMapRef", "configmap"), ("secretRef", "secret")):
            if key in item and not item[key].get("optional"):
                sources.append((kind, item[key].get("name", "")))
    if sources:
        kind, name = sources[0]
        return f'{kind} "{name}" not found'
    return ""


def start_error(name: str) -> str:
    """runc's error when the entrypoint cannot be executed, as containerd reports it."""
    if name.startswith("/"):
        why = f'exec: "{name}": stat {name}: no such file or directory'
    else:
        why = f'exec: "{name}": executable file not found in $PATH'
    return ("failed to create containerd task: failed to create shim task: OCI runtime create failed: "
            f"runc create failed: unable to start container process: {why}: unknown")


def exec_not_found(argv: list[str], flavour: str | None) -> str:
    """runc's answer to an exec of a missing program (kubectl exec, exec probes)."""
    name = argv[0] if argv else ""
    if name.startswith("/"):
        why = f'exec: "{name}": stat {name}: no such file or directory'
    else:
        why = f'exec: "{name}": executable file not found in $PATH'
    return f"OCI runtime exec failed: exec failed: unable to start container process: {why}: unknown"
