"""How Go's fmt prints the values of an unstructured object (``map[string]interface{}``).

kubectl shows them in three places: jsonpath's text output (``fmt.Fprint``, with nil as ``null``),
custom-columns cells (``fmt.Sprint``: ``map[a:b]``, ``[x y]``, ``<nil>``) and the jsonpath error
dump (``%#v``: ``map[string]interface {}{"a":"b"}``). Maps print with sorted keys (fmt sorts them).
Sources: golang/go ``src/fmt/print.go`` (printValue), ``src/strconv/quote.go`` (Quote).
Values: dict, list, str, int (int64), float (float64), bool, None (a nil interface).
"""
from __future__ import annotations

import unicodedata
from typing import Any, Mapping

from sandbox.kubectl.printers.json import go_format_float


def _is_print(ch: str) -> bool:
    """strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space."""
    return ch == " " or unicodedata.category(ch)[0] in "LMNPS"


_QUOTE_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                  "\v": "\\v", "\\": "\\\\", '"': '\\"'}


def go_quote(text: str) -> str:
    """strconv.Quote (also ``%q``)."""
    out = ['"']
    for ch in text:
        esc = _QUOTE_ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
        elif "\udc80" <= ch <= "\udcff":  # a raw byte that is not UTF-8
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif ch < " " or ch == "\x7f":
            out.append(f"\\x{ord(ch):02x}")
        elif _is_print(ch):
            out.append(ch)
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def _sorted(value: Mapping[str, Any]) -> list[str]:
    return sorted(value, key=lambda k: k.encode("utf-8", "surrogatepass"))


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return go_format_float(value, "g")
    return str(value)


def go_sprint(value: Any) -> str:
    """fmt.Sprint(v) of an interface value: ``map[a:1 b:[x y]]``, ``<nil>``."""
    if value is None:
        return "<nil>"
    if isinstance(value, Mapping):
        return "map[" + " ".join(f"{k}:{go_sprint(value[k])}" for k in _sorted(value)) + "]"
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(go_sprint(v) for v in value) + "]"
    return _scalar(value)


def go_syntax(value: Any) -> str:
    """``%#v`` of an interface value, as kubectl's jsonpath error dump prints the object."""
    if value is None:
        return "interface {}(nil)"
    if isinstance(value, Mapping):
        return ("map[string]interface {}{"
                + ", ".join(f"{go_quote(k)}:{go_syntax(value[k])}" for k in _sorted(value)) + "}")
    if isinstance(value, (list, tuple)):
        return "[]interface {}{" + ", ".join(go_syntax(v) for v in value) + "}"
    if isinstance(value, str):
        return go_quote(value)
    return _scalar(value)


def go_type(value: Any) -> str:
    """reflect.Type.String() of the concrete value behind an interface."""
    if isinstance(value, Mapping):
        return "map[string]interface {}"
    if isinstance(value, (list, tuple)):
        return "[]interface {}"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    return "interface {}"


def go_char(ch: str) -> str:
    """``%#U``: ``U+007E '~'`` (the quoted form only for printable characters)."""
    code = f"U+{ord(ch):04X}"
    return f"{code} '{ch}'" if _is_print(ch) else code
