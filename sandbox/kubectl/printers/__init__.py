"""kubectl's human-readable printers: the tabwriter, server-side tables and the row printers.

``build_table("pods", pods, now)`` makes the Table the API server would send (all columns, wide
cells); ``print_table(table, PrintOptions(...))`` prints it as ``kubectl get`` does.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from sandbox.kubectl.printers.events import EVENT_COLUMNS, event_table_row
from sandbox.kubectl.printers.namespaces import NAMESPACE_COLUMNS, namespace_table_row
from sandbox.kubectl.printers.nodes import NODE_COLUMNS, node_table_row
from sandbox.kubectl.printers.pods import POD_COLUMNS, pod_table_row
from sandbox.kubectl.printers.table import (Column, PrintOptions, Row, Table, TablePrinter,
                                            print_table, render_table)


@dataclass(frozen=True, slots=True)
class ResourcePrinter:
    columns: tuple[Column, ...]
    row: Callable[[Mapping[str, Any], float], Row]


PRINTERS: dict[str, ResourcePrinter] = {
    "pods": ResourcePrinter(POD_COLUMNS, pod_table_row),
    "nodes": ResourcePrinter(NODE_COLUMNS, node_table_row),
    "namespaces": ResourcePrinter(NAMESPACE_COLUMNS, namespace_table_row),
    "events": ResourcePrinter(EVENT_COLUMNS, event_table_row),
}


def build_table(resource: str, objects: Iterable[Mapping[str, Any]], now: float) -> Table:
    """The server-side Table for a plural resource name (``pods``, ``nodes``, ...)."""
    printer = PRINTERS[resource]
    return Table(list(printer.columns), [printer.row(obj, now) for obj in objects])


def print_get(resource: str, objects: Iterable[Mapping[str, Any]], now: float,
              options: PrintOptions | None = None) -> str:
    """``kubectl get <resource>`` output for these objects (in the order given)."""
    return print_table(build_table(resource, objects, now), options)


__all__ = ["Column", "PRINTERS", "PrintOptions", "ResourcePrinter", "Row", "Table", "TablePrinter",
           "build_table", "print_get", "print_table", "render_table"]

# Output formats of ``kubectl get -o yaml|json|name``. custom-columns is imported from
# sandbox.kubectl.printers.custom_columns (it needs sandbox.kubectl.jsonpath, which needs these
# printers); describe lives in sandbox.kubectl.describe.
from sandbox.kubectl.printers.json import as_list, to_json  # noqa: E402
from sandbox.kubectl.printers.name import to_name  # noqa: E402
from sandbox.kubectl.printers.yaml import YamlError, to_yaml  # noqa: E402

__all__ += ["YamlError", "as_list", "to_json", "to_name", "to_yaml"]
