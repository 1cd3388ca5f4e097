"""Probe rules beyond the golden scenarios (spec §6.2-6.4) and lifecycle hooks (§7.2)."""
from __future__ import annotations


def pod(name: str, script: str, image: str = "busybox:1.36", **probes) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "spec": {"containers": [
        {"name": name, "image": image, "command": ["sh", "-c", script], **probes}]}}


def exec_probe(path: str, **timing) -> dict:
    return {"exec": {"command": ["cat", path]}, **timing}


def test_it_holds_liveness_and_readiness_until_the_startup_probe_succeeds(sim):
    sim.apply(pod("slow", "sleep 12; touch /tmp/started; sleep 3600",
                  startupProbe=exec_probe("/tmp/started", periodSeconds=5, failureThreshold=10),
                  livenessProbe=exec_probe("/nonexistent", periodSeconds=5),
                  readinessProbe=exec_probe("/tmp/started", periodSeconds=5)))
    sim.at(11)
    assert sim.container("slow")["started"] is False
    assert sim.event("slow", "Unhealthy", "Startup probe failed") == (2, 2, 7)
    assert "Liveness" not in " ".join(e[1] for e in sim.events("slow"))
    # Startup succeeds at 17 (S + 15); readiness is probed at once (the manual trigger).
    sim.at(17)
    assert sim.container("slow")["started"] is True
    assert sim.row("slow") == "1/1 Running 0"
    assert sim.at(22).event("slow", "Unhealthy", "Liveness probe failed") == (2, 17, 22)


def test_it_makes_a_container_unready_without_restarting_it(sim):
    sim.apply(pod("flaky", "touch /tmp/ok; sleep 20; rm /tmp/ok; sleep 20; touch /tmp/ok; sleep 3600",
                  readinessProbe=exec_probe("/tmp/ok", periodSeconds=5)))
    assert sim.at(2).row("flaky") == "1/1 Running 0"
    # The file goes at 22; three failures in a row (22, 27, 32) make it unready.
    assert sim.at(31).row("flaky") == "1/1 Running 0"
    assert sim.at(32).row("flaky") == "0/1 Running 0"
    assert sim.condition("flaky", "Ready") == ("False", "ContainersNotReady")
    assert sim.at(42).row("flaky") == "1/1 Running 0"
    assert "Killing" not in [e[0] for e in sim.events("flaky")]


def test_it_fails_an_exec_probe_that_outlives_its_timeout(sim):
    sim.apply(pod("hang", "sleep 3600", livenessProbe={"exec": {"command": ["sh", "-c", "echo checking; sleep 5"]},
                                                        "timeoutSeconds": 2, "periodSeconds": 10}))
    sim.at(2)
    assert sim.event("hang", "Unhealthy") == (1, 2, 2)
    assert [e[1] for e in sim.events("hang") if e[0] == "Unhealthy"] == ["Liveness probe failed: checking"]


def test_it_runs_the_pre_stop_hook_before_the_stop_signal(sim):
    sim.apply(pod("hooked", "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done",
                  lifecycle={"preStop": {"exec": {"command": ["sh", "-c", "echo draining > /tmp/x; sleep 5"]}}}))
    sim.at(10)
    sim.cluster.api.delete("pods", "default", "hooked")
    # The hook takes 5 s, then SIGTERM: the trap exits 0, so the pod Succeeds at 15 and goes at 16.
    assert sim.at(14).row("hooked") == "1/1 Terminating 0"
    assert sim.at(15).phase("hooked") == "Succeeded"
    assert not sim.at(16).exists("hooked")


def test_it_uses_the_probe_grace_period_for_a_liveness_kill(sim):
    sim.apply(pod("quick", "sleep 3600", livenessProbe={**exec_probe("/missing", periodSeconds=5),
                                                         "terminationGracePeriodSeconds": 3}))
    sim.at(12)
    assert sim.event("quick", "Killing") == (1, 12, 12)
    assert sim.at(14).container("quick")["restartCount"] == 0
    assert sim.at(15).container("quick")["restartCount"] == 1


def test_it_words_http_probe_failures_like_the_kubelet(sim):
    sim.apply({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}, "spec": {"containers": [
        {"name": "web", "image": "nginx", "readinessProbe": {"httpGet": {"path": "/missing", "port": 80}},
         "livenessProbe": {"httpGet": {"path": "/", "port": 81}, "periodSeconds": 60}}]}})
    sim.at(4)
    ip = sim.pod("web")["status"]["podIP"]
    messages = [e[1] for e in sim.events("web") if e[0] == "Unhealthy"]
    assert messages == ["Readiness probe failed: HTTP probe failed with statuscode: 404",
                        f'Liveness probe failed: Get "http://{ip}:81/": dial tcp {ip}:81: connect: connection refused']
    access = sim.cluster.api.logs("default", "web").text(sim.cluster.epoch).splitlines()[-1]
    assert access.endswith('"GET /missing HTTP/1.1" 404 153 "-" "kube-probe/1.32" "-"')
