"""Value tests (lessons/schema/model.py ``ValueTest``): does one value pass, and how to say why not.

Equality follows the lesson format's rule: numbers compare as numbers (``80`` equals ``"80"``),
booleans compare without case (YAML ``true`` equals a condition's ``"True"``), anything else by
its string form. A value that is absent (a missing field, a file that is not there) passes only
``exists: false`` and ``not``. ``regex`` is ``re.search``; ``contains`` is a substring of a string,
a member of a list or a key of a mapping; ``gt``..``lte`` need a number.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

from lessons.schema.model import ValueTest

MISSING: Any = object()     # the value is absent (not the same as a JSON null, which counts as absent too)


def is_missing(value: Any) -> bool:
    return value is MISSING or value is None


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None or value is MISSING:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
        return None if math.isnan(number) else number
    return None


def text(value: Any) -> str:
    """The string form a value is compared (and shown) by."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    return str(value)


def equal(actual: Any, expected: Any) -> bool:
    if is_missing(actual):
        return False
    a, e = as_number(actual), as_number(expected)
    if a is not None and e is not None and (isinstance(expected, (int, float)) or isinstance(actual, (int, float))):
        return a == e
    if isinstance(actual, bool) or isinstance(expected, bool):
        return text(actual).lower() == text(expected).lower()
    return text(actual) == text(expected)


@lru_cache(maxsize=256)
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def passes(test: ValueTest, actual: Any) -> bool:
    """Does ``actual`` (``MISSING`` when absent) pass ``test``?"""
    op, want = test.op, test.value
    if op == "exists":
        return (not is_missing(actual)) == bool(want)
    if op == "not":
        return not equal(actual, want)
    if is_missing(actual):
        return False
    if op == "equals":
        return equal(actual, want)
    if op == "regex":
        return _pattern(str(want)).search(text(actual)) is not None
    if op == "in":
        return any(equal(actual, item) for item in want)
    if op == "contains":
        if isinstance(actual, (list, tuple)):
            return any(equal(item, want) for item in actual)
        if isinstance(actual, dict):
            return text(want) in actual
        return text(want) in text(actual)
    number, limit = as_number(actual), as_number(want)
    if number is None or limit is None:
        return False
    return {"gt": number > limit, "gte": number >= limit, "lt": number < limit, "lte": number <= limit}[op]


_SIGNS = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}


def want(test: ValueTest) -> str:
    """What the test asks for, in words: ``Running``, ``>= 3``, ``a match for "^nginx"``."""
    op, value = test.op, test.value
    if op == "equals":
        return text(value)
    if op == "not":
        return f"anything but {text(value)}"
    if op == "regex":
        return f'a match for "{value}"'
    if op in _SIGNS:
        return f"{_SIGNS[op]} {text(value)}"
    if op == "exists":
        return "set" if value else "not set"
    if op == "in":
        return "one of " + ", ".join(text(v) for v in value)
    return f'something containing "{text(value)}"'


def described(test: ValueTest) -> str:
    """The test as a qualifier: ``a message matching "Liveness"``, ``a STATUS in A, B``."""
    op, value = test.op, test.value
    if op == "regex":
        return f'matching "{value}"'
    if op == "in":
        return "in " + ", ".join(text(v) for v in value)
    if op == "not":
        return f"other than {text(value)}"
    if op == "contains":
        return f'containing "{text(value)}"'
    if op == "exists":
        return "set" if value else "not set"
    return want(test)


def shown(actual: Any, limit: int = 60) -> str:
    if is_missing(actual):
        return "not set"
    out = " ".join(text(actual).split()) if isinstance(actual, str) else text(actual)
    return out if len(out) <= limit else out[:limit - 3] + "..."


def mismatch(actual: Any, test: ValueTest) -> str:
    """``ContainerCreating, not Running`` or ``0 (want >= 1)``: the end of a why."""
    if test.op == "equals" and not is_missing(actual):
        return f"{shown(actual)}, not {want(test)}"
    if test.op == "exists":
        return shown(actual) if test.value else f"set ({shown(actual)})"
    if test.op in _SIGNS and not is_missing(actual) and as_number(actual) is None:
        return f"{shown(actual)}, not a number (want {want(test)})"
    return f"{shown(actual)} (want {want(test)})"
