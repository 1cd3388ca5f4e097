"""Go's text/tabwriter (elastic tabstops), ported line by line.

Source: golang/go ``src/text/tabwriter/tabwriter.go`` and its fork ``github.com/liggitt/tabwriter``
(vendored by kubectl), which adds the ``RememberWidths`` flag: column widths survive ``Flush`` and
never shrink, so ``kubectl get -w`` rows stay aligned with the header printed earlier.

The rules that make kubectl's layout (spec §8.1, §9.1):

* A cell is text terminated by ``\\t`` (or ``\\v``). The text after the last tab of a line is a
  cell too, but belongs to no column and is never padded.
* Tab-terminated cells in the same position on *consecutive* lines form a column block; a line
  with fewer cells ends the block. Each block is as wide as its widest cell plus ``padding``
  (at least ``minwidth``).
* A line with no tab at all forces a flush (``ncells == 1`` in Write); ``\\f`` always does.
* Widths count code points (Go counts runes): East-Asian wide characters are *not* doubled.

Not ported: the ``Escape`` character (0xff cannot occur in a Python str of text) and
``FilterHTML``/``StripEscape`` (kubectl uses neither).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

FILTER_HTML = 1 << 0  # accepted for parity, not implemented
STRIP_ESCAPE = 1 << 1  # accepted for parity, not implemented
ALIGN_RIGHT = 1 << 2
DISCARD_EMPTY_COLUMNS = 1 << 3
TAB_INDENT = 1 << 4
DEBUG = 1 << 5
REMEMBER_WIDTHS = 1 << 6  # liggitt/tabwriter only

_BREAKS = re.compile(r"([\t\v\n\f])")


@dataclass(slots=True)
class _Cell:
    text: str
    width: int  # cell width in runes
    htab: bool  # terminated by a '\t' (hard tab) rather than '\v'


class TabWriter:
    """``tabwriter.NewWriter(out, minwidth, tabwidth, padding, padchar, flags)``.

    Output goes to ``out`` when given, else into a buffer read with ``getvalue()`` / ``take()``.
    """

    def __init__(self, minwidth: int, tabwidth: int, padding: int, padchar: str = " ",
                 flags: int = 0, out: Callable[[str], object] | None = None) -> None:
        if minwidth < 0 or tabwidth < 0 or padding < 0:
            raise ValueError("negative minwidth, tabwidth, or padding")
        if len(padchar) != 1:
            raise ValueError("padchar must be one character")
        self.minwidth = minwidth
        self.tabwidth = tabwidth
        self.padding = padding
        self.padchar = padchar
        if padchar == "\t":
            flags &= ~ALIGN_RIGHT  # tab padding enforces left-alignment
        self.flags = flags
        self._chunks: list[str] = []
        self._out = out if out is not None else self._chunks.append
        self._maxwidths: list[int] = []
        self._reset()

    # -- state -------------------------------------------------------------------------------

    def _reset(self) -> None:
        self._cell: list[str] = []  # the current, incomplete cell
        self._lines: list[list[_Cell]] = [[]]
        self._widths: list[int] = []

    def _terminate_cell(self, htab: bool) -> int:
        text = "".join(self._cell)
        line = self._lines[-1]
        line.append(_Cell(text, len(text), htab))
        self._cell = []
        return len(line)

    @property
    def remembered_widths(self) -> list[int]:
        """RememberedWidths(): the per-column maximum widths kept across flushes."""
        return list(self._maxwidths)

    def set_remembered_widths(self, widths: list[int]) -> TabWriter:
        self._maxwidths = list(widths)
        return self

    # -- public API ----------------------------------------------------------------------------

    def write(self, text: str) -> None:
        """Write: split text into cells; a tab-less line or a formfeed flushes."""
        for piece in _BREAKS.split(text):
            if piece in ("\t", "\v", "\n", "\f"):
                ncells = self._terminate_cell(piece == "\t")
                if piece in ("\n", "\f"):
                    self._lines.append([])
                    if piece == "\f" or ncells == 1:
                        # A line of one cell cannot affect the layout of the lines after it.
                        self.flush()
                        if piece == "\f" and self.flags & DEBUG:
                            self._out("---\n")  # indicate section break
            elif piece:
                self._cell.append(piece)

    def flush(self) -> None:
        """Flush: format everything buffered; the text after the last newline is emitted as is."""
        try:
            if self._cell:
                self._terminate_cell(False)
            self._format(0, len(self._lines))
        finally:
            self._reset()

    def getvalue(self) -> str:
        return "".join(self._chunks)

    def take(self) -> str:
        """The output produced so far, emptying the buffer (handy between watch flushes)."""
        text = "".join(self._chunks)
        self._chunks.clear()
        return text

    # -- formatting (format / writeLines / writePadding) ---------------------------------------

    def _write_padding(self, textw: int, cellw: int, use_tabs: bool) -> None:
        if self.padchar == "\t" or use_tabs:
            if self.tabwidth == 0:
                return  # tabs have no width - can't do any padding
            cellw = (cellw + self.tabwidth - 1) // self.tabwidth * self.tabwidth
            n = cellw - textw
            if n < 0:
                raise RuntimeError("internal error")
            self._out("\t" * ((n + self.tabwidth - 1) // self.tabwidth))
            return
        self._out(self.padchar * (cellw - textw))

    def _write_lines(self, line0: int, line1: int) -> None:
        widths = self._widths
        for i in range(line0, line1):
            line = self._lines[i]
            use_tabs = bool(self.flags & TAB_INDENT)  # tabs for leading empty cells
            for j, c in enumerate(line):
                if j > 0 and self.flags & DEBUG:
                    self._out("|")  # indicate column break
                if not c.text:
                    if j < len(widths):
                        self._write_padding(c.width, widths[j], use_tabs)
                    continue
                use_tabs = False
                if not self.flags & ALIGN_RIGHT:
                    self._out(c.text)
                    if j < len(widths):
                        self._write_padding(c.width, widths[j], False)
                else:
                    if j < len(widths):
                        self._write_padding(c.width, widths[j], False)
                    self._out(c.text)
            if i + 1 == len(self._lines):
                # last buffered line: no newline; write any outstanding cell text
                self._out("".join(self._cell))
            else:
                self._out("\n")

    def _format(self, line0: int, line1: int) -> None:
        column = len(self._widths)
        this = line0
        while this < line1:
            if column >= len(self._lines[this]) - 1:
                this += 1
                continue
            # A cell exists in this column: print the lines above the block, then size the block.
            # (The last cell of a line is not tab-terminated and belongs to no column.)
            self._write_lines(line0, this)
            line0 = this
            width = self.minwidth
            discardable = True  # all cells in this column empty and "soft"
            while this < line1:
                line = self._lines[this]
                if column >= len(line) - 1:
                    break
                c = line[column]
                width = max(width, c.width + self.padding)
                if c.width > 0 or c.htab:
                    discardable = False
                this += 1
            if discardable and self.flags & DISCARD_EMPTY_COLUMNS:
                width = 0
            if self.flags & REMEMBER_WIDTHS:
                width = self._remember(width)
            # Format the columns to the right of this one, now that this width is known.
            self._widths.append(width)
            self._format(line0, this)
            self._widths.pop()
            line0 = this
        self._write_lines(line0, line1)

    def _remember(self, width: int) -> int:
        """liggitt/tabwriter: keep the widest width ever seen per column index."""
        maxw, depth = self._maxwidths, len(self._widths)
        if len(maxw) < depth:
            maxw.extend(self._widths[len(maxw):])
        if len(maxw) == depth:
            maxw.append(width)
        elif maxw[depth] > width:
            width = maxw[depth]
        elif maxw[depth] < width:
            maxw[depth] = width
        return width


# cli-runtime pkg/printers/tabwriter.go: tabwriterMinWidth 6, tabwriterWidth 4,
# tabwriterPadding 3, tabwriterPadChar ' ', tabwriterFlags tabwriter.RememberWidths.
GET_MINWIDTH, GET_TABWIDTH, GET_PADDING = 6, 4, 3


def get_writer(out: Callable[[str], object] | None = None) -> TabWriter:
    """printers.GetNewTabWriter: the writer behind ``kubectl get`` (and ``get -w``)."""
    return TabWriter(GET_MINWIDTH, GET_TABWIDTH, GET_PADDING, " ", REMEMBER_WIDTHS, out)


def describe_writer(out: Callable[[str], object] | None = None) -> TabWriter:
    """kubectl describe's tabbedString: ``out.Init(buf, 0, 8, 2, ' ', 0)`` (text/tabwriter)."""
    return TabWriter(0, 8, 2, " ", 0, out)


def tabwrite(text: str, minwidth: int, tabwidth: int, padding: int, padchar: str = " ",
             flags: int = 0) -> str:
    """Write ``text`` through a fresh writer, flush, and return the result."""
    w = TabWriter(minwidth, tabwidth, padding, padchar, flags)
    w.write(text)
    w.flush()
    return w.getvalue()


def format_get(text: str) -> str:
    return tabwrite(text, GET_MINWIDTH, GET_TABWIDTH, GET_PADDING, " ", REMEMBER_WIDTHS)


def format_describe(text: str) -> str:
    return tabwrite(text, 0, 8, 2, " ", 0)
