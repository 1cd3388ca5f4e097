"""The jsonpath template parser of k8s.io/client-go ``util/jsonpath`` (parser.go, node.go).

A template is text with ``{...}`` actions. Inside an action: ``.field`` (``\\.`` escapes a dot),
``..`` recursive descent, ``*``, ``[i]``, ``[a:b:c]``, ``[a,b]`` unions, ``['key']``, filters
``[?(@.x=="y")]``, quoted text ``"\\n"``, numbers, ``true``/``false``, and ``range``/``end``.
Go's recursive descent (each parse function tail-calls the next) is run as a loop here, so long
templates cannot exhaust Python's stack. Error texts are Go's, e.g. ``unclosed action``.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Optional

from sandbox.kubectl.jsonpath.gofmt import go_char
from sandbox.kubectl.jsonpath.nodes import (ArrayNode, BoolNode, FieldNode, FilterNode, FloatNode,
                                            IdentifierNode, IntNode, ListNode, Param, RecursiveNode,
                                            TextNode, UnionNode, WildcardNode)

EOF = ""


class ParseError(Exception):
    """A template that client-go's Parse rejects; ``str(err)`` is its message."""


_DICT_KEY = re.compile(r"^'([^']*)'$")
_SLICE = re.compile(r"^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$")
_FILTER = re.compile(r"^([^!<>=]+)([!<>=]+)(.+?)$")
_INT = re.compile(r"^[+-]?[0-9]+$")
_FLOAT = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$")


def _is_digit(r: str) -> bool:
    return r != EOF and unicodedata.category(r) == "Nd"


def _is_alnum(r: str) -> bool:
    return r == "_" or (r != EOF and r.isalpha()) or _is_digit(r)


def _is_terminator(r: str) -> bool:
    return r in (EOF, " ", "\t", "\r", "\n", ".", ",", "[", "]", "$", "@", "{", "}")


def _atoi(text: str) -> Optional[int]:
    """strconv.Atoi: ASCII digits with an optional sign, within int64."""
    if not _INT.match(text):
        return None
    value = int(text)
    return value if -(1 << 63) <= value < (1 << 63) else None


Step = Optional[tuple[Callable[[ListNode], "Step"], ListNode]]


class Parser:
    def __init__(self, text: str) -> None:
        self.input = text
        self.pos = self.start = self.width = 0
        self.root = ListNode()

    def parse(self) -> ListNode:
        step: Step = (self.parse_text, self.root)
        while step is not None:
            func, cur = step
            step = func(cur)
        return self.root

    # -- lexing ----------------------------------------------------------------------------------
    def consume(self) -> str:
        value = self.input[self.start:self.pos]
        self.start = self.pos
        return value

    def next(self) -> str:
        if self.pos >= len(self.input):
            self.width = 0
            return EOF
        self.width = 1
        self.pos += 1
        return self.input[self.pos - 1]

    def peek(self) -> str:
        r = self.next()
        self.backup()
        return r

    def backup(self) -> None:
        self.pos -= self.width

    # -- states ----------------------------------------------------------------------------------
    def parse_text(self, cur: ListNode) -> Step:
        while True:
            if self.input.startswith("{", self.pos):
                if self.pos > self.start:
                    cur.nodes.append(TextNode(self.consume()))
                return self.parse_left_delim, cur
            if self.next() == EOF:
                break
        if self.pos > self.start:
            cur.nodes.append(TextNode(self.consume()))
        return None

    def parse_left_delim(self, cur: ListNode) -> Step:
        self.pos += 1
        self.consume()
        node = ListNode()
        cur.nodes.append(node)
        return self.parse_inside_action, node

    def parse_inside_action(self, cur: ListNode) -> Step:
        rest = self.input[self.pos:]
        if rest.startswith("}"):
            return self.parse_right_delim, cur
        if rest.startswith("[?("):
            return self.parse_filter, cur
        if rest.startswith(".."):
            return self.parse_recursive, cur
        r = self.next()
        if r == EOF or r in "\r\n":
            raise ParseError("unclosed action")
        if r in (" ", "@", "$"):  # '@' and '$' are the current object: just pass it
            self.consume()
        elif r == "[":
            return self.parse_array, cur
        elif r in ('"', "'"):
            return self.parse_quote(cur, r)
        elif r == ".":
            return self.parse_field, cur
        elif r in "+-" or _is_digit(r):
            self.backup()
            return self.parse_number, cur
        elif _is_alnum(r):
            self.backup()
            return self.parse_identifier, cur
        else:
            raise ParseError(f"unrecognized character in action: {go_char(r)}")
        return self.parse_inside_action, cur

    def parse_right_delim(self, cur: ListNode) -> Step:
        self.pos += 1
        self.consume()
        return self.parse_text, self.root

    def parse_identifier(self, cur: ListNode) -> Step:
        while not _is_terminator(self.next()):
            pass
        self.backup()
        value = self.consume()
        cur.nodes.append(BoolNode(value == "true") if value in ("true", "false") else IdentifierNode(value))
        return self.parse_inside_action, cur

    def parse_recursive(self, cur: ListNode) -> Step:
        if cur.nodes and isinstance(cur.nodes[-1], RecursiveNode):
            raise ParseError("invalid multiple recursive descent")
        self.pos += 2
        self.consume()
        cur.nodes.append(RecursiveNode())
        if _is_alnum(self.peek()):
            return self.parse_field, cur
        return self.parse_inside_action, cur

    def parse_number(self, cur: ListNode) -> Step:
        if self.peek() in ("+", "-"):
            self.next()
        while True:
            r = self.next()
            if r != "." and not _is_digit(r):
                self.backup()
                break
        value = self.consume()
        number = _atoi(value)
        if number is not None:
            cur.nodes.append(IntNode(number))
        elif _FLOAT.match(value):
            cur.nodes.append(FloatNode(float(value)))
        else:
            raise ParseError(f"cannot parse number {value}")
        return self.parse_inside_action, cur

    def parse_array(self, cur: ListNode) -> Step:
        while True:
            r = self.next()
            if r in (EOF, "\n"):
                raise ParseError("unterminated array")
            if r == "]":
                break
        text = self.consume()[1:-1]
        if text == "*":
            text = ":"
        parts = text.split(",")
        if len(parts) > 1:  # union operator
            cur.nodes.append(UnionNode([parse_action(f"[{p.strip(' ')}]") for p in parts]))
            return self.parse_inside_action, cur
        key = _DICT_KEY.match(text)
        if key:
            cur.nodes.extend(parse_action("." + key.group(1)).nodes)
            return self.parse_inside_action, cur
        m = _SLICE.match(text)
        if not m:
            raise ParseError(f"invalid array index {text}")
        values = [g or "" for g in m.groups()]
        params = (Param(), Param(), Param())
        for i in range(3):
            if values[i]:
                if i > 0:
                    values[i] = values[i][1:]
                if i > 0 and values[i] == "":
                    params[i].known = False
                else:
                    number = _atoi(values[i])
                    if number is None:
                        raise ParseError(f"array index {values[i]} is not a number")
                    params[i].known, params[i].value = True, number
            elif i == 1:
                params[i].known, params[i].value, params[i].derived = True, params[0].value + 1, True
        cur.nodes.append(ArrayNode(params))
        return self.parse_inside_action, cur

    def parse_filter(self, cur: ListNode) -> Step:
        self.pos += 3
        self.consume()
        begin = end = False
        pair = ""
        while True:
            r = self.next()
            if r in (EOF, "\n"):
                raise ParseError("unterminated filter")
            if r in ('"', "'"):
                if not begin:
                    begin, pair = True, r  # save the paired rune
                    continue
                if self.input[self.pos - 2] != "\\" and r == pair:
                    end = True
            elif r == ")" and begin == end:
                break
        if self.next() != "]":
            raise ParseError("unclosed array expect ]")
        text = self.consume()[:-2]
        m = _FILTER.match(text)
        if m is None:
            cur.nodes.append(FilterNode(parse_action(text), ListNode(), "exists"))
        else:
            cur.nodes.append(FilterNode(parse_action(m.group(1)), parse_action(m.group(3)), m.group(2)))
        return self.parse_inside_action, cur

    def parse_quote(self, cur: ListNode, end: str) -> Step:
        while True:
            r = self.next()
            if r in (EOF, "\n"):
                raise ParseError("unterminated quoted string")
            if r == end and self.input[self.pos - 2] != "\\":
                break
        value = self.consume()
        try:
            text = unquote_extend(value)
        except ValueError as err:
            raise ParseError(f"unquote string {value} error {err}") from None
        cur.nodes.append(TextNode(text))
        return self.parse_inside_action, cur

    def parse_field(self, cur: ListNode) -> Step:
        self.consume()
        while True:  # advance: scan to the next non-escaped terminator
            r = self.next()
            if r == "\\":
                self.next()
            elif _is_terminator(r):
                self.backup()
                break
        value = self.consume()
        cur.nodes.append(WildcardNode() if value == "*" else FieldNode(value.replace("\\", "")))
        return self.parse_inside_action, cur


def parse(text: str) -> ListNode:
    """Parse a whole template; raises ParseError."""
    return Parser(text).parse()


def parse_action(text: str) -> ListNode:
    """parseAction: the list node of ``{text}``."""
    node = parse("{" + text + "}").nodes[0]
    assert isinstance(node, ListNode)
    return node


_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                   "\\": "\\"}


def unquote_extend(s: str) -> str:
    """UnquoteExtend: strconv.Unquote that also takes single-quoted strings. ValueError is Go's
    ErrSyntax (``invalid syntax``)."""
    bad = ValueError("invalid syntax")
    if len(s) < 2 or s[0] != s[-1] or s[0] not in "\"'":
        raise bad
    quote, s = s[0], s[1:-1]
    if "\\" not in s and quote not in s:
        return s
    out: list[str] = []
    i = 0
    while i < len(s):  # strconv.UnquoteChar
        c = s[i]
        if c == quote:
            raise bad
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= len(s):
            raise bad
        c = s[i + 1]
        i += 2
        if c in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[c])
        elif c in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[c]
            digits = s[i:i + n]
            if len(digits) < n or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise bad
            value = int(digits, 16)
            i += n
            if c != "x" and (value > 0x10FFFF or 0xD800 <= value <= 0xDFFF):
                raise bad
            out.append(chr(value) if c != "x" or value < 0x80 else chr(0xDC00 + value))
        elif c in "01234567":
            digits = c + s[i:i + 2]
            if len(digits) < 3 or not all(d in "01234567" for d in digits) or int(digits, 8) > 255:
                raise bad
            i += 2
            value = int(digits, 8)
            out.append(chr(value) if value < 0x80 else chr(0xDC00 + value))
        elif c in "'\"":
            if c != quote:
                raise bad
            out.append(c)
        else:
            raise bad
    return "".join(out)
