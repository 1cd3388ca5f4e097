"""The tabwriter port against Go's own test vectors.

Cases come from golang/go src/text/tabwriter/tabwriter_test.go (``tests``; the Escape and
FilterHTML cases are left out because those features are not ported) and from
liggitt/tabwriter's TestMultiWrite (RememberWidths), each written whole, one character at a
time and in Fibonacci slices, as Go's ``check`` helper does.
"""
from __future__ import annotations

import pytest

from sandbox.kubectl.printers.tabwriter import (ALIGN_RIGHT, DEBUG, DISCARD_EMPTY_COLUMNS,
                                                REMEMBER_WIDTHS, TabWriter, describe_writer,
                                                format_describe, format_get, get_writer)

GO_CASES = [
    ("1a", 8, 0, 1, ".", 0, "", ""),
    ("1a debug", 8, 0, 1, ".", DEBUG, "", ""),
    ("2", 8, 0, 1, ".", 0, "\n\n\n", "\n\n\n"),
    ("3", 8, 0, 1, ".", 0, "a\nb\nc", "a\nb\nc"),
    ("4a", 8, 0, 1, ".", 0, "\t", ""),
    ("4b", 8, 0, 1, ".", ALIGN_RIGHT, "\t", ""),
    ("5", 8, 0, 1, ".", 0, "*\t*", "*.......*"),
    ("5b", 8, 0, 1, ".", 0, "*\t*\n", "*.......*\n"),
    ("5c", 8, 0, 1, ".", 0, "*\t*\t", "*.......*"),
    ("5c debug", 8, 0, 1, ".", DEBUG, "*\t*\t", "*.......|*"),
    ("5d", 8, 0, 1, ".", ALIGN_RIGHT, "*\t*\t", ".......**"),
    ("6", 8, 0, 1, ".", 0, "\t\n", "........\n"),
    ("7a", 8, 0, 1, ".", 0, "a) foo", "a) foo"),
    ("7b", 8, 0, 1, " ", 0, "b) foo\tbar", "b) foo  bar"),
    ("7c", 8, 0, 1, ".", 0, "c) foo\tbar\t", "c) foo..bar"),
    ("7d", 8, 0, 1, ".", 0, "d) foo\tbar\n", "d) foo..bar\n"),
    ("7e", 8, 0, 1, ".", 0, "e) foo\tbar\t\n", "e) foo..bar.....\n"),
    ("8", 8, 0, 1, "*", 0, "Hello, world!\n", "Hello, world!\n"),
    ("9a", 1, 0, 0, ".", 0, "1\t2\t3\t4\n11\t222\t3333\t44444\n",
     "1.2..3...4\n11222333344444\n"),
    ("9c", 1, 0, 0, ".", 0, "1\t2\t3\t4\f11\t222\t3333\t44444\n", "1234\n11222333344444\n"),
    ("9c debug", 1, 0, 0, ".", DEBUG, "1\t2\t3\t4\f11\t222\t3333\t44444\n",
     "1|2|3|4\n---\n11|222|3333|44444\n"),
    ("10a", 5, 0, 0, ".", 0, "1\t2\t3\t4\n", "1....2....3....4\n"),
    ("10b", 5, 0, 0, ".", 0, "1\t2\t3\t4\t\n", "1....2....3....4....\n"),
    ("11", 8, 0, 1, ".", 0, "本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n",
     "本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n"),
    ("12a", 8, 0, 1, " ", ALIGN_RIGHT, "a\tè\tc\t\naa\tèèè\tcccc\tddddd\t\naaa\tèèèè\t\n",
     "       a       è       c\n      aa     èèè    cccc   ddddd\n     aaa    èèèè\n"),
    ("12b", 2, 0, 0, " ", 0, "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
     "a  b  c\naa bbbcccc\naaabbbb\n"),
    ("12c", 8, 0, 1, "_", 0, "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
     "a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n"),
    ("13a", 4, 0, 1, "-", 0,
     "4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n"
     "666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
     "4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n"
     "666666-666666-666666----4444\n1------1------999999999-0000000000\n"),
    ("13b", 4, 0, 3, ".", 0,
     "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n"
     "666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
     "4444........333...22...1...333\n999999999...22\n7...........22\n"
     "....................88888888\n\n666666...666666...666666......4444\n"
     "1........1........999999999...0000000000\n"),
    ("14", 1, 0, 2, " ", ALIGN_RIGHT,
     ".0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n"
     ".0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t",
     "    .0          .3    2.4    -5.1\n  23.0  12345678.9    2.4  -989.4\n"
     "   5.1        12.0    2.4    -7.0\n    .0         0.0  332.0  8908.0\n"
     "    .0         -.3  456.4    22.1\n    .0         1.2   44.4   -13.3"),
    ("14 debug", 1, 0, 2, " ", ALIGN_RIGHT | DEBUG,
     ".0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n"
     ".0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t",
     "    .0|          .3|    2.4|    -5.1|\n  23.0|  12345678.9|    2.4|  -989.4|\n"
     "   5.1|        12.0|    2.4|    -7.0|\n    .0|         0.0|  332.0|  8908.0|\n"
     "    .0|         -.3|  456.4|    22.1|\n    .0|         1.2|   44.4|   -13.3|"),
    ("15a", 4, 0, 0, ".", 0, "a\t\tb", "a.......b"),
    ("15b", 4, 0, 0, ".", DISCARD_EMPTY_COLUMNS, "a\t\tb", "a.......b"),
    ("15c", 4, 0, 0, ".", DISCARD_EMPTY_COLUMNS, "a\v\vb", "a...b"),
    ("15d", 4, 0, 0, ".", ALIGN_RIGHT | DISCARD_EMPTY_COLUMNS, "a\v\vb", "...ab"),
    ("16a", 100, 100, 0, "\t", 0,
     "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
     "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n"),
    ("16b", 100, 100, 0, "\t", DISCARD_EMPTY_COLUMNS,
     "a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n",
     "a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n"),
    ("16b debug", 100, 100, 0, "\t", DISCARD_EMPTY_COLUMNS | DEBUG,
     "a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n",
     "a\t|b\t||d\na\t|b\t||d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n"),
    ("16c", 100, 100, 0, "\t", DISCARD_EMPTY_COLUMNS,
     "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
     "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n"),
    ("16c debug", 100, 100, 0, "\t", DISCARD_EMPTY_COLUMNS | DEBUG,
     "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
     "a\t|b\t|\t|d\na\t|b\t|\t|d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n"),
]


def _chunkings(src: str) -> list[list[str]]:
    """Go's check(): all at once, one character at a time, Fibonacci-sized slices."""
    fib: list[str] = []
    i, d = 0, 0
    while i < len(src):
        fib.append(src[i:i + d])
        i, d = i + d, d + 1
        if i + d > len(src):
            d = len(src) - i
    return [[src], list(src), fib]


@pytest.mark.parametrize("name,minwidth,tabwidth,padding,padchar,flags,src,expected", GO_CASES,
                         ids=[c[0] for c in GO_CASES])
def test_it_matches_go_tabwriter_test_vectors(name, minwidth, tabwidth, padding, padchar, flags,
                                              src, expected):
    w = TabWriter(minwidth, tabwidth, padding, padchar, flags)
    for pieces in _chunkings(src):
        for piece in pieces:
            w.write(piece)
        w.flush()
        assert w.take() == expected


def test_it_remembers_widths_across_flushes_like_liggitt_multiwrite():
    w = TabWriter(6, 4, 3, " ", REMEMBER_WIDTHS)
    w.write("First\tMiddle\tLast\n")
    w.write("a\tbb\tccc\n")
    w.write("ddd\teeeeeeeeeeeeee\tf\n")
    w.flush()
    assert w.take() == ("First   Middle           Last\n"
                        "a       bb               ccc\n"
                        "ddd     eeeeeeeeeeeeee   f\n")
    w.write("g\th\ti\n")
    w.flush()
    assert w.take() == "g       h                i\n"  # narrower cells keep the old widths
    for line in ("j\t\t\n", "\tk\t\n", "\t\tl\n"):
        w.write(line)
        w.flush()
    assert w.take() == ("j                        \n"
                        "        k                \n"
                        "                         l\n")
    w.write("mmmmmmmmmmmmmmm\tnnn\tooo\n")
    w.flush()
    assert w.take() == "mmmmmmmmmmmmmmm   nnn              ooo\n"  # widths only grow
    moved = TabWriter(6, 4, 3, " ", REMEMBER_WIDTHS).set_remembered_widths(w.remembered_widths)
    moved.write("p\tq\tr\n")
    moved.flush()
    assert moved.take() == "p                 q                r\n"
    assert moved.remembered_widths == [18, 17]
    moved.set_remembered_widths([])
    moved.write("sssss\tt\tu\n")
    moved.flush()
    assert moved.take() == "sssss   t     u\n"
    assert moved.remembered_widths == [8, 6]
    moved.set_remembered_widths([10, 5, 5])
    moved.write("v\tw\tx\n")
    moved.flush()
    assert moved.take() == "v         w     x\n"


def test_it_forgets_widths_across_flushes_without_the_flag():
    w = TabWriter(6, 4, 3, " ", 0)
    w.write("eeeeeeeeeeeeee\tf\n")
    w.flush()
    w.write("g\th\n")
    w.flush()
    assert w.take() == "eeeeeeeeeeeeee   f\ng     h\n"  # minwidth 6 again


def test_it_pads_kubectl_get_columns_to_widest_plus_three_and_at_least_six():
    # "Each column is as wide as its widest cell plus 3 (at least 6). The last column is not padded."
    assert format_get("A\tBB\tC\nx\ty\tz\n") == "A     BB    C\nx     y     z\n"
    assert format_get("NAME\tAGE\nnginx\t5s\n") == "NAME    AGE\nnginx   5s\n"


def test_it_ends_a_column_block_at_a_line_without_the_cell():
    # Describe-style: a tab-less line restarts alignment, so the two blocks align on their own.
    text = "Name:\tnginx\nService Account:\tdefault\nContainers:\n  nginx:\n    Image:\tnginx\n"
    assert format_describe(text) == ("Name:             nginx\n"
                                     "Service Account:  default\n"
                                     "Containers:\n"
                                     "  nginx:\n"
                                     "    Image:  nginx\n")


def test_it_keeps_trailing_padding_of_tab_terminated_cells():
    # kubectl describe's Conditions rows end in "True \n": the cell before the last tab is padded.
    assert format_describe("  Type\tStatus\n  Ready \tTrue \n") == "  Type    Status\n  Ready   True \n"
    assert format_describe("a\tb\t\nccc\td\t\n") == "a    b  \nccc  d  \n"


def test_it_treats_empty_cells_as_zero_width_and_pads_them():
    assert format_get("A\t\tC\n\tB\t\n") == "A           C\n      B     \n"


def test_it_counts_wide_characters_as_one_column_like_go():
    assert format_get("이름\tX\nab\tY\n") == "이름    X\nab    Y\n"


def test_it_leaves_a_trailing_cell_without_newline_unaligned():
    w = describe_writer()
    w.write("a\tb\nlonger\tc")
    w.flush()
    assert w.getvalue() == "a       b\nlonger  c"


def test_it_sends_output_to_a_callback_and_flushes_on_formfeed():
    seen: list[str] = []
    w = get_writer(seen.append)
    w.write("NAME\tX\fa\tb\n")
    w.flush()
    assert "".join(seen) == "NAME   X\na      b\n"


def test_it_rejects_negative_settings():
    with pytest.raises(ValueError, match="negative minwidth, tabwidth, or padding"):
        TabWriter(-1, 0, 0)
