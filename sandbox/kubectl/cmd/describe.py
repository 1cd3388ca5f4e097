"""``kubectl describe`` (k8s.io/kubectl pkg/cmd/describe/describe.go).

Pods, nodes and namespaces have describers (sandbox/kubectl/describe); several objects are
separated by a blank line (``"\\n\\n%s"``). A single name that is not found is retried as a name
prefix (``kubectl describe pod ngin`` describes ``nginx``), as DescribeMatchingResources does.
A pod's events are those whose involvedObject is that pod (its namespace, name, kind and uid), as
the describer's searchEvents asks the API server for them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.cmd.builder import Info
from sandbox.kubectl.cmd.common import filename_flags
from sandbox.kubectl.errors import Aggregate, CmdError, error_text
from sandbox.kubectl.flags import bool_flag, int_flag, string_flag
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube


def events_for(k: Kube, obj: dict[str, Any]) -> list[dict[str, Any]]:
    meta = obj["metadata"]
    namespace = meta.get("namespace") or None
    out = []
    for event in k.api.list("events", namespace)["items"]:
        involved = event.get("involvedObject") or {}
        if involved.get("name") != meta["name"] or involved.get("kind") != obj.get("kind"):
            continue
        if involved.get("uid") and meta.get("uid") and involved["uid"] != meta["uid"]:
            continue
        if namespace and involved.get("namespace", "") != namespace:
            continue
        out.append(event)
    return out


def describe_info(k: Kube, info: Info, show_events: bool) -> str:
    from sandbox.kubectl import describe as describers
    obj = info.obj or k.api.get(info.resource.plural, info.namespace, info.name)
    events = events_for(k, obj) if show_events else None
    if info.resource.plural == "pods":
        return describers.describe_pod(obj, events, k.unix_now)
    if info.resource.plural == "nodes":
        pods = [p for p in k.api.list("pods", None, field_selector=f"spec.nodeName={info.name}")["items"]
                if (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")]
        return describers.describe_node(obj, pods, events, k.unix_now)
    if info.resource.plural == "namespaces":
        return describers.describe_namespace(obj, k.unix_now)
    raise CmdError(f"describing {info.resource.plural} is not supported in Podlab")


def _describe_matching(k: Kube, inv: Invocation, req: builder.Request, original: Exception) -> int:
    """DescribeMatchingResources: every object of the type whose name starts with the prefix."""
    listing = builder.Request(args=[req.args[0]], list_when_no_names=True, namespace=req.namespace)
    found = False
    for info in builder.visit(k, listing):
        if isinstance(info, Exception):
            raise info
        if info.name.startswith(req.args[1]):
            found = True
            k.out(describe_info(k, info, inv.flags["show-events"]) + "\n")
    if not found:
        raise original
    return 0


def run_describe(k: Kube, inv: Invocation) -> int:
    if not inv.args and not inv.flags["filename"]:
        raise CmdError('You must specify the type of resource to describe. Use "kubectl api-resources" for a '
                       "complete list of supported resources.")
    req = builder.Request(args=inv.args, filenames=inv.flags["filename"], recursive=inv.flags["recursive"],
                          selector=inv.flags["selector"], all_namespaces=inv.flags["all-namespaces"],
                          list_when_no_names=True, namespace=inv.namespace,
                          explicit_namespace=inv.explicit_namespace,
                          latest=bool(inv.flags["filename"]))   # describe.go: the live object, by name
    infos: list[Info] = []
    errors: list[Exception] = []
    for item in builder.visit(k, req):
        (errors if isinstance(item, Exception) else infos).append(item)  # type: ignore[arg-type]
    if errors and len(inv.args) == 2 and "/" not in inv.args[0] and \
            all(isinstance(e, StatusError) and e.reason == "NotFound" for e in errors):
        return _describe_matching(k, inv, req, errors[0])
    seen: set[str] = set()
    first = True
    for info in infos:
        try:
            text = describe_info(k, info, inv.flags["show-events"])
        except (StatusError, CmdError) as err:
            if error_text(err) not in seen:
                seen.add(error_text(err))
                errors.append(err)
            continue
        k.out(text if first else "\n\n" + text)
        first = False
    if not infos and not errors:
        k.err("No resources found\n" if req.all_namespaces else f"No resources found in {req.namespace} namespace.\n")
    if errors:
        raise Aggregate(errors)
    return 0


COMMAND = Command(
    "describe", "Show details of a specific resource or group of resources",
    flags=(
        bool_flag("all-namespaces", "If present, list the requested object(s) across all namespaces. Namespace in "
                  "current context is ignored even if specified with --namespace.", "A"),
        int_flag("chunk-size", "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag "
                 "is beta and may change in the future.", default=500),
        *filename_flags("Filename, directory, or URL to files containing the resource to describe"),
        string_flag("selector", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                    "key1=value1,key2=value2). Matching objects must satisfy all of the specified label "
                    "constraints.", "l"),
        bool_flag("show-events", "If true, display events related to the described object.", default=True),
    ),
    run=run_describe)
