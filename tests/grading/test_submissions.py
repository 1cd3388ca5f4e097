"""Every lesson of the course graded on typical submissions (issue 7, "Must show"): a correct one, a
partly correct one, typical mistakes, manifests handed in without any command, an empty one.

Each submission's whole Grade is pinned in tests/grading/golden/<slug>/<submission>.json
(PODLAB_REGEN=1 rewrites them; review the diff), and its score here, where a reviewer reads why it
is what it is.
"""
from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CONTENT = HERE.parents[1] / "lessons" / "content"
SUBMISSIONS = HERE / "submissions"
CASES = [(folder.name, entry.name) for folder in sorted(SUBMISSIONS.iterdir()) if folder.is_dir()
         for entry in sorted(folder.iterdir()) if not entry.name.startswith(".")]

# score / total. Why each matters:
EXPECTED = {
    "01-what-is-a-pod": {
        "correct.transcript": 18,       # every step, as the lesson says: full marks
        "partial.transcript": 7,        # the first two steps and one exec: partial credit within "exec"
        "wrong-image.transcript": 13,   # ngnix never fixed: nginx never Running, exec into it fails, no curl
        "no-cleanup.transcript": 15,    # forgot to delete: the three clean-up checks
        "pods": 6,                      # manifests only: the pods' checks, none of the commands
        "empty": 0,
    },
    "02-pods-from-yaml": {
        "correct.transcript": 19,
        "partial.transcript": 6,        # two steps of five
        "run-instead-of-file.transcript": 15,   # kubectl run where create -f was asked, delete by name
        "nginx.yaml": 6,                # one manifest: the file and the pod, but nothing typed
        "empty.transcript": 0,          # a transcript without commands
    },
    "03-pod-lifecycle": {
        "correct.transcript": 20,
        "partial.transcript": 9,
        "no-force.transcript": 19,      # sleeper2 deleted without --force: that check only
        "node-left-down.transcript": 18,    # node02 never started again, never described
        "empty.transcript": 0,          # picky's Pending and FailedScheduling come with the setup: no credit
    },
    "04-restart-policies": {
        "correct.transcript": 18,
        "partial.transcript": 6,
        "restart-policy-wrong.transcript": 14,  # wrong restartPolicy twice; the watch cut short
        "manifests": 14,                # the pods as files (.yaml, .yml, .json, nested): no command checks
        "empty": 0,
    },
    "05-probes": {
        "correct.transcript": 20,
        "partial.transcript": 9,
        "probe-wrong-port.transcript": 15,  # readiness on 6389; startup.yaml applied without delete
        "fixed-files": 6,               # the fixed files alone: no failing probe was ever seen
        "empty.transcript": 0,
    },
    "06-troubleshooting": {
        "correct.transcript": 21,
        "partial.transcript": 10,
        "apply-without-delete.transcript": 9,   # immutable fields: only web is repaired
        "fixed-manifests": 3,           # the same mistake as manifests: web only, no command checks
        "empty": 0,                     # the setup's own failures (CrashLoopBackOff...) earn nothing
    },
}


def test_every_lesson_has_graded_submissions() -> None:
    slugs = sorted(p.parent.name for p in CONTENT.glob("*/lesson.yaml"))
    assert sorted(EXPECTED) == slugs
    for slug in slugs:
        names = {name for s, name in CASES if s == slug}
        assert names == set(EXPECTED[slug]), slug
        assert any(n.startswith("correct") for n in names) and any(n.startswith("empty") for n in names), slug


@pytest.mark.parametrize(("slug", "name"), CASES)
def test_it_grades_the_submission_as_pinned(slug: str, name: str, graded, lesson, golden) -> None:
    grade = graded(slug, name)
    golden(f"{slug}/{name}.json", grade.to_json())
    assert (grade.score, grade.total) == (EXPECTED[slug][name], lesson(slug).points)
    assert grade.error == ""
    if name.startswith("correct"):
        assert grade.percent == 100.0 and all(step.passed for step in grade.steps)
    if name.startswith("empty"):
        assert grade.score == 0 and not grade.log


@pytest.mark.parametrize(("slug", "name"), [c for c in CASES if not c[1].endswith(".transcript")])
def test_manifests_earn_no_command_check(slug: str, name: str, graded, lesson) -> None:
    # The grader's own `kubectl apply -f` lines are not the learner's: command checks fail.
    from lessons.schema.model import CommandCheck
    grade = graded(slug, name)
    commands = {check.id for step in lesson(slug).steps for check in step.checks
                if isinstance(check.matcher, CommandCheck)}
    earned = {check.id for step in grade.steps for check in step.checks if check.passed}
    assert commands and not commands & earned
