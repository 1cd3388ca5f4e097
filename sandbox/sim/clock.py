"""The virtual clock and its event heap, in the spirit of SimPy's ``Environment``.

Pending work is plain data ``(due, priority, seq, action, args)``: no closures, so a cluster with
its timers serialises to JSON and comes back identical. ``seq`` makes same-instant timers of the
same priority run in the order they were scheduled, so runs are deterministic (simpy/core.py).

Priorities order what happens at one instant. The spec's reference timing model (§13) says that
"at the same instant, container actions come before probes": a process waking from ``sleep`` at
t=34 removes /tmp/healthy before the liveness probe due at t=34 runs.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

# Lower runs first at the same instant.
PRIO_RUNTIME = 0     # container processes wake, exit, die
PRIO_CONTROL = 1     # scheduler, kubelet syncs, node controller
PRIO_PROBE = 2       # probe workers see the result of the instant's container actions
PRIO_STATUS = 3      # delayed status writes and clean-ups

Timer = tuple[float, int, int, str, list[Any]]


@dataclass(slots=True)
class Clock:
    """Virtual time plus the heap of timers due in the future."""

    now: float = 0.0
    seq: int = 0
    heap: list[Timer] = field(default_factory=list)

    def schedule(self, due: float, action: str, args: list[Any], priority: int = PRIO_CONTROL) -> int:
        """Queue ``action(*args)`` at ``due`` (never in the past); returns the timer's seq."""
        if due < self.now:
            due = self.now
        self.seq += 1
        heapq.heappush(self.heap, (float(due), priority, self.seq, action, list(args)))
        return self.seq

    def next_due(self) -> float | None:
        """When the next timer fires, or None when nothing is pending."""
        return self.heap[0][0] if self.heap else None

    def pop_due(self, until: float) -> Timer | None:
        """Remove and return the earliest timer due at or before ``until``, moving ``now`` to it."""
        if not self.heap or self.heap[0][0] > until:
            return None
        timer = heapq.heappop(self.heap)
        self.now = max(self.now, timer[0])
        return timer

    def to_json(self) -> dict[str, Any]:
        return {"now": self.now, "seq": self.seq, "heap": [list(t) for t in sorted(self.heap)]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Clock:
        heap = [(float(t[0]), int(t[1]), int(t[2]), str(t[3]), list(t[4])) for t in data["heap"]]
        heapq.heapify(heap)
        return cls(now=float(data["now"]), seq=int(data["seq"]), heap=heap)
