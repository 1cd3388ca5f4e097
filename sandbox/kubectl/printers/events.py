"""``kubectl get events`` rows: LAST SEEN TYPE REASON OBJECT MESSAGE
(+ wide SUBOBJECT SOURCE, and FIRST SEEN COUNT NAME after MESSAGE).

A port of ``printEvent`` and ``formatEventSource`` in kubernetes
``pkg/printers/internalversion/printers.go``. Events are core/v1 dicts: ``firstTimestamp`` /
``lastTimestamp`` (whole seconds), ``eventTime`` (micro time, set by events.k8s.io writers such as
the scheduler), ``series``, ``reportingComponent`` / ``reportingInstance``.
"""
from __future__ import annotations

from typing import Any, Mapping, Union

from sandbox.kubectl.printers.table import NAME_DOC, Column, Row, age

Event = Mapping[str, Any]

# eventColumnDefinitions, in Go's order: the wide columns sit between OBJECT and MESSAGE and
# after MESSAGE. The core/v1 Event SwaggerDoc descriptions are not reproduced.
EVENT_COLUMNS: tuple[Column, ...] = (
    Column("Last Seen"),
    Column("Type"),
    Column("Reason"),
    Column("Object"),
    Column("Subobject", priority=1),
    Column("Source", priority=1),
    Column("Message"),
    Column("First Seen", priority=1),
    Column("Count", priority=1),
    Column("Name", format="name", priority=1, description=NAME_DOC),
)


def event_columns(wide: bool = False) -> list[Column]:
    return [c for c in EVENT_COLUMNS if wide or c.priority == 0]


def format_event_source(event: Event) -> str:
    """formatEventSource: ``component, host``; falls back to reportingComponent/Instance."""
    source = event.get("source") or {}
    component = source.get("component") or event.get("reportingComponent") or ""
    instance = source.get("host") or event.get("reportingInstance") or ""
    return component if not instance else f"{component}, {instance}"


def event_times(event: Event, now: float) -> tuple[str, str, int]:
    """(LAST SEEN, FIRST SEEN, COUNT) as printEvent computes them.

    FIRST SEEN is the age of firstTimestamp, else of eventTime. LAST SEEN is the age of
    lastTimestamp, else FIRST SEEN; an event with a series uses series.lastObservedTime and
    series.count instead. A count of 0 (singleton events of the new API) prints as 1.
    Unset times print ``<unknown>``.
    """
    first = event.get("firstTimestamp")
    first_seen = age(now, first) if first else age(now, event.get("eventTime"))
    last = event.get("lastTimestamp")
    last_seen = age(now, last) if last else first_seen
    count = event.get("count") or 0
    series = event.get("series")
    if series is not None:
        last_seen = age(now, series.get("lastObservedTime"))
        count = series.get("count") or 0
    elif count == 0:
        count = 1
    return last_seen, first_seen, count


def event_target(event: Event) -> str:
    """OBJECT: ``pod/nginx`` (kind lower-cased), or just the kind when there is no name."""
    involved = event.get("involvedObject") or {}
    kind = (involved.get("kind") or "").lower()
    name = involved.get("name") or ""
    return f"{kind}/{name}" if name else kind


def event_row(event: Event, now: float, *, wide: bool = False) -> list[Union[str, int]]:
    """One event's cells. In the wide row COUNT is an int, as in the server's Table."""
    last_seen, first_seen, count = event_times(event, now)
    message = (event.get("message") or "").strip()
    cells: list[Union[str, int]] = [last_seen, event.get("type", ""), event.get("reason", ""),
                                    event_target(event)]
    if wide:
        involved = event.get("involvedObject") or {}
        cells += [involved.get("fieldPath", ""), format_event_source(event), message, first_seen,
                  count, (event.get("metadata") or {}).get("name", "")]
    else:
        cells.append(message)
    return cells


def event_table_row(event: Event, now: float) -> Row:
    return Row(list(event_row(event, now, wide=True)), event)
