"""A lesson's ``quiz:``: questions for what the cluster cannot check (model.Question).

A question with one answer (``multiple: false``, the default) has exactly one correct choice; with
``multiple: true`` the learner must pick every correct one, so at least one is correct.
"""
from __future__ import annotations

from typing import Any

from yaml.nodes import Node

from lessons.schema.model import Choice, Question
from lessons.schema.yamlnodes import Where, boolean, fields, integer, name, sequence, text

QUESTION_KEYS = ("id", "text", "multiple", "points", "choices", "explanation")
CHOICE_KEYS = ("text", "correct", "explanation")


def read_quiz(node: Node, where: Where) -> tuple[Question, ...] | None:
    entries = sequence(node, where, "a list of questions")
    if entries is None:
        return None
    seen: dict[str, int] = {}
    questions = [_question(entry, where.item(i), seen) for i, entry in enumerate(entries)]
    return None if any(q is None for q in questions) else tuple(q for q in questions if q is not None)


def _question(node: Node, where: Where, seen: dict[str, int]) -> Question | None:
    required = ("id", "text", "choices")
    found = fields(node, where, QUESTION_KEYS, required, what="a question")
    if found is None:
        return None
    values: dict[str, Any] = {"line": node.start_mark.line + 1}
    if "id" in found:
        question_id = values["id"] = name(found["id"], where.key("id"), "question id")
        if question_id in seen:
            where.key("id").error(found["id"],
                                  f'duplicate question id "{question_id}" (also on line {seen[question_id]})')
            values["id"] = None
        elif question_id is not None:
            seen[question_id] = values["line"]
    for key in ("text", "explanation"):
        if key in found:
            values[key] = text(found[key], where.key(key))
    if "points" in found:
        values["points"] = integer(found["points"], where.key("points"), minimum=0)
    values["multiple"] = boolean(found["multiple"], where.key("multiple")) if "multiple" in found else False
    if "choices" in found:
        values["choices"] = _choices(found["choices"], where.key("choices"), values["multiple"])
    if None in values.values() or any(key not in found for key in required):
        return None
    return Question(**values)


def _choices(node: Node, where: Where, multiple: bool | None) -> tuple[Choice, ...] | None:
    entries = sequence(node, where, "a list of choices")
    if entries is None:
        return None
    if len(entries) < 2:
        where.error(node, "a question needs at least two choices")
        return None
    choices: list[Choice | None] = []
    for i, entry in enumerate(entries):
        here = where.item(i)
        found = fields(entry, here, CHOICE_KEYS, ("text",), what="a choice (text, correct, explanation)")
        if found is None or "text" not in found:
            choices.append(None)
            continue
        values: dict[str, Any] = {"text": text(found["text"], here.key("text"))}
        if "correct" in found:
            values["correct"] = boolean(found["correct"], here.key("correct"))
        if "explanation" in found:
            values["explanation"] = text(found["explanation"], here.key("explanation"))
        choices.append(None if None in values.values() else Choice(**values))
    if any(choice is None for choice in choices) or multiple is None:
        return None
    correct = sum(1 for choice in choices if choice is not None and choice.correct)
    if correct == 0:
        where.error(node, "no choice is marked correct: true")
        return None
    if correct > 1 and not multiple:
        where.error(node, f"{correct} choices are correct; a question with one answer needs multiple: true "
                          "to have several")
        return None
    return tuple(c for c in choices if c is not None)
