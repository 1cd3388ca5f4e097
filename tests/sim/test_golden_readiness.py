"""Golden scenario G3 (tcpSocket liveness and readiness, spec §14) and its teaching variant."""
from __future__ import annotations

GOPROXY = """
apiVersion: v1
kind: Pod
metadata:
  name: goproxy
  labels:
    app.kubernetes.io/name: goproxy
spec:
  containers:
  - name: goproxy
    image: registry.k8s.io/goproxy:0.1
    ports:
    - containerPort: 8080
    readinessProbe:
      tcpSocket:
        port: {port}
      initialDelaySeconds: 15
      periodSeconds: 10
    livenessProbe:
      tcpSocket:
        port: {port}
      initialDelaySeconds: 15
      periodSeconds: 10
"""


def test_it_runs_unready_until_the_first_readiness_probe(sim):
    sim.apply(GOPROXY.format(port=8080))
    assert sim.at(4).row("goproxy") == "0/1 Running 0"
    assert sim.at(10).condition("goproxy", "Ready") == ("False", "ContainersNotReady")
    cond = next(c for c in sim.pod("goproxy")["status"]["conditions"] if c["type"] == "ContainersReady")
    assert cond["message"] == "containers with unready status: [goproxy]"
    assert sim.at(18).row("goproxy") == "0/1 Running 0"
    assert sim.at(19).row("goproxy") == "1/1 Running 0"
    assert sim.condition("goproxy", "Ready") == ("True", "")
    sim.at(300)
    assert sim.row("goproxy") == "1/1 Running 0"
    assert [e[0] for e in sim.events("goproxy")] == ["Scheduled", "Pulling", "Pulled", "Created", "Started"]


def test_it_never_readies_a_probe_on_the_wrong_port_and_restarts_it(sim):
    sim.apply(GOPROXY.format(port=8081))
    sim.at(19)
    ip = sim.pod("goproxy")["status"]["podIP"]
    messages = [e[1] for e in sim.events("goproxy") if e[0] == "Unhealthy"]
    assert messages == [f"Readiness probe failed: dial tcp {ip}:8081: connect: connection refused",
                        f"Liveness probe failed: dial tcp {ip}:8081: connect: connection refused"]
    assert sim.at(38).row("goproxy") == "0/1 Running 0"
    sim.at(39)
    assert sim.event("goproxy", "Killing") == (1, 39, 39)
    assert sim.row("goproxy") == "0/1 Running 1 (0s ago)"
    assert sim.container("goproxy")["lastState"]["terminated"]["exitCode"] == 2
