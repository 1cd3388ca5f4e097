"""A grade: what a submission earned, check by check, and what it typed.

Frozen dataclasses that hold only data the grading run decides (simulated seconds, never the wall
clock), so ``to_json`` of the same submission graded twice is the same text, byte for byte
(sorted keys, two-space indent, UTF-8 text kept as is). Times (``at``, ``passed_at``) are
simulated seconds since the submission started, after the lesson's setup.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

LOG_OUTPUT_LINES = 20      # output lines kept per submission line in the log


@dataclass(frozen=True, slots=True)
class CheckGrade:
    id: str
    points: int
    earned: int
    passed: bool           # the check earned its points
    why: str               # when it did not: why, from its last evaluation ("" when passed)
    message_en: str        # the lesson author's message for a failing check
    message_ko: str


@dataclass(frozen=True, slots=True)
class StepGrade:
    id: str
    title: str             # in English
    passed: bool           # every check passed at one moment (the lesson page's rule)
    passed_at: float | None
    points: int
    earned: int
    checks: tuple[CheckGrade, ...]


@dataclass(frozen=True, slots=True)
class LogEntry:
    line: str              # as typed (here-document bodies included), or an "@ +30s" time move
    at: float              # simulated seconds when it started
    exit_code: int | None  # None for a time move, or when the sandbox crashed on the line
    output: tuple[str, ...]
    more_lines: int = 0    # output lines left out (beyond LOG_OUTPUT_LINES)


@dataclass(frozen=True, slots=True)
class Grade:
    lesson: str
    submission: str
    kind: str              # manifests | transcript
    seed: int
    score: int
    total: int
    percent: float         # one decimal
    steps: tuple[StepGrade, ...]
    log: tuple[LogEntry, ...]
    window: float          # the lesson's grading window, in simulated seconds
    error: str = ""        # the sandbox crashed: which line; later lines were not run

    @property
    def steps_passed(self) -> int:
        return sum(1 for step in self.steps if step.passed)

    def failed_checks(self) -> list[tuple[StepGrade, CheckGrade]]:
        return [(step, check) for step in self.steps for check in step.checks if not check.passed]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return dumps(self.to_dict())


def dumps(data: Any) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, a final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def percent(score: int, total: int) -> float:
    return round(100.0 * score / total, 1) if total else 0.0
