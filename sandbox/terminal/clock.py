"""The lab clock: how wall time maps to simulated time for one sandbox (speed, pause, jumps).

Kept as anchors, plain data: while running, ``virtual = anchor_virtual + (wall - anchor_wall) *
speed``; while paused, ``virtual = anchor_virtual``. Every change (a new speed, a pause, a jump
such as ``lab advance 5m``, a line that waited longer than the wall clock moved) re-anchors at the
current wall instant, so the mapping is continuous and never goes backwards. The wall instant is
always passed in: nothing here reads a clock (DESIGN.md, "Time"; SimPy's ``rt.py`` plays the same
part for its core).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

MAX_SPEED = 1000.0


@dataclass(slots=True)
class LabClock:
    anchor_wall: float = 0.0
    anchor_virtual: float = 0.0
    speed: float = 1.0
    paused: bool = False

    def virtual(self, wall: float) -> float:
        if self.paused:
            return self.anchor_virtual
        return self.anchor_virtual + max(0.0, wall - self.anchor_wall) * self.speed

    def wall_at(self, virtual: float) -> float | None:
        """The wall instant at which simulated time reaches ``virtual``; None while paused."""
        if self.paused or math.isinf(virtual):
            return None
        if virtual <= self.anchor_virtual:
            return self.anchor_wall
        return self.anchor_wall + (virtual - self.anchor_virtual) / self.speed

    def rebase(self, wall: float, virtual: float) -> None:
        """Simulated time is ``virtual`` at wall instant ``wall`` (never moving it backwards)."""
        self.anchor_virtual = max(virtual, self.virtual(wall))
        self.anchor_wall = wall

    def set_speed(self, speed: float, wall: float) -> None:
        self.rebase(wall, self.virtual(wall))
        self.speed = speed

    def pause(self, wall: float) -> None:
        self.rebase(wall, self.virtual(wall))
        self.paused = True

    def resume(self, wall: float) -> None:
        self.anchor_wall = wall
        self.paused = False

    def describe(self, now: float) -> str:
        state = "paused" if self.paused else f"speed {format_speed(self.speed)}"
        return f"simulated time: {reading(now)} ({state})"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LabClock:
        return cls(float(data["anchor_wall"]), float(data["anchor_virtual"]), float(data["speed"]),
                   bool(data["paused"]))


def format_speed(speed: float) -> str:
    """``1x``, ``10x``, ``0.5x``."""
    return f"{speed:g}x"


def parse_speed(text: str) -> float | None:
    """``10``, ``10x``, ``0.5`` -> the factor; None unless 0 < factor <= MAX_SPEED."""
    text = text[:-1] if text.lower().endswith("x") else text
    try:
        value = float(text)
    except ValueError:
        return None
    if not (0 < value <= MAX_SPEED) or math.isnan(value):
        return None
    return value


def reading(seconds: float) -> str:
    """A simulated instant or span as ``lab`` prints it: Go's duration form to a tenth of a second
    (a clock running at 60x stands at 32.637960434s; the learner reads 32.6s)."""
    from sandbox.sim.durations import go_duration
    return go_duration(round(seconds, 1))
