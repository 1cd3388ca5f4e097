"""The result of evaluating a check: passed, and why not in one short English sentence."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Outcome:
    passed: bool
    why: str = ""        # empty when passed: `pod "nginx" is ContainerCreating, not Running`

    def __bool__(self) -> bool:
        return self.passed


PASSED = Outcome(True, "")


def failed(why: str) -> Outcome:
    return Outcome(False, why)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 pod``, ``2 pods``, ``no pod``."""
    if n == 0:
        return f"no {word}"
    return f"{n} {word if n == 1 else (words or word + 's')}"
