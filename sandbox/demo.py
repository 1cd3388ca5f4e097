"""The home page's example session: real output of the simulated cluster, not a picture of it.

A fresh default cluster runs what the commands say, simulated time moves a minute, and the pods are
printed by the same printer ``kubectl get pods`` uses. Computed once per process.
"""
from __future__ import annotations

from functools import lru_cache

from sandbox.kubectl.printers import print_get
from sandbox.sim.cluster import Cluster


def _run(cluster: Cluster, name: str, image: str, args: list[str]) -> str:
    """What ``kubectl run NAME --image=IMAGE -- ARGS`` sends, and what it prints."""
    container = {"name": name, "image": image, "resources": {}}
    if args:
        container["args"] = args
    cluster.api.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": {"run": name}},
                        "spec": {"containers": [container], "dnsPolicy": "ClusterFirst", "restartPolicy": "Always"}})
    return f"pod/{name} created"


@lru_cache(maxsize=1)
def demo_session() -> tuple[tuple[str, str], ...]:
    """(command, output) pairs; ``# ...`` commands are comments about simulated time."""
    cluster = Cluster.default(seed=1)
    steps = [
        ("kubectl run web --image=nginx", _run(cluster, "web", "nginx", [])),
        ("kubectl run crash --image=busybox:1.36 -- sh -c 'exit 1'",
         _run(cluster, "crash", "busybox:1.36", ["sh", "-c", "exit 1"])),
    ]
    cluster.advance_to(60)
    pods = cluster.api.list("pods", "default")["items"]
    steps.append(("# one simulated minute later", ""))
    steps.append(("kubectl get pods", print_get("pods", pods, cluster.epoch + cluster.now).rstrip("\n")))
    return tuple(steps)
