"""``kubectl logs`` (k8s.io/kubectl pkg/cmd/logs/logs.go, polymorphichelpers/logsforobject.go).

Without ``-c`` kubectl takes the first container and, when the pod has others (init containers
included), says so on standard error: ``Defaulted container "app" out of: init, app, sidecar``.
The API server and the kubelet decide the rest (``previous terminated container ... not found``,
``is waiting to start: ContainerCreating``). ``--tail``, ``--since``, ``--since-time``,
``--timestamps``, ``--prefix`` and ``--limit-bytes`` shape the text as the kubelet would.
``-f`` prints what is there and returns a ``Wait`` on the ``logs`` waiter, which prints new output
as the container writes it and ends when that container instance stops or the pod goes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd.base import Command, Invocation, Result
from sandbox.kubectl.context import Poll, Wait, waiter
from sandbox.kubectl.errors import CmdError, UsageError
from sandbox.kubectl.flags import bool_flag, duration_flag, int_flag, string_flag
from sandbox.kubectl.resources import resolve
from sandbox.sim.errors import StatusError
from sandbox.sim.podio import LogLine
from sandbox.sim.timefmt import parse_rfc3339, rfc3339_nano

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

USAGE = ("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
         "POD or TYPE/NAME is a required argument for the logs command")


DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container"


def all_container_names(pod: dict[str, Any]) -> list[str]:
    """Every container name, init containers first (the order --all-containers reads them in)."""
    spec = pod["spec"]
    return [c["name"] for c in spec.get("initContainers", []) + spec["containers"] + spec.get("ephemeralContainers", [])]


def container_list(pod: dict[str, Any]) -> str:
    """podcmd.AllContainerNames: ``app, side, eph (ephem), init (init)``."""
    spec = pod["spec"]
    return ", ".join([c["name"] for c in spec["containers"]] +
                     [f"{c['name']} (ephem)" for c in spec.get("ephemeralContainers", [])] +
                     [f"{c['name']} (init)" for c in spec.get("initContainers", [])])


def default_container(k: Kube, pod: dict[str, Any], quiet: bool = False) -> str:
    """podcmd.FindOrDefaultContainerByName without a name: the annotated default, else the first
    container, saying so when there was a choice."""
    spec = pod["spec"]
    wanted = ((pod["metadata"].get("annotations") or {}).get(DEFAULT_CONTAINER) or "")
    if wanted:
        if wanted in all_container_names(pod):
            return wanted
        if not quiet:
            k.err(f'Default container name "{wanted}" not found in pod {pod["metadata"]["name"]}\n')
    first = spec["containers"][0]["name"]
    if not quiet and (len(spec["containers"]) > 1 or spec.get("initContainers") or spec.get("ephemeralContainers")):
        k.err(f'Defaulted container "{first}" out of: {container_list(pod)}\n')
    return first


def _pod(k: Kube, inv: Invocation, arg: str) -> dict[str, Any]:
    kind, slash, name = arg.partition("/")
    if slash:
        resource = resolve(kind)
        if resource.plural != "pods":
            raise CmdError(f"cannot get the logs from *v1.{resource.kind}: selector for *v1.{resource.kind} not "
                           "implemented")
    else:
        name = arg
    try:
        return k.api.get("pods", inv.namespace, name)
    except StatusError as err:
        if err.reason == "NotFound":
            raise CmdError(f'error from server (NotFound): pods "{name}" not found in namespace "{inv.namespace}"') \
                from None
        raise


def _select(lines: list[LogLine], k: Kube, epoch: float, inv: Invocation) -> list[LogLine]:
    if inv.flags["since"]:
        start = k.now - round(float(inv.flags["since"]))
        lines = [line for line in lines if line.time >= start]
    if inv.flags["since-time"]:
        start = parse_rfc3339(inv.flags["since-time"]) - epoch
        lines = [line for line in lines if line.time >= start]
    tail = int(inv.flags["tail"]) if inv.changed("tail") else (10 if inv.flags["selector"] else -1)
    if tail >= 0:
        lines = lines[-tail:] if tail else []          # the last N lines, all of a shorter log
    return lines


def _text(lines: list[LogLine], epoch: float, timestamps: bool, prefix: str) -> str:
    out = []
    for line in lines:
        stamp = rfc3339_nano(epoch + line.time) + " " if timestamps else ""
        out.append(prefix + stamp + line.text + ("" if line.partial else "\n"))
    return "".join(out)


def _validate(inv: Invocation) -> None:
    if inv.flags["since-time"] and inv.flags["since"]:
        raise CmdError("at most one of `sinceTime` or `sinceSeconds` may be specified")
    container = inv.flags["container"] or (inv.args[1] if len(inv.args) == 2 else "")
    if inv.flags["all-containers"] and container:
        raise CmdError(f"--all-containers=true should not be specified with container name {container}")
    if inv.changed("container") and len(inv.args) == 2:
        raise CmdError("only one of -c or an inline [CONTAINER] arg is allowed")
    if int(inv.flags["limit-bytes"]) < 0:
        raise CmdError("--limit-bytes must be greater than 0")
    if float(inv.flags["since"]) < 0:
        raise CmdError("--since must be greater than 0")
    if int(inv.flags["tail"]) < -1:
        raise CmdError("--tail must be greater than or equal to -1")
    if inv.flags["since-time"]:
        try:
            parse_rfc3339(inv.flags["since-time"])
        except ValueError:
            text = inv.flags["since-time"]
            raise CmdError(f'parsing time "{text}" as "2006-01-02T15:04:05Z07:00": cannot parse "{text}" as '
                           '"2006"') from None


def run_logs(k: Kube, inv: Invocation) -> Result:
    if not inv.args or len(inv.args) > 2:
        if not (not inv.args and inv.flags["selector"]):
            raise UsageError(inv.path, USAGE)
    if len(inv.args) == 1 and inv.flags["selector"]:
        raise UsageError(inv.path, "only a selector (-l) or a POD name is allowed")
    _validate(inv)
    if inv.flags["selector"]:
        pods = k.api.list("pods", inv.namespace, inv.flags["selector"])["items"]
        if not pods:
            k.err(f"No resources found in {inv.namespace} namespace.\n")
            return 0
    else:
        pods = [_pod(k, inv, inv.args[0])]
    container = inv.flags["container"] or (inv.args[1] if len(inv.args) == 2 else "")
    follows: list[dict[str, Any]] = []
    budget = int(inv.flags["limit-bytes"])
    for pod in pods:
        names = all_container_names(pod) if inv.flags["all-containers"] else [container or default_container(k, pod)]
        for name in names:
            if name not in all_container_names(pod):
                raise CmdError(f"container {name} is not valid for pod {pod['metadata']['name']}")
            follows.append(_print_logs(k, inv, pod, name, budget))
    if inv.flags["follow"]:
        states = [f for f in follows if f is not None]
        if states:
            return Wait("logs", {"streams": states})
    return 0


def _print_logs(k: Kube, inv: Invocation, pod: dict[str, Any], container: str, budget: int) -> dict[str, Any] | None:
    meta = pod["metadata"]
    logs = k.api.logs(meta["namespace"], meta["name"], container, bool(inv.flags["previous"]))
    lines = _select(logs.lines, k, k.cluster.epoch, inv)
    prefix = f"[pod/{meta['name']}/{container}] " if inv.flags["prefix"] else ""
    text = _text(lines, k.cluster.epoch, inv.flags["timestamps"], prefix)
    if budget > 0:
        text = text.encode("utf-8")[:budget].decode("utf-8", "ignore")
    k.out(text)
    if not inv.flags["follow"] or inv.flags["previous"]:
        return None
    status = next((s for s in (pod.get("status") or {}).get("containerStatuses", []) +
                   (pod.get("status") or {}).get("initContainerStatuses", []) if s["name"] == container), {})
    return {"namespace": meta["namespace"], "pod": meta["name"], "uid": meta.get("uid", ""),
            "container": container, "id": status.get("containerID", ""), "complete": sum(not x.partial for x in logs.lines),
            "partial": len(logs.lines[-1].text) if logs.lines and logs.lines[-1].partial else 0,
            "timestamps": bool(inv.flags["timestamps"]), "prefix": prefix}


def _follow_one(k: Kube, s: dict[str, Any]) -> bool:
    """Print what one followed container wrote since the last turn; True when its stream ended."""
    pod = k.cluster.store.get("pods", s["namespace"], s["pod"])
    if pod is None or pod["metadata"].get("uid") != s["uid"]:
        return True
    status = next((c for c in (pod.get("status") or {}).get("containerStatuses", []) +
                   (pod.get("status") or {}).get("initContainerStatuses", []) if c["name"] == s["container"]), {})
    replaced = status.get("containerID", "") != s["id"]
    try:
        logs = k.api.logs(s["namespace"], s["pod"], s["container"], previous=replaced)
    except StatusError:
        return True
    out = []
    for i, line in enumerate(logs.lines[s["complete"]:]):
        start = s["partial"] if i == 0 else 0
        head = "" if start else s["prefix"] + (rfc3339_nano(k.cluster.epoch + line.time) + " " if s["timestamps"] else "")
        out.append(head + line.text[start:] + ("" if line.partial else "\n"))
        if line.partial:
            s["partial"] = len(line.text)
        else:
            s["complete"] += 1
            s["partial"] = 0
    k.out("".join(out))
    return replaced or "terminated" in (status.get("state") or {})


@waiter("logs")
def poll_logs(k: Kube, args: dict[str, Any], expired: bool) -> Poll:
    streams = [dict(s) for s in args["streams"]]
    left = [s for s in streams if not _follow_one(k, s)]
    if not left:
        return Poll(True, 0)
    return Poll(False, args={"streams": left})


COMMAND = Command(
    "logs", "Print the logs for a container in a pod",
    flags=(
        bool_flag("all-containers", "Get all containers' logs in the pod(s)."),
        string_flag("container", "Print the logs of this container", "c"),
        bool_flag("follow", "Specify if the logs should be streamed.", "f"),
        bool_flag("ignore-errors", "If watching / following pod logs, allow for any errors that occur to be "
                  "non-fatal"),
        int_flag("limit-bytes", "Maximum bytes of logs to return. Defaults to no limit."),
        bool_flag("prefix", "Prefix each log line with the log source (pod name and container name)"),
        bool_flag("previous", "If true, print the logs for the previous instance of the container in a pod if it "
                  "exists.", "p"),
        string_flag("selector", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                    "key1=value1,key2=value2). Matching objects must satisfy all of the specified label "
                    "constraints.", "l"),
        duration_flag("since", "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to "
                      "all logs. Only one of since-time / since may be used."),
        string_flag("since-time", "Only return logs after a specific date (RFC3339). Defaults to all logs. Only one "
                    "of since-time / since may be used."),
        int_flag("tail", "Lines of recent log file to display. Defaults to -1 with no selector, showing all log "
                 "lines otherwise 10, if a selector is provided.", default=-1),
        bool_flag("timestamps", "Include timestamps on each line in the log output"),
    ),
    run=run_logs)
