"""pods/exec without the transport: who may exec, running the command, the status that ends it.

The checks are the API server's and the kubelet's, in their order (sim/podio.py ``exec`` makes
the same ones before running): the pod exists, the container name is valid, the pod has not
completed, it has a node, the node answers, the container is running. The last refusal is the
kubelet's, answered to the stream upgrade itself, so kubectl prints ``unable to upgrade
connection: container not found ("c")``; the others are Status errors.

The end of a command is a Status on the error channel (apimachinery pkg/util/remotecommand,
kubelet cri/streaming/remotecommand/httpstream.go ``writeStatus``): Success, or Failure with
reason NonZeroExitCode and an ExitCode cause that kubectl turns into ``command terminated with
exit code N`` and its own exit status.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sandbox.api.responses import Reply, failure
from sandbox.session import Session
from sandbox.sim import errors


def exec_options(query: dict[str, list[str]]) -> dict[str, Any]:
    """PodExecOptions from the query (``command`` repeats; booleans are "true"/"1")."""
    def flag(name: str) -> bool:
        return (query.get(name) or [""])[-1].lower() in ("true", "1")
    return {"command": list(query.get("command") or []), "container": (query.get("container") or [""])[-1] or None,
            "stdin": flag("stdin"), "stdout": flag("stdout"), "stderr": flag("stderr"), "tty": flag("tty")}


def check(session: Session, namespace: str, name: str, container: str | None) -> str:
    """The container a command would run in; raises the StatusError that refuses it."""
    cluster = session.cluster
    pod = cluster.api.get("pods", namespace, name)
    spec = pod["spec"]
    regular = [c["name"] for c in spec["containers"]]
    init = [c["name"] for c in spec.get("initContainers", [])]
    chosen = container or regular[0]
    if chosen not in regular + init:
        raise errors.bad_request(f"container {chosen} is not valid for pod {name}")
    phase = (pod.get("status") or {}).get("phase")
    if phase in ("Succeeded", "Failed"):
        raise errors.bad_request(f"cannot exec into a container in a completed pod; current phase is {phase}")
    node = spec.get("nodeName")
    if not node:
        raise errors.bad_request(f"pod {name} does not have a host assigned")
    if cluster.node_is_down(node):
        ip = cluster.node_ip(cluster.store.get("nodes", "", node) or {"status": {}})
        raise errors.StatusError(500, "InternalError",
                                 f"error dialing backend: dial tcp {ip}:10250: connect: no route to host")
    ps = cluster.kubelet.pods.get(pod["metadata"]["uid"])
    rec = ps.containers.get(chosen) if ps is not None else None
    inst = rec.newest if rec is not None else None
    if inst is None or not inst.running:
        raise errors.StatusError(400, "BadRequest", f'container not found ("{chosen}")', {"upgrade": True})
    return chosen


@dataclass(frozen=True, slots=True)
class Outcome:
    output: list[tuple[str, str]]      # (stream, text) in the order written
    status: dict[str, Any]             # the Status for the error channel
    done_at: float                     # the simulated instant the command ends


def run(session: Session, namespace: str, name: str, container: str | None, argv: list[str],
        stdin: str) -> Outcome:
    cluster = session.cluster
    result = cluster.api.exec(namespace, name, container, argv, stdin)
    if result.start_error:
        # containerd could not start the program: the kubelet answers an internal error.
        exec_id = cluster.ids.container_id()
        message = ("Internal error occurred: error executing command in container: failed to exec in container: "
                   f'failed to start exec "{exec_id}": {result.start_error}')
        status = {"metadata": {}, "status": "Failure", "message": message, "reason": "InternalError", "code": 500}
        return Outcome([], status, cluster.now)
    status = exit_status(int(result.exit_code), argv)
    return Outcome(list(result.output), status, cluster.now + max(0.0, float(result.elapsed)))


def exit_status(code: int, argv: list[str]) -> dict[str, Any]:
    """The error channel's Status for a command that exited with ``code``."""
    if code == 0:
        return {"metadata": {}, "status": "Success"}
    return {"metadata": {}, "status": "Failure",
            "message": f"command terminated with non-zero exit code: error executing command "
                       f"[{' '.join(argv)}], exit code {code}",
            "reason": "NonZeroExitCode",
            "details": {"causes": [{"reason": "ExitCode", "message": str(code)}]}}


def refusal(err: errors.StatusError) -> Reply:
    """How a refused exec answers a plain HTTP request (kubectl's SPDY fallback reads it): the
    kubelet's refusal of the upgrade as text (kubectl: ``unable to upgrade connection: ...``), the
    API server's refusals as a Status (``Error from server (BadRequest): ...``)."""
    if err.details.get("upgrade"):
        return Reply(err.code, err.message, content_type="text/plain")
    return failure(err)
