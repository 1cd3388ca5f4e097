"""Golden scenarios G4 (a command that exits 1 under each restart policy) and G6 (a job-like pod)."""
from __future__ import annotations

import pytest

RESTARTS = [3, 13, 33, 73, 153, 313, 613, 913, 1213]


def crash(sim, policy: str, script: str = "echo boom; exit 1"):
    return sim.apply({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "crash"},
                      "spec": {"restartPolicy": policy, "containers": [
                          {"name": "crash", "image": "busybox:1.36", "command": ["sh", "-c", script]}]}})


@pytest.mark.parametrize("policy", ["Always", "OnFailure"])
def test_it_crash_loops_with_the_reference_back_off(sim, policy):
    crash(sim, policy)
    assert sim.row("crash") == "0/1 Pending 0"
    assert sim.at(1).row("crash") == "0/1 ContainerCreating 0"
    assert sim.at(2).row("crash") == "0/1 Error 0"
    assert sim.at(3).row("crash") == "0/1 Error 1 (1s ago)"
    assert sim.at(4).row("crash") == "0/1 CrashLoopBackOff 1 (1s ago)"
    assert sim.container("crash")["state"]["waiting"]["message"] == (
        f"back-off 10s restarting failed container=crash pod=crash_default({sim.pod('crash')['metadata']['uid']})")
    assert sim.at(13).row("crash") == "0/1 Error 2 (10s ago)"
    assert sim.at(14).row("crash") == "0/1 CrashLoopBackOff 2 (1s ago)"
    assert sim.container("crash")["state"]["waiting"]["message"].startswith("back-off 20s ")
    assert sim.at(34).row("crash") == "0/1 CrashLoopBackOff 3 (1s ago)"
    assert sim.phase("crash") == "Running"
    assert sim.condition("crash", "Ready") == ("False", "ContainersNotReady")


@pytest.mark.parametrize("policy", ["Always", "OnFailure"])
def test_it_restarts_at_the_reference_instants(sim, policy):
    crash(sim, policy)
    for number, t in enumerate(RESTARTS, start=1):
        assert sim.at(t - 0.5).container("crash")["restartCount"] == number - 1, t
        assert sim.at(t).container("crash")["restartCount"] == number, t
    assert sim.phase("crash") == "Running"


def test_it_shows_what_describe_and_get_show_at_sixty_seconds(sim):
    crash(sim, "Always")
    sim.at(60)
    assert sim.row("crash") == "0/1 CrashLoopBackOff 3 (27s ago)"
    status = sim.container("crash")
    assert status["state"] == {"waiting": {"reason": "CrashLoopBackOff", "message": status["state"]["waiting"]["message"]}}
    assert status["lastState"]["terminated"]["reason"] == "Error"
    assert status["lastState"]["terminated"]["exitCode"] == 1
    assert status["lastState"]["terminated"]["startedAt"] == status["lastState"]["terminated"]["finishedAt"]
    uid = sim.pod("crash")["metadata"]["uid"]
    assert [(reason, message, count, first, last) for reason, message, count, first, last in sim.events("crash")] == [
        ("Scheduled", f"Successfully assigned default/crash to {sim.pod('crash')['spec']['nodeName']}", 1, 0, 0),
        ("Pulled", 'Container image "busybox:1.36" already present on machine', 4, 2, 33),
        ("Created", "Created container crash", 4, 2, 33),
        ("Started", "Started container crash", 4, 2, 33),
        ("BackOff", f"Back-off restarting failed container crash in pod crash_default({uid})", 6, 4, 54)]


def test_it_fails_the_pod_under_never(sim):
    crash(sim, "Never")
    assert sim.at(2).row("crash") == "0/1 Error 0"
    assert sim.phase("crash") == "Failed"
    assert sim.condition("crash", "Ready") == ("False", "PodFailed")
    assert sim.condition("crash", "ContainersReady") == ("False", "PodFailed")
    assert sim.condition("crash", "PodReadyToStartContainers") == ("True", "")
    assert sim.at(3).condition("crash", "PodReadyToStartContainers") == ("False", "")
    assert sim.condition("crash", "Initialized") == ("True", "")
    assert sim.condition("crash", "PodScheduled") == ("True", "")
    sim.at(600)
    assert sim.row("crash") == "0/1 Error 0"
    assert [e[0] for e in sim.events("crash")] == ["Scheduled", "Pulled", "Created", "Started"]
    assert sim.cluster.api.logs("default", "crash").text(sim.cluster.epoch) == "boom\n"


def test_it_restarts_a_successful_command_under_always(sim):
    crash(sim, "Always", "exit 0")
    assert sim.at(2).row("crash") == "0/1 Completed 0"
    assert sim.at(3).row("crash") == "0/1 Completed 1 (1s ago)"
    assert sim.at(4).row("crash") == "0/1 CrashLoopBackOff 1 (1s ago)"
    assert sim.container("crash")["lastState"]["terminated"]["reason"] == "Completed"
    assert sim.phase("crash") == "Running"


@pytest.mark.parametrize("policy", ["OnFailure", "Never"])
def test_it_completes_a_successful_command_otherwise(sim, policy):
    crash(sim, policy, "exit 0")
    assert sim.at(2).row("crash") == "0/1 Completed 0"
    assert sim.phase("crash") == "Succeeded"
    assert sim.at(100).row("crash") == "0/1 Completed 0"


@pytest.mark.parametrize("policy", ["Never", "OnFailure"])
def test_it_runs_a_job_like_pod_to_completion(sim, policy):
    sim.run("once", "busybox:1.36", "sh", "-c", "echo hello; sleep 5", restart=policy)
    assert sim.at(2).row("once") == "1/1 Running 0"
    assert sim.at(6).row("once") == "1/1 Running 0"
    assert sim.at(7).row("once") == "0/1 Completed 0"
    assert sim.phase("once") == "Succeeded"
    assert sim.condition("once", "PodReadyToStartContainers") == ("True", "")
    assert sim.at(8).condition("once", "PodReadyToStartContainers") == ("False", "")
    assert sim.condition("once", "Initialized") == ("True", "PodCompleted")
    assert sim.condition("once", "Ready") == ("False", "PodCompleted")
    assert sim.condition("once", "ContainersReady") == ("False", "PodCompleted")
    assert sim.condition("once", "PodScheduled") == ("True", "")
    term = sim.container("once")["state"]["terminated"]
    assert (term["reason"], term["exitCode"]) == ("Completed", 0)
    assert term["finishedAt"] == "2025-01-06T10:00:07Z" and term["startedAt"] == "2025-01-06T10:00:02Z"
    assert [e[0] for e in sim.events("once")] == ["Scheduled", "Pulled", "Created", "Started"]
    assert sim.cluster.api.logs("default", "once").text(sim.cluster.epoch) == "hello\n"
    sim.cluster.api.delete("pods", "default", "once")
    assert not sim.exists("once")          # a finished pod is deleted at once (grace 0)
