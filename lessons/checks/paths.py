"""Field paths into an object: ``spec.containers[0].image``, ``spec.containers[*].ports[*].containerPort``,
``spec.containers[name=web].livenessProbe.httpGet.port``, ``metadata.labels."app.kubernetes.io/name"``.

Dotted keys (``['a.b']`` too); ``[N]`` an index (negative counts from the end, as in Python); ``[*]`` every item of a
list (or every value of a mapping); ``[key=value]`` the items whose ``key`` equals ``value`` (by the
value tests' equality, so ``[containerPort=80]`` works); a key with dots is quoted with ``"`` or
``'``. A path resolves to every value it reaches: none when it leads nowhere, several through
``[*]`` or a selection; a check passes when one of them passes its test.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .values import equal


class PathError(ValueError):
    """The path is not well formed (the loader rejects it; the evaluator reports it)."""


@dataclass(frozen=True, slots=True)
class Key:
    name: str


@dataclass(frozen=True, slots=True)
class Index:
    n: int


@dataclass(frozen=True, slots=True)
class Every:
    pass


@dataclass(frozen=True, slots=True)
class Where:
    key: str
    value: str


Part = Key | Index | Every | Where


def _quoted(path: str, i: int) -> tuple[str, int]:
    quote = path[i]
    end = path.find(quote, i + 1)
    if end < 0:
        raise PathError(f"unterminated quote in {path!r}")
    return path[i + 1:end], end + 1


def _bracket(path: str, i: int) -> tuple[Part, int]:
    end = path.find("]", i)
    if end < 0:
        raise PathError(f"unterminated [ in {path!r}")
    inner = path[i + 1:end].strip()
    if inner == "*":
        return Every(), end + 1
    if len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "\"'":
        return Key(inner[1:-1]), end + 1          # ['app.kubernetes.io/name']: a quoted key
    if "=" in inner:
        key, _, value = inner.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if not key.strip():
            raise PathError(f"empty key in [{inner}] in {path!r}")
        return Where(key.strip(), value), end + 1
    try:
        return Index(int(inner)), end + 1
    except ValueError:
        raise PathError(f"[{inner}] is not an index, * or key=value in {path!r}") from None


@lru_cache(maxsize=512)
def parse_path(path: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    i, n = 0, len(path)
    expect_key = True
    while i < n:
        c = path[i]
        if c == "[":
            part, i = _bracket(path, i)
            parts.append(part)
            expect_key = False
        elif c == ".":
            if expect_key:
                raise PathError(f"empty key in {path!r}")
            i += 1
            expect_key = True
        elif c in "\"'":
            name, i = _quoted(path, i)
            parts.append(Key(name))
            expect_key = False
        else:
            j = i
            while j < n and path[j] not in ".[":
                j += 1
            parts.append(Key(path[i:j]))
            i = j
            expect_key = False
    if not parts or expect_key:
        raise PathError(f"empty key in {path!r}")
    return tuple(parts)


def resolve(obj: Any, path: str) -> list[Any]:
    """Every value ``path`` reaches in ``obj`` (a JSON-shaped dict or list)."""
    current = [obj]
    for part in parse_path(path):
        following: list[Any] = []
        for value in current:
            if isinstance(part, Key):
                if isinstance(value, dict) and part.name in value:
                    following.append(value[part.name])
            elif isinstance(part, Index):
                if isinstance(value, list) and -len(value) <= part.n < len(value):
                    following.append(value[part.n])
            elif isinstance(part, Every):
                if isinstance(value, list):
                    following.extend(value)
                elif isinstance(value, dict):
                    following.extend(value.values())
            elif isinstance(value, list):
                following.extend(item for item in value
                                 if isinstance(item, dict) and equal(item.get(part.key), part.value))
        current = following
    return [v for v in current if v is not None]
