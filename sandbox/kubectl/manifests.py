"""Reading ``-f``: files, ``-`` (standard input), directories, multi-document YAML and JSON streams.

The path follows cli-runtime's builder (``FilenameParam``, ``ExpandPathsToFileVisitors``,
``StreamVisitor``) and apimachinery's ``util/yaml`` decoder: a directory contributes its ``.json``,
``.yaml`` and ``.yml`` files (sub-directories only with ``-R``), a YAML stream is cut at ``---``
lines and each document is converted to JSON by sigs.k8s.io/yaml (go-yaml v2 underneath), a stream
whose first character is ``{`` is read as JSON. Errors carry kubectl's words::

    error parsing pod.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context
    error parsing pod.json: json: offset 62: invalid character '}' looking for beginning of object key string
    unable to decode "pod.yaml": Object 'Kind' is missing in '{"apiVersion":"v1"}'
    the path "nope.yaml" does not exist

YAML is parsed by PyYAML with go-yaml v2's scalar rules (``y``/``n``/``on``/``off`` are booleans,
timestamps stay strings) and its messages translated to libyaml's; JSON syntax errors come from a
port of encoding/json's scanner, with Go's byte offsets.
"""
from __future__ import annotations

import fnmatch
import json
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator


from sandbox.kubectl.errors import CmdError
from sandbox.kubectl.yamlreader import YamlError, yaml_to_python
from sandbox.kubectl.jsonstream import JsonStreamError, split_json_stream
from sandbox.sim.fs import FsError, normpath

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

STDIN = "STDIN"
FILE_EXTENSIONS = (".json", ".yaml", ".yml")
_GLOB_CHARS = "*?["


@dataclass(slots=True)
class Manifest:
    """One object read from a file: where it came from, and the object as JSON-like Python data."""

    source: str
    obj: dict[str, Any]


class ManifestError(CmdError):
    """A file could not be read or parsed; the message is kubectl's."""


def _go_json(value: Any) -> str:
    """encoding/json of a map[string]interface{} (keys sorted, no spaces): the text kubectl quotes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def expand_paths(k: Kube, filenames: list[str], recursive: bool) -> list[tuple[str, str]]:
    """The (source, absolute path) of every file to read, in kubectl's order; STDIN for ``-``.

    Raises ManifestError for a path that does not exist (before anything is read, as kubectl does).
    """
    out: list[tuple[str, str]] = []
    for name in filenames:
        if name == "-":
            out.append((STDIN, "-"))
            continue
        if name.startswith(("http://", "https://")):
            raise ManifestError(f'unable to read URL "{name}": Podlab\'s sandbox has no access to the internet; '
                                f"save the manifest to a file first")
        path = normpath(name, k.cwd)
        if not k.fs.exists(path):
            matches = _glob(k, name) if any(c in name for c in _GLOB_CHARS) else []
            if not matches:
                raise ManifestError(f'the path "{name}" does not exist')
            out.extend(matches)
            continue
        if k.fs.is_dir(path):
            out.extend(_walk(k, name.rstrip("/") or "/", path, recursive))
        else:
            out.append((name, path))
    return out


def _glob(k: Kube, pattern: str) -> list[tuple[str, str]]:
    """filepath.Glob of a pattern in its last element (kubectl expands ``-f '*.yaml'`` itself)."""
    head, _, tail = pattern.rpartition("/")
    base = normpath(head or ".", k.cwd)
    if not k.fs.is_dir(base):
        return []
    names = sorted(n for n in k.fs.listdir(base) if fnmatch.fnmatchcase(n, tail))
    return [(f"{head}/{n}" if head else n, normpath(n, base)) for n in names]


def _walk(k: Kube, shown: str, path: str, recursive: bool) -> Iterator[tuple[str, str]]:
    """filepath.Walk order: entries sorted by name; files only with a manifest extension."""
    for entry in sorted(k.fs.listdir(path)):
        child, child_shown = normpath(entry, path), f"{shown.rstrip('/')}/{entry}"
        if k.fs.is_dir(child):
            if recursive:
                yield from _walk(k, child_shown, child, recursive)
        elif entry.endswith(FILE_EXTENSIONS):
            yield child_shown, child


def read_source(k: Kube, source: str, path: str) -> str:
    if path == "-":
        return k.stdin
    try:
        return k.fs.read(path)
    except FsError as err:
        raise ManifestError(f"open {source}: {err.strerror.lower()}") from None


def split_yaml_documents(text: str) -> list[str]:
    """apimachinery's YAMLReader: documents cut at lines starting with ``---`` (only spaces or a
    comment may follow it on that line); the separator lines themselves are dropped."""
    docs: list[str] = []
    current: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("---"):
            trimmed = line[3:].strip()
            if trimmed and not trimmed.startswith("#"):
                raise ManifestError(f"invalid Yaml document separator: {trimmed}")
            if current:
                docs.append("".join(current))
                current = []
            continue
        current.append(line)
    if current:
        docs.append("".join(current))
    return docs


def _is_json_stream(text: str) -> bool:
    """GuessJSONStream: the first non-space byte is ``{``."""
    stripped = text.lstrip(" \t\r\n")
    return stripped.startswith("{")


def parse_stream(source: str, text: str) -> Iterator[Any]:
    """The documents of one stream as Python data, raising ManifestError at the first bad one
    (documents before it have been yielded already, as the streaming visitor processes them)."""
    if _is_json_stream(text):
        try:
            for raw in split_json_stream(text):
                yield _valid_utf8(json.loads(raw, parse_float=_go_float64))
        except JsonStreamError as err:
            raise ManifestError(f"error parsing {source}: {err}") from None
        except _FloatRangeError as err:
            raise ManifestError(f"error parsing {source}: json: cannot unmarshal number {err} into Go value of "
                                "type float64") from None
        return
    try:
        docs = split_yaml_documents(text)
    except ManifestError as err:
        raise ManifestError(f"error parsing {source}: {err}") from None
    for doc in docs:
        try:
            value = yaml_to_python(doc)
        except YamlError as err:
            raise ManifestError(f"error parsing {source}: error converting YAML to JSON: {err}") from None
        unsupported = _non_finite(value)
        if unsupported:   # YAML's .inf and .nan have no JSON form: sigs.k8s.io/yaml's json.Marshal fails
            raise ManifestError(f"error parsing {source}: error converting YAML to JSON: json: unsupported value: "
                                f"{unsupported}")
        yield _valid_utf8(value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_utf8(value: Any) -> Any:
    """A lone UTF-16 surrogate (``"\\ud800"``) cannot be UTF-8: Go's decoder (encoding/json, and
    json.Marshal after go-yaml) puts U+FFFD in its place."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_valid_utf8(k): _valid_utf8(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_valid_utf8(v) for v in value]
    return value


class _FloatRangeError(ValueError):
    """A JSON number out of float64's range (``1e400``); the error's text is the number."""


def _go_float64(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):
        raise _FloatRangeError(literal)
    return value


def _non_finite(value: Any) -> str:
    """Go's spelling (``+Inf``, ``-Inf``, ``NaN``) of the first infinite or NaN float in the value, or ""."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next((found for found in map(_non_finite, children) if found), "")


def to_object(source: str, value: Any) -> dict[str, Any]:
    """infoForData's decode: the document must be a JSON object with a kind."""
    if not isinstance(value, dict):
        what = "array" if isinstance(value, list) else "bool" if isinstance(value, bool) else \
            "number" if isinstance(value, (int, float)) else "string"
        raise ManifestError(f'unable to decode "{source}": json: cannot unmarshal {what} into Go value of type '
                            f"unstructured.detector")
    kind = value.get("kind")
    if not isinstance(kind, str) or not kind:
        raise ManifestError(f"unable to decode \"{source}\": Object 'Kind' is missing in '{_go_json(value)}'")
    return value


STOP_VALIDATE = "if you choose to ignore these errors, turn validation off with --validate=false"


def _object_kind_problem(value: Any) -> str:
    """getObjectKind of the schema validator: what is wrong with apiVersion/kind, or ""."""
    if not isinstance(value, dict):
        return "invalid object to validate"
    api_version = value.get("apiVersion")
    if api_version is None:
        return "apiVersion not set"
    if not isinstance(api_version, str):
        return "apiVersion isn't string type"
    if api_version.count("/") > 1:
        return f"unexpected GroupVersion string: {api_version}"
    kind = value.get("kind")
    if kind is None:
        return "kind not set"
    if not isinstance(kind, str):
        return "kind isn't string type"
    return ""


def read_manifests(k: Kube, filenames: list[str], recursive: bool = False,
                   validate: bool = False) -> Iterator[Manifest | ManifestError]:
    """Every object of every file, in order, with errors in their place (kubectl continues with
    the next file after an error). A ``kind: List`` contributes its items (the builder flattens).
    ``validate`` is create's and apply's schema check (``--validate`` strict or warn): a document
    without apiVersion or kind stops its file with ``error validating "f": error validating data:
    kind not set; if you choose to ignore these errors, turn validation off with --validate=false``."""
    for source, path in expand_paths(k, filenames, recursive):
        try:
            text = read_source(k, source, path)
            for value in parse_stream(source, text):
                if value is None:
                    continue
                problem = _object_kind_problem(value) if validate else ""
                if problem:
                    raise ManifestError(f'error validating "{source}": error validating data: {problem}; '
                                        f"{STOP_VALIDATE}")
                try:
                    obj = to_object(source, value)
                except ManifestError as err:
                    yield err
                    continue
                if obj["kind"].endswith("List") and isinstance(obj.get("items"), list):
                    for item in obj["items"]:
                        try:
                            yield Manifest(source, to_object(source, item))
                        except ManifestError as err:
                            yield err
                    continue
                yield Manifest(source, obj)
        except ManifestError as err:
            yield err
