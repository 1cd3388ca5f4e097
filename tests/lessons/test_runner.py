"""A lesson's sandbox, its solution replayed, its self-test (lessons/runner.py)."""
from __future__ import annotations

import json

import pytest

from lessons.runner import LessonSetupError, home_path, lesson_session, run_solution, self_test
from lessons.schema.model import (Check, CommandCheck, Fault, FileCheck, Lesson, ObjectCheck, Setup, SetupFile,
                                  Step, Target, Text, ValueTest)
from sandbox.session import Session

POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "labels": {"app": "web"}},
       "spec": {"containers": [{"name": "web", "image": "nginx"}]}}


def text(s: str) -> Text:
    return Text(s, s)


def pod_is(name: str, status: str, cid: str = "") -> Check:
    return Check(cid or f"{name}-{status.lower()}", ObjectCheck(Target("Pod", name), status=ValueTest("equals", status)),
                 text(f"pod {name} should be {status}"))


def pod_gone(name: str) -> Check:
    return Check(f"{name}-gone", ObjectCheck(Target("Pod", name), exists=False), text(f"delete {name}"))


def deleted_with_kubectl(name: str) -> Check:
    return Check(f"{name}-deleted", CommandCheck(verb=("delete",), name=name), text("use kubectl delete"))


def make_lesson(*steps: Step, setup: Setup = Setup(), window: float = 60.0) -> Lesson:
    return Lesson(slug="98-runner", order=98, title=text("t"), summary=text("s"), minutes=5, steps=steps,
                  setup=setup, grading_window=window)


def make_step(sid: str, *checks: Check, solution: tuple[str, ...] = ()) -> Step:
    return Step(sid, text(sid), text(sid), checks, solution=solution)


GOOD = make_lesson(
    make_step("run", pod_is("nginx", "Running"), solution=("kubectl run nginx --image=nginx", "lab advance 10s")),
    make_step("delete", pod_gone("nginx"), deleted_with_kubectl("nginx"), solution=("kubectl delete pod nginx",)),
)


def node_status(session: Session, name: str) -> str:
    return session.execute(f"kubectl get node {name} --no-headers").output.split()[1]


# -- the lesson's sandbox ------------------------------------------------------------------------
def test_it_creates_setup_objects_as_kubectl_create_would():
    session = lesson_session(make_lesson(setup=Setup(objects=(POD,), commands=("lab advance 10s",))))
    pod = session.cluster.api.get("pods", "default", "web")
    assert pod["spec"]["restartPolicy"] == "Always"          # defaulted by the API server
    assert pod["spec"]["nodeName"] in ("node01", "node02")   # scheduled
    assert pod["status"]["phase"] == "Running"


def test_lab_reset_returns_to_the_lessons_setup_not_to_an_empty_cluster():
    session = lesson_session(make_lesson(setup=Setup(objects=(POD,), commands=("lab advance 10s",))))
    session.execute("kubectl delete pod web --now")
    session.execute("kubectl run extra --image=nginx")
    out = session.execute("lab reset").output
    assert out == "the cluster as the lesson set it up, at 10s; your files are kept\n"
    assert session.execute("kubectl get pods --no-headers -o name").output == "pod/web\n"
    # the same after a save and a restore
    restored = Session.from_json(json.loads(json.dumps(session.to_json())))
    restored.execute("kubectl delete pod web --now")
    restored.execute("lab reset")
    assert restored.execute("kubectl get pods -o name").output == "pod/web\n"


def test_it_names_a_setup_object_the_api_server_refuses():
    bad = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "Bad_Name"},
           "spec": {"containers": [{"name": "c", "image": "nginx"}]}}
    with pytest.raises(LessonSetupError, match=r"setup object 1 \(pod/Bad_Name\)"):
        lesson_session(make_lesson(setup=Setup(objects=(POD, bad))))


def test_it_writes_setup_files_in_the_learners_home():
    session = lesson_session(make_lesson(setup=Setup(files=(
        SetupFile("pod.yaml", "kind: Pod\n"), SetupFile("~/dir/a.txt", "a\n"), SetupFile("/root/b.txt", "b\n")))))
    assert session.execute("cat pod.yaml dir/a.txt ~/b.txt").output == "kind: Pod\na\nb\n"
    assert [home_path(p) for p in ("x", "~/x", "/tmp/x")] == ["/root/x", "/root/x", "/tmp/x"]


def test_setup_commands_run_silently_and_are_not_the_learners():
    session = lesson_session(make_lesson(setup=Setup(commands=("kubectl run pre --image=nginx", "lab advance 5s"))))
    assert session.cluster.store.get("pods", "default", "pre") is not None
    assert session.now == 5.0        # the time the setup took stays spent
    assert session.history == []
    assert getattr(session, "commands", []) == []
    assert session.take_output() == ""
    assert session.execute("history").output.strip().endswith("history")


def test_a_failing_setup_command_is_the_lessons_error():
    with pytest.raises(LessonSetupError, match="kubectl get pod missing"):
        lesson_session(make_lesson(setup=Setup(commands=("kubectl get pod missing",))))


def test_a_node_stop_fault_makes_the_node_not_ready_later():
    session = lesson_session(make_lesson(setup=Setup(faults=(Fault(60.0, "node-stop", "node02"),))))
    session.advance_to(59.0)
    assert not session.cluster.node_is_down("node02")
    session.advance_to(100.0)
    assert session.cluster.node_is_down("node02")
    assert node_status(session, "node02") == "Ready"      # node-monitor-grace-period: 50 s
    session.advance_to(111.0)
    assert node_status(session, "node02") == "NotReady"


def test_a_sandbox_with_a_pending_fault_still_serialises():
    session = lesson_session(make_lesson(setup=Setup(faults=(Fault(30.0, "node-stop", "node01"),
                                                              Fault(200.0, "node-start", "node01")))))
    copy = Session.from_json(json.loads(json.dumps(session.to_json())))
    copy.advance_to(90.0)
    assert node_status(copy, "node01") == "NotReady"
    copy.advance_to(201.0)
    assert node_status(copy, "node01") == "Ready"


def test_it_sets_the_lessons_clock_speed():
    assert lesson_session(make_lesson(setup=Setup(speed=10))).clock.speed == 10
    paused = lesson_session(make_lesson(setup=Setup(speed=0)), now_wall=1000.0)
    paused.tick(5000.0)
    assert paused.clock.paused and paused.now == 0.0


def test_it_adds_the_lessons_images_to_the_catalogue():
    image = {"repository": "docker.io/podlab/hello", "tags": ["1.0"], "size": 1000, "pullSeconds": 1,
             "cmd": ["sleep", "3600"], "userland": "busybox", "utilities": "all"}
    session = lesson_session(make_lesson(setup=Setup(images=(image,))))
    session.execute("kubectl run hello --image=podlab/hello:1.0")
    session.advance_to(20.0)
    assert "Running" in session.execute("kubectl get pod hello").output


def test_run_solution_runs_the_chosen_steps_lines_in_order():
    session = lesson_session(GOOD)
    lines = run_solution(GOOD, session, steps=["run"])
    assert [(l.step, l.line) for l in lines] == [("run", "kubectl run nginx --image=nginx"),
                                                  ("run", "lab advance 10s")]
    assert lines[0].result.output == "pod/nginx created\n"


# -- the self-test -------------------------------------------------------------------------------
def test_a_sound_lesson_passes_its_self_test():
    result = self_test(GOOD)
    assert (result.slug, result.problems, result.passed) == ("98-runner", [], True)


def test_the_self_test_catches_a_step_that_passes_on_a_blank_sandbox():
    lax = make_lesson(make_step("delete", pod_gone("nginx"), solution=("kubectl delete pod nginx --ignore-not-found",)))
    result = self_test(lax)
    assert not result.passed
    assert len(result.problems) == 1
    assert 'step "delete": passes on a blank sandbox' in result.problems[0]
    assert '"nginx-gone"' in result.problems[0]


def test_the_self_test_catches_a_solution_that_does_not_satisfy_its_checks():
    wrong = make_lesson(make_step("run", pod_is("nginx", "Running"),
                                  solution=("kubectl run nginx --image=nginx:no-such-tag", "lab advance 10s")))
    result = self_test(wrong)
    assert not result.passed
    assert result.problems[0].startswith('step "run": not passed after its solution')
    assert 'check "nginx-running" fails' in result.problems[0]


def test_the_self_test_reports_a_step_that_passes_only_during_the_grading_window():
    slow = make_lesson(make_step("run", pod_is("nginx", "Running"), solution=("kubectl run nginx --image=nginx",)))
    result = self_test(slow)
    assert [p.split(":")[0] for p in result.problems] == ['step "run"']   # reported once, after its solution


def test_the_self_test_catches_a_setup_the_api_server_refuses():
    broken = make_lesson(make_step("run", pod_is("nginx", "Running")),
                         setup=Setup(objects=({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}},)))
    result = self_test(broken)
    assert not result.passed and "setup object 0 (pod/x)" in result.problems[0]


def test_the_self_test_is_deterministic():
    flaky = make_lesson(make_step("run", pod_is("nginx", "Running"), solution=("kubectl run nginx --image=nginx:nope",)),
                        make_step("gone", pod_gone("web")), setup=Setup(objects=(POD,)))
    assert self_test(flaky) == self_test(flaky)
    assert lesson_session(GOOD).to_json() == lesson_session(GOOD).to_json()


def test_a_file_check_sees_setup_files_but_the_blank_sandbox_must_not_pass():
    wrote = make_lesson(make_step("write", Check("file", FileCheck("out.txt"), text("write out.txt")),
                                  solution=("echo hi > out.txt",)),
                        setup=Setup(files=(SetupFile("in.txt", "x\n"),)))
    assert self_test(wrote).passed


def test_the_progress_engine_ticks_steps_off_a_real_sandbox():
    from lessons.checks import View
    from lessons.progress import Progress, report, update
    session = lesson_session(GOOD)
    progress = Progress.new(GOOD, session.now, 0.0)
    session.execute("kubectl run nginx --image=nginx")
    progress, outcomes = update(GOOD, progress, View.of(session), session.now, 1.0)
    frame = report(GOOD, progress, outcomes, "en")
    assert [s["state"] for s in frame["steps"]] == ["current", "todo"]
    assert "Running" in frame["steps"][0]["checks"][0]["why"]
    session.execute("lab advance 10s")
    progress, _ = update(GOOD, progress, View.of(session), session.now, 2.0)
    run_solution(GOOD, session, steps=["delete"])     # nginx is gone, but "run" stays passed
    progress, outcomes = update(GOOD, progress, View.of(session), session.now, 3.0)
    frame = report(GOOD, progress, outcomes, "ko")
    assert [s["state"] for s in frame["steps"]] == ["done", "done"]
    assert (frame["score"], frame["total"], frame["complete"]) == (3, 3, True)
