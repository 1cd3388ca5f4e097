"""Running a parsed jsonpath template: a port of client-go ``util/jsonpath/jsonpath.go``.

Go walks ``reflect.Value`` lists; here a value is the Python object itself, with two markers for
Go's special values: ``INVALID`` is ``reflect.ValueOf(nil)`` (a range over nothing walks its body
with it) and ``Byte`` is an element of a string (``*`` over a string yields its UTF-8 bytes, which
print as numbers). A ``None`` found in a map is Go's nil interface: field, index, wildcard and
recursive steps skip it, and it prints as ``null`` (client-go evalToText).

Map iteration (``*``, ``..``) is random in Go; here it is by sorted key, one of the orders real
kubectl prints. Comparison rules are client-go's ``third_party/forked/golang/template`` funcs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sandbox.kubectl.jsonpath.gofmt import go_sprint, go_type
from sandbox.kubectl.jsonpath.nodes import (ArrayNode, BoolNode, FieldNode, FilterNode, FloatNode,
                                             IdentifierNode, IntNode, ListNode, Node, Param,
                                             RecursiveNode, TextNode, UnionNode, WildcardNode)
from sandbox.kubectl.printers.json import go_format_float, marshal_compact, marshal_indent


class ExecError(Exception):
    """An error from JSONPath.Execute; ``str(err)`` is client-go's message. ``partial`` is the
    value list Go returns next to the error (a filter's ``exists`` test still looks at it)."""

    def __init__(self, message: str, partial: list[Any] | None = None) -> None:
        super().__init__(message)
        self.partial = partial or []


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


@dataclass(frozen=True, slots=True)
class Byte:
    value: int


def _children(value: Any) -> list[Any]:
    """What evalWildcard/evalRecursive iterate: map values, list items, a string's bytes."""
    if isinstance(value, Mapping):
        return [value[k] for k in sorted(value, key=lambda k: k.encode("utf-8", "surrogatepass"))]
    if isinstance(value, list):
        return list(value)
    if isinstance(value, str):
        return [Byte(b) for b in value.encode("utf-8", "surrogatepass")]
    return []


class JSONPath:
    def __init__(self, root: ListNode, *, allow_missing_keys: bool = False) -> None:
        self.root = root
        self.allow_missing_keys = allow_missing_keys
        self.begin_range = self.in_range = self.end_range = 0
        self.last_end_node = -1

    # -- FindResults: range/end handling over the root's nodes --------------------------------
    def find_results(self, data: Any, start: int = 0) -> list[list[Any]]:
        nodes = self.root.nodes[start:]
        cur = [data]
        full: list[list[Any]] = []
        i = 0
        while i < len(nodes):
            results = self.walk(cur, nodes[i])
            if 0 < self.end_range <= self.in_range:  # an end node closes the current block
                self.end_range -= 1
                self.last_end_node = start + i
                break
            if self.begin_range > 0:  # a range node starts a loop over its results
                self.begin_range -= 1
                self.in_range += 1
                if results:
                    for value in results:
                        full.extend(self.find_results(value, start + i + 1))
                else:  # still walk the body so the position advances to its end node
                    self.find_results(INVALID, start + i + 1)
                self.in_range -= 1
                for k in range(i + 1, len(nodes)):
                    if start + k == self.last_end_node:
                        i = k
                        break
                i += 1
                continue
            full.append(results)
            i += 1
        return full

    def walk(self, values: list[Any], node: Node) -> list[Any]:
        if isinstance(node, ListNode):
            return self.eval_list(values, node)
        if isinstance(node, TextNode):
            return [node.text]
        if isinstance(node, FieldNode):
            return self.eval_field(values, node)
        if isinstance(node, ArrayNode):
            return self.eval_array(values, node)
        if isinstance(node, FilterNode):
            return self.eval_filter(values, node)
        if isinstance(node, (IntNode, FloatNode, BoolNode)):
            return [node.value for _ in values]
        if isinstance(node, WildcardNode):
            return [c for v in values if v is not None for c in _children(v)]
        if isinstance(node, RecursiveNode):
            return self.eval_recursive(values)
        if isinstance(node, UnionNode):
            out: list[Any] = []
            for list_node in node.nodes:
                found, err = self._partial_list(values, list_node)
                if err is not None:
                    raise ExecError(str(err), values)
                out.extend(found)
            return out
        if isinstance(node, IdentifierNode):
            return self.eval_identifier(values, node)
        raise ExecError(f"unexpected Node {node}")

    def eval_list(self, values: list[Any], node: ListNode) -> list[Any]:
        for child in node.nodes:
            values = self.walk(values, child)
        return values

    def _partial_list(self, values: list[Any], node: ListNode) -> tuple[list[Any], ExecError | None]:
        """evalList returning Go's (values, err) pair instead of raising."""
        try:
            return self.eval_list(values, node), None
        except ExecError as err:
            return err.partial, err

    def eval_identifier(self, values: list[Any], node: IdentifierNode) -> list[Any]:
        if node.name == "range":
            self.begin_range += 1
            return values
        if node.name == "end":
            if self.in_range > 0:
                self.end_range += 1
                return []
            raise ExecError("not in range, nothing to end")
        raise ExecError(f"unrecognized identifier {node.name}", values)

    def eval_field(self, values: list[Any], node: FieldNode) -> list[Any]:
        if not values:
            return []
        results = [v[node.value] for v in values if isinstance(v, Mapping) and node.value in v]
        if not results and not self.allow_missing_keys:
            raise ExecError(f"{node.value} is not found")
        return results

    def eval_array(self, values: list[Any], node: ArrayNode) -> list[Any]:
        result: list[Any] = []
        for value in values:
            if value is None:
                continue
            if not isinstance(value, list):
                kind = "<nil>" if value is INVALID else go_type(value)
                raise ExecError(f"{kind} is not array or slice", values)
            p0, p1, p2 = (Param(p.value, p.known, p.derived) for p in node.params)
            length = len(value)
            if not p0.known:
                p0.value = 0
            if p0.value < 0:
                p0.value += length
            if not p1.known:
                p1.value = length
            if p1.value < 0 or (p1.value == 0 and p1.derived):
                p1.value += length
            if p1.value == p0.value:  # zero elements requested: allowed, and the walk stops here
                return result
            if p0.value >= length or p0.value < 0:
                raise ExecError(f"array index out of bounds: index {p0.value}, length {length}", values)
            if p1.value > length or p1.value < 0:
                raise ExecError(f"array index out of bounds: index {p1.value - 1}, length {length}",
                                values)
            if p0.value > p1.value:
                raise ExecError(f"starting index {p0.value} is greater than ending index {p1.value}",
                                values)
            step = 1
            if p2.known:
                if p2.value <= 0:
                    raise ExecError("step must be > 0", values)
                step = p2.value
            result.extend(value[p0.value:p1.value:step])
        return result

    def eval_recursive(self, values: list[Any]) -> list[Any]:
        result: list[Any] = []
        for value in values:
            if value is None:
                continue
            children = _children(value)
            if children:
                result.append(value)
                result.extend(self.eval_recursive(children))
        return result

    def eval_filter(self, values: list[Any], node: FilterNode) -> list[Any]:
        results: list[Any] = []
        for value in values:
            if not isinstance(value, list):
                shown = "<invalid reflect.Value>" if value is INVALID else go_sprint(value)
                raise ExecError(f"{shown} is not array or slice and cannot be filtered", values)
            for item in value:
                lefts, error = self._partial_list([item], node.left)
                if node.operator == "exists":
                    if lefts:
                        results.append(item)
                    continue
                if error is not None:
                    raise error
                if not lefts:
                    continue
                if len(lefts) > 1:
                    raise ExecError("can only compare one element at a time")
                rights = self.eval_list([item], node.right)
                if not rights:
                    continue
                if len(rights) > 1:
                    raise ExecError("can only compare one element at a time")
                try:
                    passed = _compare(node.operator, lefts[0], rights[0])
                except ExecError as err:
                    raise ExecError(str(err), results) from None
                if passed:
                    results.append(item)
        return results


# --- template comparison funcs ---------------------------------------------------------------
def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, Byte):
        return "uint"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    raise ExecError("invalid type for comparison")


def _plain(v: Any) -> Any:
    return v.value if isinstance(v, Byte) else v


def _equal(a: Any, b: Any) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka != kb and {ka, kb} != {"int", "uint"}:
        raise ExecError("incompatible types for comparison")
    return _plain(a) == _plain(b)


def _less(a: Any, b: Any) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        if {ka, kb} == {"int", "uint"}:
            return _plain(a) < _plain(b)
        raise ExecError("incompatible types for comparison")
    if ka == "bool":
        raise ExecError("invalid type for comparison")
    return _plain(a) < _plain(b)


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "<":
        return _less(a, b)
    if op == ">":
        return not (_less(a, b) or _equal(a, b))
    if op == "==":
        return _equal(a, b)
    if op == "!=":
        return not _equal(a, b)
    if op == "<=":
        return _less(a, b) or _equal(a, b)
    if op == ">=":
        return not _less(a, b)
    raise ExecError(f"unrecognized filter operator {op}")


# --- PrintResults ------------------------------------------------------------------------------
def text_of(value: Any) -> str:
    """evalToText: fmt.Fprint of a scalar, ``null`` for nil; maps and lists as compact JSON."""
    if isinstance(value, (Mapping, list)):
        return marshal_compact(value)
    if value is None or value is INVALID:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, Byte):
        return str(value.value)
    if isinstance(value, float):
        return go_format_float(value, "g")
    return str(value)


def print_results(results: list[Any], output_json: bool = False) -> str:
    if output_json:
        plain = [None if r is INVALID else _plain(r) for r in results]
        return marshal_indent(plain) + "\n"
    return " ".join(text_of(r) for r in results)
