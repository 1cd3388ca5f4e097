"""The soak (issue "Hardening"): N simulated learners against one Daphne for a long while.

    python bench/soak.py                       # 500 learners, 10 minutes, SQLite
    python bench/soak.py --n 500 --minutes 10 --db postgres

The learners are bench/web.py's (each with its own sandbox holding a crash-looping pod and a
probed pod, sending ``kubectl get pods`` every ``--period`` seconds, in a load-generator process of
their own). Meanwhile the server's RSS and CPU are sampled every ``--sample`` seconds. Reported:
the RSS growth from the end of the first minute (imports, caches and every learner's first turns
are in by then: the baseline) to the end, the largest RSS seen, the round trips' p50/p99 over the
whole run, and every failure the learners saw: error frames, time-outs, sockets closed, failed
connects. What the issue asks: memory growth under 10 %, no error frames.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import web  # noqa: E402  (bench/web.py: the site, the seed, the client, /proc readers)

BASELINE_AFTER = 60.0       # seconds of the run before the RSS baseline is taken


def soak(args: argparse.Namespace) -> dict[str, Any]:
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="podlab-soak-"))
    site = web.Site(workdir, args.db)
    try:
        site.seed(args.n)
        ids = workdir / "ids.json"
        pid = site.start()
        duration = args.minutes * 60
        cmd = [sys.executable, web.__file__, "client", "--port", str(site.port), "--server-pid", str(pid),
               "--ids", str(ids), "--first", "0", "--n", str(args.n), "--period", str(args.period),
               "--duration", str(duration), "--warmup", str(args.period)]
        client = subprocess.Popen(cmd, stdout=subprocess.PIPE, cwd=web.ROOT)
        began = time.perf_counter()
        samples: list[dict[str, float]] = []
        cpu_before = web.cpu_seconds(pid)
        while client.poll() is None:
            time.sleep(args.sample)
            if site.process is None or site.process.poll() is not None:
                raise RuntimeError("the server died during the soak (see its daphne.log)")
            samples.append({"t": time.perf_counter() - began, "rss": web.rss_bytes(pid),
                            "cpu": web.cpu_seconds(pid) - cpu_before})
        result = json.loads(client.communicate()[0])
        site.stop()
    finally:
        site.close()
    base = next((s for s in samples if s["t"] >= BASELINE_AFTER), samples[0])
    last = samples[-1]
    return {"n": args.n, "minutes": args.minutes, "db": args.db, "period": args.period, "samples": samples,
            "rss_base": base["rss"], "rss_end": last["rss"], "rss_max": max(s["rss"] for s in samples),
            "growth": (last["rss"] - base["rss"]) / base["rss"],
            "cpu_share": (last["cpu"] - base["cpu"]) / max(last["t"] - base["t"], 1e-9), "client": result}


def table(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    c = r["client"]
    mib = 2 ** 20
    return [
        (f"soak: {r['n']} learners, {r['minutes']:g} min ({r['db']}): server RSS growth",
         f"{r['growth']:+.1%} ({r['rss_base'] / mib:.0f} -> {r['rss_end'] / mib:.0f} MiB, max {r['rss_max'] / mib:.0f})",
         f"{r['rss_base'] / mib:.0f} MiB after {BASELINE_AFTER:g} s", "target < +10%"),
        ("  errors seen by the learners", ", ".join(f"{k} {v}" for k, v in c["errors"].items()),
         f"{c['connected']} of {c['n']} connected", "target: no error frames"),
        ("  round trip p50 / p99 over the run", f"{c['p50_ms']:.1f} / {c['p99_ms']:.1f} ms ({c['samples']} rt)",
         f"max {c['max_ms']:.0f} ms", ""),
        ("  server CPU after the first minute", f"{r['cpu_share']:.0%} of a core", "", ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500, help="learners (default 500)")
    parser.add_argument("--minutes", type=float, default=10, help="length of the soak (default 10)")
    parser.add_argument("--period", type=float, default=5, help="seconds between a learner's commands")
    parser.add_argument("--sample", type=float, default=15, help="seconds between RSS samples")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    results = soak(args)
    path = web.save_results("soak", results)
    web.print_table(table(results))
    print(f"(samples in {path})")


if __name__ == "__main__":
    main()
