"""``kubectl describe`` golden cases, kwok style: tests/golden/describe/<case>/input.yaml runs
steps on a fresh engine (``create``, ``advance_to``, ``delete: pods/<ns>/<name>``, ``node_stop``)
and names what to describe; output.txt is the expected text.

Each output was compared with the real kubectl 1.32.5 describing the very same objects served
by a fake API server (timestamps shifted to the wall clock so the ages agree). PODLAB_REGEN=1
rewrites the outputs with this code; review the diff.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from sandbox.kubectl.describe import describe_namespace, describe_node, describe_pod
from sandbox.sim.cluster import Cluster

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "describe"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input.yaml").is_file())


def run_steps(case: dict[str, Any]) -> Cluster:
    cluster = Cluster.default(seed=case.get("seed", 1))
    for step in case["steps"]:
        (action, arg), = step.items()
        if action == "create":
            cluster.api.create(arg)
        elif action == "advance_to":
            cluster.advance_to(arg)
        elif action == "delete":
            resource, namespace, name = arg.split("/")
            cluster.api.delete(resource, namespace, name)
        elif action == "node_stop":
            cluster.node_stop(arg)
        else:
            raise ValueError(f"unknown step {action}")
    return cluster


def events_about(cluster: Cluster, obj: dict[str, Any]) -> list[dict[str, Any]]:
    """The events kubectl's searchEvents finds, in list order: by involvedObject name, namespace
    and uid; for a node a second search by uid=<node name> is appended (describeNode)."""
    meta = obj["metadata"]
    items = cluster.api.list("events")["items"]

    def search(uid: str) -> list[dict[str, Any]]:
        return [e for e in items if e["involvedObject"].get("name") == meta["name"]
                and e["involvedObject"].get("namespace", "") == meta.get("namespace", "")
                and e["involvedObject"].get("uid", "") == uid]
    if obj["kind"] == "Node":
        return search(meta["uid"]) + search(meta["name"])
    return search(meta["uid"])


def describe(case: dict[str, Any]) -> str:
    cluster = run_steps(case)
    now = cluster.epoch + cluster.now
    (kind, name), = case["describe"].items()
    if kind == "pod":
        pod = cluster.api.get("pods", "default", name)
        return describe_pod(pod, events_about(cluster, pod), now)
    if kind == "node":
        node = cluster.api.get("nodes", "", name)
        return describe_node(node, cluster.api.list("pods")["items"], events_about(cluster, node), now)
    return describe_namespace(cluster.api.get("namespaces", "", name), now)


@pytest.mark.parametrize("name", CASES)
def test_it_describes_golden_cases_as_kubectl_does(name):
    folder = GOLDEN / name
    actual = describe(yaml.safe_load((folder / "input.yaml").read_text(encoding="utf-8")))
    expected_file = folder / "output.txt"
    if os.environ.get("PODLAB_REGEN") == "1":
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")
