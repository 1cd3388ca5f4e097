"""Reading YAML while remembering where each value was written.

``yaml.compose`` (PyYAML's SafeLoader) gives the node tree with a mark on every node, before any
value is built; the readers below turn nodes into Python values and, on a wrong value, record a
``LessonError`` naming the file, the 1-based line, the step and the field path, then carry on, so
that one run reports every problem (the loader never stops at the first). A reader that fails
returns None; callers skip what they cannot build.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lessons.schema.errors import LessonError
from lessons.schema.model import Text
from lessons.schema.prose import unclosed_emphasis
from sandbox.kubectl.yamlreader import LimitedSafeLoader

# Keys written bare in a field path; anything else (``spec.restartPolicy`` as a key of ``fields``)
# is shown quoted in brackets so the path stays readable: fields["spec.restartPolicy"].
_BARE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(slots=True)
class Document:
    """One YAML file being read: its name as errors show it, the folder its ``.md`` files live in
    (None: text is never read from files), and the problems found so far."""
    file: str
    folder: Path | None
    errors: list[LessonError] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Where:
    """A position in a document: the field path (relative to the step when inside one)."""
    doc: Document
    field: str = ""
    step: str | None = None

    def key(self, name: str) -> Where:
        if _BARE_KEY.match(name):
            part = f".{name}" if self.field else name
        else:
            part = f'["{name}"]'
        return Where(self.doc, self.field + part, self.step)

    def item(self, index: int) -> Where:
        return Where(self.doc, f"{self.field}[{index}]", self.step)

    def in_step(self, step_id: str) -> Where:
        return Where(self.doc, "", step_id)

    def error(self, at: Node | int, message: str) -> None:
        line = at if isinstance(at, int) else at.start_mark.line + 1
        self.doc.errors.append(LessonError(self.doc.file, line, self.step, self.field, message))


def compose(text: str, doc: Document) -> Node | None:
    """The node tree of a one-document YAML text; a syntax error is recorded at its line."""
    try:
        # Trusted text, but the same limits as a learner's (sandbox/sim/limits.py): nesting, aliases.
        node = yaml.compose(text, Loader=LimitedSafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = f"{error.context}, {error.problem}" if error.context else str(error.problem)
        doc.errors.append(LessonError(doc.file, mark.line + 1 if mark else 1, None, "",
                                      f"YAML syntax error: {detail}"))
        return None
    except yaml.YAMLError as error:
        doc.errors.append(LessonError(doc.file, 1, None, "", f"YAML syntax error: {error}"))
        return None
    if node is None:
        doc.errors.append(LessonError(doc.file, 1, None, "", "the file is empty"))
    return node


def plain(node: Node) -> Any:
    """The Python value of a node and everything under it, as yaml.safe_load would build it."""
    try:
        return SafeConstructor().construct_document(node)
    except ConstructorError:
        return node.value if isinstance(node, ScalarNode) else None


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if plain(node) is None:
        return "nothing"
    return f'"{node.value}"'


def items(node: Node, where: Where, what: str = "a mapping (key: value)") -> dict[str, tuple[Node, Node]] | None:
    """A mapping's entries by key (key node, value node); a repeated key is an error (PyYAML
    silently keeps the last one, which hides mistakes)."""
    if not isinstance(node, MappingNode):
        where.error(node, f"expected {what}, not {describe(node)}")
        return None
    found: dict[str, tuple[Node, Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            where.error(key_node, "a key must be a plain word, not a list or mapping")
            continue
        key = str(key_node.value)
        if key in found:
            where.key(key).error(key_node, f'duplicate key "{key}"')
            continue
        found[key] = (key_node, value_node)
    return found


def unknown_key(where: Where, key_node: Node, key: str, allowed: Iterable[str]) -> None:
    choices = list(allowed)
    message = f'unknown key "{key}"'
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    if close:
        message += f'; did you mean "{close[0]}"?'
    elif choices and len(choices) <= 12:
        message += "; expected one of " + ", ".join(choices)
    where.key(key).error(key_node, message)


def fields(node: Node, where: Where, allowed: Iterable[str], required: Iterable[str] = (),
           what: str = "a mapping (key: value)") -> dict[str, Node] | None:
    """A mapping with a fixed set of keys: unknown keys and missing required keys are errors.
    Returns the known keys' value nodes (None when the node is not a mapping)."""
    entries = items(node, where, what)
    if entries is None:
        return None
    allowed = tuple(allowed)
    found: dict[str, Node] = {}
    for key, (key_node, value_node) in entries.items():
        if key in allowed:
            found[key] = value_node
        else:
            unknown_key(where, key_node, key, allowed)
    for key in required:
        if key not in entries:
            where.key(key).error(node, "missing (required)")
    return found


def sequence(node: Node, where: Where, what: str = "a list") -> list[Node] | None:
    if not isinstance(node, SequenceNode):
        where.error(node, f"expected {what}, not {describe(node)}")
        return None
    return list(node.value)


def string(node: Node, where: Where, what: str = "a word or text") -> str | None:
    """Any scalar as written (``name: 2024`` is the name "2024"); empty or missing is an error."""
    if not isinstance(node, ScalarNode) or plain(node) is None or str(node.value) == "":
        where.error(node, f"expected {what}, not {describe(node)}")
        return None
    return str(node.value)


def name(node: Node, where: Where, what: str = "id") -> str | None:
    """An identifier as steps, checks and lessons use them: lowercase letters, digits, dashes."""
    value = string(node, where, f"a {what}")
    if value is not None and not NAME.match(value):
        where.error(node, f'"{value}" is not a valid {what}: use lowercase letters, digits and dashes, '
                          "like run-nginx")
        return None
    return value


def integer(node: Node, where: Where, minimum: int | None = None) -> int | None:
    value = plain(node) if isinstance(node, ScalarNode) else None
    if not isinstance(value, int) or isinstance(value, bool):
        where.error(node, f"expected a whole number, not {describe(node)}")
        return None
    if minimum is not None and value < minimum:
        where.error(node, f"must be at least {minimum}, not {value}")
        return None
    return value


def number(node: Node, where: Where, minimum: float | None = None) -> float | None:
    value = plain(node) if isinstance(node, ScalarNode) else None
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        where.error(node, f"expected a number, not {describe(node)}")
        return None
    if minimum is not None and value < minimum:
        where.error(node, f"must be at least {minimum:g}, not {value:g}")
        return None
    return float(value)


def boolean(node: Node, where: Where) -> bool | None:
    value = plain(node) if isinstance(node, ScalarNode) else None
    if not isinstance(value, bool):
        where.error(node, f"expected true or false, not {describe(node)}")
        return None
    return value


def strings(node: Node, where: Where, what: str = "a list of words") -> tuple[str, ...] | None:
    entries = sequence(node, where, what)
    if entries is None:
        return None
    values = [string(entry, where.item(i)) for i, entry in enumerate(entries)]
    return None if any(v is None for v in values) else tuple(v for v in values if v is not None)


_LANGUAGE_NAMES = {"ko": "Korean", "en": "English"}


def text(node: Node, where: Where) -> Text | None:
    """Markdown in Korean and English: ``{ko: ..., en: ...}``. A value ending in ``.md`` on one line
    names a file beside lesson.yaml (``run.ko.md``); anything else is the Markdown itself."""
    found = fields(node, where, ("ko", "en"), what="text in Korean and English: {ko: ..., en: ...}")
    if found is None:
        return None
    values: dict[str, str] = {}
    for language, language_name in _LANGUAGE_NAMES.items():
        if language not in found:
            where.error(node, f"missing {language_name} text ({language})")
            continue
        value = string(found[language], where.key(language), f"{language_name} text")
        if value is not None and value.strip().endswith(".md") and "\n" not in value.strip():
            value = markdown_file(value.strip(), found[language], where.key(language))
        if value is not None:
            values[language] = value
            stars = unclosed_emphasis(value)
            if stars is not None:
                where.key(language).error(found[language], f"Markdown will show these stars as they are: "
                                          f"\"{stars}\" (after punctuation, ** must be followed by a space: "
                                          f"write **파드**(Pod)는, not **파드(Pod)**는)")
    if len(values) != 2:
        return None
    return Text(ko=values["ko"], en=values["en"])


def markdown_file(reference: str, node: Node, where: Where) -> str | None:
    """A ``.md`` file beside lesson.yaml (subfolders allowed, nothing outside the lesson folder)."""
    folder = where.doc.folder
    path = (folder / reference) if folder is not None else None
    if path is None or reference.startswith("/") or ".." in Path(reference).parts or not path.is_file():
        where.error(node, f"text file {reference} not found")
        return None
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        where.error(node, f"text file {reference} is not UTF-8 text")
        return None
    if not content.strip():
        where.error(node, f"text file {reference} is empty")
        return None
    return content
