"""``-o name`` and the ``pod/nginx created`` lines: cli-runtime ``pkg/printers/name.go``.

NamePrinter.PrintObj prints ``<kind>[.<group>]/<name>`` in lower case (``pod/nginx``,
``deployment.apps/web``, ``event.events.k8s.io/x``), one line per item of a List, with
`` <operation>`` appended when a verb reports what it did (``created``, ``labeled``,
``deleted``, ``created (dry run)``). A nameless object prints ``<unknown>``. Checked with kubectl
1.32 (``label --local -o name``, ``create --dry-run=client -o name``).
"""
from __future__ import annotations

from typing import Any, Mapping


class NamePrinterError(ValueError):
    """kubectl's message for an object it cannot name."""


def kind_string(obj: Mapping[str, Any], name: str = "") -> str:
    """GetObjectGroupKind + printObj: ``pod``, ``deployment.apps``. NamePrinter refuses an object
    whose group, version and kind are all empty, and printObj one without a kind."""
    # unstructured's accessors read a field that is not a string as empty
    api_version = obj.get("apiVersion") if isinstance(obj.get("apiVersion"), str) else ""
    kind = obj.get("kind") if isinstance(obj.get("kind"), str) else ""
    if not kind and not api_version:
        raise NamePrinterError("missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() "
                               "if you know the type")
    if not kind:
        raise NamePrinterError(f"missing kind for resource with name {name}")
    group = api_version.rsplit("/", 1)[0] if "/" in api_version else ""
    return (f"{kind}.{group}" if group else kind).lower()


def to_name(obj: Any, operation: str = "") -> str:
    """The ``-o name`` text of one object (or, for a list or a List, of each item), each line
    newline-terminated; ``operation`` gives ``pod/nginx created``."""
    if isinstance(obj, list):
        return "".join(to_name(item, operation) for item in obj)
    if obj.get("kind") == "List" and isinstance(obj.get("items"), list):
        return "".join(to_name(item, operation) for item in obj["items"])
    meta = obj.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) and isinstance(meta.get("name"), str) else ""
    name = name or "<unknown>"
    line = f"{kind_string(obj, name)}/{name}"
    return f"{line} {operation}\n" if operation else line + "\n"
