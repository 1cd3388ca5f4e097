"""``-o custom-columns=NAME:.metadata.name,...`` and ``-o custom-columns-file=FILE``.

A port of kubectl ``pkg/cmd/get/customcolumn.go``: each column is a relaxed jsonpath
(``metadata.name``, ``.metadata.name``, ``{.metadata.name}``) evaluated with missing keys allowed;
a cell joins its values with ``,`` (fmt.Sprint each: ``map[a:b]``, ``[x y]``, ``<nil>``) and is
``<none>`` when nothing is found. The header is printed once, even for no objects, and the rows go
through ``kubectl get``'s tabwriter (minwidth 6, tabwidth 4, padding 3). The file form is two
whitespace-separated lines, headers then paths; it always prints the header.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from sandbox.kubectl.jsonpath import JsonPathError, find_results, relaxed_expression
from sandbox.kubectl.jsonpath.evaluate import INVALID, Byte, ExecError
from sandbox.kubectl.jsonpath.gofmt import go_sprint
from sandbox.kubectl.jsonpath.parser import ParseError, parse
from sandbox.kubectl.printers.tabwriter import format_get


class CustomColumnsError(ValueError):
    """kubectl's message (printed after ``error: ``). ``partial`` is what kubectl had already
    written to stdout: a bad column path fails after the header, a failing row after the rows
    before it (the printer's deferred Flush still writes them)."""

    def __init__(self, message: str, partial: str = "") -> None:
        super().__init__(message)
        self.partial = partial


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    field_spec: str


def parse_spec(spec: str) -> list[Column]:
    """NewCustomColumnsPrinterFromSpec."""
    if not spec:
        raise CustomColumnsError("custom-columns format specified but no custom columns given")
    columns = []
    for part in spec.split(","):
        header, sep, path = part.partition(":")
        if not sep:
            raise CustomColumnsError(f"unexpected custom-columns spec: {part}, expected "
                                     "<header>:<json-path-expr>")
        columns.append(Column(header, _relaxed(path)))
    return columns


_MISSING_LINE = ("invalid template, missing {} line. Expected format is one line of space "
                 "separated headers, one line of space separated column specs.")


def parse_template_file(text: str) -> list[Column]:
    """NewCustomColumnsPrinterFromTemplate: a header line and a spec line (bufio.ScanLines)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise CustomColumnsError(_MISSING_LINE.format("header"))
    if len(lines) < 2:
        raise CustomColumnsError(_MISSING_LINE.format("spec"))
    headers = _words(lines[0])
    specs = _words(lines[1])
    if len(headers) != len(specs):
        raise CustomColumnsError(f"number of headers ({len(headers)}) and field specifications "
                                 f"({len(specs)}) don't match")
    return [Column(h, _relaxed(s)) for h, s in zip(headers, specs)]


def _words(line: str) -> list[str]:
    """bufio.ScanWords on one line (ScanLines already dropped a trailing ``\\r``)."""
    return line.removesuffix("\r").split()


def _relaxed(path: str) -> str:
    try:
        return relaxed_expression(path)
    except JsonPathError as err:
        raise CustomColumnsError(str(err)) from None


def _escape_terminal(text: str) -> str:
    """printers.EscapeTerminal: ESC becomes ``^[`` and CR ``\\r``."""
    return text.replace("\x1b", "^[").replace("\r", "\\r")


def _cell(value: Any) -> str:
    if value is INVALID:
        return "<nil>"
    if isinstance(value, Byte):
        return str(value.value)
    return _escape_terminal(go_sprint(value))


def _row(columns: list[Any], obj: Mapping[str, Any]) -> str:
    cells = []
    for root in columns:
        values = find_results(root, obj, allow_missing_keys=True)
        strings = ["<none>"] if not values or not values[0] else []
        strings += [_cell(v) for group in values for v in group]
        cells.append(",".join(strings))
    return "\t".join(cells) + "\n"


def render(columns: list[Column], objs: Iterable[Mapping[str, Any]] | Mapping[str, Any],
           no_headers: bool = False) -> str:
    """CustomColumnsPrinter.PrintObj for the List of ``objs`` (or for one object)."""
    if isinstance(objs, Mapping):
        objs = objs["items"] if objs.get("kind") == "List" else [objs]
    text = "" if no_headers else "\t".join(c.header for c in columns) + "\n"
    roots = []
    for column in columns:
        try:
            roots.append(parse(column.field_spec))
        except ParseError as err:
            raise CustomColumnsError(str(err), format_get(text)) from None
    for obj in objs:
        try:
            text += _row(roots, obj)
        except ExecError as err:
            raise CustomColumnsError(str(err), format_get(text)) from None
    return format_get(text)


def print_custom_columns(spec: str, objs: list[Mapping[str, Any]], no_headers: bool = False) -> str:
    """``kubectl get -o custom-columns=SPEC [--no-headers]`` for these objects."""
    return render(parse_spec(spec), objs, no_headers)


def print_custom_columns_file(template: str, objs: list[Mapping[str, Any]]) -> str:
    """``kubectl get -o custom-columns-file=FILE``, given the file's text (--no-headers is ignored)."""
    return render(parse_template_file(template), objs)
