"""go-yaml v2 resolution rules for the YAML printer: which strings must be quoted because they
would read back as another type (resolve.go), and the map key order (sorter.go keyList.Less)."""
from __future__ import annotations

import math
import re
from typing import Any

from sandbox.kubectl.printers.json import INT64_MAX, INT64_MIN, go_format_float


BEST_WIDTH = 80
BEST_INDENT = 2

# --- resolve.go: would the string mean something else unquoted? ------------------------------
_RESOLVE_MAP = frozenset({
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
    "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
    "", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
    "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<"})
_YAML_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_BASE60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
# strconv.ParseInt(s, 0, 64) / ParseUint syntax (range is irrelevant: big.Int takes the rest)
_GO_INT = re.compile(r"^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$")
_DOT_FLOAT = re.compile(r"^\.[0-9](_?[0-9])*([eE][-+]?[0-9](_?[0-9])*)?$")
# allowedTimestampFormats: "2006-1-2T15:4:5.999999999Z07:00" (also with 't'),
# "2006-1-2 15:4:5.999999999" and "2006-1-2"
_D = "[0-9]"
_TIMESTAMP = re.compile(rf"^({_D}{{4}})-({_D}{{1,2}})-({_D}{{1,2}})(?:"
                        rf"[Tt]({_D}{{1,2}}):({_D}{{1,2}}):({_D}{{1,2}})(?:[.,]{_D}+)?"
                        rf"(?:Z|[-+]{_D}{{2}}:{_D}{{2}})"
                        rf"| ({_D}{{1,2}}):({_D}{{1,2}}):({_D}{{1,2}})(?:[.,]{_D}+)?)?$")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_timestamp(s: str) -> bool:
    """parseTimestamp: time.Parse with go-yaml's layouts, including Go's range checks."""
    m = _TIMESTAMP.match(s)
    if not m:
        return False
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not 1 <= month <= 12:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if not 1 <= day <= _DAYS[month - 1] + (month == 2 and leap):
        return False
    clock = m.group(4, 5, 6) if m.group(4) is not None else m.group(7, 8, 9)
    if clock[0] is None:
        return True
    hour, minute, second = (int(x) for x in clock)
    return hour < 24 and minute < 60 and second < 60


def _is_yaml_float(plain: str) -> bool:
    return bool(_YAML_FLOAT.match(plain)) and not math.isinf(float(plain))


def resolves_to_string(s: str) -> bool:
    """``resolve("", s)`` gives !!str and ``isBase60Float(s)`` is false: go-yaml may print ``s``
    plain. ``"True"``, ``"1"``, ``"0x1F"``, ``"1e3"``, ``"2025-01-06T10:00:04Z"``, ``"1:20"`` may not."""
    if s in _RESOLVE_MAP:
        return False
    hint = s[0]
    if hint == ".":
        return not (_DOT_FLOAT.match(s) and not math.isinf(float(s.replace("_", ""))))
    if hint not in "+-0123456789":
        return True  # letters of the 'M' class resolve only through the map above
    if _is_timestamp(s):
        return False
    plain = s.replace("_", "")
    if _GO_INT.match(plain) or _is_yaml_float(plain):
        return False
    if plain.startswith("-0b") and len(plain) > 3 and set(plain[3:]) <= {"0", "1"}:
        return False
    return not (":" in s and _BASE60.match(s))


# --- sorter.go: keyList.Less for string keys ----------------------------------------------------
def _key_less(a: str, b: str) -> bool:
    for i in range(min(len(a), len(b))):
        ca, cb = a[i], b[i]
        if ca == cb:
            continue
        al, bl = ca.isalpha(), cb.isalpha()
        if al and bl:
            return ca < cb
        if al or bl:
            return bl
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and a[j].isdecimal():
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdecimal():
            an = an * 10 + ord(a[ai]) - 48
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdecimal():
            bn = bn * 10 + ord(b[bi]) - 48
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ca < cb
    return len(a) < len(b)


def sorted_keys(keys: Any) -> list[str]:
    """``sort.Sort(keyList)``: Go's pdqsort, whose result matters where the order is not total."""
    from sandbox.kubectl.describe.gosort import go_sort  # late: describe imports the printers
    return go_sort(list(keys), _key_less)


# --- JSON -> go-yaml value ----------------------------------------------------------------------
def _scalar_text(value: Any) -> tuple[str, str]:
    """(text, requested style) as encode.go emits a decoded JSON scalar."""
    if value is None:
        return "null", "plain"
    if value is True or value is False:
        return ("true" if value else "false"), "plain"
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return str(value), "plain"
        # kubectl decoded it as a float64; its JSON text reads back as a uint64 if it fits
        text = go_format_float(float(value), "json")
        if text.isdigit() and int(text) < 1 << 64:
            return text, "plain"
        value = float(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError(f"json: unsupported value: {go_format_float(value)}")
        return go_format_float(value, "g"), "plain"
    if isinstance(value, str):
        if "\n" in value:
            return value, "literal"
        return value, "plain" if resolves_to_string(value) else "double"
    raise TypeError(f"json: unsupported type: {type(value).__name__}")


# --- emitterc.go (go-yaml v2): the block emitter ---------------------------------------------
