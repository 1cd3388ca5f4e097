"""Scheduling (filters, scores, FailedScheduling) and node loss (spec §2.4)."""
from __future__ import annotations


def nginx(name: str, **spec) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
            "spec": {"containers": [{"name": "web", "image": "nginx", **spec.pop("container", {})}], **spec}}


def test_it_spreads_pods_over_the_workers_and_keeps_off_the_control_plane(sim):
    for i in range(4):
        sim.apply(nginx(f"w{i}"))
    sim.at(5)
    nodes = [sim.pod(f"w{i}")["spec"]["nodeName"] for i in range(4)]
    assert sorted(nodes) == ["node01", "node01", "node02", "node02"]
    assert sim.event("w0", "Scheduled")[1:] == (0, 0)


def test_it_reports_why_a_pod_does_not_fit(sim):
    sim.apply(nginx("big", container={"resources": {"requests": {"cpu": "3"}}}))
    sim.at(1)
    assert sim.row("big") == "0/1 Pending 0"
    message = [e[1] for e in sim.events("big") if e[0] == "FailedScheduling"]
    assert message == ["0/3 nodes are available: 1 node(s) had untolerated taint "
                       "{node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are "
                       "available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for "
                       "incoming pod."]
    # The scheduler retries every 5 minutes; the repeat becomes an event series.
    sim.at(301)
    assert sim.event("big", "FailedScheduling")[0] == 2


def test_it_schedules_onto_the_control_plane_with_a_toleration_and_a_selector(sim):
    sim.apply(nginx("cp", nodeSelector={"node-role.kubernetes.io/control-plane": ""},
                    tolerations=[{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists",
                                  "effect": "NoSchedule"}]))
    assert sim.at(4).pod("cp")["spec"]["nodeName"] == "controlplane"
    assert sim.pod("cp")["status"]["podIP"].startswith("10.244.0.")


def test_it_schedules_a_waiting_pod_once_room_is_freed(sim):
    sim.apply(nginx("a", nodeSelector={"kubernetes.io/hostname": "node01"},
                    container={"resources": {"requests": {"cpu": "1500m"}}}))
    sim.apply(nginx("b", nodeSelector={"kubernetes.io/hostname": "node01"},
                    container={"resources": {"requests": {"cpu": "1"}}}))
    sim.at(5)
    assert sim.pod("b")["spec"].get("nodeName") is None
    sim.cluster.api.delete("pods", "default", "a")
    sim.at(10)
    assert sim.pod("b")["spec"]["nodeName"] == "node01"


def test_it_schedules_a_waiting_pod_soon_after_a_node_gets_the_label_it_selects(sim):
    # The scheduler's NodeUpdate queueing hint: a label change moves unschedulable pods back to
    # the active queue at once, not at the 5-minute flush.
    sim.apply(nginx("picky", nodeSelector={"disktype": "ssd"}))
    sim.at(5)
    assert sim.pod("picky")["spec"].get("nodeName") is None
    node = sim.cluster.store.get("nodes", "", "node01")
    sim.cluster.api.update({**node, "metadata": {**node["metadata"], "labels": {**node["metadata"]["labels"],
                                                                                "disktype": "ssd"}}})
    sim.at(7)
    assert sim.pod("picky")["spec"]["nodeName"] == "node01"


def test_it_marks_a_lost_node_and_evicts_its_pods_after_the_toleration(sim):
    for i in range(2):
        sim.apply(nginx(f"w{i}"))
    sim.at(30)
    lost = sim.pod("w1")["spec"]["nodeName"]
    kept = sim.pod("w0")["spec"]["nodeName"]
    assert lost != kept
    sim.cluster.node_stop(lost)
    sim.at(79)
    assert sim.cluster.api.get("nodes", "", lost)["status"]["conditions"][-1]["status"] == "True"
    sim.at(80)                                        # node-monitor-grace-period: 50 s (1.32)
    ready = sim.cluster.api.get("nodes", "", lost)["status"]["conditions"][-1]
    assert (ready["type"], ready["status"], ready["reason"]) == ("Ready", "Unknown", "NodeStatusUnknown")
    assert [t["key"] for t in sim.cluster.api.get("nodes", "", lost)["spec"]["taints"]] == [
        "node.kubernetes.io/unreachable", "node.kubernetes.io/unreachable"]
    assert sim.condition("w1", "Ready") == ("False", "")
    assert sim.event("w1", "NodeNotReady") == (1, 80, 80)
    assert sim.row("w1") == "1/1 Running 0"
    ip = sim.pod("w1")["status"]["podIP"]
    assert sim.cluster.http("GET", f"http://{ip}/").kind == "timeout"
    sim.at(380)                                       # the 300 s toleration runs out
    assert sim.row("w1") == "1/1 Terminating 0"
    assert sim.event("w1", "TaintManagerEviction") == (1, 380, 380)
    assert sim.at(600).exists("w1")                   # nobody can confirm the containers stopped
    sim.cluster.node_start(lost)
    assert not sim.at(601).exists("w1")
    assert sim.row("w0") == "1/1 Running 0"


def test_it_restarts_the_pods_of_a_node_that_comes_back_in_time(sim):
    sim.apply(nginx("w0", nodeSelector={"kubernetes.io/hostname": "node02"}))
    sim.at(30)
    sim.cluster.node_stop("node02")
    sim.at(100)
    sim.cluster.node_start("node02")
    assert sim.event("w0", "SandboxChanged")[1:] == (100, 100)
    sim.at(102)                                       # a new sandbox at 101, nginx re-pulled (Always): 102
    status = sim.container("w0")
    assert status["restartCount"] == 1
    assert (status["lastState"]["terminated"]["reason"], status["lastState"]["terminated"]["exitCode"]) == (
        "Unknown", 255)
    assert sim.row("w0") == "1/1 Running 1 (72s ago)"
