"""``python manage.py grade``: formats, output file, progress, and exit status 2 on usage errors."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SUBS = HERE / "submissions" / "01-what-is-a-pod"
LESSON = "01-what-is-a-pod"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def grade(*args: str, stderr: io.StringIO | None = None) -> tuple[str, str]:
    out, err = io.StringIO(), stderr if stderr is not None else io.StringIO()
    call_command("grade", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_a_table_by_default_and_nothing_on_a_pipe() -> None:
    out, err = grade(LESSON, str(SUBS / "partial.transcript"), str(SUBS / "empty"))
    assert out.splitlines()[:3] == ["SUBMISSION           SCORE   PERCENT   STEPS PASSED",
                                    "partial.transcript   7/18    38.9%     2/6",
                                    "empty                0/18    0.0%      0/6"]
    assert err == ""


def test_it_shows_progress_on_a_terminal() -> None:
    _, err = grade(LESSON, str(SUBS / "partial.transcript"), str(SUBS / "empty"), stderr=Terminal())
    assert "\rgrading 1/2 [....................] partial.transcript" in err
    assert "\rgrading 2/2 [##########..........] empty" in err
    assert "\rgraded 2/2 [####################]" in err and err.endswith("\n")
    _, alone = grade(LESSON, str(SUBS / "empty"), stderr=Terminal())
    assert alone == ""      # one submission: no bar


def test_json_is_the_grades_own(graded) -> None:
    out, _ = grade(LESSON, str(SUBS / "pods"), "--format", "json")
    assert out == graded(LESSON, "pods").to_json()


def test_it_writes_the_report_to_a_file_in_korean(tmp_path: Path) -> None:
    target = tmp_path / "grades.txt"
    out, _ = grade(str(ROOT / "lessons" / "content" / LESSON), str(SUBS / "empty"), "--output", str(target),
                   "--language", "ko")
    assert out == "" and target.read_text(encoding="utf-8").startswith("제출물")


def test_two_submissions_of_the_same_name_are_told_apart_by_path(tmp_path: Path) -> None:
    for who in ("alice", "bob"):
        (tmp_path / who).mkdir()
        (tmp_path / who / "run.transcript").write_text("$ kubectl run nginx --image=nginx\n")
    out, _ = grade(LESSON, str(tmp_path / "alice" / "run.transcript"), str(tmp_path / "bob" / "run.transcript"),
                   "--format", "csv", "--seed", "4")
    assert {line.split(",")[0] for line in out.splitlines()[1:]} == {
        str(tmp_path / "alice" / "run.transcript"), str(tmp_path / "bob" / "run.transcript")}


@pytest.mark.parametrize(("args", "message"), [
    (("99-nope", str(SUBS / "empty")), "unknown lesson '99-nope': not a lesson folder, nor a lesson of"),
    ((LESSON, str(SUBS / "empty"), "missing.yaml"), "submission missing.yaml: no such file or directory"),
    ((LESSON, str(SUBS / "empty"), "--output", "/nonexistent/dir/out.txt"), "cannot write /nonexistent/dir/out.txt"),
])
def test_a_usage_error_is_named_and_exits_2(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError) as err:
        grade(*args)
    assert str(err.value).startswith(message) and err.value.returncode == 2


def test_exit_statuses_from_the_command_line(tmp_path: Path) -> None:
    # Scores are data: a submission scoring 0 still exits 0.
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "manage.py", "grade", *args], cwd=ROOT, capture_output=True,
                              text=True, timeout=120)

    ok = run(LESSON, str(SUBS / "empty"), str(SUBS / "partial.transcript"), "--format", "junit")
    assert (ok.returncode, ok.stderr) == (0, "") and ok.stdout.startswith("<?xml")
    bad = run(LESSON, "nowhere.transcript")
    assert bad.returncode == 2 and "submission nowhere.transcript: no such file or directory" in bad.stderr
    assert run(LESSON, str(SUBS / "empty"), "--format", "yaml").returncode == 2
