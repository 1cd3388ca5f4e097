"""``EventCheck``: the namespace's Events as ``kubectl get events`` lists them (core/v1, from the
store's "events" resource). Every given test must hold for one Event: its reason, the involved
object's name and kind, its type, its message (``text``) and its aggregated ``count`` (an Event
without a count, such as the scheduler's ``Scheduled``, counts 1, as ``kubectl get events``
shows it). Events expire (an hour after their last occurrence), as on a real cluster.
"""
from __future__ import annotations

from typing import Any

from lessons.schema.model import EventCheck

from .outcome import PASSED, Outcome, failed
from .values import described as qualified
from .values import mismatch, passes, shown
from .view import View

MAX_SEEN = 6


def event_count(event: dict[str, Any]) -> int:
    count = event.get("count")
    if isinstance(count, int) and count > 0:
        return count
    series = event.get("series") or {}
    return int(series.get("count") or 1)


def describe_events(check: EventCheck) -> str:
    """``Warning Unhealthy event about pod "probe-demo"``: the events the check looks for."""
    words = []
    if check.type:
        words.append(check.type)
    if check.reason is not None and check.reason.op == "equals":
        words.append(str(check.reason.value))
    words.append("event")
    if check.object is not None:
        words.append(f'about {check.kind.lower() + " " if check.kind else ""}"{check.object}"')
    elif check.kind:
        words.append(f"about a {check.kind.lower()}")
    if check.reason is not None and check.reason.op != "equals":
        words.append(f"with a reason {qualified(check.reason)}")
    if check.namespace != "default":
        words.append(f'in namespace "{check.namespace}"')
    return " ".join(words)


def _seen(events: list[dict[str, Any]]) -> str:
    reasons = list(dict.fromkeys(str(e.get("reason", "")) for e in events))
    if not reasons:
        return ""
    return " (seen: " + ", ".join(reasons[:MAX_SEEN]) + (", ..." if len(reasons) > MAX_SEEN else "") + ")"


def evaluate_event(check: EventCheck, view: View) -> Outcome:
    events = view.objects("events", check.namespace)
    about = [e for e in events
             if (check.object is None or (e.get("involvedObject") or {}).get("name") == check.object)
             and (check.kind is None or (e.get("involvedObject") or {}).get("kind") == check.kind)]
    described = describe_events(check)
    if not about and check.object is not None:
        return failed(f"no {described}" if check.type or check.reason else f"no event about \"{check.object}\"")
    chosen = [e for e in about
              if (check.type is None or e.get("type") == check.type)
              and (check.reason is None or passes(check.reason, e.get("reason", "")))]
    if not chosen:
        return failed(f"no {described}{_seen(about)}")
    if check.text is not None:
        texts = [e for e in chosen if passes(check.text, e.get("message", ""))]
        if not texts:
            latest = max(chosen, key=lambda e: str(e.get("lastTimestamp") or ""))
            return failed(f"no {described} has a message {qualified(check.text)}"
                          f" (latest: \"{shown(latest.get('message', ''), 120)}\")")
        chosen = texts
    if check.count is not None:
        counts = [event_count(e) for e in chosen]
        if not any(passes(check.count, n) for n in counts):
            return failed(f"the {described} has count {mismatch(max(counts), check.count)}")
    return PASSED


__all__ = ["describe_events", "evaluate_event", "event_count"]
