"""JSON streams as kubectl reads them: a port of encoding/json's scanner for Go's syntax-error
words and byte offsets (``json: offset 62: invalid character '}' ...``)."""
from __future__ import annotations

from typing import Iterator


# -- encoding/json's scanner --------------------------------------------------------------------
# kubectl reads a JSON manifest with json.NewDecoder and reports a syntax error as ``json: offset N:
# invalid character '}' looking for beginning of object key string``: N counts the bytes read, the
# bad one included, from the start of the stream; a value cut short is ``unexpected EOF``. The
# wording of each context comes from encoding/json/scanner.go.

_SPACE = b" \t\r\n"
_DIGITS = b"0123456789"
_HEX = b"0123456789abcdefABCDEF"


class JsonStreamError(Exception):
    """``json: offset 62: invalid character ...`` or ``unexpected EOF``."""


class _Eof(Exception):
    pass


def _quote_char(c: int) -> str:
    """encoding/json quoteChar: ``'x'``, ``'\\''``, ``'"'``, ``'\\t'``."""
    if c == 0x27:
        return "'\\''"
    if c == 0x22:
        return "'\"'"
    ch = chr(c)
    escapes = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
               "\\": "\\\\"}
    if ch in escapes:
        return f"'{escapes[ch]}'"
    if c < 0x20 or c == 0x7F:
        return f"'\\x{c:02x}'"
    return f"'{ch}'"


class _Scanner:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.i = 0

    def fail(self, context: str) -> JsonStreamError:
        c = self.data[self.i]
        return JsonStreamError(f"json: offset {self.i + 1}: invalid character {_quote_char(c)} {context}")

    def peek(self) -> int:
        if self.i >= len(self.data):
            raise _Eof
        return self.data[self.i]

    def skip_space(self) -> None:
        while self.i < len(self.data) and self.data[self.i] in _SPACE:
            self.i += 1

    def value(self) -> None:
        self.skip_space()
        c = self.peek()
        if c == ord("{"):
            self.i += 1
            self._object()
        elif c == ord("["):
            self.i += 1
            self._array()
        elif c == ord('"'):
            self.i += 1
            self._string()
        elif c == ord("-") or c in _DIGITS:
            self._number()
        elif c in b"tfn":
            word = {ord("t"): b"true", ord("f"): b"false", ord("n"): b"null"}[c]
            self.i += 1
            for expected in word[1:]:
                if self.peek() != expected:
                    raise self.fail(f"in literal {word.decode()} (expecting '{chr(expected)}')")
                self.i += 1
        else:
            raise self.fail("looking for beginning of value")

    def _object(self) -> None:
        self.skip_space()
        if self.peek() == ord("}"):
            self.i += 1
            return
        while True:
            self.skip_space()
            if self.peek() != ord('"'):
                raise self.fail("looking for beginning of object key string")
            self.i += 1
            self._string()
            self.skip_space()
            if self.peek() != ord(":"):
                raise self.fail("after object key")
            self.i += 1
            self.value()
            self.skip_space()
            c = self.peek()
            if c == ord(","):
                self.i += 1
                continue
            if c == ord("}"):
                self.i += 1
                return
            raise self.fail("after object key:value pair")

    def _array(self) -> None:
        self.skip_space()
        if self.peek() == ord("]"):
            self.i += 1
            return
        while True:
            self.value()
            self.skip_space()
            c = self.peek()
            if c == ord(","):
                self.i += 1
                continue
            if c == ord("]"):
                self.i += 1
                return
            raise self.fail("after array element")

    def _string(self) -> None:
        while True:
            c = self.peek()
            if c == ord('"'):
                self.i += 1
                return
            if c == ord("\\"):
                self.i += 1
                e = self.peek()
                if e == ord("u"):
                    self.i += 1
                    for _ in range(4):
                        if self.peek() not in _HEX:
                            raise self.fail("in \\u hexadecimal character escape")
                        self.i += 1
                    continue
                if e not in b'"\\/bfnrt':
                    raise self.fail("in string escape code")
                self.i += 1
                continue
            if c < 0x20:
                raise self.fail("in string literal")
            self.i += 1

    def _digits(self) -> None:
        while self.i < len(self.data) and self.data[self.i] in _DIGITS:
            self.i += 1

    def _number(self) -> None:
        if self.peek() == ord("-"):
            self.i += 1
            if self.peek() not in _DIGITS:
                raise self.fail("in numeric literal")
        if self.peek() == ord("0"):
            self.i += 1
        else:
            self._digits()
        if self.i < len(self.data) and self.data[self.i] == ord("."):
            self.i += 1
            if self.peek() not in _DIGITS:
                raise self.fail("after decimal point in numeric literal")
            self._digits()
        if self.i < len(self.data) and self.data[self.i] in b"eE":
            self.i += 1
            if self.peek() in b"+-":
                self.i += 1
            if self.peek() not in _DIGITS:
                raise self.fail("in exponent of numeric literal")
            self._digits()


def split_json_stream(text: str) -> Iterator[str]:
    """The JSON texts of the values in a stream, one by one; JsonStreamError at the first bad byte."""
    data = text.encode("utf-8")
    scanner = _Scanner(data)
    while True:
        scanner.skip_space()
        if scanner.i >= len(data):
            return
        start = scanner.i
        try:
            scanner.value()
        except _Eof:
            raise JsonStreamError("unexpected EOF") from None
        yield data[start:scanner.i].decode("utf-8")
