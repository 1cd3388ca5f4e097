"""go-yaml v2 scalar analysis for the YAML printer (emitterc.go yaml_emitter_analyze_scalar and
the byte classes of yamlprivateh.go): which styles a string may be written in."""
from __future__ import annotations

from dataclasses import dataclass



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
