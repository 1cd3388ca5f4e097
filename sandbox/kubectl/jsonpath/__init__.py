"""kubectl's jsonpath: ``-o jsonpath=...``, ``-o jsonpath-as-json=...`` and the relaxed paths of
``custom-columns`` and ``--sort-by``.

``evaluate(template, obj)`` prints exactly what kubectl prints (no trailing newline is added:
``{.status.phase}`` gives ``Running``) or raises ``JsonPathError`` whose message is kubectl's
error text after ``error: ``. Sources: client-go ``util/jsonpath`` (parser.go, jsonpath.go),
cli-runtime ``pkg/printers/jsonpath.go`` (JSONPathPrinter.PrintObj: the debugging dump) and
``jsonpath_flags.go`` (``error parsing jsonpath %s, %v``; ``--allow-missing-template-keys``
defaults to true, so a missing field prints nothing). Checked with kubectl 1.32, see
tests/kubectl/test_jsonpath*.py.
"""
from __future__ import annotations

import re
from typing import Any

from sandbox.kubectl.jsonpath.evaluate import ExecError, JSONPath, print_results
from sandbox.kubectl.jsonpath.gofmt import go_quote, go_sprint, go_syntax
from sandbox.kubectl.jsonpath.nodes import ListNode
from sandbox.kubectl.jsonpath.parser import ParseError, parse
from sandbox.kubectl.printers.json import as_list


class JsonPathError(Exception):
    """kubectl's error for a bad template or a failed evaluation.

    ``str(err)`` is the message kubectl prints after ``error: `` (it keeps kubectl's trailing
    newlines); ``err.text`` is the whole stderr text, ``error: ...`` included."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def text(self) -> str:
        text = "error: " + self.message
        return text if text.endswith("\n") else text + "\n"


def parse_template(template: str) -> ListNode:
    """Parse as JSONPathPrintFlags.ToPrinter does; raises JsonPathError."""
    if not template:
        raise JsonPathError("template format specified but no template given")
    try:
        return parse(template)
    except ParseError as err:
        raise JsonPathError(f"error parsing jsonpath {template}, {err}\n") from None


def find_results(root: ListNode, obj: Any, *, allow_missing_keys: bool = True) -> list[list[Any]]:
    """JSONPath.FindResults: the value lists, one per printed piece. Raises ExecError."""
    return JSONPath(root, allow_missing_keys=allow_missing_keys).find_results(obj)


def evaluate(template: str, obj: Any, *, allow_missing_keys: bool = True,
             output_json: bool = False) -> str:
    """``kubectl get -o jsonpath=TEMPLATE`` on ``obj``: one object, or a Python list of objects,
    which kubectl wraps in a ``List`` first (``{.items[*].metadata.name}``).

    ``output_json`` is ``-o jsonpath-as-json``; ``allow_missing_keys=False`` is
    ``--allow-missing-template-keys=false``."""
    if isinstance(obj, list):
        obj = as_list(obj)
    root = parse_template(template)
    try:
        results = find_results(root, obj, allow_missing_keys=allow_missing_keys)
    except ExecError as err:
        raise JsonPathError(
            f"error executing jsonpath {go_quote(template)}: Error executing template: {err}. "
            "Printing more information for debugging the template:\n"
            f"\ttemplate was:\n\t\t{template}\n"
            f"\tobject given to jsonpath engine was:\n\t\t{go_syntax(obj)}\n\n\n") from None
    return "".join(print_results(r, output_json) for r in results)


# kubectl pkg/cmd/get/customcolumn.go: jsonRegexp / RelaxedJSONPathExpression
_RELAXED = re.compile(r"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$")


def relaxed_expression(path: str) -> str:
    """``metadata.name``, ``.metadata.name``, ``{metadata.name}`` -> ``{.metadata.name}``."""
    if not path:
        return path
    m = _RELAXED.match(path)
    if m is None:
        raise JsonPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or "
                            "'{name1.name2}' or '{.name1.name2}'")
    return "{." + (m.group(1) or m.group(2)) + "}"


__all__ = ["ExecError", "JsonPathError", "evaluate", "find_results", "go_sprint", "parse_template",
           "relaxed_expression"]
