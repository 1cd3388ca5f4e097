"""Grades as text: a table for people, JSON, CSV for spreadsheets, JUnit XML for CI systems.

Every format is a pure function of the grades, with nothing from the clock (JUnit's ``timestamp``
is left out and every ``time`` is 0), so the same grades always give the same bytes. The checks'
``why`` is English in every language (the checks produce it); the authors' messages and the
table's headings follow ``language``.
"""
from __future__ import annotations

import csv
import io
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from .result import Grade, dumps

FORMATS = ("table", "json", "csv", "junit")

_HEADINGS = {
    "en": ("SUBMISSION", "SCORE", "PERCENT", "STEPS PASSED", "failed checks", "error"),
    "ko": ("제출물", "점수", "백분율", "통과한 단계", "통과하지 못한 검사", "오류"),
}


def render(grades: Sequence[Grade], fmt: str, language: str = "en") -> str:
    if fmt == "table":
        return as_table(grades, language)
    if fmt == "json":
        return as_json(grades)
    if fmt == "csv":
        return as_csv(grades)
    if fmt == "junit":
        return as_junit(grades)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")


# -- table ---------------------------------------------------------------------------------------
def _width(text: str) -> int:
    """Columns on a terminal: Korean (wide) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _points(n: int, language: str) -> str:
    if language == "ko":
        return f"{n}점"
    return f"{n} point" if n == 1 else f"{n} points"


def as_table(grades: Sequence[Grade], language: str = "en") -> str:
    """One row per submission, then each submission's failed checks with their why."""
    heads = _HEADINGS.get(language, _HEADINGS["en"])
    rows = [heads[:4]] + [(g.submission, f"{g.score}/{g.total}", f"{g.percent:.1f}%",
                           f"{g.steps_passed}/{len(g.steps)}") for g in grades]
    widths = [max(_width(row[i]) for row in rows) for i in range(4)]
    out = ["   ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    for g in grades:
        failed = g.failed_checks()
        if not failed and not g.error:
            continue
        out += ["", f"{g.submission}: {heads[4]} ({len(failed)})"]
        if g.error:
            out.append(f"  {heads[5]}: {g.error}")
        for step, check in failed:
            out.append(f"  {step.id} / {check.id} ({_points(check.points, language)}): {check.why}")
            message = check.message_ko if language == "ko" else check.message_en
            if message:
                out.append(f"      {message}")
    return "\n".join(out) + "\n"


# -- JSON, CSV -----------------------------------------------------------------------------------
def as_json(grades: Sequence[Grade]) -> str:
    """One grade: its object; several: a list of them."""
    if len(grades) == 1:
        return grades[0].to_json()
    return dumps([g.to_dict() for g in grades])


CSV_COLUMNS = ("submission", "step", "check", "points", "earned", "passed", "why")


def as_csv(grades: Sequence[Grade]) -> str:
    """One row per submission and check."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for g in grades:
        for step in g.steps:
            for check in step.checks:
                writer.writerow((g.submission, step.id, check.id, check.points, check.earned,
                                 "true" if check.passed else "false", check.why))
    return buffer.getvalue()


# -- JUnit XML -----------------------------------------------------------------------------------
def as_junit(grades: Sequence[Grade]) -> str:
    """A ``testsuite`` per submission, a ``testcase`` per check (class name ``LESSON.STEP``), a
    ``failure`` whose message is the check's why for each failed one."""
    tests = sum(len(step.checks) for g in grades for step in g.steps)
    failures = sum(len(g.failed_checks()) for g in grades)
    lessons = sorted({g.lesson for g in grades})
    root = ET.Element("testsuites", {"name": ", ".join(lessons) or "podlab", "tests": str(tests),
                                     "failures": str(failures), "errors": str(sum(1 for g in grades if g.error)),
                                     "time": "0"})
    for g in grades:
        suite = ET.SubElement(root, "testsuite", {
            "name": g.submission, "tests": str(sum(len(s.checks) for s in g.steps)),
            "failures": str(len(g.failed_checks())), "errors": "1" if g.error else "0", "skipped": "0",
            "time": "0"})
        properties = ET.SubElement(suite, "properties")
        for name, value in (("lesson", g.lesson), ("kind", g.kind), ("seed", g.seed), ("score", g.score),
                            ("total", g.total), ("percent", f"{g.percent:.1f}")):
            ET.SubElement(properties, "property", {"name": name, "value": str(value)})
        for step in g.steps:
            for check in step.checks:
                case = ET.SubElement(suite, "testcase", {"classname": f"{g.lesson}.{step.id}", "name": check.id,
                                                         "time": "0"})
                if not check.passed:
                    failure = ET.SubElement(case, "failure", {"message": check.why, "type": "check"})
                    failure.text = check.message_en
        if g.error:
            ET.SubElement(suite, "system-err").text = g.error
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
