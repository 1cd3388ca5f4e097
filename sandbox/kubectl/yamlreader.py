"""YAML as kubectl reads it: PyYAML's parser with go-yaml v2's scalar rules and libyaml's error
words (``yaml: line 7: mapping values are not allowed in this context``)."""
from __future__ import annotations

import math
import re
from typing import Any, Callable

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sandbox.kubectl.yamltags import TAGS, TagError, decode_tagged
from sandbox.sim.limits import MAX_DEPTH, excessive_aliasing, json_text_too_deep


# -- go-yaml v2 ---------------------------------------------------------------------------------
# PyYAML parses (its scanner and parser are ports of the same libyaml design as go-yaml), but plain
# scalars are resolved by go-yaml v2's rules (resolve.go: ``y``/``yes``/``on`` and ``n``/``no``/
# ``off`` are booleans, integers follow strconv.ParseInt with base prefixes and underscores,
# timestamps stay strings), keys become JSON strings (sigs.k8s.io/yaml), and errors read
# ``yaml: line N: <libyaml's problem>`` with the line go-yaml's ``parser.fail`` picks (scanner
# errors: the 1-based problem line; parser errors: the 0-based one; no ``line`` when it is 0).


_PLAIN = "tag:podlab:plain"
_MERGE = "tag:yaml.org,2002:merge"
_BOOLS = {**{w: True for w in ("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")},
          **{w: False for w in ("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")}}
_NULLS = ("", "~", "null", "Null", "NULL")
_SPECIAL_FLOATS = {".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
                   **{p + s: math.inf for p in ("", "+") for s in (".inf", ".Inf", ".INF")},
                   **{"-" + s: -math.inf for s in (".inf", ".Inf", ".INF")}}
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INT = re.compile(r"^[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$")

# PyYAML problem (regex) -> libyaml's problem; for "expected <block end>" the context decides.
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), g) for p, g in (
    (r"^mapping values are not allowed here", "mapping values are not allowed in this context"),
    (r"^mapping keys are not allowed here", "mapping keys are not allowed in this context"),
    (r"^sequence entries are not allowed here", "block sequence entries are not allowed in this context"),
    (r"^found character .* that cannot start any token", "found character that cannot start any token"),
    (r"^could not find expected ':'", "could not find expected ':'"),
    (r"^expected the node content, but found", "did not find expected node content"),
    (r"^expected ',' or '\]', but got", "did not find expected ',' or ']'"),
    (r"^expected ',' or '}', but got", "did not find expected ',' or '}'"),
    (r"^found unexpected end of stream", "found unexpected end of stream"),
    (r"^expected a comment or a line break", "did not find expected comment or line break"),
    (r"^found unknown escape character", "found unknown escape character"),
    (r"^expected alphabetic or numeric character", "did not find expected alphabetic or numeric character"),
    (r"^expected '<document start>', but found", "did not find expected <document start>"),
    (r"^found unexpected ':'", "found unexpected ':'"),
    (r"^expected chomping or indentation indicators", "did not find expected comment or line break"),
    (r"^expected a mapping node, but found", "did not find expected key"),
))


class YamlError(yaml.YAMLError):
    """``yaml: line 7: mapping values are not allowed in this context`` (go-yaml's Error())."""


# -- limits (sandbox/sim/limits.py) ---------------------------------------------------------------
# PyYAML builds an alias as a second reference to the same object, so a "billion laughs" document
# loads small, and explodes later in whatever walks it (JSON encoding, validation). go-yaml refuses
# it while decoding: "document contains excessive aliasing", and "anchor 'a' value contains itself"
# for an alias inside its own anchor, which PyYAML would build as a cycle. Nesting is limited too
# (PyYAML's composer recurses): "exceeded max depth of 100", before the recursion gets deep.
DEPTH_ERROR = f"yaml: exceeded max depth of {MAX_DEPTH}"


class _Limits:
    """A Loader mixin: nesting checked while composing, aliases when the node graph is complete."""

    def compose_document(self) -> Any:
        self._depth = 0
        self._anchor_names: dict[int, str] = {}
        return super().compose_document()  # type: ignore[misc]

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:          # collections deeper than MAX_DEPTH (+ a scalar)
                raise YamlError(DEPTH_ERROR)
            event = self.peek_event()  # type: ignore[attr-defined]
            node = super().compose_node(parent, index)  # type: ignore[misc]
            if getattr(event, "anchor", None) and not isinstance(event, AliasEvent):
                self._anchor_names[id(node)] = event.anchor
            return node
        finally:
            self._depth -= 1

    def check_node(self, node: Node) -> None:
        """A decode-time check of one node, made in check_aliases's walk (go-yaml's decoding order)."""

    def get_single_node(self) -> Any:
        node = super().get_single_node()  # type: ignore[misc]
        if node is not None:
            check_aliases(node, self._anchor_names, self.check_node)
        return node


def check_aliases(root: Node, anchors: dict[int, str], check: Callable[[Node], None] | None = None) -> None:
    """go-yaml's decode-time rules over the composed graph, walked as its decoder walks it: a node
    reached a second time comes through an alias, and so does everything under it. ``check`` sees
    each node once, when first reached, so its errors and these come in go-yaml's order."""
    decoded = aliased = 0
    path: set[int] = set()
    seen: set[int] = set()
    stack: list[tuple[Node, int, bool, bool]] = [(root, 1, False, False)]
    while stack:
        node, level, under, leaving = stack.pop()
        key = id(node)
        if leaving:
            path.discard(key)
            continue
        if key in path:
            raise YamlError(f"yaml: anchor '{anchors.get(key, '')}' value contains itself")
        first = key not in seen
        under = under or not first
        seen.add(key)
        decoded += 1
        aliased += under
        if excessive_aliasing(decoded, aliased):
            raise YamlError("yaml: document contains excessive aliasing")
        if check is not None and first:
            check(node)
        if isinstance(node, (SequenceNode, MappingNode)):
            if level > MAX_DEPTH:
                raise YamlError(DEPTH_ERROR)
            path.add(key)
            stack.append((node, level, under, True))
            children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
            stack.extend((child, level + 1, under, False) for child in reversed(children))


class _SafeLoader(_Limits, yaml.SafeLoader):
    """PyYAML's SafeLoader with the limits: for YAML that is not a manifest (a kubeconfig, an API
    request body) and for the lessons' own files."""


LimitedSafeLoader = _SafeLoader


def _flow_too_deep(text: str) -> bool:
    """Flow collections (``[[[[...``) too deep, told from the brackets before PyYAML's scanner,
    whose work grows with the square of the flow depth, meets them."""
    return ("[" in text or "{" in text) and json_text_too_deep(text)


def safe_load(text: str) -> Any:
    """yaml.safe_load with the limits above; YamlError (a yaml.YAMLError) past them."""
    if _flow_too_deep(text):
        raise YamlError(DEPTH_ERROR)
    return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a SafeLoader


def _go_int(plain: str) -> int | None:
    """go-yaml v2: strconv.ParseInt(plain with '_' removed, 0, 64), then the ``0b`` forms."""
    if not _INT.match(plain):
        return None
    text = plain.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    try:
        if body.startswith("0b"):
            value = int(body[2:], 2)
        elif body.startswith("0x"):
            value = int(body[2:], 16)
        elif body.startswith("0o"):
            value = int(body[2:], 8)
        elif body.startswith("0") and len(body) > 1:
            value = int(body[1:], 8)
        else:
            value = int(body, 10)
    except ValueError:
        return None
    value *= sign
    if not -(1 << 63) <= value < (1 << 64):
        return None
    return value


def resolve_plain(plain: str) -> Any:
    """go-yaml v2's resolve() of an untagged plain scalar, as decoded into interface{}."""
    if plain in _BOOLS:
        return _BOOLS[plain]
    if plain in _NULLS:
        return None
    if plain in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[plain]
    if plain and (plain[0] in "+-.0123456789"):
        as_int = _go_int(plain)
        if as_int is not None:
            return as_int
        if _FLOAT.match(plain):
            return float(plain)
    return plain


class _Loader(_Limits, yaml.SafeLoader):
    """SafeLoader whose plain scalars are resolved by go-yaml v2's rules (see ``resolve_plain``)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:  # type: ignore[override]
        if kind is ScalarNode and implicit[0]:
            return _MERGE if value == "<<" else _PLAIN
        return super().resolve(kind, value, implicit)

    def construct_plain(self, node: ScalarNode) -> Any:
        return resolve_plain(node.value)

    def check_node(self, node: Node) -> None:
        """go-yaml fails on a tagged scalar as it decodes it, depth first; PyYAML would construct a
        nested mapping after its parent's later keys, so the tags are checked here, in that order."""
        if isinstance(node, ScalarNode) and node.tag in TAGS:
            decode_tagged(node.tag, node.value, resolve_plain)

    def construct_tagged(self, node: Node) -> Any:
        """!!int, !!float, !!bool, !!null, !!timestamp, !!binary: go-yaml v2's rules (yamltags.py);
        on a mapping or a sequence, go-yaml ignores the tag."""
        if isinstance(node, MappingNode):
            return self.construct_yaml_map(node)
        if isinstance(node, SequenceNode):
            return self.construct_yaml_seq(node)
        return decode_tagged(node.tag, node.value, resolve_plain)


_Loader.add_constructor(_PLAIN, _Loader.construct_plain)
for _tag in TAGS:
    _Loader.add_constructor(_tag, _Loader.construct_tagged)


def _key(key: Any) -> str:
    """How sigs.k8s.io/yaml turns a YAML key into a JSON object key."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, float):
        return repr(key) if not key.is_integer() else str(int(key))
    return str(key)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {_key(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _go_problem(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or ""
    if problem.startswith("expected <block end>"):
        if (err.context or "").startswith("while parsing a block collection"):
            return "did not find expected '-' indicator"
        return "did not find expected key"
    if problem.startswith("found undefined alias"):
        return problem
    for pattern, go in _PROBLEMS:
        if pattern.match(problem):
            return go
    return problem or "unknown problem parsing YAML content"


def _go_error(err: yaml.MarkedYAMLError) -> YamlError:
    """go-yaml v2 decode.go parser.fail(): which line it names, and how."""
    problem = _go_problem(err)
    if (err.problem or "").startswith("found undefined alias"):
        name = (err.problem or "").split("'")[1] if "'" in (err.problem or "") else ""
        return YamlError(f"yaml: unknown anchor '{name}' referenced")
    line = 0
    problem_line = err.problem_mark.line if err.problem_mark is not None else 0
    mark = err.problem_mark
    if mark is not None and mark.buffer is not None and mark.pointer >= len(mark.buffer.rstrip("\0")) \
            and mark.column != 0:
        # The end of a text without a final newline: libyaml's stream end forces a new line
        # (yaml_parser_fetch_stream_end), PyYAML's does not.
        problem_line += 1
    context_line = err.context_mark.line if err.context_mark is not None else 0
    if problem_line != 0:
        line = problem_line + 1 if isinstance(err, yaml.scanner.ScannerError) else problem_line
    elif context_line != 0:
        line = context_line
    where = f"line {line}: " if line else ""
    return YamlError(f"yaml: {where}{problem}")


def yaml_to_python(text: str) -> Any:
    """One document as the JSON value sigs.k8s.io/yaml.YAMLToJSON would give (None when empty)."""
    if _flow_too_deep(text):
        raise YamlError(DEPTH_ERROR)
    try:
        value = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
    except YamlError:
        raise
    except TagError as err:
        raise YamlError(f"yaml: {err}") from None
    except yaml.MarkedYAMLError as err:
        raise _go_error(err) from None
    except yaml.YAMLError as err:
        raise YamlError(f"yaml: {err}") from None
    return _jsonable(value)
