"""spec.activeDeadlineSeconds (spec §4 step 6; pkg/kubelet/active_deadline.go): counted from
status.startTime; past it the pod is Failed with reason DeadlineExceeded, its containers are stopped
with the pod's grace period and nothing restarts them."""
from __future__ import annotations

import copy

from sandbox.sim.cluster import Cluster

MESSAGE = "Pod was active on the node longer than the specified deadline"


def _with_deadline(sim, name: str, image: str, seconds: int, *args: str, restart: str = "Always") -> None:
    """What ``kubectl run`` creates, with ``spec.activeDeadlineSeconds``."""
    container = {"name": name, "image": image, **({"args": list(args)} if args else {})}
    sim.apply({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": {"run": name}},
               "spec": {"containers": [container], "restartPolicy": restart, "activeDeadlineSeconds": seconds}})


def test_a_pod_past_its_deadline_fails_and_its_containers_stop(sim):
    _with_deadline(sim, "web", "nginx", 30)
    start = sim.at(5).pod("web")["status"]["startTime"]
    assert start == "2025-01-06T10:00:01Z"                  # the kubelet's first status, a second in
    assert sim.at(30).row("web") == "1/1 Running 0"
    sim.at(31)                                              # startTime + 30 s
    status = sim.pod("web")["status"]
    assert (status["phase"], status["reason"], status["message"]) == ("Failed", "DeadlineExceeded", MESSAGE)
    assert sim.event("web", "DeadlineExceeded") == (1, 31, 31)
    assert [e[1] for e in sim.events("web") if e[0] == "Killing"] == ["Stopping container web"]
    sim.at(40)
    assert sim.row("web") == "0/1 Completed 0"              # nginx quits on its stop signal
    assert sim.phase("web") == "Failed"
    assert sim.pod("web")["status"]["reason"] == "DeadlineExceeded"
    assert sim.at(400).row("web") == "0/1 Completed 0"     # restartPolicy Always restarts nothing


def test_a_shell_that_ignores_sigterm_is_killed_after_the_grace_period(sim):
    _with_deadline(sim, "sleeper", "busybox:1.36", 10, "sleep", "3600")
    sim.at(11)
    assert sim.phase("sleeper") == "Failed"
    assert sim.at(40).container("sleeper")["state"].get("running") is not None
    assert sim.at(41).container("sleeper")["state"]["terminated"]["exitCode"] == 137
    assert sim.row("sleeper") == "0/1 Error 0"


def test_a_pod_that_finished_before_its_deadline_is_left_as_it_ended(sim):
    _with_deadline(sim, "once", "busybox:1.36", 60, "sh", "-c", "sleep 5", restart="Never")
    sim.at(100)
    assert sim.phase("once") == "Succeeded"
    assert "reason" not in sim.pod("once")["status"]
    assert [e for e in sim.events("once") if e[0] == "DeadlineExceeded"] == []


def test_lowering_the_deadline_of_a_running_pod_fails_it_at_once(sim):
    sim.run("web", "nginx")
    sim.at(60)
    pod = copy.deepcopy(sim.pod("web"))
    pod["spec"]["activeDeadlineSeconds"] = 5
    sim.cluster.api.update(pod)
    status = sim.at(60).pod("web")["status"]           # the timer the update set, due at once
    assert (status["phase"], status["reason"]) == ("Failed", "DeadlineExceeded")
    assert sim.event("web", "DeadlineExceeded") == (1, 60, 60)


def test_the_deadline_survives_a_save_and_load(sim):
    _with_deadline(sim, "web", "nginx", 30)
    sim.at(10)
    again = Cluster.from_json(sim.cluster.to_json())
    again.advance_to(31)
    assert again.api.get("pods", "default", "web")["status"]["reason"] == "DeadlineExceeded"
