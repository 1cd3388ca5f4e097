"""The small languages inside lesson.yaml: durations, value tests and field paths.

* Durations are written as Kubernetes users write them (``30s``, ``2m``, ``1h30m``, ``1.5s``, the
  units of Go's ``time.ParseDuration`` that lessons need); a number alone is seconds.
* A value test is a scalar (equality) or a mapping with exactly one operator (model.ValueTest).
* A field path is kubectl's JSONPath without the braces and the leading dot, plus ``[key=value]``
  to pick a list item by one of its keys (``spec.containers[name=web].image``) and ``[*]``.
"""
from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from lessons.schema.model import ValueTest
from lessons.schema.yamlnodes import Where, describe, items, plain, string, unknown_key

_DURATION = re.compile(r"^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$")
DURATION_HELP = "expected a duration like 30s, 2m, 1h30m"


def parse_duration(value: Any) -> float | None:
    """Seconds, or None when ``value`` is not a duration (negative numbers are not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    text = str(value).strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    match = _DURATION.match(text)
    if not text or match is None:
        return None
    hours, minutes, seconds = (float(part) if part else 0.0 for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def duration(node: Node, where: Where) -> float | None:
    value = parse_duration(plain(node)) if isinstance(node, ScalarNode) and plain(node) is not None else None
    if value is None:
        where.error(node, f"{DURATION_HELP}, not {describe(node)}")
    return value


# -- value tests --------------------------------------------------------------------------------
OPERATORS = ("equals", "not", "regex", "gt", "gte", "lt", "lte", "exists", "in", "contains")
_OPERATOR_LIST = ", ".join(OPERATORS)


def value_test(node: Node, where: Where) -> ValueTest | None:
    """``Running`` (equals) or ``{regex: "^nginx"}``, ``{gte: 2}``, ``{in: [a, b]}``, ..."""
    if isinstance(node, ScalarNode):
        value = plain(node)
        if value is None:
            where.error(node, "expected a value or a test such as {regex: ...}, not nothing")
            return None
        return ValueTest("equals", value)
    if not isinstance(node, MappingNode):
        where.error(node, f"expected a value or a test such as {{regex: ...}}, not {describe(node)}")
        return None
    entries = items(node, where) or {}
    unknown = [key for key in entries if key not in OPERATORS]
    known = [key for key in entries if key in OPERATORS]
    for key in unknown:
        unknown_key(where, entries[key][0], key, OPERATORS)
    if unknown:
        return None
    if len(known) != 1:
        got = ", ".join(known) if known else "none"
        where.error(node, f"a value test takes exactly one of {_OPERATOR_LIST}; got {got}")
        return None
    op = known[0]
    return _operand(op, entries[op][1], where.key(op))


def _operand(op: str, node: Node, where: Where) -> ValueTest | None:
    value = plain(node)
    if op == "in":
        if not isinstance(value, list) or not value or any(isinstance(v, (list, dict)) or v is None for v in value):
            where.error(node, f"expected a list of values, not {describe(node)}")
            return None
        return ValueTest("in", tuple(value))
    if not isinstance(node, ScalarNode) or value is None:
        where.error(node, f"expected a single value, not {describe(node)}")
        return None
    if op == "exists":
        if not isinstance(value, bool):
            where.error(node, f"expected true or false, not {describe(node)}")
            return None
    elif op in ("gt", "gte", "lt", "lte"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            where.error(node, f"expected a number, not {describe(node)}")
            return None
    elif op == "regex":
        value = str(node.value)
        try:
            re.compile(value)
        except re.error as error:
            where.error(node, f"regex does not compile: {error}")
            return None
    return ValueTest(op, value)  # type: ignore[arg-type]  # op is one of OPERATORS


# -- field paths --------------------------------------------------------------------------------
# One part of a path: a key (str), an index (int), "*" in brackets (any item) or (key, value) for
# [key=value]. Quoted keys may contain dots: metadata.labels."app.kubernetes.io/name".
PathPart = str | int | tuple[str, str]
_KEY = re.compile(r'"((?:[^"\\]|\\.)*)"|([^."\[\]]+)')
_BRACKET = re.compile(r"\[(\*|\d+|[^\]=]+=[^\]]*)\]")


class FieldPathError(ValueError):
    pass


def parse_field_path(path: str) -> tuple[PathPart, ...]:
    """``spec.containers[name=web].ports[0].containerPort`` -> parts; FieldPathError when it does not
    parse. ``[*]`` comes back as the key part ``"[*]"``."""
    parts: list[PathPart] = []
    position = 0
    expect_key = True
    while position < len(path):
        if path[position] == "[":
            match = _BRACKET.match(path, position)
            if match is None or not parts:
                raise FieldPathError(f"bad [...] at position {position + 1}: use [0], [*] or [name=value]")
            inner = match.group(1)
            parts.append("[*]" if inner == "*" else int(inner) if inner.isdigit()
                         else tuple(inner.split("=", 1)))  # type: ignore[arg-type]
            position = match.end()
            expect_key = False
            continue
        if not expect_key:
            if path[position] != ".":
                raise FieldPathError(f'expected "." or "[" at position {position + 1}')
            position += 1
        match = _KEY.match(path, position)
        if match is None:
            raise FieldPathError(f"expected a key at position {position + 1}")
        key = match.group(1) if match.group(1) is not None else match.group(2)
        parts.append(key.replace('\\"', '"'))
        position = match.end()
        expect_key = False
    if not parts:
        raise FieldPathError("the path is empty")
    return tuple(parts)


def field_tests(node: Node, where: Where, what: str = "field path") -> tuple[tuple[str, ValueTest], ...] | None:
    """``{spec.restartPolicy: Never, status.podIP: {exists: true}}``: path -> value test."""
    entries = items(node, where, f"a mapping of {what}s to tests")
    if entries is None:
        return None
    if not entries:
        where.error(node, f"expected at least one {what}")
        return None
    tests: list[tuple[str, ValueTest]] = []
    for path, (key_node, value_node) in entries.items():
        try:
            parse_field_path(path)
        except FieldPathError as error:
            where.key(path).error(key_node, f"{what} does not parse: {error}")
            continue
        test = value_test(value_node, where.key(path))
        if test is not None:
            tests.append((path, test))
    return tuple(tests) if len(tests) == len(entries) else None


def home_path(node: Node, where: Where) -> str | None:
    """A file on the learner's host as a lesson names it: ``pod.yaml`` (under /root), ``~/pod.yaml`` or
    ``/root/pod.yaml``; kept as written. Nothing outside the home folder, no ``..``."""
    value = string(node, where, "a file path")
    if value is None:
        return None
    if value.startswith("~/"):
        rest = value[2:]
    elif value.startswith("/root/"):
        rest = value[len("/root/"):]
    else:
        rest = "" if value.startswith(("/", "~")) else value
    if not rest.strip("/") or ".." in rest.split("/"):
        where.error(node, f'"{value}" is not a file in the learner\'s home: write pod.yaml, ~/pod.yaml '
                          "or /root/pod.yaml")
        return None
    return value
