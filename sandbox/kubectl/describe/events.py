"""The Events table at the end of every describe (kubectl describe.go ``DescribeEvents``).

Rows are sorted by lastTimestamp with Go's ``sort.Sort`` over kubectl's ``SortableEvents``
(``pkg/util/event/sorted_event_list.go``): ties keep the API server's list order while there are
at most 12 events (insertion sort) and follow pdqsort beyond that, as real kubectl does; events
without a lastTimestamp (the scheduler's events.k8s.io events) count as the zero time and come
first. AGE is the age of eventTime, else of firstTimestamp; with a series or a count above one it
reads ``<last> (x<n> over <first>)``. FROM is source.component, else reportingComponent. MESSAGE is
trimmed; the ``current`` profile (kubectl 1.35+) prefixes ``<fieldPath>: ``.
"""
from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from sandbox.kubectl.describe.gosort import go_sort
from sandbox.kubectl.describe.writer import LEVEL_0, LEVEL_1, PrefixWriter, since, tabbed, trim_space
from sandbox.sim.timefmt import parse_rfc3339

Event = Mapping[str, Any]


def _last_timestamp(event: Event) -> float:
    ts = event.get("lastTimestamp")
    return parse_rfc3339(ts) if ts else -math.inf


def sort_events(events: Sequence[Event]) -> list[Event]:
    """sort.Sort(SortableEvents): ascending lastTimestamp, Go's (unstable) order for ties."""
    return go_sort(list(events), lambda a, b: _last_timestamp(a) < _last_timestamp(b))


def event_age(event: Event, now: float) -> str:
    first = since(now, event.get("eventTime")) if event.get("eventTime") \
        else since(now, event.get("firstTimestamp"))
    series = event.get("series")
    if series is not None:
        return f"{since(now, series.get('lastObservedTime'))} (x{series.get('count', 0)} over {first})"
    count = event.get("count") or 0
    if count > 1:
        return f"{since(now, event.get('lastTimestamp'))} (x{count} over {first})"
    return first


def event_message(event: Event, profile: str = "classic") -> str:
    message = trim_space(event.get("message") or "")
    field_path = (event.get("involvedObject") or {}).get("fieldPath") or ""
    if profile == "current" and field_path:
        return f"{field_path}: {message}"
    return message


def write_events(w: PrefixWriter, events: Sequence[Event], now: float, profile: str = "classic") -> None:
    """DescribeEvents: ``Events:  <none>``, or the flushed header and one row per event."""
    if not events:
        w.write(LEVEL_0, "Events:\t<none>\n")
        return
    w.flush()
    w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(LEVEL_1, "----\t------\t----\t----\t-------\n")
    for event in sort_events(events):
        source = (event.get("source") or {}).get("component") or event.get("reportingComponent") or ""
        w.write(LEVEL_1, f"{event.get('type', '')}\t{event.get('reason', '')}\t{event_age(event, now)}\t"
                         f"{source}\t{event_message(event, profile)}\n")


def describe_events(events: Sequence[Event], now: float, profile: str = "classic") -> str:
    """The Events section alone, as describe prints it (``now`` is Unix seconds)."""
    return tabbed(lambda w: write_events(w, events, now, profile))
