"""The ``Containers:`` / ``Init Containers:`` blocks of kubectl describe pod.

Ports kubectl ``pkg/describe/describe.go``: describeContainers, describeContainerBasicInfo,
describeContainerPorts/HostPorts, describeContainerCommand, describeResources,
describeContainerState/describeStatus, describeContainerProbe/DescribeProbe, describeContainerEnvFrom,
describeContainerEnvVars (with EnvValueRetriever and resourcehelper.ExtractContainerResourceValue)
and describeContainerVolumes.
"""
from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from sandbox.kubectl.describe.gosort import go_sort
from sandbox.kubectl.describe.quantity import Quantity, quantity
from sandbox.kubectl.describe.writer import (LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter,
                                             print_bool, rfc1123)
from sandbox.kubectl.jsonpath.gofmt import go_quote

Obj = Mapping[str, Any]


def describe_containers(w: PrefixWriter, label: str, pod: Obj, containers: Sequence[Obj],
                        statuses: Sequence[Obj] | None) -> None:
    by_name = {s.get("name"): s for s in statuses or []}
    w.write(LEVEL_0, f"{label}:{' <none>' if not containers else ''}\n")
    for container in containers:
        status = by_name.get(container.get("name"))
        _basic_info(w, container, status)
        _command(w, container)
        if status is not None:
            _state(w, status)
        describe_resources(w, container.get("resources"), LEVEL_2)
        _probes(w, container)
        if container.get("envFrom"):
            _env_from(w, container)
        _env(w, pod, container)
        _mounts(w, container)


def _port(value: Any) -> str:
    return str(value if value is not None else 0)


def _basic_info(w: PrefixWriter, c: Obj, status: Obj | None) -> None:
    w.write(LEVEL_1, f"{c.get('name', '')}:\n")
    if status is not None:
        w.write(LEVEL_2, f"Container ID:\t{status.get('containerID', '')}\n")
    w.write(LEVEL_2, f"Image:\t{c.get('image', '')}\n")
    if status is not None:
        w.write(LEVEL_2, f"Image ID:\t{status.get('imageID', '')}\n")
    ports = c.get("ports") or []
    text = ", ".join(f"{_port(p.get('containerPort'))}/{p.get('protocol', '')}" for p in ports)
    if "," in text:
        w.write(LEVEL_2, f"Ports:\t{text}\n")
    else:
        w.write(LEVEL_2, f"Port:\t{text or '<none>'}\n")
    text = ", ".join(f"{_port(p.get('hostPort'))}/{p.get('protocol', '')}" for p in ports)
    if "," in text:
        w.write(LEVEL_2, f"Host Ports:\t{text}\n")
    else:
        w.write(LEVEL_2, f"Host Port:\t{text or '<none>'}\n")
    seccomp = (c.get("securityContext") or {}).get("seccompProfile")
    if seccomp is not None:
        w.write(LEVEL_2, f"SeccompProfile:\t{seccomp.get('type', '')}\n")
        if seccomp.get("type") == "Localhost":
            w.write(LEVEL_3, f"LocalhostProfile:\t{seccomp.get('localhostProfile', '')}\n")


def _command(w: PrefixWriter, c: Obj) -> None:
    for title, argv in (("Command", c.get("command")), ("Args", c.get("args"))):
        if argv:
            w.write(LEVEL_2, f"{title}:\n")
            for arg in argv:
                for line in arg.split("\n"):
                    w.write(LEVEL_3, f"{line}\n")


def sorted_resource_names(resources: Mapping[str, Any]) -> list[str]:
    return sorted(resources)


def describe_resources(w: PrefixWriter, resources: Obj | None, level: int) -> None:
    if resources is None:
        return
    for title in ("limits", "requests"):
        values = resources.get(title) or {}
        if values:
            w.write(level, f"{title.capitalize()}:\n")
        for name in sorted_resource_names(values):
            w.write(level + 1, f"{name}:\t{quantity(values[name])}\n")


def _state(w: PrefixWriter, status: Obj) -> None:
    describe_status(w, "State", status.get("state") or {})
    last = status.get("lastState") or {}
    if last.get("terminated") is not None:
        describe_status(w, "Last State", last)
    w.write(LEVEL_2, f"Ready:\t{print_bool(status.get('ready'))}\n")
    w.write(LEVEL_2, f"Restart Count:\t{status.get('restartCount', 0)}\n")


def describe_status(w: PrefixWriter, name: str, state: Obj) -> None:
    """describeStatus: Running / Waiting (reason only, never the message) / Terminated."""
    if state.get("running") is not None:
        w.write(LEVEL_2, f"{name}:\tRunning\n")
        w.write(LEVEL_3, f"Started:\t{rfc1123(state['running'].get('startedAt'))}\n")
    elif state.get("waiting") is not None:
        w.write(LEVEL_2, f"{name}:\tWaiting\n")
        if state["waiting"].get("reason"):
            w.write(LEVEL_3, f"Reason:\t{state['waiting']['reason']}\n")
    elif state.get("terminated") is not None:
        t = state["terminated"]
        w.write(LEVEL_2, f"{name}:\tTerminated\n")
        if t.get("reason"):
            w.write(LEVEL_3, f"Reason:\t{t['reason']}\n")
        if t.get("message"):
            w.write(LEVEL_3, f"Message:\t{t['message']}\n")
        w.write(LEVEL_3, f"Exit Code:\t{t.get('exitCode', 0)}\n")
        if (t.get("signal") or 0) > 0:
            w.write(LEVEL_3, f"Signal:\t{t['signal']}\n")
        w.write(LEVEL_3, f"Started:\t{rfc1123(t.get('startedAt'))}\n")
        w.write(LEVEL_3, f"Finished:\t{rfc1123(t.get('finishedAt'))}\n")
    else:
        w.write(LEVEL_2, f"{name}:\tWaiting\n")


def _probes(w: PrefixWriter, c: Obj) -> None:
    for title, key in (("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"),
                       ("Startup", "startupProbe")):
        if c.get(key) is not None:
            w.write(LEVEL_2, f"{title}:\t{describe_probe(c[key])}\n")


# net/url shouldEscape(c, encodePath): unreserved and most reserved characters stay as they are
_PATH_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~$&+,/:;=@")


def _escape_path(path: str) -> str:
    return "".join(chr(b) if chr(b) in _PATH_SAFE else f"%{b:02X}" for b in path.encode("utf-8"))


def _url(scheme: str, host: str, path: str) -> str:
    """net/url URL.String() for a scheme, host and path."""
    out = f"{scheme}:" if scheme else ""
    if (scheme or host) and (host or path):
        out += "//" + host
    escaped = "*" if path == "*" else _escape_path(path)
    if escaped and not escaped.startswith("/") and host:
        out += "/"
    return out + escaped


def describe_probe(probe: Obj) -> str:
    """DescribeProbe: ``exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3``."""
    attrs = (f"delay={probe.get('initialDelaySeconds', 0)}s timeout={probe.get('timeoutSeconds', 0)}s "
             f"period={probe.get('periodSeconds', 0)}s #success={probe.get('successThreshold', 0)} "
             f"#failure={probe.get('failureThreshold', 0)}")
    if probe.get("exec") is not None:
        return f"exec [{' '.join(probe['exec'].get('command') or [])}] {attrs}"
    if probe.get("httpGet") is not None:
        h = probe["httpGet"]
        host, port = h.get("host", ""), _port_string(h.get("port"))
        if port:
            host = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"  # net.JoinHostPort
        return f"http-get {_url((h.get('scheme') or '').lower(), host, h.get('path', ''))} {attrs}"
    if probe.get("tcpSocket") is not None:
        t = probe["tcpSocket"]
        return f"tcp-socket {t.get('host', '')}:{_port_string(t.get('port'))} {attrs}"
    if probe.get("grpc") is not None:
        g = probe["grpc"]
        return f"grpc <pod>:{g.get('port', 0)} {g.get('service') or ''} {attrs}"
    return f"unknown {attrs}"


def _port_string(port: Any) -> str:
    """intstr.IntOrString.String()."""
    return "" if port is None else str(port)


def _env_from(w: PrefixWriter, c: Obj) -> None:
    w.write(LEVEL_2, "Environment Variables from:\n")
    for e in c.get("envFrom") or []:
        source, ref = ("ConfigMap", e["configMapRef"]) if e.get("configMapRef") is not None \
            else ("Secret", e.get("secretRef") or {}) if e.get("secretRef") is not None else ("", {})
        optional = "true" if ref.get("optional") else "false"
        name = ref.get("name", "")
        if e.get("prefix"):
            w.write(LEVEL_3, f"{name}\t{source} with prefix '{e['prefix']}'\tOptional: {optional}\n")
        else:
            w.write(LEVEL_3, f"{name}\t{source}\tOptional: {optional}\n")


def _env(w: PrefixWriter, pod: Obj, c: Obj) -> None:
    env = c.get("env") or []
    w.write(LEVEL_2, f"Environment:{'' if env else chr(9) + '<none>'}\n")
    for e in env:
        name, source = e.get("name", ""), e.get("valueFrom")
        if source is None:
            for i, line in enumerate((e.get("value") or "").split("\n")):
                w.write(LEVEL_3, f"{name}:\t{line}\n" if i == 0 else f"\t{line}\n")
        elif source.get("fieldRef") is not None:
            ref = source["fieldRef"]
            value = _field_value(pod, ref)
            w.write(LEVEL_3, f"{name}:\t{value} ({ref.get('apiVersion', '')}:{ref.get('fieldPath', '')})\n")
        elif source.get("resourceFieldRef") is not None:
            ref = source["resourceFieldRef"]
            resource = ref.get("resource", "")
            value = _resource_value(ref, c)
            if value == "0" and resource in ("limits.cpu", "limits.memory"):
                value = "node allocatable"
            w.write(LEVEL_3, f"{name}:\t{value} ({resource})\n")
        elif source.get("secretKeyRef") is not None:
            ref = source["secretKeyRef"]
            optional = "true" if ref.get("optional") else "false"
            w.write(LEVEL_3, f"{name}:\t<set to the key '{ref.get('key', '')}' in secret "
                             f"'{ref.get('name', '')}'>\tOptional: {optional}\n")
        elif source.get("configMapKeyRef") is not None:
            ref = source["configMapKeyRef"]
            optional = "true" if ref.get("optional") else "false"
            w.write(LEVEL_3, f"{name}:\t<set to the key '{ref.get('key', '')}' of config map "
                             f"'{ref.get('name', '')}'>\tOptional: {optional}\n")


def _field_value(pod: Obj, ref: Obj) -> str:
    """EnvValueRetriever: kubectl's scheme converts only metadata.name and metadata.namespace
    (runtime.DefaultMetaV1FieldSelectorConversion); every other field prints empty."""
    api_version = ref.get("apiVersion", "")
    if api_version.count("/") > 1:
        return ""
    meta = pod.get("metadata") or {}
    path = ref.get("fieldPath", "")
    if path == "metadata.name":
        return meta.get("name", "")
    if path == "metadata.namespace":
        return meta.get("namespace", "")
    return ""


def _resource_value(ref: Obj, c: Obj) -> str:
    """resourcehelper.ExtractContainerResourceValue: ceil(value / divisor)."""
    divisor = quantity(ref.get("divisor"))
    if divisor.is_zero():
        divisor = Quantity.parse("1")
    resource = ref.get("resource", "")
    kind, _, name = resource.partition(".")
    values = (c.get("resources") or {}).get(kind) or {}
    if kind not in ("limits", "requests") or not (name in ("cpu", "memory", "ephemeral-storage")
                                                   or name.startswith("hugepages-")):
        return ""
    amount = quantity(values.get(name))
    if name == "cpu":
        return str(math.ceil(float(amount.milli_value()) / float(divisor.milli_value())))
    return str(math.ceil(float(amount.value()) / float(divisor.value())))


def _mounts(w: PrefixWriter, c: Obj) -> None:
    mounts = c.get("volumeMounts") or []
    w.write(LEVEL_2, f"Mounts:{'' if mounts else chr(9) + '<none>'}\n")
    for m in go_sort(list(mounts), lambda a, b: a.get("mountPath", "") < b.get("mountPath", "")):
        flags = ["ro" if m.get("readOnly") else "rw"]
        if m.get("subPath"):
            flags.append(f"path={go_quote(m['subPath'])}")
        w.write(LEVEL_3, f"{m.get('mountPath', '')} from {m.get('name', '')} ({','.join(flags)})\n")
    devices = c.get("volumeDevices") or []
    if devices:
        w.write(LEVEL_2, "Devices:\n")
        for d in go_sort(list(devices), lambda a, b: a.get("devicePath", "") < b.get("devicePath", "")):
            w.write(LEVEL_3, f"{d.get('devicePath', '')} from {d.get('name', '')}\n")
