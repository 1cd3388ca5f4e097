"""go-yaml v2's emitter (emitterc.go), for the node shapes kubectl prints: block mappings and
sequences, plain/quoted/literal scalars folded at the best width."""
from __future__ import annotations

from typing import Any, Mapping

from sandbox.kubectl.printers.goyaml_resolve import BEST_INDENT, BEST_WIDTH, _scalar_text, sorted_keys
from sandbox.kubectl.printers.goyaml_scalars import _Bytes, _analyze, _width


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
