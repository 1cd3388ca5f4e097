"""Fixtures for the engine's tests: a default cluster and a small vocabulary to read it.

In the spirit of SimPy's tests: build a cluster, run the clock to an instant, assert what a learner
would see there (the ``kubectl get pods`` row, conditions, container state, events).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from sandbox.kubectl.printers.pods import pod_row
from sandbox.sim.cluster import Cluster
from sandbox.sim.timefmt import parse_rfc3339


MANIFESTS = Path(__file__).parent / "manifests"


def load_manifest(name: str) -> dict[str, Any]:
    return yaml.safe_load((MANIFESTS / name).read_text())


@dataclass
class Sim:
    cluster: Cluster

    def apply(self, manifest: str | dict[str, Any]) -> dict[str, Any]:
        obj = yaml.safe_load(manifest) if isinstance(manifest, str) else manifest
        return self.cluster.api.create(obj)

    def apply_file(self, name: str) -> dict[str, Any]:
        return self.apply(load_manifest(name))

    def run(self, name: str, image: str, *args: str, restart: str = "Always", command: bool = False) -> dict[str, Any]:
        """What ``kubectl run NAME --image=IMAGE [--restart=R] [--command] -- ARGS`` creates."""
        container: dict[str, Any] = {"image": image, "name": name, "resources": {}}
        if args:
            container["command" if command else "args"] = list(args)
        return self.apply({"apiVersion": "v1", "kind": "Pod",
                           "metadata": {"labels": {"run": name}, "name": name},
                           "spec": {"containers": [container], "dnsPolicy": "ClusterFirst", "restartPolicy": restart}})

    def at(self, t: float) -> Sim:
        self.cluster.advance_to(t)
        return self

    def pod(self, name: str) -> dict[str, Any]:
        return self.cluster.api.get("pods", "default", name)

    def exists(self, name: str) -> bool:
        return self.cluster.store.get("pods", "default", name) is not None

    def row(self, name: str) -> str:
        """READY STATUS RESTARTS of the pod's ``kubectl get pods`` row, space-joined."""
        cells = pod_row(self.pod(name), self.cluster.epoch + self.cluster.now)
        return " ".join(cells[1:4])

    def phase(self, name: str) -> str:
        return self.pod(name)["status"]["phase"]

    def condition(self, name: str, ctype: str) -> tuple[str, str]:
        for c in self.pod(name)["status"].get("conditions", []):
            if c["type"] == ctype:
                return c["status"], c.get("reason", "")
        raise KeyError(ctype)

    def container(self, name: str, index: int = 0) -> dict[str, Any]:
        return self.pod(name)["status"]["containerStatuses"][index]

    def events(self, name: str) -> list[tuple[str, str, int, float, float]]:
        """(reason, message, count, first, last) in creation order; times in simulated seconds."""
        out = []
        for e in self.cluster.store.list("events", "default"):
            if e["involvedObject"]["name"] != name or e["involvedObject"].get("kind") != "Pod":
                continue
            first = e.get("firstTimestamp") or e.get("eventTime")
            last = e.get("lastTimestamp") or (e.get("series") or {}).get("lastObservedTime") or first
            count = e.get("count") or (e.get("series") or {}).get("count") or 1
            out.append((e["reason"], e["message"].strip(), count,
                        int(parse_rfc3339(first) - self.cluster.epoch), int(parse_rfc3339(last) - self.cluster.epoch)))
        return out

    def event(self, name: str, reason: str, message_part: str = "") -> tuple[int, float, float]:
        """(count, first, last) of the one event with that reason (and message fragment)."""
        found = [e for e in self.events(name) if e[0] == reason and message_part in e[1]]
        assert len(found) == 1, f"{reason!r} {message_part!r}: {found}"
        return found[0][2:]


@pytest.fixture
def sim() -> Sim:
    return Sim(Cluster.default(seed=1))


@pytest.fixture
def manifest() -> Callable[[str], dict[str, Any]]:
    """Reads a manifest of tests/sim/manifests/ as a dict."""
    return load_manifest
