"""``kubectl get -o json``: Go's ``encoding/json`` as kubectl drives it.

cli-runtime ``pkg/printers/json.go`` (JSONPrinter.PrintObj) calls ``json.MarshalIndent(obj, "",
"    ")`` and appends a newline. The object is unstructured (a ``map[string]interface{}``), so:

* map keys come out sorted byte-wise (encoding/json ``mapEncoder``);
* strings are HTML-escaped (``<`` ``>`` ``&`` become ``\\u003c`` ``\\u003e`` ``\\u0026``) and
  U+2028/U+2029 are escaped; ``\\b`` ``\\f`` ``\\n`` ``\\r`` ``\\t`` use short escapes (Go >= 1.22),
  other control characters ``\\u00XX``; DEL and non-ASCII text stay as they are (``encodeState.string``);
* floats use ``%f`` form unless the exponent is < -6 or >= 21, with ``e-07`` cleaned to ``e-7``
  (``floatEncoder``); integral floats print without a fraction, as kubectl's int64 decoding would;
* empty maps and lists print ``{}`` and ``[]``.

Several objects are printed as one ``List`` (kubectl ``pkg/cmd/get/get.go`` printGeneric): see
``as_list``. Verified against kubectl 1.32 (``label --local -o json``), see
tests/kubectl/test_json_printer.py.
"""
from __future__ import annotations

import decimal
import math
from typing import Any, Iterable, Mapping

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                  "\b": "\\b", "\f": "\\f"}
_HTML = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def as_list(items: Iterable[Mapping[str, Any]], resource_version: str = "") -> dict[str, Any]:
    """The List kubectl get prints for zero or several objects (``-o yaml|json|jsonpath|name``)."""
    return {"apiVersion": "v1", "items": [dict(i) for i in items], "kind": "List",
            "metadata": {"resourceVersion": resource_version}}


def go_quote_json(text: str) -> str:
    """encoding/json encodeState.string with escapeHTML=true."""
    out = ['"']
    for ch in text:
        esc = _SHORT_ESCAPES.get(ch) or _HTML.get(ch)
        if esc is not None:
            out.append(esc)
        elif ch < " ":
            out.append(f"\\u{ord(ch):04x}")
        elif "\ud800" <= ch <= "\udfff":
            out.append("\\ufffd")  # invalid UTF-8 becomes U+FFFD
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _digits(f: float) -> tuple[str, int]:
    """Shortest decimal digits of |f| and the decimal point position (strconv's decimal ``dp``)."""
    d = decimal.Decimal(repr(abs(f))).normalize()
    sign, digits, exp = d.as_tuple()
    text = "".join(str(x) for x in digits).rstrip("0") or "0"
    if text == "0":
        return "0", 1
    assert isinstance(exp, int)
    dp = len(digits) + exp
    return text, dp


def _fmt_e(digits: str, dp: int) -> str:
    mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    exp = dp - 1
    sign = "-" if exp < 0 else "+"
    return f"{mant}e{sign}{abs(exp):02d}"


def _fmt_f(digits: str, dp: int) -> str:
    if dp <= 0:
        return "0." + "0" * (-dp) + digits
    if dp >= len(digits):
        return digits + "0" * (dp - len(digits))
    return digits[:dp] + "." + digits[dp:]


def go_format_float(f: float, mode: str = "g") -> str:
    """strconv.FormatFloat(f, 'g', -1, 64) (``mode="g"``: fmt's %v and go-yaml print floats so,
    ``1.2345675e+06``) or encoding/json's float encoding (``mode="json"``: ``1234567.5``).

    An integral float below 1e21 prints as an integer in every mode: kubectl decodes such JSON
    numbers into int64 before printing (``2.0`` -> ``2``)."""
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    if mode != "json" and f == int(f) and abs(f) < 2.0 ** 63:
        return str(int(f))
    sign = "-" if f < 0 or (f == 0 and math.copysign(1, f) < 0) else ""
    digits, dp = _digits(f)
    if digits == "0":
        return sign + "0"
    if mode == "json":
        a = abs(f)
        if a < 1e-6 or a >= 1e21:
            text = _fmt_e(digits, dp)
            if text[-4:-2] in ("e-",) and text[-2] == "0":  # clean up e-09 to e-9
                text = text[:-2] + text[-1]
            return sign + text
        return sign + _fmt_f(digits, dp)
    exp = dp - 1  # 'g' with the shortest precision decides with eprec = 6
    if exp < -4 or exp >= 6:
        return sign + _fmt_e(digits, dp)
    return sign + _fmt_f(digits, dp)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            return go_format_float(float(value), "json")  # kubectl decodes it as a float64
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError(f"json: unsupported value: {go_format_float(value)}")
        return go_format_float(value, "json")
    if isinstance(value, str):
        return go_quote_json(value)
    raise TypeError(f"json: unsupported type: {type(value).__name__}")


def _encode(value: Any, indent: str, step: str, out: list[str], sort_keys: bool) -> None:
    if isinstance(value, Mapping):
        if not value:
            out.append("{}")
            return
        inner = indent + step
        out.append("{\n")
        keys = sorted(value, key=lambda k: k.encode("utf-8", "surrogatepass")) if sort_keys else list(value)
        for i, key in enumerate(keys):
            out.append(inner + go_quote_json(key) + ": ")
            _encode(value[key], inner, step, out, sort_keys)
            out.append(",\n" if i < len(keys) - 1 else "\n")
        out.append(indent + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = indent + step
        out.append("[\n")
        for i, item in enumerate(value):
            out.append(inner)
            _encode(item, inner, step, out, sort_keys)
            out.append(",\n" if i < len(value) - 1 else "\n")
        out.append(indent + "]")
    else:
        out.append(_scalar(value))


def marshal_indent(value: Any, step: str = "    ", sort_keys: bool = True) -> str:
    """json.MarshalIndent(value, "", step) without the trailing newline."""
    out: list[str] = []
    _encode(value, "", step, out, sort_keys)
    return "".join(out)


def marshal_compact(value: Any) -> str:
    """json.Marshal(value): no spaces at all (used by jsonpath for maps and lists)."""
    if isinstance(value, Mapping):
        keys = sorted(value, key=lambda k: k.encode("utf-8", "surrogatepass"))
        return "{" + ",".join(go_quote_json(k) + ":" + marshal_compact(value[k]) for k in keys) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(marshal_compact(v) for v in value) + "]"
    return _scalar(value)


def to_json(obj: Any, sort_keys: bool = True) -> str:
    """What ``kubectl get -o json`` prints for one object; a Python list prints as a ``List``.

    ``sort_keys=False`` keeps the dicts' own order: commands that print a typed object they built
    (``kubectl run``/``create ... --dry-run=client -o json``) print Go struct field order
    (``kind``, ``apiVersion``, ``metadata``, ...), which the caller then builds the dict in."""
    if isinstance(obj, list):
        obj = as_list(obj)
    return marshal_indent(obj, sort_keys=sort_keys) + "\n"
