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

import yaml
from yaml.nodes import ScalarNode

from sandbox.kubectl.errors import CmdError
from sandbox.sim.fs import FsError, normpath

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

STDIN = "STDIN"
FILE_EXTENSIONS = (".json", ".yaml", ".yml")
_GLOB_CHARS = "*?["


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


class YamlError(Exception):
    """``yaml: line 7: mapping values are not allowed in this context`` (go-yaml's Error())."""


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


class _Loader(yaml.SafeLoader):
    """SafeLoader whose plain scalars are resolved by go-yaml v2's rules (see ``resolve_plain``)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:  # type: ignore[override]
        if kind is ScalarNode and implicit[0]:
            return _MERGE if value == "<<" else _PLAIN
        return super().resolve(kind, value, implicit)

    def construct_plain(self, node: ScalarNode) -> Any:
        return resolve_plain(node.value)


_Loader.add_constructor(_PLAIN, _Loader.construct_plain)


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
    context_line = err.context_mark.line if err.context_mark is not None else 0
    if problem_line != 0:
        line = problem_line + 1 if isinstance(err, yaml.scanner.ScannerError) else problem_line
    elif context_line != 0:
        line = context_line
    where = f"line {line}: " if line else ""
    return YamlError(f"yaml: {where}{problem}")


def yaml_to_python(text: str) -> Any:
    """One document as the JSON value sigs.k8s.io/yaml.YAMLToJSON would give (None when empty)."""
    try:
        value = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
    except yaml.MarkedYAMLError as err:
        raise _go_error(err) from None
    except yaml.YAMLError as err:
        raise YamlError(f"yaml: {err}") from None
    return _jsonable(value)


# -- encoding/json's scanner --------------------------------------------------------------------
# kubectl reads a JSON manifest with json.NewDecoder and reports a syntax error as ``json: offset N:
# invalid character '}' looking for beginning of object key string``: N counts the bytes read, the
# bad one included, from the start of the stream; a value cut short is ``unexpected EOF``. The
# wording of each context comes from encoding/json/scanner.go.

_SPACE = b" \t\r\n"
_DIGITS = b"0123456789"
_HEX = b"0123456789abcdefABCDEF"


class JsonStreamError(Exception):
    """``json: offset 62: invalid character ...`` or ``unexpected EOF``."""


class _Eof(Exception):
    pass


def _quote_char(c: int) -> str:
    """encoding/json quoteChar: ``'x'``, ``'\\''``, ``'"'``, ``'\\t'``."""
    if c == 0x27:
        return "'\\''"
    if c == 0x22:
        return "'\"'"
    ch = chr(c)
    escapes = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
               "\\": "\\\\"}
    if ch in escapes:
        return f"'{escapes[ch]}'"
    if c < 0x20 or c == 0x7F:
        return f"'\\x{c:02x}'"
    return f"'{ch}'"


class _Scanner:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.i = 0

    def fail(self, context: str) -> JsonStreamError:
        c = self.data[self.i]
        return JsonStreamError(f"json: offset {self.i + 1}: invalid character {_quote_char(c)} {context}")

    def peek(self) -> int:
        if self.i >= len(self.data):
            raise _Eof
        return self.data[self.i]

    def skip_space(self) -> None:
        while self.i < len(self.data) and self.data[self.i] in _SPACE:
            self.i += 1

    def value(self) -> None:
        self.skip_space()
        c = self.peek()
        if c == ord("{"):
            self.i += 1
            self._object()
        elif c == ord("["):
            self.i += 1
            self._array()
        elif c == ord('"'):
            self.i += 1
            self._string()
        elif c == ord("-") or c in _DIGITS:
            self._number()
        elif c in b"tfn":
            word = {ord("t"): b"true", ord("f"): b"false", ord("n"): b"null"}[c]
            self.i += 1
            for expected in word[1:]:
                if self.peek() != expected:
                    raise self.fail(f"in literal {word.decode()} (expecting '{chr(expected)}')")
                self.i += 1
        else:
            raise self.fail("looking for beginning of value")

    def _object(self) -> None:
        self.skip_space()
        if self.peek() == ord("}"):
            self.i += 1
            return
        while True:
            self.skip_space()
            if self.peek() != ord('"'):
                raise self.fail("looking for beginning of object key string")
            self.i += 1
            self._string()
            self.skip_space()
            if self.peek() != ord(":"):
                raise self.fail("after object key")
            self.i += 1
            self.value()
            self.skip_space()
            c = self.peek()
            if c == ord(","):
                self.i += 1
                continue
            if c == ord("}"):
                self.i += 1
                return
            raise self.fail("after object key:value pair")

    def _array(self) -> None:
        self.skip_space()
        if self.peek() == ord("]"):
            self.i += 1
            return
        while True:
            self.value()
            self.skip_space()
            c = self.peek()
            if c == ord(","):
                self.i += 1
                continue
            if c == ord("]"):
                self.i += 1
                return
            raise self.fail("after array element")

    def _string(self) -> None:
        while True:
            c = self.peek()
            if c == ord('"'):
                self.i += 1
                return
            if c == ord("\\"):
                self.i += 1
                e = self.peek()
                if e == ord("u"):
                    self.i += 1
                    for _ in range(4):
                        if self.peek() not in _HEX:
                            raise self.fail("in \\u hexadecimal character escape")
                        self.i += 1
                    continue
                if e not in b'"\\/bfnrt':
                    raise self.fail("in string escape code")
                self.i += 1
                continue
            if c < 0x20:
                raise self.fail("in string literal")
            self.i += 1

    def _digits(self) -> None:
        while self.i < len(self.data) and self.data[self.i] in _DIGITS:
            self.i += 1

    def _number(self) -> None:
        if self.peek() == ord("-"):
            self.i += 1
            if self.peek() not in _DIGITS:
                raise self.fail("in numeric literal")
        if self.peek() == ord("0"):
            self.i += 1
        else:
            self._digits()
        if self.i < len(self.data) and self.data[self.i] == ord("."):
            self.i += 1
            if self.peek() not in _DIGITS:
                raise self.fail("after decimal point in numeric literal")
            self._digits()
        if self.i < len(self.data) and self.data[self.i] in b"eE":
            self.i += 1
            if self.peek() in b"+-":
                self.i += 1
            if self.peek() not in _DIGITS:
                raise self.fail("in exponent of numeric literal")
            self._digits()


def split_json_stream(text: str) -> Iterator[str]:
    """The JSON texts of the values in a stream, one by one; JsonStreamError at the first bad byte."""
    data = text.encode("utf-8")
    scanner = _Scanner(data)
    while True:
        scanner.skip_space()
        if scanner.i >= len(data):
            return
        start = scanner.i
        try:
            scanner.value()
        except _Eof:
            raise JsonStreamError("unexpected EOF") from None
        yield data[start:scanner.i].decode("utf-8")


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
                yield json.loads(raw)
        except JsonStreamError as err:
            raise ManifestError(f"error parsing {source}: {err}") from None
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
        yield value


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
