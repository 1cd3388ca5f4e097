"""Transcripts: the format, the matcher, the report, and every transcript we have, one test each.

The shared conformance transcripts (../shared/conformance, the acceptance tests) and our own
(tests/transcripts) run in fresh sandboxes here exactly as ``manage.py transcript`` runs them.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sandbox.transcripts import (
    Command, TimeMove, Transcript, TranscriptError, align, line_matches, matches, output_lines,
    parse_transcript, report, run_text, run_transcript,
)

ROOT = Path(__file__).resolve().parents[1]
OURS = ROOT / "tests" / "transcripts"


def _conformance_dir() -> Path:
    """The shared conformance transcripts: beside the checkout (../shared), or where
    PODLAB_CONFORMANCE says, or the workplace's copy; a missing directory fails the suite below."""
    candidates = [os.environ.get("PODLAB_CONFORMANCE", ""), str(ROOT.parent / "shared" / "conformance"),
                  "/work/shared/conformance"]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return ROOT.parent / "shared" / "conformance"


CONFORMANCE = _conformance_dir()


def _cases() -> list:
    return ([pytest.param(p, id=f"conformance/{p.name}") for p in sorted(CONFORMANCE.glob("*.transcript"))]
            + [pytest.param(p, id=f"ours/{p.name}") for p in sorted(OURS.glob("*.transcript"))])


@pytest.mark.parametrize("path", _cases())
def test_it_passes_the_transcript(path: Path):
    run = run_text(path.read_text(encoding="utf-8"), path.name)
    assert run.passed, "\n" + run.diff()


def test_it_has_transcripts_of_its_own():
    assert len(list(OURS.glob("*.transcript"))) >= 25
    assert len(list(CONFORMANCE.glob("*.transcript"))) >= 5


# ---- the format ---------------------------------------------------------------------------------

def test_it_reads_comments_seed_commands_and_time_moves():
    t = parse_transcript("# a comment\n# seed: 7\n$ echo hi\nhi\n@ +30s\n@ 2m\n$ true\n", "t")
    assert t.seed == 7 and t.header == ("# a comment", "# seed: 7")
    assert t.steps == (Command("echo hi", ("hi",), 3), TimeMove(30.0, True, "@ +30s", 5),
                       TimeMove(120.0, False, "@ 2m", 6), Command("true", (), 7))


def test_it_defaults_the_seed_to_one():
    assert parse_transcript("$ true\n").seed == 1


def test_it_takes_heredoc_bodies_as_bash_does():
    text = "$ cat <<EOF > a.yaml\n$ not a command\n@ not a time\nEOF\n$ cat <<-'X' <<Y\n\tx\n\tX\ny\nY\nout\n"
    t = parse_transcript(text)
    assert t.steps[0] == Command("cat <<EOF > a.yaml\n$ not a command\n@ not a time\nEOF", (), 1)
    assert t.steps[1] == Command("cat <<-'X' <<Y\n\tx\n\tX\ny\nY", ("out",), 5)


def test_it_continues_a_line_that_ends_in_a_backslash():
    t = parse_transcript("$ echo a \\\nb\na b\n")
    assert t.steps == (Command("echo a \\\nb", ("a b",), 1),)


def test_it_keeps_blank_expected_lines_and_the_end_of_file_ends_the_output():
    t = parse_transcript("$ printf 'a\\n\\nb\\n\\n'\na\n\nb\n\n")
    assert t.steps[0].expected == ("a", "", "b", "")


@pytest.mark.parametrize(("text", "message"), [
    ("hello\n$ true\n", "t:1: expected a comment"),
    ("$ cat <<EOF\nno end\n", "t:1: the here-document"),
    ("@ soon\n", "t:1: time: invalid duration"),
    ("@ +5s\nstray output\n", "t:2: output after an '@' line"),
])
def test_it_names_the_line_of_a_format_error(text, message):
    with pytest.raises(TranscriptError, match=message):
        parse_transcript(text, "t")


# ---- matching -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "line", "ok"), [
    ("nginx   1/1     Running", "nginx   1/1     Running", True),
    ("nginx   1/1     Running   ", "nginx   1/1     Running", True),      # trailing spaces
    ("nginx   1/1     Running", "nginx   1/1     Running  \t", True),
    ("10.244...node0...<none>", "10.244.1.2   node01   <none>", True),
    ("a...b", "ab", True),                                                 # ... may be empty
    ("a...b", "a-b-c", False),
    ("...", "anything at all", True),
    ("Running", " Running", False),                                       # leading spaces count
    ("a.b", "axb", False),                                                # only ... is a wildcard
    ("a*b", "aab", False),
])
def test_it_matches_one_line(pattern, line, ok):
    assert line_matches(pattern, line) is ok


@pytest.mark.parametrize(("expected", "actual", "ok"), [
    (["a", "b"], ["a", "b"], True),
    (["a", "b"], ["a"], False),
    (["a"], ["a", "b"], False),
    (["..."], [], True),                                                  # any number, also none
    (["..."], ["x", "y", "z"], True),
    (["a", "...", "z"], ["a", "z"], True),
    (["a", "...", "z"], ["a", "b", "c", "z"], True),
    (["a", "...", "z"], ["a", "b", "c"], False),
    (["", "a"], ["", "a"], True),                                         # blank lines are expected
    (["", "a"], ["a"], False),
    (["a", ""], ["a"], False),
    (["...", "x", "..."], ["1", "x", "2"], True),
    ([], [], True),
    ([], [""], False),
])
def test_it_matches_many_lines(expected, actual, ok):
    assert matches(expected, actual) is ok


def test_it_splits_output_into_lines_keeping_an_unterminated_last_line():
    assert output_lines("") == []
    assert output_lines("Running") == ["Running"]
    assert output_lines("a\n\nb\n") == ["a", "", "b"]


def test_it_aligns_the_actual_output_so_a_diff_shows_only_real_differences():
    expected = ["NAME...AGE", "...", "nginx   1/1   Running", "done"]
    actual = ["NAME   READY   AGE", "x", "y", "nginx   0/1   Pending", "done"]
    assert align(expected, actual) == ["NAME...AGE", "...", "nginx   0/1   Pending", "done"]


def test_it_reports_a_failing_transcript_as_a_diff_with_the_commands_as_context():
    good = run_text("$ echo hi\nhi\n", "good.transcript")
    bad = run_text("# about\n$ echo one\none\n@ +1s\n$ echo two\nthree\n$ echo four\nfour\n", "bad.transcript")
    assert good.passed and not bad.passed
    text = report([good, bad])
    assert text.splitlines()[:2] == ["ok   good.transcript", "FAIL bad.transcript"]
    assert "--- bad.transcript (expected)\n+++ bad.transcript (actual)\n" in text
    assert " $ echo two\n-three\n+two\n $ echo four\n" in text
    assert text.endswith("\n1 passed, 1 failed\n")


def test_it_reports_a_format_error_as_a_failure():
    run = run_text("oops\n", "broken.transcript")
    assert not run.passed and "broken.transcript:1:" in run.diff()
