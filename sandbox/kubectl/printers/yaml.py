"""``kubectl get -o yaml``: sigs.k8s.io/yaml over go-yaml v2, ported for the values kubectl prints.

cli-runtime ``pkg/printers/yaml.go`` calls ``yaml.Marshal(obj)`` of sigs.k8s.io/yaml: JSON-encode,
decode that JSON with go-yaml v2 (``JSONToYAML``), and marshal the result with go-yaml v2. So:

* numbers go through JSON first (``2.0`` -> ``2``; floats in 'g' form, ``1.2345675e+06``);
* map keys are sorted by go-yaml's ``keyList.Less`` (sorter.go): a "natural" order where digit
  runs compare as numbers (``s2`` < ``s10``) and non-letters sort before letters;
* a string that would resolve to another type unquoted (``"True"``, ``"1"``, ``"null"``, a
  timestamp, a base-60 float like ``"1:20"``) is double-quoted (encode.go ``stringv``);
  a string with a newline uses literal block style (``|``, ``|-``, ``|+``);
* the emitter (emitterc.go) then picks the style it can: plain, else single-quoted, else
  double-quoted; block indent 2; sequences in mappings are not indented; ``{}``/``[]`` for empty
  collections; plain and quoted scalars are folded at spaces past column 80 (best_width).

Byte-level rules (``is_printable``, ``is_break``, the BOM check on byte 0, widths) are kept as in
yamlprivateh.go, so odd inputs come out as kubectl prints them. Checked against kubectl 1.32,
see tests/kubectl/test_yaml_printer.py.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from sandbox.kubectl.printers.json import INT64_MAX, INT64_MIN, as_list, go_format_float

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
def _width(c: int) -> int:
    """The UTF-8 length of a sequence starting with byte ``c`` (0 for a continuation byte)."""
    if c < 0x80:
        return 1
    return 2 if c & 0xE0 == 0xC0 else 3 if c & 0xF0 == 0xE0 else 4 if c & 0xF8 == 0xF0 else 0


class _Bytes:
    """A scalar as UTF-8 bytes, padded so the look-ahead of yamlprivateh.go never overruns."""

    def __init__(self, text: str) -> None:
        self.raw = text.encode("utf-8", "surrogatepass")
        self.n = len(self.raw)
        self.b = self.raw + b"\0\0\0\0"

    def space(self, i: int) -> bool:
        return self.b[i] == 0x20

    def blank(self, i: int) -> bool:
        return self.b[i] in (0x20, 0x09)

    def brk(self, i: int) -> bool:
        b = self.b
        return (b[i] in (0x0D, 0x0A) or (b[i] == 0xC2 and b[i + 1] == 0x85)
                or (b[i] == 0xE2 and b[i + 1] == 0x80 and b[i + 2] in (0xA8, 0xA9)))

    def blankz(self, i: int) -> bool:
        return self.blank(i) or self.brk(i) or self.b[i] == 0

    def printable(self, i: int) -> bool:
        b0, b1, b2 = self.b[i], self.b[i + 1], self.b[i + 2]
        return (b0 == 0x0A or 0x20 <= b0 <= 0x7E or (b0 == 0xC2 and b1 >= 0xA0)
                or 0xC2 < b0 < 0xED or (b0 == 0xED and b1 < 0xA0) or b0 == 0xEE
                or (b0 == 0xEF and not (b1 == 0xBB and b2 == 0xBF)
                    and not (b1 == 0xBF and b2 in (0xBE, 0xBF))))

    def bom(self) -> bool:  # is_bom looks at byte 0 whatever i is
        return self.b[0:3] == b"\xef\xbb\xbf"

    def char(self, i: int) -> str:
        return self.raw[i:i + _width(self.b[i])].decode("utf-8", "surrogatepass")


@dataclass(slots=True)
class _Analysis:
    multiline: bool = False
    flow_plain: bool = True
    block_plain: bool = True
    single_quoted: bool = True
    block: bool = True


def _analyze(v: _Bytes) -> _Analysis:
    """yaml_emitter_analyze_scalar."""
    if v.n == 0:
        return _Analysis(False, False, True, True, False)
    b = v.b
    flow_ind = block_ind = v.raw[:3] in (b"---", b"...")
    line_breaks = special = False
    leading_space = leading_break = trailing_space = trailing_break = False
    break_space = space_break = previous_space = previous_break = False
    preceded_by_ws, i = True, 0
    while i < v.n:
        w = _width(b[i])
        followed_by_ws = i + w >= v.n or v.blank(i + w)
        c = chr(b[i])
        if i == 0:
            if c in "#,[]{}&*!|>'\"%@`":
                flow_ind = block_ind = True
            elif c in "?:":
                flow_ind = True
                block_ind = block_ind or followed_by_ws
            elif c == "-" and followed_by_ws:
                flow_ind = block_ind = True
        elif c in ",?[]{}":
            flow_ind = True
        elif c == ":":
            flow_ind = True
            block_ind = block_ind or followed_by_ws
        elif c == "#" and preceded_by_ws:
            flow_ind = block_ind = True
        if not v.printable(i):
            special = True
        if v.space(i):
            leading_space = leading_space or i == 0
            trailing_space = trailing_space or i + w == v.n
            break_space = break_space or previous_break
            previous_space, previous_break = True, False
        elif v.brk(i):
            line_breaks = True
            leading_break = leading_break or i == 0
            trailing_break = trailing_break or i + w == v.n
            space_break = space_break or previous_space
            previous_space, previous_break = False, True
        else:
            previous_space = previous_break = False
        preceded_by_ws = v.blankz(i)
        i += w
    a = _Analysis(multiline=line_breaks)
    if leading_space or leading_break or trailing_space or trailing_break:
        a.flow_plain = a.block_plain = False
    if trailing_space:
        a.block = False
    if break_space:
        a.flow_plain = a.block_plain = a.single_quoted = False
    if space_break or special:
        a.flow_plain = a.block_plain = a.single_quoted = a.block = False
    if line_breaks:
        a.flow_plain = a.block_plain = False
    if flow_ind:
        a.flow_plain = False
    if block_ind:
        a.block_plain = False
    return a


class _Emitter:
    """The yaml_emitter_t state that matters here, and its writers."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.column = 0
        self.whitespace = True
        self.indention = True
        self.indent = -1
        self.indents: list[int] = []
        self.flow_level = 0

    # -- put / write / indicators ----------------------------------------------------------------
    def put(self, text: str) -> None:
        self.out.append(text)
        self.column += 1

    def put_break(self) -> None:
        self.out.append("\n")
        self.column = 0

    def write(self, v: _Bytes, i: int) -> int:
        self.out.append(v.char(i))
        self.column += 1
        return i + _width(v.b[i])

    def write_break(self, v: _Bytes, i: int) -> int:
        if v.b[i] == 0x0A:
            self.put_break()
            return i + 1
        i = self.write(v, i)
        self.column = 0
        return i

    def write_indent(self) -> None:
        indent = max(self.indent, 0)
        if not self.indention or self.column > indent or (self.column == indent and not self.whitespace):
            self.put_break()
        while self.column < indent:
            self.put(" ")
        self.whitespace = self.indention = True

    def indicator(self, text: str, need_ws: bool, is_ws: bool, is_indention: bool) -> None:
        if need_ws and not self.whitespace:
            self.put(" ")
        self.out.append(text)
        self.column += len(text)
        self.whitespace = is_ws
        self.indention = self.indention and is_indention

    def increase_indent(self, flow: bool, indentless: bool) -> None:
        self.indents.append(self.indent)
        if self.indent < 0:
            self.indent = BEST_INDENT if flow else 0
        elif not indentless:
            self.indent += BEST_INDENT

    # -- nodes -----------------------------------------------------------------------------------
    def node(self, value: Any, *, mapping: bool = False, simple_key: bool = False) -> None:
        if isinstance(value, Mapping):
            if not value:
                self.flow_empty("{", "}")
                return
            self.increase_indent(False, False)
            for key in sorted_keys(value):
                if not isinstance(key, str):
                    raise TypeError("yaml: map keys must be strings")
                self.write_indent()
                kv = _Bytes(key)
                ka = _analyze(kv)
                if not ka.multiline and kv.n <= 128:  # yaml_emitter_check_simple_key
                    self.node(key, mapping=True, simple_key=True)
                    self.indicator(":", False, False, False)
                else:
                    self.indicator("?", True, False, True)
                    self.node(key, mapping=True)
                    self.write_indent()
                    self.indicator(":", True, False, True)
                self.node(value[key], mapping=True)
            self.indent = self.indents.pop()
        elif isinstance(value, (list, tuple)):
            if not value:
                self.flow_empty("[", "]")
                return
            self.increase_indent(False, mapping and not self.indention)
            for item in value:
                self.write_indent()
                self.indicator("-", True, False, True)
                self.node(item)
            self.indent = self.indents.pop()
        else:
            self.scalar(*_scalar_text(value), simple_key=simple_key)

    def flow_empty(self, open_: str, close: str) -> None:
        self.indicator(open_, True, True, False)
        self.increase_indent(True, False)
        self.indent = self.indents.pop()
        self.indicator(close, False, False, False)

    def scalar(self, text: str, style: str, *, simple_key: bool) -> None:
        """yaml_emitter_select_scalar_style + yaml_emitter_process_scalar."""
        v = _Bytes(text)
        a = _analyze(v)
        if simple_key and a.multiline:
            style = "double"
        if style == "plain" and (not a.block_plain or (v.n == 0 and simple_key)):
            style = "single"
        if style == "single" and not a.single_quoted:
            style = "double"
        if style == "literal" and (not a.block or simple_key):
            style = "double"
        self.increase_indent(True, False)
        getattr(self, "write_" + style)(v, not simple_key)
        self.indent = self.indents.pop()

    def write_plain(self, v: _Bytes, allow_breaks: bool) -> None:
        if not self.whitespace:
            self.put(" ")
        spaces = breaks = False
        i = 0
        while i < v.n:
            if v.space(i):
                if allow_breaks and not spaces and self.column > BEST_WIDTH and not v.space(i + 1):
                    self.write_indent()
                    i += 1
                else:
                    i = self.write(v, i)
                spaces = True
            elif v.brk(i):
                if not breaks and v.b[i] == 0x0A:
                    self.put_break()
                i = self.write_break(v, i)
                self.indention = breaks = True
            else:
                if breaks:
                    self.write_indent()
                i = self.write(v, i)
                self.indention = spaces = breaks = False
        self.whitespace = self.indention = False

    def write_single(self, v: _Bytes, allow_breaks: bool) -> None:
        self.indicator("'", True, False, False)
        spaces = breaks = False
        i = 0
        while i < v.n:
            if v.space(i):
                if (allow_breaks and not spaces and self.column > BEST_WIDTH and 0 < i < v.n - 1
                        and not v.space(i + 1)):
                    self.write_indent()
                    i += 1
                else:
                    i = self.write(v, i)
                spaces = True
            elif v.brk(i):
                if not breaks and v.b[i] == 0x0A:
                    self.put_break()
                i = self.write_break(v, i)
                self.indention = breaks = True
            else:
                if breaks:
                    self.write_indent()
                if v.b[i] == 0x27:
                    self.put("'")
                i = self.write(v, i)
                self.indention = spaces = breaks = False
        self.indicator("'", False, False, False)
        self.whitespace = self.indention = False

    _ESCAPES = {0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0A: "n", 0x0B: "v", 0x0C: "f",
                0x0D: "r", 0x1B: "e", 0x22: '"', 0x5C: "\\", 0x85: "N", 0xA0: "_",
                0x2028: "L", 0x2029: "P"}

    def write_double(self, v: _Bytes, allow_breaks: bool) -> None:
        spaces = False
        self.indicator('"', True, False, False)
        i = 0
        while i < v.n:
            if (not v.printable(i) or v.bom() or v.brk(i) or v.b[i] in (0x22, 0x5C)):
                code = ord(v.char(i))
                i += _width(v.b[i])
                self.put("\\")
                esc = self._ESCAPES.get(code)
                if esc is not None:
                    self.put(esc)
                else:
                    letter, digits = ("x", 2) if code <= 0xFF else ("u", 4) if code <= 0xFFFF else ("U", 8)
                    self.put(letter)
                    for ch in f"{code:0{digits}X}":
                        self.put(ch)
                spaces = False
            elif v.space(i):
                if allow_breaks and not spaces and self.column > BEST_WIDTH and 0 < i < v.n - 1:
                    self.write_indent()
                    if v.space(i + 1):
                        self.put("\\")
                    i += 1
                else:
                    i = self.write(v, i)
                spaces = True
            else:
                i = self.write(v, i)
                spaces = False
        self.indicator('"', False, False, False)
        self.whitespace = self.indention = False

    def write_literal(self, v: _Bytes, allow_breaks: bool) -> None:
        self.indicator("|", True, False, False)
        # yaml_emitter_write_block_scalar_hints
        if v.space(0) or v.brk(0):
            self.indicator(str(BEST_INDENT), False, False, False)
        last = v.n - 1
        while v.b[last] & 0xC0 == 0x80:
            last -= 1
        chomp = ""
        if not v.brk(last):
            chomp = "-"
        elif last == 0:
            chomp = "+"
        else:
            prev = last - 1
            while v.b[prev] & 0xC0 == 0x80:
                prev -= 1
            if v.brk(prev):
                chomp = "+"
        if chomp:
            self.indicator(chomp, False, False, False)
        self.put_break()
        self.indention = self.whitespace = True
        breaks = True
        i = 0
        while i < v.n:
            if v.brk(i):
                i = self.write_break(v, i)
                self.indention = breaks = True
            else:
                if breaks:
                    self.write_indent()
                i = self.write(v, i)
                self.indention = breaks = False


class YamlError(ValueError):
    """What sigs.k8s.io/yaml fails with; kubectl prints ``error: <message>``."""


# yaml_parser_update_buffer: characters go-yaml refuses to read back from the JSON text
_NOT_READABLE = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


class _KeyBreak(Exception):
    pass


def _nel_before_bad_key(value: Any, seen: list[int]) -> bool:
    """Count NELs in the compact JSON text up to the end of the first key holding one (Go order)."""
    if isinstance(value, str):
        seen[0] += value.count("\u0085")
    elif isinstance(value, Mapping):
        for k in sorted(value, key=lambda x: x.encode("utf-8", "surrogatepass")):
            seen[0] += k.count("\u0085")
            if "\u0085" in k or _nel_before_bad_key(value[k], seen):
                return True
    elif isinstance(value, (list, tuple)):
        return any(_nel_before_bad_key(v, seen) for v in value)
    return False


_NEL_RUN = re.compile("[ \u0085]*\u0085[ \u0085]*")


def _fold_nel(match: re.Match[str]) -> str:
    breaks = match.group().count("\u0085")
    return " " if breaks == 1 else "\n" * (breaks - 1)


def _read_back(value: Any) -> Any:
    """What JSONToYAML's ``yaml.Unmarshal`` of the JSON text gives back.

    encoding/json leaves NEL (U+0085) raw, and go-yaml reads it as a line break inside a
    double-quoted scalar: folded with the spaces around it (yaml_parser_scan_flow_scalar), one
    break to a space, n breaks to n-1 newlines. In a key it ends the flow mapping: an error."""
    if isinstance(value, str):
        if _NOT_READABLE.search(value):
            raise YamlError("yaml: control characters are not allowed")
        return _NEL_RUN.sub(_fold_nel, value) if "\u0085" in value else value
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if "\u0085" in k:
                raise _KeyBreak()
            out[_read_back(k)] = _read_back(v)
        return out
    if isinstance(value, (list, tuple)):
        return [_read_back(v) for v in value]
    return value


def marshal(value: Any) -> str:
    """sigs.k8s.io/yaml.Marshal of a JSON-shaped value: one implicit document, newline-terminated.

    Raises YamlError for strings go-yaml cannot read back (DEL, C1 controls, U+FFFE/U+FFFF, or
    a key holding NEL, which ends the flow mapping)."""
    try:
        value = _read_back(value)
    except _KeyBreak:
        seen = [0]
        _nel_before_bad_key(value, seen)  # the parser fails at the ':' after that key
        raise YamlError(f"yaml: line {seen[0]}: did not find expected ',' or '}}'") from None
    emitter = _Emitter()
    emitter.node(value)
    emitter.write_indent()  # yaml_emitter_emit_document_end
    return "".join(emitter.out)


def to_yaml(obj: Any) -> str:
    """What ``kubectl get -o yaml`` prints for one object; a Python list prints as a ``List``."""
    if isinstance(obj, list):
        obj = as_list(obj)
    return marshal(obj)
