"""``kubectl get namespaces`` rows: NAME STATUS AGE (``printNamespace`` in kubernetes
``pkg/printers/internalversion/printers.go``)."""
from __future__ import annotations

from typing import Any, Mapping

from sandbox.kubectl.printers.table import CREATION_TIMESTAMP_DOC, NAME_DOC, Column, Row, age

NAMESPACE_COLUMNS: tuple[Column, ...] = (
    Column("Name", format="name", description=NAME_DOC),
    Column("Status", description="The status of the namespace"),
    Column("Age", description=CREATION_TIMESTAMP_DOC),
)


def namespace_columns(wide: bool = False) -> list[Column]:
    return list(NAMESPACE_COLUMNS)


def namespace_row(namespace: Mapping[str, Any], now: float, *, wide: bool = False) -> list[str]:
    """``["default", "Active", "5m12s"]``; the phase prints as is (``Terminating`` while deleting)."""
    meta = namespace.get("metadata") or {}
    phase = (namespace.get("status") or {}).get("phase", "")
    return [meta.get("name", ""), phase, age(now, meta.get("creationTimestamp"))]


def namespace_table_row(namespace: Mapping[str, Any], now: float) -> Row:
    return Row(list(namespace_row(namespace, now)), namespace)
