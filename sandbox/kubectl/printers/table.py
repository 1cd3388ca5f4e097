"""Server-side tables and how kubectl prints them.

The API server turns objects into a ``metav1.Table`` (column definitions with priorities, one
row of cells per object; kubernetes ``pkg/printers/internalversion/printers.go``, always generated
with ``Wide: true``). kubectl decorates the table (``-A`` adds NAMESPACE first, ``--show-labels``
adds LABELS last, ``-L`` label columns) and prints it through the tabwriter, hiding priority>0
columns unless ``-o wide`` (cli-runtime ``pkg/printers/tableprinter.go``: ``decorateTable``,
``printTable``, ``HumanReadablePrinter.PrintObj``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence, Union

from sandbox.kubectl.printers.tabwriter import TabWriter, format_get, get_writer
from sandbox.sim.durations import human_since
from sandbox.sim.timefmt import parse_rfc3339

Cell = Union[str, int, bool, None]

# metav1.ObjectMeta{}.SwaggerDoc()["name"] / ["creationTimestamp"], as the API server sends them.
NAME_DOC = (
    "Name must be unique within a namespace. Is required when creating resources, although some "
    "resources may allow a client to request the generation of an appropriate name automatically. "
    "Name is primarily intended for creation idempotence and configuration definition. Cannot be "
    "updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
)
CREATION_TIMESTAMP_DOC = (
    "CreationTimestamp is a timestamp representing the server time when this object was created. "
    "It is not guaranteed to be set in happens-before order across separate operations. Clients may "
    "not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. "
    "Read-only. Null for lists. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
)


@dataclass(frozen=True, slots=True)
class Column:
    """metav1.TableColumnDefinition. kubectl prints ``name.upper()`` as the header."""

    name: str
    type: str = "string"
    format: str = ""
    description: str = ""
    priority: int = 0

    def definition(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "format": self.format,
                "description": self.description, "priority": self.priority}


@dataclass(slots=True)
class Row:
    """metav1.TableRow: the cells, plus the object they describe (for namespace and labels)."""

    cells: list[Cell]
    object: Mapping[str, Any] | None = None
    conditions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    columns: list[Column]
    rows: list[Row]

    def to_dict(self, resource_version: str = "") -> dict[str, Any]:
        """The ``meta.k8s.io/v1`` Table JSON the REST API answers ``as=Table`` with."""
        rows = []
        for row in self.rows:
            out: dict[str, Any] = {"cells": list(row.cells)}
            if row.conditions:
                out["conditions"] = [dict(c) for c in row.conditions]
            if row.object is not None:
                out["object"] = row.object
            rows.append(out)
        meta = {"resourceVersion": resource_version} if resource_version else {}
        return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": meta,
                "columnDefinitions": [c.definition() for c in self.columns], "rows": rows}


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """The subset of cli-runtime PrintOptions that ``kubectl get`` sets from its flags."""

    wide: bool = False  # -o wide
    no_headers: bool = False  # --no-headers
    with_namespace: bool = False  # -A / --all-namespaces
    show_labels: bool = False  # --show-labels
    column_labels: tuple[str, ...] = ()  # -L key1,key2
    kind: str = ""  # --show-kind / several types: "pod" (or "deployment.apps") prefixes NAME


# --- cells --------------------------------------------------------------------------------------

def age(now: float, timestamp: str | None) -> str:
    """translateTimestampSince: HumanDuration since an RFC 3339 time, ``<unknown>`` when unset."""
    if not timestamp:
        return "<unknown>"
    return human_since(now, parse_rfc3339(timestamp))


def format_labels(labels: Mapping[str, str] | None) -> str:
    """labels.FormatLabels: ``k=v`` sorted by key, comma-joined; ``<none>`` when empty."""
    if not labels:
        return "<none>"
    return ",".join(f"{k}={labels[k]}" for k in sorted(labels))


def format_cell(cell: Cell) -> str:
    """printTable's cell text: strings cut at the first line break (``...`` appended), and
    terminal escapes neutralised by WriteEscaped (``\\x1b`` -> ``^[``, ``\\r`` -> ``\\r``)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        text = "true" if cell else "false"  # fmt.Sprint of a Go bool
    elif isinstance(cell, str):
        cut = min((i for i in (cell.find(c) for c in "\f\n\r") if i >= 0), default=-1)
        if cut >= 0:
            return _escape(cell[:cut]) + "..."
        text = cell
    else:
        text = str(cell)
    return _escape(text)


def _escape(text: str) -> str:
    return text.replace("\x1b", "^[").replace("\r", "\\r")


# --- decorateTable / printTable ----------------------------------------------------------------

def decorate_table(table: Table, options: PrintOptions) -> Table:
    """decorateTable: NAMESPACE first, ``-L`` columns and LABELS last, ``kind/`` name prefix."""
    columns = list(table.columns)
    if options.with_namespace:
        columns.insert(0, Column("Namespace"))
    for key in options.column_labels:
        columns.append(Column(key.split("/")[-1].upper()))  # formatLabelHeaders
    if options.show_labels:
        columns.append(Column("Labels"))
    name_column = -1
    if options.kind:
        name_column = next((i for i, c in enumerate(table.columns)
                            if c.format == "name" and c.type == "string"), -1)
    width = len(columns)
    if not (options.with_namespace or options.column_labels or options.show_labels
            or name_column != -1):
        return Table(columns, list(table.rows))
    rows = []
    for row in table.rows:
        cells = list(row.cells)
        if name_column != -1:
            cells[name_column] = f"{options.kind.lower()}/{format_cell(cells[name_column])}"
        meta = row.object.get("metadata", {}) if row.object is not None else None
        if meta is None:
            # no object: fill the new columns with empty cells. Go's loop re-reads len(row.Cells)
            # as it appends (`for j := 0; j < width-len(row.Cells); j++`); kept as written.
            if options.with_namespace:
                cells.insert(0, None)
            j = 0
            while j < width - len(cells):
                cells.append(None)
                j += 1
        else:
            if options.with_namespace:
                cells.insert(0, meta.get("namespace", ""))
            labels = meta.get("labels") or {}
            cells.extend(labels.get(key, "") for key in options.column_labels)
            if options.show_labels:
                cells.append(format_labels(labels))
        rows.append(Row(cells, row.object, row.conditions))
    return Table(columns, rows)


def table_text(table: Table, *, wide: bool, no_headers: bool) -> str:
    """printTable before alignment: header (upper-cased names) and rows as tab-separated lines.

    Columns with priority > 0 are skipped unless ``wide``; no header is printed for no rows.
    """
    visible = [wide or c.priority == 0 for c in table.columns]
    out: list[str] = []
    if not no_headers:
        if not table.rows:
            return ""
        names = [c.name.upper() for c, show in zip(table.columns, visible) if show]
        out.append("\t".join(names) + "\n")
    for row in table.rows:
        # cells past the column definitions are dropped (issue 66379)
        cells = [format_cell(cell) for cell, show in zip(row.cells, visible) if show]
        out.append("\t".join(cells) + "\n")
    return "".join(out)


def render_table(columns: Sequence[Column | str], rows: Sequence[Sequence[Cell]], *,
                 no_headers: bool = False) -> str:
    """Every column given, aligned as ``kubectl get`` aligns (minwidth 6, tab 4, padding 3).

    ``render_table(["Name", "Ready"], [["nginx", "1/1"]])`` == ``"NAME    READY\\nnginx   1/1\\n"``.
    """
    cols = [c if isinstance(c, Column) else Column(c) for c in columns]
    table = Table(cols, [Row(list(r)) for r in rows])
    return format_get(table_text(table, wide=True, no_headers=no_headers))


_EVENT_TYPES = {"ADDED": "ADDED   ", "MODIFIED": "MODIFIED", "DELETED": "DELETED ", "ERROR": "ERROR   "}


class TablePrinter:
    """HumanReadablePrinter for server-side tables, writing to one remembering tabwriter.

    ``kubectl get`` prints once and flushes; ``kubectl get -w`` prints every watch event and
    flushes after each (kubectl pkg/cmd/get/get.go), so the header appears once and columns only
    grow. ``flush()`` returns the text produced since the previous flush.
    """

    def __init__(self, options: PrintOptions | None = None, writer: TabWriter | None = None) -> None:
        self.options = options or PrintOptions()
        self.writer = writer or get_writer()
        self._last_columns: list[Column] = []
        self._printed_headers = False

    def print(self, table: Table, *, event_type: str = "") -> None:
        """PrintObj(table): ``event_type`` (ADDED, MODIFIED...) adds the EVENT column of
        ``--output-watch-events``."""
        no_headers = self.options.no_headers
        if self._printed_headers and (not table.columns or table.columns == self._last_columns):
            no_headers = True
        if not table.columns:
            # watch events may omit column definitions: reuse the last ones
            table = Table(list(self._last_columns), table.rows)
        elif table.columns != self._last_columns:
            self._last_columns = list(table.columns)
            self._printed_headers = False
        if table.rows:
            self._printed_headers = True
        decorated = decorate_table(table, self.options)
        if event_type:
            label = _EVENT_TYPES.get(event_type, event_type)
            decorated = Table([Column("Event")] + decorated.columns,
                              [Row([label] + r.cells, r.object, r.conditions) for r in decorated.rows])
        self.writer.write(table_text(decorated, wide=self.options.wide, no_headers=no_headers))

    def flush(self) -> str:
        self.writer.flush()
        return self.writer.take()


def print_table(table: Table, options: PrintOptions | None = None) -> str:
    """One ``kubectl get``: decorate, print, flush. Empty string when there are no rows
    (kubectl then says ``No resources found in <ns> namespace.`` on stderr)."""
    printer = TablePrinter(options)
    printer.print(table)
    return printer.flush()
