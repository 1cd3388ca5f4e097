"""GET pods/NAME/log: the container's output, shaped by the kubelet's log options.

``container``, ``previous`` and the refusals (``previous terminated container "c" in pod "p" not
found``, ``is waiting to start``) come from the simulation (sim/podio.py, the kubelet's
validateContainerLogStatus). The options are applied as the kubelet applies them
(pkg/kubelet/kuberuntime/logs): ``sinceSeconds``/``sinceTime`` first, then ``tailLines``, then
``timestamps`` (RFC 3339 with nanoseconds, translated to the wall clock like every timestamp),
then ``limitBytes``. ``follow=true`` streams: what is there, then each new line as the container
writes it, until that container instance stops or the pod goes (the Follow state below is kept
between the turns of the stream, see watch.py).
"""
from __future__ import annotations

from typing import Any

from sandbox.api.reads import Call, View
from sandbox.api.responses import Reply, ok
from sandbox.sim import errors
from sandbox.sim.podio import LogLine
from sandbox.sim.timefmt import parse_rfc3339, rfc3339_nano

TEXT = "text/plain"


def _int(call: Call, name: str) -> int | None:
    value = call.query.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise errors.bad_request(f'strconv.ParseInt: parsing "{value}": invalid syntax') from None


def _select(lines: list[LogLine], view: View, call: Call) -> list[LogLine]:
    since = _int(call, "sinceSeconds")
    if since is not None:
        lines = [line for line in lines if line.time >= view.session.cluster.now - since]
    if call.query.get("sinceTime"):
        try:
            start = parse_rfc3339(call.query["sinceTime"]) - view.offset - view.session.cluster.epoch
        except ValueError:
            raise errors.bad_request(f'parsing time "{call.query["sinceTime"]}" as "2006-01-02T15:04:05Z07:00": '
                                     "cannot parse") from None
        lines = [line for line in lines if line.time >= start]
    tail = _int(call, "tailLines")
    if tail is not None and tail >= 0:
        lines = lines[-tail:] if tail else []
    return lines


def render(lines: list[LogLine], view: View, timestamps: bool, first_from: int = 0) -> str:
    """Lines as the kubelet writes them; ``first_from`` skips what was sent of a partial line."""
    epoch = view.session.cluster.epoch + view.offset
    out = []
    for i, line in enumerate(lines):
        start = first_from if i == 0 else 0
        stamp = rfc3339_nano(epoch + line.time) + " " if timestamps and not start else ""
        out.append(stamp + line.text[start:] + ("" if line.partial else "\n"))
    return "".join(out)


def _container_status(pod: dict[str, Any], name: str) -> dict[str, Any]:
    status = pod.get("status") or {}
    return next((s for s in status.get("containerStatuses", []) + status.get("initContainerStatuses", [])
                 if s["name"] == name), {})


def read(view: View, call: Call) -> tuple[Reply, dict[str, Any] | None]:
    """The log text, and for ``follow`` the state to continue from (None: nothing to follow)."""
    target = call.target
    api = view.session.cluster.api
    pod = api.get("pods", target.namespace or "", target.name or "")
    previous = call.flag("previous")
    logs = api.logs(target.namespace or "", target.name or "", call.query.get("container") or None, previous)
    lines = _select(logs.lines, view, call)
    text = render(lines, view, call.flag("timestamps"))
    limit = _int(call, "limitBytes")
    if limit is not None and limit > 0:
        text = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    reply = ok(text, content_type=TEXT)
    if not call.flag("follow") or previous:
        return reply, None
    state = {"uid": pod["metadata"].get("uid", ""), "container": logs.container,
             "id": _container_status(pod, logs.container).get("containerID", ""),
             "complete": sum(not line.partial for line in logs.lines),
             "partial": len(logs.lines[-1].text) if logs.lines and logs.lines[-1].partial else 0}
    return reply, state


def follow(view: View, call: Call, state: dict[str, Any]) -> tuple[str, bool]:
    """What the followed container wrote since ``state`` (updated in place), and whether its
    stream has ended (the instance stopped or was replaced, or the pod is gone)."""
    target = call.target
    pod = view.session.cluster.store.get("pods", target.namespace or "", target.name or "")
    if pod is None or pod["metadata"].get("uid") != state["uid"]:
        return "", True
    status = _container_status(pod, state["container"])
    replaced = status.get("containerID", "") != state["id"]
    try:
        logs = view.session.cluster.api.logs(target.namespace or "", target.name or "", state["container"],
                                             previous=replaced)
    except errors.StatusError:
        return "", True
    fresh = logs.lines[state["complete"]:]
    text = render(fresh, view, call.flag("timestamps"), state["partial"])
    for line in fresh:
        if line.partial:
            state["partial"] = len(line.text)
        else:
            state["complete"] += 1
            state["partial"] = 0
    return text, replaced or "terminated" in (status.get("state") or {})
