"""Golden scenario G7 (graceful deletion, spec §7 and §14) and its variants."""
from __future__ import annotations


def test_it_waits_the_grace_period_for_a_shell_that_ignores_sigterm(sim):
    sim.run("sleeper", "busybox:1.36", "sleep", "3600")
    sim.at(100)
    deleted = sim.cluster.api.delete("pods", "default", "sleeper")
    assert deleted["metadata"]["deletionTimestamp"] == "2025-01-06T10:02:10Z"     # D + 30
    assert deleted["metadata"]["deletionGracePeriodSeconds"] == 30
    assert sim.event("sleeper", "Killing") == (1, 100, 100)
    assert [e[1] for e in sim.events("sleeper") if e[0] == "Killing"] == ["Stopping container sleeper"]
    assert sim.row("sleeper") == "1/1 Terminating 0"
    assert sim.at(129).row("sleeper") == "1/1 Terminating 0"
    sim.at(130)
    assert sim.row("sleeper") == "0/1 Error 0"
    assert sim.phase("sleeper") == "Failed"
    assert sim.container("sleeper")["state"]["terminated"]["exitCode"] == 137
    assert sim.exists("sleeper")
    assert not sim.at(131).exists("sleeper")


def test_it_lets_nginx_quit_gracefully_on_sigquit(sim):
    sim.run("web", "nginx")
    sim.at(100)
    sim.cluster.api.delete("pods", "default", "web")
    assert sim.row("web") == "1/1 Terminating 0"
    sim.at(101)
    assert sim.phase("web") == "Succeeded"
    assert sim.row("web") == "0/1 Completed 0"
    assert not sim.at(102).exists("web")


def test_it_force_deletes_at_once(sim):
    sim.run("sleeper", "busybox:1.36", "sleep", "3600")
    sim.at(100)
    sim.cluster.api.delete("pods", "default", "sleeper", grace_period=0)
    assert not sim.exists("sleeper")
    # The kubelet still stops the containers, with the 2 s minimum grace period, then forgets the pod.
    sim.at(103)
    assert sim.cluster.kubelet.pods == {}


def test_it_deletes_an_unscheduled_pod_at_once(sim):
    sim.apply({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "nowhere"},
               "spec": {"nodeSelector": {"disk": "ssd"}, "containers": [{"name": "c", "image": "nginx"}]}})
    sim.at(5)
    assert sim.row("nowhere") == "0/1 Pending 0"
    status, reason = sim.condition("nowhere", "PodScheduled")
    assert (status, reason) == ("False", "Unschedulable")
    message = next(c["message"] for c in sim.pod("nowhere")["status"]["conditions"])
    assert message == ("0/3 nodes are available: 1 node(s) had untolerated taint "
                       "{node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node "
                       "affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful "
                       "for scheduling.")
    sim.cluster.api.delete("pods", "default", "nowhere")
    assert not sim.exists("nowhere")


def test_it_shortens_the_grace_period_on_a_second_delete(sim):
    sim.run("sleeper", "busybox:1.36", "sleep", "3600")
    sim.at(10)
    sim.cluster.api.delete("pods", "default", "sleeper")
    sim.at(12)
    shorter = sim.cluster.api.delete("pods", "default", "sleeper", grace_period=1)
    assert shorter["metadata"]["deletionGracePeriodSeconds"] == 1
    # The kubelet never gives less than 2 s (kuberuntime_container.go minimumGracePeriodInSeconds).
    assert sim.at(13).row("sleeper") == "1/1 Terminating 0"
    assert sim.at(14).row("sleeper") == "0/1 Error 0"
    assert not sim.at(15).exists("sleeper")
