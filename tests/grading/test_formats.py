"""The four report formats (lessons/grading/formats.py), golden on a small fixed set: lesson 01 graded
on a correct transcript, a mistaken one and manifests alone (tests/grading/golden/formats/)."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from lessons.grading import as_csv, as_json, as_junit, as_table, render

SET = ("correct.transcript", "wrong-image.transcript", "pods")


@pytest.fixture
def grades(graded):
    return [graded("01-what-is-a-pod", name) for name in SET]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_table(grades, golden, language: str) -> None:
    golden(f"formats/table.{language}.txt", as_table(grades, language))


def test_json_is_a_list_or_one_object(grades, golden) -> None:
    text = as_json(grades)
    golden("formats/grades.json", text)
    assert [g["submission"] for g in json.loads(text)] == list(SET)
    assert as_json(grades[:1]) == grades[0].to_json()


def test_csv_has_a_row_per_submission_and_check(grades, golden) -> None:
    text = as_csv(grades)
    golden("formats/grades.csv", text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3 * 16 and list(rows[0]) == ["submission", "step", "check", "points", "earned", "passed", "why"]
    assert sum(int(r["earned"]) for r in rows if r["submission"] == "pods") == grades[2].score


def test_junit_is_valid_xml_with_a_suite_per_submission(grades, golden) -> None:
    text = as_junit(grades)
    golden("formats/grades.xml", text)
    root = ET.fromstring(text.encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == list(SET)
    failures = [case.find("failure") for case in suites[1].findall("testcase") if case.find("failure") is not None]
    assert len(failures) == int(suites[1].get("failures")) == len(grades[1].failed_checks())
    assert failures[0].get("message") == grades[1].failed_checks()[0][1].why
    assert "timestamp" not in text


def test_render_knows_the_formats(grades) -> None:
    assert render(grades, "csv") == as_csv(grades)
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        render(grades, "yaml")
