"""``kubectl explain TYPE[.field...]`` (k8s.io/kubectl pkg/explain/v2, its ``plaintext`` template).

The field documentation is the Kubernetes 1.32 OpenAPI data shipped in kubernetes-validate, read
through sandbox/sim/apiserver/schema.py's loader (descriptions kept). The layout is kubectl 1.32's
plaintext template, verified by running kubectl 1.32 against these same definitions served as an
OpenAPI v3 document: ``KIND:``/``VERSION:``, ``FIELD: name <type>``, ``DESCRIPTION:`` (the field's
text, then its type's), ``FIELDS:`` with ``<[]Container>``, ``<map[string]string>``,
``-required-``; text wrapped at 76 columns by go-wordwrap and indented by 4.

What differs from a real 1.32 server: these definitions come from the OpenAPI v2 document, which
has no enum lists, so kubectl's ``ENUM:`` block and the "Possible enum values" paragraphs of fields
like ``restartPolicy`` or ``imagePullPolicy`` are missing. ``-o plaintext-openapiv2`` is not offered.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.errors import CmdError, RawError
from sandbox.kubectl.flags import bool_flag, string_flag
from sandbox.kubectl.resources import resolve
from sandbox.sim.apiserver import schema

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

PREFIX = "#/$defs/"


@lru_cache(maxsize=1)
def definitions() -> dict[str, dict[str, Any]]:
    text = schema._package_files().joinpath(*schema._DEFINITIONS).read_text(encoding="utf-8")
    return json.loads(text)["$defs"]  # type: ignore[no-any-return]


def wrap(text: str, limit: int) -> str:
    """mitchellh/go-wordwrap WrapString."""
    out: list[str] = []
    current = 0
    word: list[str] = []
    space: list[str] = []
    for ch in text:
        if ch == "\n":
            if not word:
                if current + len(space) > limit:
                    current = 0
                else:
                    out.extend(space)
            else:
                out.extend(space)
                out.extend(word)
            space, word = [], []
            out.append(ch)
            current = 0
        elif ch.isspace() and ch != "\u00a0":
            if not space or word:
                current += len(space) + len(word)
                out.extend(space)
                out.extend(word)
                space, word = [], []
            space.append(ch)
        else:
            word.append(ch)
            if current + len(space) + len(word) > limit and len(word) < limit:
                out.append("\n")
                current = 0
                space = []
    if not word:
        if current + len(space) <= limit:
            out.extend(space)
    else:
        out.extend(space)
        out.extend(word)
    return "".join(out)


def indent(amount: int, text: str) -> str:
    pad = " " * amount
    return pad + text.replace("\n", "\n" + pad)


def _types(node: dict[str, Any]) -> list[str]:
    types = node.get("type", [])
    return [t for t in ([types] if isinstance(types, str) else types) if t != "null"]


def _target(node: dict[str, Any]) -> dict[str, Any] | None:
    ref = node.get("$ref")
    return definitions()[ref[len(PREFIX):]] if isinstance(ref, str) and ref.startswith(PREFIX) else None


def type_name(node: dict[str, Any]) -> str:
    """The template's typeGuess: ``PodSpec``, ``[]Container``, ``map[string]string``, ``string``."""
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(PREFIX):
        target = _target(node) or {}
        if "properties" in target or "oneOf" in target or not _types(target) or "object" in _types(target):
            return ref.rsplit(".", 1)[1]
        return type_name(target)
    types = _types(node)
    if "array" in types:
        return "[]" + type_name(node.get("items") or {})
    if "object" in types and isinstance(node.get("additionalProperties"), dict):
        return "map[string]" + type_name(node["additionalProperties"])
    return types[0] if types else "Object"


def _properties(node: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The fields of the object a node is (through refs and arrays)."""
    while True:
        target = _target(node)
        if target is not None:
            node = target
        elif "array" in _types(node):
            node = node.get("items") or {}
        else:
            break
    props = node.get("properties") or {}
    if set(props) >= {"apiVersion", "kind"}:  # the v2 → JSON schema tool added these enums
        props = {k: {kk: vv for kk, vv in v.items() if not (k in ("apiVersion", "kind") and kk == "enum")}
                 for k, v in props.items()}
    return props, list(node.get("required") or [])


def _field_line(name: str, node: dict[str, Any], required: list[str], depth: int) -> str:
    line = f"{'  ' * depth}{name}\t<{type_name(node)}>" + (" -required-" if name in required else "") + "\n"
    if node.get("enum"):
        line += f"{'  ' * depth}enum: {', '.join(str(e) for e in node['enum'])}\n"
    return line


def _fields(node: dict[str, Any]) -> str:
    props, required = _properties(node)
    out = []
    for name in sorted(props):
        out.append(_field_line(name, props[name], required, 1))
        out.append(indent(4, wrap(props[name].get("description", ""), 76)) + "\n\n")
    return "".join(out)


def _recursive(node: dict[str, Any], depth: int, seen: tuple[str, ...]) -> str:
    props, required = _properties(node)
    out = []
    for name in sorted(props):
        out.append(_field_line(name, props[name], required, depth))
        ref = _ref_of(props[name])
        if ref and ref not in seen:
            out.append(_recursive(props[name], depth + 1, seen + (ref,)))
    return "".join(out)


def _ref_of(node: dict[str, Any]) -> str:
    while True:
        if isinstance(node.get("$ref"), str):
            return str(node["$ref"])
        if "array" in _types(node):
            node = node.get("items") or {}
            continue
        return ""


def explain(resource_word: str, path: list[str], recursive: bool) -> str:
    resource = resolve(resource_word)
    root_name = schema.definition_for(resource.group, resource.version, resource.kind)
    if root_name is None:
        raise CmdError(f'couldn\'t find resource for "{resource.api_version}, Resource={resource.plural}"')
    root = definitions()[root_name]
    out = [f"KIND:       {resource.kind}\nVERSION:    {resource.version}\n\n"]
    node, field_name = root, ""
    for part in path:
        props, _ = _properties(node)
        if part not in props:
            raise _Missing(out[0], part)
        node, field_name = props[part], part
    descriptions = [node.get("description", "")] if path else []
    target = _item_target(node) if path else root
    if target is not None and target.get("description"):
        descriptions.append(target["description"])
    if path:
        out.append(f"FIELD: {field_name} <{type_name(node)}>\n\n\n")
    text = "".join(d + "\n" for d in descriptions)
    out.append("DESCRIPTION:\n" + indent(4, wrap(text, 76)) + "\n")
    props, _ = _properties(node)
    if props:
        body = _recursive(node, 1, (_ref_of(node),)) if recursive else _fields(node)
        out.append("FIELDS:\n" + body)
    out.append("\n")
    return "".join(out)


def _item_target(node: dict[str, Any]) -> dict[str, Any] | None:
    """The definition a field refers to, through an array's items."""
    while "array" in _types(node) and "$ref" not in node:
        node = node.get("items") or {}
    return _target(node)


class _Missing(Exception):
    def __init__(self, header: str, field: str) -> None:
        super().__init__(field)
        self.header, self.field = header, field


def run_explain(k: Kube, inv: Invocation) -> int:
    if not inv.args:
        raise CmdError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete '
                       "list of supported resources.")
    if len(inv.args) > 1:
        raise CmdError("We accept only this format: explain RESOURCE")
    output = inv.flags["output"]
    if output not in ("plaintext", "plaintext-openapiv2"):
        raise CmdError(f"unrecognized format: {output}")
    if output == "plaintext-openapiv2":
        raise CmdError("-o plaintext-openapiv2 is not available in Podlab; use the default -o plaintext")
    words = inv.args[0].split(".")
    if any(not w for w in words[1:-1]) or "[" in inv.args[0]:
        raise CmdError("invalid jsonpath syntax, first node must be field node")
    path = [w for w in words[1:] if w]
    try:
        resource = resolve(words[0])
    except CmdError as err:  # the RESTMapper's NoResourceMatchError: CheckErr prints it bare
        raise RawError(str(err)) from None
    if inv.flags["api-version"] and inv.flags["api-version"] != resource.api_version:
        raise CmdError(f'couldn\'t find resource for "{inv.flags["api-version"]}, Resource={resource.plural}"')
    try:
        k.out(explain(words[0], path, inv.flags["recursive"]))
    except _Missing as missing:
        k.out(missing.header)
        raise CmdError(f'field "{missing.field}" does not exist') from None
    return 0


COMMAND = Command(
    "explain", "Get documentation for a resource",
    flags=(string_flag("api-version", "Use given api-version (group/version) of the resource."),
           string_flag("output", "Format in which to render the schema. Valid values are: (plaintext, "
                       "plaintext-openapiv2).", "o", default="plaintext"),
           bool_flag("recursive", "When true, print the name of all the fields recursively. Otherwise, print the "
                     "available fields with their description.")),
    run=run_explain)
