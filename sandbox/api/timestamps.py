"""The sandbox as happening now: timestamps between simulated time and the wall clock.

A sandbox's simulated clock may run faster than the wall clock (lab speed), stand still (lab
pause) or jump (lab advance), while a real kubectl computes ages from its own wall clock: describe's
``Age`` of events and ``(x3 over 2m)``, ``Terminating (lasts 5s)``, ``Start Time``. So the API
shows the cluster shifted to the present: every timestamp in a response is moved by

    offset = floor(wall_now - (cluster.epoch + cluster.now))

and every timestamp in a request body or query (``sinceTime``) is moved back by the same offset.
The offset is a whole number of seconds, so metav1.Time values stay on the second boundaries the
simulation wrote and the digits of metav1.MicroTime values stay as written; what the client sees
is at most a second older than the sandbox's "now". Server-side Table cells (AGE, RESTARTS
"(5s ago)") are computed from simulated time before any translation and need none.

The fields translated are the metav1.Time and metav1.MicroTime fields of the kinds served
(k8s.io/api core/v1, events/v1, coordination/v1 types.go), named by path; a field elsewhere with
the same name (an annotation called ``startTime``) is left alone.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Iterable

_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

_META = ("metadata.creationTimestamp", "metadata.deletionTimestamp", "metadata.managedFields[].time")
_STATE = ("state.running.startedAt", "state.terminated.startedAt", "state.terminated.finishedAt",
          "lastState.running.startedAt", "lastState.terminated.startedAt", "lastState.terminated.finishedAt")
_CONTAINERS = ("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses")

# Paths of time fields per kind; ``[]`` walks every item of a list.
PATHS: dict[str, tuple[str, ...]] = {
    "Pod": _META + ("status.startTime", "status.conditions[].lastProbeTime",
                    "status.conditions[].lastTransitionTime")
    + tuple(f"status.{lst}[].{p}" for lst in _CONTAINERS for p in _STATE),
    "Node": _META + ("status.conditions[].lastHeartbeatTime", "status.conditions[].lastTransitionTime"),
    "Namespace": _META + ("status.conditions[].lastTransitionTime",),
    # core/v1 Event and events.k8s.io/v1 Event share the kind; the union of their fields.
    "Event": _META + ("firstTimestamp", "lastTimestamp", "eventTime", "series.lastObservedTime",
                      "deprecatedFirstTimestamp", "deprecatedLastTimestamp"),
    "Lease": _META + ("spec.acquireTime", "spec.renewTime"),
}


def offset_seconds(epoch: float, now: float, wall: float) -> int:
    """Seconds to add to a simulated timestamp to show it as of ``wall``."""
    return math.floor(wall - (epoch + now))


def shift_time(text: Any, seconds: int) -> Any:
    """One RFC 3339 timestamp moved by whole seconds, in the same layout (UTC ``Z`` out)."""
    if not seconds or not isinstance(text, str):
        return text
    match = _TIME.match(text)
    if not match:
        return text
    whole, fraction, zone = match.groups()
    base = dt.datetime.fromisoformat(whole + ("+00:00" if zone == "Z" else zone))
    moved = base.astimezone(dt.timezone.utc) + dt.timedelta(seconds=seconds)
    return moved.strftime("%Y-%m-%dT%H:%M:%S") + (fraction or "") + "Z"


def _shift_path(node: Any, parts: list[str], seconds: int) -> None:
    head, rest = parts[0], parts[1:]
    is_list = head.endswith("[]")
    key = head[:-2] if is_list else head
    if not isinstance(node, dict) or key not in node:
        return
    if is_list:
        for item in node[key] or []:
            if rest:
                _shift_path(item, rest, seconds)
        return
    if rest:
        _shift_path(node[key], rest, seconds)
    elif node[key] is not None:
        node[key] = shift_time(node[key], seconds)


def shift_object(obj: Any, seconds: int) -> Any:
    """The object with its time fields moved by ``seconds`` (in place; returned for chaining).
    Lists (``items``) and watch events are walked into."""
    if not seconds or not isinstance(obj, dict):
        return obj
    if isinstance(obj.get("items"), list):
        for item in obj["items"]:
            shift_object(item, seconds)
    for path in PATHS.get(str(obj.get("kind", "")), ()):
        _shift_path(obj, path.split("."), seconds)
    return obj


def shift_objects(objects: Iterable[Any], seconds: int) -> None:
    for obj in objects:
        shift_object(obj, seconds)


def to_wall(obj: Any, seconds: int) -> Any:
    """A response object as the client should see it."""
    return shift_object(obj, seconds)


def from_wall(obj: Any, seconds: int) -> Any:
    """A request object back in simulated time."""
    return shift_object(obj, -seconds)
