"""Podlab's benchmarks: each figure beside a baseline measured in the same run, never asserted.

    python bench/run.py            # every engine figure
    python bench/run.py --quick    # smaller sizes, for a smoke run
    python bench/run.py --engine-only
    python bench/run.py --n 100,500 --duration 30 --db postgres   # web figures: see bench/web.py

Figures of the web ring (bench/web.py: simulated learners against one Daphne, the time to a ready
playground, idle sandboxes) follow the engine's in the same table, unless --engine-only.

Figures (issue "Foundation"):
  * 1,000 pods created and Running: simulation CPU seconds; baseline: the same number of timers
    pushed through the bare event heap with do-nothing actions (the floor of any event engine).
  * one simulated hour of 100 pods probed every 10 s: CPU seconds; baseline as above, for the
    probe timers alone.
  * the JSON size of a 10-pod sandbox; baseline: the 10 pods' API objects alone (what
    ``kubectl get pods -o json`` would return), and the time to save and to restore it.
  * a terminal line's turn (load-free: the runner's copy, SQLite) after 1,000 lines, one every
    5 s and one a minute; baseline: the same turn after 10 lines (bench/turns.py). And the machine's
    own: the young turn after 10 ms of idling; baseline: the same turn warm, back to back.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from sandbox.sim.clock import Clock  # noqa: E402
from sandbox.sim.cluster import Cluster  # noqa: E402

NGINX = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
         "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}


def cpu(fn) -> tuple[float, object]:
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def heap_floor(timers: int) -> float:
    """Push and run ``timers`` do-nothing timers through the bare Clock."""
    def go() -> None:
        clock = Clock()
        for i in range(timers):
            clock.schedule(i % 97, "noop", [i])
        while clock.pop_due(float("inf")) is not None:
            pass
    return cpu(go)[0]


def pods_running(n: int) -> tuple[float, int, int]:
    # An engine figure: past the per-sandbox quota a learner meets (sim/limits.py, 100 pods).
    from sandbox.sim import limits
    limits.MAX_OBJECTS = {**limits.MAX_OBJECTS, "pods": max(n, limits.MAX_OBJECTS.get("pods", 0))}
    cluster = Cluster.default(seed=1)
    # Room for n pods: the default workers take 110 each, so add workers as a real cluster would.
    from sandbox.sim.nodes import node_object
    for i in range(3, 3 + n // 100 + 1):
        name = f"node{i:02d}"
        cidr = f"10.244.{i}.0/24"
        cluster.store.create("nodes", node_object(cluster, name, f"172.18.1.{i}", cidr, False))
        cluster.network.add_node(name, cidr)
        cluster.node_images[name] = set()
    seq_before = cluster.clock.seq

    def go() -> None:
        for i in range(n):
            cluster.api.create({**NGINX, "metadata": {"name": f"web-{i}"}})
        cluster.advance_to(10)
    seconds, _ = cpu(go)
    running = sum(1 for p in cluster.store.list("pods") if p["status"].get("phase") == "Running")
    return seconds, running, cluster.clock.seq - seq_before


def probed_hour(n: int, hours: float) -> tuple[float, int]:
    cluster = Cluster.default(seed=1)
    from sandbox.sim.nodes import node_object
    cluster.store.create("nodes", node_object(cluster, "node03", "172.18.0.5", "10.244.3.0/24", False))
    cluster.network.add_node("node03", "10.244.3.0/24")
    cluster.node_images["node03"] = set()
    for i in range(n):
        pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": f"probed-{i}"}, "spec": {"containers": [{
            "name": "web", "image": "nginx:1.27",
            "livenessProbe": {"httpGet": {"path": "/", "port": 80}, "periodSeconds": 10},
            "readinessProbe": {"tcpSocket": {"port": 80}, "periodSeconds": 10}}]}}
        cluster.api.create(pod)
    cluster.advance_to(10)
    seq_before = cluster.clock.seq
    seconds, _ = cpu(lambda: cluster.advance_to(10 + hours * 3600))
    return seconds, cluster.clock.seq - seq_before


def sandbox_size(n: int) -> tuple[int, int, float, float]:
    cluster = Cluster.default(seed=1)
    for i in range(n):
        cluster.api.create({**NGINX, "metadata": {"name": f"web-{i}"}})
    cluster.advance_to(300)
    save_s, text = cpu(lambda: json.dumps(cluster.to_json(), separators=(",", ":")))
    load_s, _ = cpu(lambda: Cluster.from_json(json.loads(text)))
    pods = json.dumps({"apiVersion": "v1", "kind": "List", "items": cluster.store.list("pods")},
                      separators=(",", ":"))
    return len(text), len(pods), save_s, load_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    parser.add_argument("--engine-only", action="store_true", help="only the engine figures (no server)")
    import web
    web.add_arguments(parser)
    args = parser.parse_args()
    n_pods, n_probed, hours = (200, 20, 0.25) if args.quick else (1000, 100, 1.0)

    rows: list[tuple[str, str, str, str]] = []
    secs, running, timers = pods_running(n_pods)
    floor = heap_floor(timers)
    rows.append((f"{n_pods} pods created and Running", f"{secs:.3f} s CPU ({running} Running)",
                 f"{floor:.3f} s: {timers} bare heap timers", f"{secs / floor:.1f}x" if floor else "-"))
    secs, timers = probed_hour(n_probed, hours)
    floor = heap_floor(timers)
    rows.append((f"{hours:g} h of {n_probed} pods probed every 10 s", f"{secs:.3f} s CPU ({timers} timers)",
                 f"{floor:.3f} s: {timers} bare heap timers", f"{secs / floor:.1f}x" if floor else "-"))
    size, pods, save_s, load_s = sandbox_size(10)
    rows.append(("JSON of a 10-pod sandbox", f"{size / 1024:.1f} KiB", f"{pods / 1024:.1f} KiB: the pods alone",
                 f"{size / pods:.1f}x"))
    rows.append(("save / restore that sandbox", f"{save_s * 1000:.1f} / {load_s * 1000:.1f} ms", "", ""))
    import turns
    lines = 200 if args.quick else 1000
    for step in (turns.STEP, 60.0):
        figures = turns.run(lines, 50 if args.quick else 100, step)
        rows += turns.rows(figures, lines, step)
    rows += turns.cold_rows(figures)

    results: dict = {"engine": [list(r) for r in rows]}
    if not args.engine_only:
        results.update(web.run_web(args))
        rows += web.table(results)
    saved = web.save_results("bench", results)
    web.print_table(rows)
    print(f"(also in {saved.relative_to(web.ROOT)})")


if __name__ == "__main__":
    main()
