"""lesson.yaml -> model.Lesson, validating every field (docs/authoring.md is the grammar).

The YAML is composed, not loaded, so each node keeps its line; every problem becomes a
``LessonError`` naming file, line, step and field, and all of them are reported together (a
lesson that has any is not returned). Plain Python: files are read, nothing of Django is imported,
so the catalog, the management commands and the tests share it.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node

from lessons.schema.checks import read_check
from lessons.schema.errors import LessonError, LessonErrors, sorted_errors
from lessons.schema.model import Check, Hint, Lesson, Step
from lessons.schema.quiz import read_quiz
from lessons.schema.setup import read_setup
from lessons.schema.values import duration
from lessons.schema.yamlnodes import (NAME, Document, Where, compose, fields, integer, items, name, sequence,
                                      strings, text)

LESSON_FILE = "lesson.yaml"
LESSON_KEYS = ("order", "minutes", "title", "summary", "prerequisites", "tags", "grading", "setup", "steps", "quiz")
STEP_KEYS = ("id", "title", "text", "checks", "hints", "solution", "explanation")
HINT_KEYS = ("text", "after", "after_real", "when")

__all__ = ["LESSON_FILE", "LessonError", "LessonErrors", "lesson_folders", "load_all", "load_lesson", "parse_check"]


@dataclass(slots=True)
class _Reading:
    """One lesson.yaml being read: the check ids given so far (unique in the lesson) and where the
    prerequisites are written (load_all checks them against the other lessons)."""
    doc: Document
    slug: str
    check_ids: dict[str, tuple[int, bool]] = field(default_factory=dict)    # id -> (line, written)
    order: int | None = None
    prerequisites: list[tuple[str, int]] = field(default_factory=list)    # (slug, line)


def load_lesson(folder: Path, *, base: Path | None = None) -> Lesson:
    """The lesson in ``folder`` (its lesson.yaml and .md files); LessonErrors lists every problem.
    Errors name files relative to ``base`` when given (as written otherwise)."""
    lesson, reading = _read(Path(folder), base)
    if lesson is None:
        raise LessonErrors(sorted_errors(reading.doc.errors))
    return lesson


def load_all(root: Path, *, base: Path | None = None) -> tuple[list[Lesson], list[LessonError]]:
    """Every lesson folder under ``root`` (folders starting with ``.`` or ``_`` are skipped), sorted
    by order then slug, and every problem, prerequisites included. Only sound lessons are returned."""
    root = Path(root)
    errors: list[LessonError] = []
    if not root.is_dir():
        return [], [LessonError(_display(root, base), 0, None, "", "lessons folder not found")]
    readings: list[tuple[Lesson | None, _Reading]] = []
    for folder in lesson_folders(root):
        lesson, reading = _read(folder, base)
        errors += reading.doc.errors
        readings.append((lesson, reading))
    orders = {reading.slug: reading.order for _, reading in readings}
    lessons: list[Lesson] = []
    for lesson, reading in readings:
        problems = _prerequisite_errors(reading, orders)
        errors += problems
        if lesson is not None and not problems:
            lessons.append(lesson)
    lessons.sort(key=lambda lesson: (lesson.order, lesson.slug))
    return lessons, sorted_errors(errors)


def lesson_folders(root: Path) -> list[Path]:
    """The lesson folders of a content root, by name: every folder not starting with ``.`` or ``_``."""
    return sorted(p for p in Path(root).iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def parse_check(data: Any, where: str = "check") -> Check:
    """One check from Python data (``{"pod": "nginx", "status": "Running"}``) or YAML text, as a
    step's ``checks:`` entry would be read, except that the message is optional. ``where`` names it
    in errors and becomes its id. Raises LessonErrors."""
    doc = Document(file=f"<{where}>", folder=None)
    node = compose(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), doc)
    check = read_check(node, Where(doc), where, nested=False, message_required=False) if node is not None else None
    if check is None or doc.errors:
        raise LessonErrors(doc.errors)
    return check


# -- one lesson ---------------------------------------------------------------------------------
def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.resolve().relative_to(Path(base).resolve()))
        except ValueError:
            pass
    return str(path)


def _read(folder: Path, base: Path | None) -> tuple[Lesson | None, _Reading]:
    path = folder / LESSON_FILE
    reading = _Reading(Document(file=_display(path, base), folder=folder), folder.name)
    doc = reading.doc
    if not path.is_file():
        doc.errors.append(LessonError(_display(folder, base), 0, None, "", f"no {LESSON_FILE} in this lesson folder"))
        return None, reading
    where = Where(doc)
    if not NAME.match(folder.name):
        where.key("slug").error(1, f'the folder name "{folder.name}" is the lesson\'s slug: use lowercase letters, '
                                   "digits and dashes, like 01-what-is-a-pod")
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        doc.errors.append(LessonError(doc.file, 0, None, "", "not UTF-8 text"))
        return None, reading
    root = compose(source, doc)
    if root is None:
        return None, reading
    lesson = _lesson(root, where, folder, reading)
    return (lesson if lesson is not None and not doc.errors else None), reading


def _lesson(node: Node, where: Where, folder: Path, reading: _Reading) -> Lesson | None:
    found = fields(node, where, LESSON_KEYS, ("order", "minutes", "title", "summary", "steps"),
                   what="a lesson (order, title, summary, steps, ...)")
    if found is None:
        return None
    values: dict[str, Any] = {"slug": folder.name, "path": str(folder / LESSON_FILE)}  # as given, not as shown
    for key, value_node in found.items():
        here = where.key(key)
        if key == "order":
            values[key] = reading.order = integer(value_node, here, minimum=0)
        elif key == "minutes":
            values[key] = integer(value_node, here, minimum=1)
        elif key in ("title", "summary"):
            values[key] = text(value_node, here)
        elif key == "prerequisites":
            values[key] = strings(value_node, here, "a list of lesson slugs")
            if values[key] is not None:
                reading.prerequisites = [(slug, entry.start_mark.line + 1)
                                         for slug, entry in zip(values[key], value_node.value)]
        elif key == "tags":
            values[key] = strings(value_node, here, "a list of words")
        elif key == "grading":
            grading = fields(value_node, here, ("window",))
            if grading is None:
                values["grading_window"] = None
            elif "window" in grading:
                values["grading_window"] = duration(grading["window"], here.key("window"))
        elif key == "setup":
            values[key] = read_setup(value_node, here)
        elif key == "steps":
            values[key] = _steps(value_node, here, reading)
        elif key == "quiz":
            values[key] = read_quiz(value_node, here)
    if None in values.values() or any(k not in found for k in ("order", "minutes", "title", "summary", "steps")):
        return None
    return Lesson(**values)


def _steps(node: Node, where: Where, reading: _Reading) -> tuple[Step, ...] | None:
    entries = sequence(node, where, "a list of steps")
    if entries is None:
        return None
    if not entries:
        where.error(node, "a lesson needs at least one step")
        return None
    seen: dict[str, int] = {}
    steps = [_step(entry, where.item(i), seen, reading) for i, entry in enumerate(entries)]
    return None if any(step is None for step in steps) else tuple(s for s in steps if s is not None)


def _step(node: Node, where: Where, seen: dict[str, int], reading: _Reading) -> Step | None:
    entries = items(node, where, "a step (id, title, text, checks, ...)")
    if entries is None:
        return None
    step_id = name(entries["id"][1], where.key("id"), "step id") if "id" in entries else None
    if step_id is not None:
        id_node = entries["id"][1]
        if step_id in seen:
            where.key("id").error(id_node, f'duplicate step id "{step_id}" (also on line {seen[step_id]})')
        else:
            seen[step_id] = id_node.start_mark.line + 1
        where = where.in_step(step_id)  # from here on, fields are named relative to the step
    found = fields(node, where, STEP_KEYS, ("id", "title", "text", "checks"), what="a step")
    if found is None:
        return None
    values: dict[str, Any] = {"id": step_id, "line": node.start_mark.line + 1}
    for key, value_node in found.items():
        here = where.key(key)
        if key in ("title", "text", "explanation"):
            values[key] = text(value_node, here)
        elif key == "checks":
            values[key] = _checks(value_node, here, step_id or f"step{where.field}", reading)
        elif key == "hints":
            values[key] = _hints(value_node, here, step_id)
        elif key == "solution":
            values[key] = strings(value_node, here, "a list of shell lines")
    if None in values.values() or any(k not in values for k in ("title", "text", "checks")):
        return None
    return Step(**values)


def _checks(node: Node, where: Where, step_id: str, reading: _Reading) -> tuple[Check, ...] | None:
    entries = sequence(node, where, "a list of checks")
    if entries is None:
        return None
    if not entries:
        where.error(node, "a step needs at least one check")
        return None
    checks: list[Check | None] = []
    for i, entry in enumerate(entries):
        check = read_check(entry, where.item(i), f"{step_id}-{i + 1}", nested=False, message_required=True)
        if check is not None:
            # Made-up ids collide only when step ids do, which is reported already.
            explicit = isinstance(entry, MappingNode) and any(key.value == "id" for key, _ in entry.value)
            earlier = reading.check_ids.get(check.id)
            if earlier is not None and (explicit or earlier[1]):
                where.item(i).key("id").error(check.line,
                                              f'duplicate check id "{check.id}" (also on line {earlier[0]})')
                check = None
            else:
                reading.check_ids[check.id] = (check.line, explicit)
        checks.append(check)
    return None if any(check is None for check in checks) else tuple(c for c in checks if c is not None)


def _hints(node: Node, where: Where, step_id: str) -> tuple[Hint, ...] | None:
    entries = sequence(node, where, "a list of hints")
    if entries is None:
        return None
    hints: list[Hint | None] = []
    for i, entry in enumerate(entries):
        here = where.item(i)
        found = fields(entry, here, HINT_KEYS, ("text",), what="a hint (text, and after, after_real or when)")
        if found is None or "text" not in found:
            hints.append(None)
            continue
        values: dict[str, Any] = {"text": text(found["text"], here.key("text"))}
        for key in ("after", "after_real"):
            if key in found:
                values[key] = duration(found[key], here.key(key))
        if "when" in found:
            values["when"] = read_check(found["when"], here.key("when"), f"{step_id}-hint-{i + 1}",
                                        nested=True, message_required=False)
        hints.append(None if None in values.values() else Hint(**values))
    return None if any(hint is None for hint in hints) else tuple(h for h in hints if h is not None)


# -- across lessons -----------------------------------------------------------------------------
def _prerequisite_errors(reading: _Reading, orders: dict[str, int | None]) -> list[LessonError]:
    """Prerequisites name other lessons of the course, each earlier in the order (so there are no
    cycles); checked for every lesson folder, even one with other problems."""
    errors: list[LessonError] = []
    for i, (slug, line) in enumerate(reading.prerequisites):
        def error(message: str) -> None:
            errors.append(LessonError(reading.doc.file, line, None, f"prerequisites[{i}]", message))
        order, own = orders.get(slug), reading.order
        if slug == reading.slug:
            error("a lesson cannot be its own prerequisite")
        elif slug not in orders:
            close = difflib.get_close_matches(slug, [s for s in orders if s != reading.slug], n=1)
            error(f'unknown prerequisite lesson "{slug}"' + (f'; did you mean "{close[0]}"?' if close else ""))
        elif order is not None and own is not None and order >= own:
            error(f'prerequisite "{slug}" must come earlier: its order is {order}, this lesson\'s is {own}')
    return errors
