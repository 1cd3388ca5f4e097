"""``kubectl exec POD [-c CONTAINER] -- COMMAND [args...]`` (k8s.io/kubectl pkg/cmd/exec/exec.go).

``kubectl exec POD COMMAND`` without ``--`` is refused as 1.32 refuses it. The command runs in the
container (the kubelet's runtime, sandbox/sim); its output is printed, then a non-zero status ends
kubectl with ``command terminated with exit code N`` and that status. A command that takes
simulated time (``sleep 5``) makes kubectl return a ``Wait`` on the ``exec`` waiter until then.

Interactive sessions: Podlab's terminal hands a command its whole standard input at once and has
no raw mode, so ``-it`` cannot attach a live shell. kubectl, in the same situation (stdin not a
terminal), prints ``Unable to use a TTY - input is not a terminal or the right kind of file`` and
runs the command with the input it has; Podlab does exactly that: ``kubectl exec -it pod -- sh``
prints the note and the shell, reading an empty input, exits at once. ``kubectl exec pod -- sh -c
'...'`` or ``echo ls | kubectl exec -i pod -- sh`` are the ways to run commands.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd.base import Command, Invocation, Result
from sandbox.kubectl.cmd.logs import default_container
from sandbox.kubectl.context import Poll, Wait, waiter
from sandbox.kubectl.errors import CmdError, ExitError, UsageError
from sandbox.kubectl.flags import bool_flag, duration_flag, slice_flag, string_flag
from sandbox.kubectl.resources import resolve
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

NO_TTY = "Unable to use a TTY - input is not a terminal or the right kind of file\n"


def _pod_name(arg: str) -> str:
    kind, slash, name = arg.partition("/")
    if not slash:
        return arg
    resource = resolve(kind)
    if resource.plural != "pods":
        raise CmdError(f"cannot attach to *v1.{resource.kind}: selector for *v1.{resource.kind} not implemented")
    return name


def _from_file(k: Kube, inv: Invocation) -> str:
    """The pod named by the first object of ``-f``."""
    from sandbox.kubectl import manifests
    for item in manifests.read_manifests(k, inv.flags["filename"]):
        if isinstance(item, Exception):
            raise item
        return str((item.obj.get("metadata") or {}).get("name") or "")
    raise CmdError("no objects passed to exec")


def run_exec(k: Kube, inv: Invocation) -> Result:
    args, dash = inv.args, inv.dash_at
    resource_name = args[0] if args and dash != 0 else ""
    if dash > -1:
        command = args[dash:]
    elif len(args) > 1:
        raise UsageError(inv.path, "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] "
                         "instead")
    else:
        command = []
    if not resource_name and not inv.flags["filename"]:
        raise CmdError("pod, type/name or --filename must be specified")
    if not command:
        raise CmdError("you must specify at least one command for the container")
    pod = k.api.get("pods", inv.namespace, _pod_name(resource_name) if resource_name else _from_file(k, inv))
    phase = (pod.get("status") or {}).get("phase")
    if phase in ("Succeeded", "Failed"):
        raise CmdError(f"cannot exec into a container in a completed pod; current phase is {phase}")
    container = inv.flags["container"] or default_container(k, pod, inv.flags["quiet"])
    stdin = k.stdin if inv.flags["stdin"] else ""
    if inv.flags["stdin"] and inv.flags["tty"] and not inv.flags["quiet"]:
        k.err(NO_TTY)
    try:
        result = k.api.exec(inv.namespace, pod["metadata"]["name"], container, command, stdin)
    except StatusError as err:
        if err.details.get("upgrade"):
            # The kubelet refused the stream upgrade (the container is not running).
            raise CmdError(f"unable to upgrade connection: {err.message}") from None
        raise
    if result.start_error:
        # containerd's ExecSync failure, relayed by the kubelet as an internal error (runc
        # could not start the program); kubectl prints it and exits 1.
        exec_id = k.cluster.ids.container_id()
        raise CmdError("Internal error occurred: error executing command in container: failed to exec in "
                       f'container: failed to start exec "{exec_id}": {result.start_error}')
    for stream, text in result.output:
        (k.out if stream == "stdout" else k.err)(text)
    code = int(result.exit_code)
    if result.elapsed > 0:
        return Wait("exec", {"code": code}, deadline=k.now + result.elapsed)
    if code != 0:
        raise ExitError(code)
    return 0


@waiter("exec")
def poll_exec(k: Kube, args: dict[str, Any], expired: bool) -> Poll:
    """The command has already run; the wait only lets its simulated duration pass."""
    if not expired:
        return Poll(False)
    code = int(args["code"])
    if code != 0:
        k.err(f"command terminated with exit code {code}\n")
    return Poll(True, code)


COMMAND = Command(
    "exec", "Execute a command in a container",
    flags=(
        string_flag("container", "Container name. If omitted, use the kubectl.kubernetes.io/default-container "
                    "annotation for selecting the container to be attached or the first container in the pod will "
                    "be chosen", "c"),
        slice_flag("filename", "to use to exec into the resource", "f"),
        duration_flag("pod-running-timeout", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait "
                      "until at least one pod is running", default=60.0),
        bool_flag("quiet", "Only print output from the remote session", "q"),
        bool_flag("stdin", "Pass stdin to the container", "i"),
        bool_flag("tty", "Stdin is a TTY", "t"),
    ),
    run=run_exec)
