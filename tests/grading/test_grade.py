"""The grader's rules (lessons/grading/grade.py), on small lessons made for each rule."""
from __future__ import annotations

import json

import pytest

from lessons.grading import EPOCH, Submission, SubmissionError, blank_passes, grade, submission_from_text
from lessons.grading.grade import GUARD_WHY
from lessons.schema.model import (Check, CommandCheck, FileCheck, HistoryCheck, Lesson, ObjectCheck, Setup, SetupFile,
                                  Step, Target, Text, ValueTest)

POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "db"},
       "spec": {"containers": [{"name": "db", "image": "redis"}]}}


def text(s: str) -> Text:
    return Text(f"{s} (ko)", s)


def check(cid: str, matcher, points: int = 1) -> Check:
    return Check(cid, matcher, text(f"message of {cid}"), points)


def running(name: str) -> ObjectCheck:
    return ObjectCheck(Target("Pod", name), status=ValueTest("equals", "Running"))


def lesson(*steps: Step, setup: Setup = Setup(), window: float = 30.0) -> Lesson:
    return Lesson(slug="97-grading", order=97, title=text("t"), summary=text("s"), minutes=5, steps=steps,
                  setup=setup, grading_window=window)


def step(sid: str, *checks: Check) -> Step:
    return Step(sid, text(f"title of {sid}"), text(sid), checks)


def transcript(*lines: str) -> Submission:
    return Submission.of_transcript("t", "".join(line + "\n" for line in lines))


TWO_PODS = lesson(step("both", check("a", running("a")), check("b", running("b"), points=2)),
                  step("ran", check("ran-b", CommandCheck(verb=("run",), name="b"))))


def test_it_gives_the_same_bytes_twice() -> None:
    sub = transcript("$ kubectl run a --image=nginx", "@ +10s", "$ kubectl get pods")
    first, second = grade(TWO_PODS, sub, seed=3).to_json(), grade(TWO_PODS, sub, seed=3).to_json()
    assert first == second
    data = json.loads(first)
    assert data["seed"] == 3 and data["lesson"] == "97-grading" and data["kind"] == "transcript"
    assert list(data) == sorted(data)


def test_a_check_earns_its_points_once_passed_and_a_step_needs_one_moment() -> None:
    # a runs, is deleted, then b runs: both checks passed, never together.
    sub = transcript("$ kubectl run a --image=nginx", "@ +10s", "$ kubectl delete pod a --grace-period=0 --force",
                     "$ kubectl run b --image=nginx", "@ +10s")
    g = grade(TWO_PODS, sub)
    both = g.steps[0]
    assert not both.passed and both.passed_at is None
    assert [(c.id, c.passed, c.earned) for c in both.checks] == [("a", True, 1), ("b", True, 2)]
    assert g.steps[1].passed and (g.score, g.total, g.percent) == (4, 4, 100.0)


def test_a_step_passes_as_on_the_page_and_says_when() -> None:
    g = grade(TWO_PODS, transcript("$ kubectl run a --image=nginx", "$ kubectl run b --image=nginx", "@ 1m"))
    assert g.steps[0].passed and g.steps[0].passed_at == 10.0     # the first evaluation after the pull
    assert g.log[-1].line == "@ 1m" and g.log[-1].at == 0.0 and g.log[-1].exit_code is None


def test_the_expected_output_of_a_transcript_is_ignored() -> None:
    bare = grade(TWO_PODS, transcript("$ kubectl run a --image=nginx", "@ +10s"))
    wrong = grade(TWO_PODS, transcript("# seed: 9", "$ kubectl run a --image=nginx", "this is not what it printed",
                                       "@ +10s"))
    assert wrong.steps == bare.steps and wrong.seed == 1


def test_time_runs_through_the_window_after_the_last_line() -> None:
    # The pull takes a few seconds: the pod is Running only within the window.
    g = grade(lesson(step("run", check("a", running("a"))), window=30.0), transcript("$ kubectl run a --image=nginx"))
    assert g.steps[0].passed and g.window == 30.0
    short = grade(lesson(step("run", check("a", running("a"))), window=0.0), transcript("$ kubectl run a --image=nginx"))
    assert not short.steps[0].passed
    assert short.steps[0].checks[0].why == 'pod "a" is Pending, not Running'


def test_what_a_sandbox_passes_alone_counts_only_with_its_step() -> None:
    setup = Setup(objects=(POD,))
    guarded = lesson(step("only-db", check("gone", HistoryCheck(pod="db", deleted=True)),
                          check("other", ObjectCheck(Target("Pod", "other"), exists=False))), setup=setup)
    assert blank_passes(guarded) == frozenset({"other"})
    assert grade(guarded, transcript()).score == 0
    g = grade(guarded, transcript("$ kubectl run other --image=nginx", "$ kubectl delete pod db"))
    other = g.steps[0].checks[1]
    # "other" did not exist at first, but that is the sandbox's doing: no point without the step.
    assert (g.score, other.passed, other.why) == (1, False, 'pod "other" still exists (Running)')
    g = grade(guarded, transcript("$ kubectl run other --image=nginx", "@ +5s",
                                  "$ kubectl delete pod other --grace-period=0 --force"))
    assert g.steps[0].checks[1].why == GUARD_WHY and g.score == 0
    assert grade(guarded, transcript("$ kubectl delete pod db")).score == 2


def test_manifests_land_in_the_home_folder_and_are_applied_in_order() -> None:
    files = (("b/pod b.yml", "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers: [{name: b, image: nginx}]\n"),
             ("a.json", json.dumps({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"},
                                    "spec": {"containers": [{"name": "a", "image": "nginx"}]}})))
    setup = Setup(files=(SetupFile("a.json", "{}"),))
    the_lesson = lesson(step("both", check("a", running("a")), check("b", running("b"), points=2)),
                        step("file", check("file", FileCheck("a.json", contains=ValueTest("contains", '"a"')))),
                        step("ran", check("ran", CommandCheck(verb=("apply",)))), setup=setup)
    g = grade(the_lesson, Submission.of_manifests("m", files))
    assert [entry.line for entry in g.log] == ["kubectl apply -f a.json", "kubectl apply -f 'b/pod b.yml'"]
    assert [entry.output for entry in g.log] == [("pod/a created",), ("pod/b created",)]
    assert [s.passed for s in g.steps] == [True, True, False]    # the grader's apply is not the learner's
    assert g.steps[2].checks[0].why == "kubectl apply was never run"


def test_the_log_keeps_twenty_lines_of_output() -> None:
    setup = Setup(files=(SetupFile("big.txt", "".join(f"line {i}\n" for i in range(30))),))
    g = grade(lesson(step("s", check("a", running("a"))), setup=setup), transcript("$ cat big.txt", "$ false"))
    assert g.log[0].output == tuple(f"line {i}" for i in range(20)) and g.log[0].more_lines == 10
    assert (g.log[1].exit_code, g.log[1].output) == (1, ())


def test_a_crash_is_the_submissions_and_the_rest_is_not_run(monkeypatch) -> None:
    from sandbox.session import Session
    original = Session.execute

    def execute(self, line, **kwargs):
        if line == "boom":
            raise KeyError("nope")
        return original(self, line, **kwargs)

    monkeypatch.setattr(Session, "execute", execute)
    g = grade(TWO_PODS, transcript("$ kubectl run a --image=nginx", "$ boom", "$ kubectl run b --image=nginx"))
    assert [e.line for e in g.log] == ["kubectl run a --image=nginx", "boom"]
    assert g.log[1].exit_code is None and g.log[1].output[0].startswith("podlab crashed: KeyError: 'nope'")
    assert g.error == "the sandbox crashed on 'boom'; later lines were not run"
    # Nothing runs after a crash, not even the window: the grade says so rather than guess.
    assert g.steps[0].checks[0].why == 'pod "a" is Pending, not Running' and g.score == 0
    assert json.loads(g.to_json())["error"] == g.error


def test_the_grading_sandbox_has_fixed_dates() -> None:
    g = grade(TWO_PODS, transcript("$ kubectl run a --image=nginx", "$ kubectl get pod a -o jsonpath='{.metadata.creationTimestamp}'"))
    assert g.log[1].output == ("2026-01-01T00:00:00Z",) and EPOCH == 1767225600.0


# -- submissions -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("make", "message"), [
    (lambda: Submission("x", "zip"), "x: kind must be one of manifests, transcript"),
    (lambda: Submission("x", "manifests", (("/etc/pod.yaml", ""),)), "not a relative path"),
    (lambda: Submission("x", "manifests", (("a/../pod.yaml", ""),)), "not a relative path"),
    (lambda: Submission("x", "manifests", (("pod.txt", ""),)), "pod.txt is not a manifest (.yaml, .yml or .json)"),
    (lambda: Submission("x", "manifests", (("p.yaml", ""), ("p.yaml", ""))), "p.yaml is given twice"),
    (lambda: Submission("x", "manifests", (("p.yaml", "#" * (1 << 20 + 1)),)), "x: larger than 1 MiB (2.0 MiB)"),
    (lambda: Submission("x", "transcript", (("p.yaml", ""),), "$ ls\n"), "no files"),
    (lambda: Submission("x", "transcript"), "no files"),
    (lambda: Submission.of_transcript("x", "$ ls\n@ soon\n"), "x:2:"),
    (lambda: Submission.of_transcript("x", "hello\n$ ls\n"), "x:1: expected a comment"),
])
def test_it_refuses_a_submission_it_cannot_grade(make, message: str) -> None:
    with pytest.raises(SubmissionError) as err:
        make()
    assert message in str(err.value)


def test_a_text_is_a_transcript_or_a_manifest() -> None:
    assert submission_from_text("a", "# mine\n\n$ kubectl get pods\n").kind == "transcript"
    assert submission_from_text("a", "@ +5s\n").kind == "transcript"
    assert submission_from_text("a", "", "a.transcript").kind == "transcript"
    manifest = submission_from_text("alice", "# a pod\napiVersion: v1\n")
    assert (manifest.kind, manifest.files) == ("manifests", (("alice.yaml", "# a pod\napiVersion: v1\n"),))
    assert submission_from_text("a", "$ not really\n", "uploads/pod.yml").files[0][0] == "pod.yml"


def test_a_submission_stops_when_it_has_used_its_simulated_time_budget_and_the_window_still_runs():
    one = lesson(step("run", check("up", running("web"))), window=30.0)
    # A long sleep, a huge jump, then a line that would have earned the point: none of it may cost
    # more than the budget, and nothing after the budget runs.
    submission = transcript("$ sleep 100000", "@ +100h", "$ kubectl run web --image=nginx")
    graded = grade(one, submission, budget=600.0)
    assert [(entry.line, entry.at) for entry in graded.log] == [("sleep 100000", 0.0)]
    assert graded.error == "the submission used up its 10m0s of simulated time at 'sleep 100000'; later lines were not run"
    assert graded.score == 0
    jump = grade(one, transcript("$ echo hi", "@ +100h", "$ kubectl run web --image=nginx"), budget=600.0)
    assert jump.error == "the submission used up its 10m0s of simulated time at '@ +100h'; later lines were not run"
    # Within its budget the same lesson is graded as usual.
    assert grade(one, transcript("$ kubectl run web --image=nginx"), budget=600.0).score == 1
