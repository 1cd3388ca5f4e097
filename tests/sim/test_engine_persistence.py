"""A cluster serialises to JSON in the middle of anything and comes back identical; runs repeat."""
from __future__ import annotations

import json

import pytest

from sandbox.sim.cluster import Cluster


def _dump(cluster: Cluster) -> str:
    return json.dumps(cluster.to_json(), sort_keys=True)


@pytest.fixture
def exec_liveness(manifest):
    return manifest("exec-liveness.yaml")


def _crash_loop(cluster: Cluster, exec_liveness: dict) -> None:
    cluster.api.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "crash"},
                        "spec": {"containers": [{"name": "crash", "image": "busybox:1.36",
                                                 "command": ["sh", "-c", "echo boom; sleep 2; exit 1"]}]}})
    cluster.api.create(exec_liveness)


def test_it_restores_a_cluster_mid_crash_loop_and_both_copies_agree(exec_liveness):
    original = Cluster.default(seed=7)
    _crash_loop(original, exec_liveness)
    original.advance_to(47.5)             # crash in back-off, liveness-exec sleeping inside its script
    saved = _dump(original)
    restored = Cluster.from_json(json.loads(saved))
    assert _dump(restored) == saved
    for t in (48, 60, 100, 250, 600, 1300):
        original.advance_to(t)
        restored.advance_to(t)
        assert _dump(restored) == _dump(original), t
    pod = restored.api.get("pods", "default", "liveness-exec")
    assert pod["status"]["containerStatuses"][0]["restartCount"] >= 8


def test_it_restores_a_container_file_system_and_a_sleeping_shell(exec_liveness):
    cluster = Cluster.default(seed=3)
    cluster.api.create(exec_liveness)
    cluster.advance_to(20)
    restored = Cluster.from_json(json.loads(_dump(cluster)))
    result = restored.api.exec("default", "liveness-exec", None, ["ls", "/tmp"])
    assert result.text == "healthy\n"
    restored.advance_to(34)
    assert restored.api.exec("default", "liveness-exec", None, ["ls", "/tmp"]).text == ""


def test_it_gives_the_same_output_for_the_same_seed_and_calls(exec_liveness):
    def run(seed: int) -> str:
        cluster = Cluster.default(seed=seed)
        _crash_loop(cluster, exec_liveness)
        cluster.advance_to(300)
        return _dump(cluster)
    assert run(5) == run(5)
    assert run(5) != run(6)


def test_it_keeps_a_ten_pod_sandbox_small():
    cluster = Cluster.default(seed=1)
    for i in range(10):
        cluster.api.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": f"web-{i}"},
                            "spec": {"containers": [{"name": "web", "image": "nginx"}]}})
    cluster.advance_to(120)
    # A budget, not a benchmark: a saved sandbox must stay far below a database row's comfort zone.
    assert len(_dump(cluster)) < 400_000
