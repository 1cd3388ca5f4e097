"""JSON the way Go sees it: number literals, key order, duplicate keys, and Go's encoder output.

The decoder must report problems in the order sigs.k8s.io/json meets them in the request body, and
quote number literals as they were written (``number 8.5``). A request body is therefore held as
``Obj`` (ordered key/value pairs, duplicates kept) and ``Num`` (the literal text) rather than as
Python dicts and floats.
"""
from __future__ import annotations

import datetime
import json
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class Num:
    """A JSON number literal, exactly as written."""

    text: str


@dataclass(frozen=True, slots=True)
class Obj:
    """A JSON object: its members in body order, duplicates included."""

    items: tuple[tuple[str, Any], ...]


def go_float(value: float) -> str:
    """encoding/json's float64 encoder: 'f' format, or 'e' below 1e-6 / from 1e21, ``e-07`` -> ``e-7``."""
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"json: unsupported value: {value!r}")
    if value == 0:
        return "0"
    if 1e-6 <= abs(value) < 1e21:
        text = format(Decimal(repr(value)), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    mantissa, _, exponent = repr(value).partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}e{sign}{int(exponent.lstrip('+-'))}"


def _key(key: Any) -> str:
    """sigs.k8s.io/yaml turns YAML keys into JSON strings; booleans print as Go prints them."""
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def from_python(value: Any, *, sort_keys: bool) -> Any:
    """A Python value (dicts from YAML or JSON) as the body a client would send.

    kubectl encodes its unstructured objects with encoding/json, which writes map keys sorted, so
    ``sort_keys=True`` reproduces the order in which the API server meets the fields.
    """
    if isinstance(value, dict):
        items = [(_key(k), v) for k, v in value.items()]
        if sort_keys:
            items.sort(key=lambda kv: kv[0].encode("utf-8"))
        return Obj(tuple((k, from_python(v, sort_keys=sort_keys)) for k, v in items))
    if isinstance(value, (list, tuple)):
        return [from_python(v, sort_keys=sort_keys) for v in value]
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, int):
        return Num(str(value))
    if isinstance(value, float):
        return Num(go_float(value))
    if isinstance(value, (Num, Obj)):
        return value
    if isinstance(value, datetime.datetime):  # yaml.v2 reads unquoted timestamps as time.Time ...
        text = value.isoformat()
        return text + "Z" if value.tzinfo is None else text.replace("+00:00", "Z")
    if isinstance(value, datetime.date):  # ... which encoding/json writes in RFC 3339
        return f"{value.isoformat()}T00:00:00Z"
    return str(value)


def _pairs(pairs: list[tuple[str, Any]]) -> Obj:
    return Obj(tuple(pairs))


def parse_body(body: str | bytes) -> Any:
    """Parse a raw request body, keeping member order, duplicates and number literals.

    Raises ValueError (json.JSONDecodeError) on a syntax error.
    """
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    return json.loads(text, object_pairs_hook=_pairs, parse_float=Num, parse_int=Num,
                      parse_constant=_reject_constant)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"invalid character '{name[0]}' looking for beginning of value")


def to_python(value: Any) -> Any:
    """Back to plain Python: later duplicates win, integers become int, other numbers float."""
    if isinstance(value, Obj):
        return {k: to_python(v) for k, v in value.items}
    if isinstance(value, list):
        return [to_python(v) for v in value]
    if isinstance(value, Num):
        return number_value(value.text)
    return value


def number_value(text: str) -> int | float:
    """PreserveInts: an int64 when the literal has no '.' and parses as an integer, else float64."""
    if "." not in text:
        try:
            number = int(text)
        except ValueError:
            pass
        else:
            if -(2**63) <= number < 2**63:
                return number
    return float(text)


_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _go_string(text: str) -> str:
    out = json.dumps(text, ensure_ascii=False)
    for raw, escaped in _ESCAPES.items():
        out = out.replace(raw, escaped)
    return out


def encode(value: Any) -> str:
    """Compact JSON as Go's encoding/json writes it (HTML-safe escapes, literals verbatim)."""
    if isinstance(value, Obj):
        return "{" + ",".join(f"{_go_string(k)}:{encode(v)}" for k, v in value.items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(encode(v) for v in value) + "]"
    if isinstance(value, Num):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return _go_string(str(value))
