"""``--sort-by``: kubectl's table sorter (k8s.io/kubectl pkg/cmd/get/sorter.go, table_sorter.go).

The field is a JSONPath (``.metadata.name`` or ``{.metadata.name}``: RelaxedJSONPathExpression)
evaluated with kubectl's jsonpath; a row whose object lacks it is "less" than any other (the
TableSorter's Less, which is not even a strict order when both lack it); strings compare in
natural order (fvbommel/sortorder NaturalLess: ``pod2`` < ``pod10``, digits before letters),
numbers numerically; and the rows are ordered by Go's own sort.Sort (pdqsort), so ties and the
odd Less come out exactly as kubectl leaves them.
"""
from __future__ import annotations

from typing import Any

from sandbox.kubectl.describe.gosort import go_sort
from sandbox.kubectl.errors import CmdError
from sandbox.kubectl.jsonpath import ExecError, JsonPathError, find_results, parse_template, relaxed_expression


def relaxed(field: str) -> str:
    """RelaxedJSONPathExpression without the braces: ``.a.b`` from ``a.b``, ``.a.b`` or ``{.a.b}``."""
    try:
        return relaxed_expression(field)[1:-1]
    except JsonPathError as err:
        raise CmdError(str(err)) from None


def _is_less(a: Any, b: Any) -> bool:
    """isLess for the kinds unstructured objects hold."""
    if isinstance(a, bool):
        return (not a) and bool(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a < b
    if isinstance(a, str) and isinstance(b, str):
        return a.encode() < b.encode()
    raise CmdError(f"Field in {type(a).__name__} is an unsortable type")


def sort_objects(objects: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    try:
        root = parse_template("{" + relaxed(field) + "}")
    except JsonPathError as err:
        raise CmdError(str(err)) from None
    keyed: list[tuple[Any, dict[str, Any]]] = []
    for obj in objects:
        try:
            results = find_results(root, obj, allow_missing_keys=True)
        except ExecError as err:
            raise CmdError(f"Failed to get values for {field}: {err}") from None
        found = results[0] if results and results[0] else []
        # a null (an event's unset lastTimestamp) counts as missing, as kubectl 1.32 sorts it
        keyed.append((found[0] if found and found[0] is not None else _MISSING, obj))
    if keyed and all(value is _MISSING for value, _ in keyed):
        raise CmdError(f'couldn\'t find any field with path "{{{relaxed(field)}}}" in the list of objects')

    def less(x: tuple[Any, dict[str, Any]], y: tuple[Any, dict[str, Any]]) -> bool:
        if x[0] is _MISSING:
            return True
        if y[0] is _MISSING:
            return False
        return _is_less(x[0], y[0])

    return [obj for _, obj in go_sort(keyed, less)]


_MISSING = object()
