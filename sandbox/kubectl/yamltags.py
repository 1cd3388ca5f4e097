"""Explicit scalar tags (``!!int 1.5``, ``!!binary aGk=``) as go-yaml v2 decodes them into
interface{}: the rules of resolve.go's resolve() and decode.go's scalar(), kept out of
yamlreader.py, which applies them."""
from __future__ import annotations

import base64
import codecs
import re
from typing import Any, Callable

# The tags checked here, long form (what PyYAML's parser reports) -> short form (go-yaml's words).
TAGS: dict[str, str] = {f"tag:yaml.org,2002:{name}": f"!!{name}"
                        for name in ("int", "float", "bool", "null", "timestamp", "binary")}
_INT64 = 1 << 63


class TagError(ValueError):
    """go-yaml's failf() text, without its ``yaml: `` prefix."""


def decode_tagged(tag: str, text: str, resolve_plain: Callable[[str], Any]) -> Any:
    """go-yaml v2 decode.go scalar() of a scalar with an explicit tag, into interface{}.

    resolve.go resolve(tag, in) resolves the text as if it were untagged (``resolve_plain``), then,
    in its deferred check, fails with ``cannot decode <resolved tag> `<text>` as a <tag>`` when the
    two tags differ, except that an explicit !!float takes an int64 (as a float64), and that timestamps
    are tried only for an untagged or !!timestamp text (decoded into interface{}, a timestamp stays
    its text). !!binary is not resolved at all: its text is base64 (decode.go), the decoded bytes a
    Go string, which json.Marshal gives invalid UTF-8 as U+FFFD, one per byte.
    """
    short = TAGS[tag]
    if short == "!!binary":
        return go_string(_base64(text))
    if short == "!!timestamp" and is_timestamp(text):
        return text
    # Go's regexps and strconv accept no newline where Python's ``$`` and int() let one through.
    value = text if "\n" in text else resolve_plain(text)
    resolved = _tag_of(value)
    if resolved == short:
        return value
    if short == "!!float" and resolved == "!!int" and -_INT64 <= value < _INT64:
        return float(value)           # an int64; a uint64 (ParseUint's result) fails below
    raise TagError(f"cannot decode {resolved} `{text}` as a {short}")


def _tag_of(value: Any) -> str:
    if value is None:
        return "!!null"
    if isinstance(value, bool):
        return "!!bool"
    if isinstance(value, int):
        return "!!int"
    if isinstance(value, float):
        return "!!float"
    return "!!str"


# -- !!binary: base64.StdEncoding.DecodeString ----------------------------------------------------
# Padding required, bits after the last byte ignored, and '\r' and '\n' skipped wherever they are.
_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


def _base64(text: str) -> bytes:
    data = text.replace("\r", "").replace("\n", "")
    if not _BASE64.fullmatch(data):
        raise TagError("!!binary value contains invalid base64 data")
    return base64.b64decode(data)


def _one_byte_replaced(err: UnicodeError) -> tuple[str, int]:
    """Go's utf8.DecodeRune gives (RuneError, 1) for a bad byte: one U+FFFD, then the next byte."""
    assert isinstance(err, UnicodeDecodeError)
    return "\ufffd", err.start + 1


codecs.register_error("podlab.go-utf8", _one_byte_replaced)


def go_string(data: bytes) -> str:
    """A Go string of these bytes as json.Marshal writes it: each byte of invalid UTF-8 as U+FFFD."""
    return data.decode("utf-8", "podlab.go-utf8")


# -- !!timestamp: resolve.go parseTimestamp() -------------------------------------------------------
# Four digits and '-', then time.Parse with one of allowedTimestampFormats. Go's layout words:
# 2006 the four-digit year, 1 2 15 4 5 one or two digits (month, day, hour, minute, second),
# .9 an optional fraction (',' or '.', any number of digits), Z07:00 'Z' or ±hh:mm; a space
# matches a run of spaces, any other character itself; the day is checked against the month.
_LAYOUTS: tuple[tuple[str, ...], ...] = (
    ("2006", "-", "1", "-", "2", "T", "15", ":", "4", ":", "5", ".9", "Z07:00"),
    ("2006", "-", "1", "-", "2", "t", "15", ":", "4", ":", "5", ".9", "Z07:00"),
    ("2006", "-", "1", "-", "2", " ", "15", ":", "4", ":", "5", ".9"),
    ("2006", "-", "1", "-", "2"),
)
_RANGES = {"1": (1, 12), "2": (1, 31), "15": (0, 23), "4": (0, 59), "5": (0, 59)}
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_timestamp(text: str) -> bool:
    """go-yaml v2 parseTimestamp(text) succeeds."""
    if len(text) < 5 or not all("0" <= c <= "9" for c in text[:4]) or text[4] != "-":
        return False
    return any(_parses(text, layout) for layout in _LAYOUTS)


def _digit(text: str, i: int) -> bool:
    return i < len(text) and "0" <= text[i] <= "9"


def _parses(text: str, layout: tuple[str, ...]) -> bool:
    """time.Parse(layout, text) returns no error."""
    fields: dict[str, int] = {"2006": int(text[:4])}
    i = 4
    for word in layout[1:]:
        if word in _RANGES:                      # getnum(value, false): one or two digits
            if not _digit(text, i):
                return False
            width = 2 if _digit(text, i + 1) else 1
            fields[word] = int(text[i:i + width])
            i += width
            low, high = _RANGES[word]
            if not low <= fields[word] <= high:
                return False
        elif word == ".9":                       # stdFracSecond9: may be left out
            if i + 1 < len(text) and text[i] in ",." and _digit(text, i + 1):
                i += 1
                while _digit(text, i):
                    i += 1
        elif word == "Z07:00":                   # stdISO8601ColonTZ
            if text[i:i + 1] == "Z":
                i += 1
                continue
            zone = text[i:i + 6]
            if (len(zone) < 6 or zone[0] not in "+-" or zone[3] != ":"
                    or not all(_digit(zone, j) for j in (1, 2, 4, 5))
                    or int(zone[1:3]) > 24 or int(zone[4:6]) > 60):
                return False
            i += 6
        elif word == " ":                        # skip(): a run of spaces
            if i < len(text) and text[i] != " ":
                return False
            while i < len(text) and text[i] == " ":
                i += 1
        elif text[i:i + 1] == word:
            i += 1
        else:
            return False
    if i != len(text):                           # "extra text"
        return False
    year, month = fields["2006"], fields["1"]
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return fields["2"] <= _DAYS[month - 1] + (month == 2 and leap)
