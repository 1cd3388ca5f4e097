"""events.k8s.io/v1 Events: the core/v1 Events the simulation records, in the newer shape.

Both APIs are views of one internal type (kubernetes pkg/apis/events/v1/conversion.go): the newer
one renames ``involvedObject`` to ``regarding``, ``message`` to ``note``, ``reportingComponent``
to ``reportingController``, and keeps the older fields as ``deprecated*``. Field selectors are
renamed the same way (pkg/apis/events/v1 field label conversion).
"""
from __future__ import annotations

from typing import Any

API_VERSION = "events.k8s.io/v1"

# events.k8s.io/v1 field <- core/v1 field
_RENAMES = (
    ("regarding", "involvedObject"), ("note", "message"), ("reportingController", "reportingComponent"),
    ("deprecatedSource", "source"), ("deprecatedFirstTimestamp", "firstTimestamp"),
    ("deprecatedLastTimestamp", "lastTimestamp"), ("deprecatedCount", "count"),
)
_SAME = ("metadata", "eventTime", "series", "reportingInstance", "action", "reason", "related", "type")


def from_core(event: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"apiVersion": API_VERSION, "kind": "Event"}
    for key in _SAME:
        if event.get(key) is not None:
            out[key] = event[key]
    for new, old in _RENAMES:
        value = event.get(old)
        if value not in (None, {}, 0, ""):
            out[new] = value
    return out


def to_core(event: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"apiVersion": "v1", "kind": "Event"}
    for key in _SAME:
        if key in event:
            out[key] = event[key]
    for new, old in _RENAMES:
        if new in event:
            out[old] = event[new]
    return out


def field_selector_to_core(selector: str) -> str:
    """``regarding.name=web`` -> ``involvedObject.name=web`` (each requirement's field renamed)."""
    out = []
    for requirement in selector.split(",") if selector else []:
        for new, old in _RENAMES:
            if requirement.startswith(new + ".") or requirement.startswith(new + "=") \
                    or requirement.startswith(new + "!"):
                requirement = old + requirement[len(new):]
                break
        out.append(requirement)
    return ",".join(out)
