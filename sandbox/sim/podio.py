"""pods/log and pods/exec: what the API server checks, then what the kubelet answers.

The kubelet picks the container instance from the pod status the way validateContainerLogStatus
does (pkg/kubelet/kubelet_pods.go) and words its refusals the same way; the API server first
checks the container name (pkg/registry/core/pod/strategy.go LogLocation / ExecLocation).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import errors
from .kubelet.runtime import ExecResult
from .timefmt import rfc3339_nano

if TYPE_CHECKING:
    from .cluster import Cluster


@dataclass(slots=True)
class LogLine:
    time: float                # simulated seconds
    stream: str                # stdout | stderr
    text: str                  # without the newline
    partial: bool = False      # the process has not ended the line yet


@dataclass(slots=True)
class Logs:
    container: str
    lines: list[LogLine] = field(default_factory=list)

    def text(self, epoch: float, timestamps: bool = False) -> str:
        out = []
        for line in self.lines:
            prefix = rfc3339_nano(epoch + line.time) + " " if timestamps else ""
            out.append(prefix + line.text + ("" if line.partial else "\n"))
        return "".join(out)


def _names(pod: dict[str, Any]) -> tuple[list[str], list[str]]:
    spec = pod["spec"]
    return [c["name"] for c in spec["containers"]], [c["name"] for c in spec.get("initContainers", [])]


def _container(pod: dict[str, Any], container: str | None, verb: str) -> str:
    name = pod["metadata"]["name"]
    regular, init = _names(pod)
    if container is None:
        if len(regular) == 1 and (verb == "exec" or not init):
            return regular[0]
        if verb == "exec":
            return regular[0]
        message = f"a container name must be specified for pod {name}, choose one of: [{' '.join(regular)}]"
        if init:
            message += f" or one of the init containers: [{' '.join(init)}]"
        raise errors.bad_request(message)
    if container not in regular + init:
        raise errors.bad_request(f"container {container} is not valid for pod {name}")
    return container


class PodIO:
    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster

    def _pod(self, namespace: str, name: str) -> dict[str, Any]:
        pod = self.cluster.store.get("pods", namespace, name)
        if pod is None:
            raise errors.not_found("pods", name)
        return pod

    def _unreachable(self, pod: dict[str, Any], path: str) -> errors.StatusError:
        node = self.cluster.store.get("nodes", "", pod["spec"]["nodeName"])
        ip = self.cluster.node_ip(node) if node else ""
        return errors.StatusError(500, "InternalError",
                                  f'Get "https://{ip}:10250/{path}": dial tcp {ip}:10250: connect: no route to host')

    def logs(self, namespace: str, name: str, container: str | None, previous: bool) -> Logs:
        pod = self._pod(namespace, name)
        cname = _container(pod, container, "logs")
        result = Logs(cname)
        node = pod["spec"].get("nodeName")
        if not node:
            return result
        if self.cluster.node_is_down(node):
            raise self._unreachable(pod, f"containerLogs/{namespace}/{name}/{cname}")
        status = pod.get("status") or {}
        cstatus = next((s for s in status.get("containerStatuses", []) + status.get("initContainerStatuses", [])
                        if s["name"] == cname), None)
        if cstatus is None:
            raise errors.bad_request(f'container "{cname}" in pod "{name}" is waiting to start - no logs yet')
        container_id = self._pick(cstatus, cname, name, previous)
        ps = self.cluster.kubelet.pods.get(pod["metadata"]["uid"])
        if ps is None:
            return result
        rec = ps.containers.get(cname)
        for inst in rec.instances if rec is not None else []:
            if f"containerd://{inst.container_id}" == container_id:
                result.lines = [LogLine(e[0], e[1], e[2], len(e) > 3 and bool(e[3])) for e in inst.logs.rows()]
        return result

    @staticmethod
    def _pick(cstatus: dict[str, Any], cname: str, pod: str, previous: bool) -> str:
        """validateContainerLogStatus: which instance's log a request means, or why none."""
        state, last = cstatus.get("state") or {}, (cstatus.get("lastState") or {}).get("terminated")
        if previous:
            if not last or not last.get("containerID"):
                raise errors.bad_request(f'previous terminated container "{cname}" in pod "{pod}" not found')
            return last["containerID"]
        if "running" in state:
            return cstatus["containerID"]
        if "terminated" in state:
            cid = state["terminated"].get("containerID")
            if cid:
                return cid
            if last and last.get("containerID"):
                return last["containerID"]
            raise errors.bad_request(f'container "{cname}" in pod "{pod}" is terminated')
        if last is not None:
            if not last.get("containerID"):
                raise errors.bad_request(f'container "{cname}" in pod "{pod}" is terminated')
            return last["containerID"]
        reason = (state.get("waiting") or {}).get("reason", "")
        if reason == "ErrImagePull":
            raise errors.bad_request(f'container "{cname}" in pod "{pod}" is waiting to start: image can\'t be pulled')
        if reason == "ImagePullBackOff":
            raise errors.bad_request(
                f'container "{cname}" in pod "{pod}" is waiting to start: trying and failing to pull image')
        raise errors.bad_request(f'container "{cname}" in pod "{pod}" is waiting to start: {reason}')

    def exec(self, namespace: str, name: str, container: str | None, argv: list[str], stdin: str) -> ExecResult:
        pod = self._pod(namespace, name)
        cname = _container(pod, container, "exec")
        phase = (pod.get("status") or {}).get("phase")
        if phase in ("Succeeded", "Failed"):
            raise errors.bad_request(f"cannot exec into a container in a completed pod; current phase is {phase}")
        node = pod["spec"].get("nodeName")
        if not node:
            raise errors.bad_request(f"pod {name} does not have a host assigned")
        if self.cluster.node_is_down(node):
            ip = self.cluster.node_ip(self.cluster.store.get("nodes", "", node) or {"status": {}})
            raise errors.StatusError(500, "InternalError",
                                     f"error dialing backend: dial tcp {ip}:10250: connect: no route to host")
        ps = self.cluster.kubelet.pods.get(pod["metadata"]["uid"])
        rec = ps.containers.get(cname) if ps is not None else None
        inst = rec.newest if rec is not None else None
        if ps is None or rec is None or inst is None or not inst.running:
            raise errors.StatusError(400, "BadRequest", f'container not found ("{cname}")',
                                     {"upgrade": True})
        return self.cluster.kubelet.runtime.exec(ps, rec, inst, list(argv), stdin=stdin)


__all__ = ["ExecResult", "LogLine", "Logs", "PodIO"]
