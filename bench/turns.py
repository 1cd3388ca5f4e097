"""A terminal line's turn as a learner's session gets older: CPU per turn after 10 lines and after 1,000.

    python bench/turns.py [--lines 1000] [--sample 100] [--step 5]

A session keeps what a lesson's checks and a reload need, each up to its cap (docs/limits.md): the
kubectl records (1,000), the history (1,000 lines), the screen's text (32,000 characters), the
containers' logs (5,000 lines). Every turn saves the session, so what it keeps weighs on every
turn. This runs the same turn as bench/web.py's learners (``kubectl get pods`` on a sandbox with
a crash-looping pod and a probed pod, one line every 5 simulated seconds) through
``turns.take_turn`` with the runner's copy (hot.py), on a SQLite file, in-process, and takes the
CPU time of the turn's own thread (``time.thread_time``: the WAL's checkpoint thread is not in
it), the median of ``--sample`` turns at each age. Baseline: the same turn on a second sandbox
10 lines old, in the same run, the two sandboxes' timed turns taken in turn (the machine's speed
changes during a run, and so weighs on both alike). ``--step 60``: a line a minute, so that 1,000
lines are 17 hours of probes and crash loops. A second figure, the machine's own: the young
sandbox's turn taken after a few others back to back (warm), and taken after ``PAUSE`` of idling
(what a server between two learners' lines does); the same code and data, only the wait before it
differs (docs/performance.md section 14). A process of its own (a temporary database and
Django), started by bench/run.py.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SERVER_ROOT = pathlib.Path(os.environ.get("PODLAB_BENCH_ROOT") or ROOT)
STEP = 5.0                     # wall seconds between two lines, as bench/web.py's learners
PAUSE = 0.01                   # seconds of idling before a "cold" turn: 100 turns a second's gap
WARM_AFTER = 3                 # turns back to back before the one counted as warm


def measure(lines: int, sample: int, step: float = STEP) -> dict[str, float]:
    """In this process (Django set up on a temporary database): CPU ms per turn at each age."""
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from sandbox import walcheckpoint
    from sandbox.models import Sandbox
    from sandbox.turns import take_turn
    from web import COMMAND, learner_session

    call_command("migrate", verbosity=0)

    class Learner:
        """One sandbox and its runner's copy, typing a line every ``step`` wall seconds."""
        def __init__(self) -> None:
            self.wall = 1_700_000_000.0
            self.row = Sandbox.objects.create(seed=1, state=learner_session(self.wall).to_json())
            self.hot = None

        def turn(self) -> float:
            self.wall += step
            began = time.thread_time()
            self.hot = take_turn(self.row.id, None, now_wall=self.wall, line=COMMAND, hot=self.hot).hot
            spent = time.thread_time() - began
            walcheckpoint.ensure(connection)       # as the turn thread does (turnqueue._run)
            return spent

    # Both sandboxes' turns are timed in turn, so that a change of the machine's speed during the
    # run weighs on both figures alike.
    old, young = Learner(), Learner()
    for _ in range(lines):
        old.turn()
    for _ in range(10):
        young.turn()
    timed: dict[str, list[float]] = {"after 10": [], f"after {lines}": []}
    for _ in range(sample):
        timed["after 10"].append(young.turn())
        timed[f"after {lines}"].append(old.turn())
    # The same turn cold (after the process idled PAUSE) and warm, in turn. The first few turns
    # after idling are all slower: the fourth of a burst counts as warm.
    for _ in range(sample):
        time.sleep(PAUSE)
        timed.setdefault("cold", []).append(young.turn())
        for _ in range(WARM_AFTER - 1):
            young.turn()
        timed.setdefault("warm", []).append(young.turn())
    figures = {key: statistics.median(values) * 1000 for key, values in timed.items()}
    row = old.row
    state = Sandbox.objects.values_list("state", "screen").get(pk=row.id)
    figures["state KiB"] = len(json.dumps(state[0], separators=(",", ":"))) / 1024
    figures["screen KiB"] = len(state[1].encode()) / 1024
    walcheckpoint.stop()
    return figures


def run(lines: int = 1000, sample: int = 100, step: float = STEP) -> dict[str, float]:
    """``measure`` in a process of its own, on a temporary SQLite database."""
    with tempfile.TemporaryDirectory(prefix="podlab-turns-") as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3", "DJANGO_DEBUG": "false",
               "DJANGO_SECRET_KEY": "podlab-bench-" + "x" * 50, "DJANGO_SETTINGS_MODULE": "sandbox.config.settings",
               "PYTHONPATH": f"{SERVER_ROOT}{os.pathsep}{ROOT / 'bench'}", "HOME": tmp, "TZ": "UTC"}
        env.pop("REDIS_URL", None)
        command = [sys.executable, __file__, "--measure", "--lines", str(lines), "--sample", str(sample),
                   "--step", str(step)]
        done = subprocess.run(command, cwd=SERVER_ROOT, env=env, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            raise RuntimeError(f"bench/turns.py failed:\n{done.stderr}")
        return json.loads(done.stdout.strip().splitlines()[-1])


def rows(figures: dict[str, float], lines: int, step: float = STEP) -> list[tuple[str, str, str, str]]:
    young, old = figures["after 10"], figures[f"after {lines}"]
    every = f"{lines} lines, one every {step:g} s ({lines * step / 3600:.1f} h)"
    return [(f"a line's turn after {every}: CPU", f"{old:.2f} ms",
             f"{young:.2f} ms: the same turn after 10 lines", f"{old / young:.2f}x"),
            ("  its saved state; the screen column", f"{figures['state KiB']:.1f} KiB; {figures['screen KiB']:.1f} KiB",
             "", "")]


def cold_rows(figures: dict[str, float]) -> list[tuple[str, str, str, str]]:
    cold, warm = figures["cold"], figures["warm"]
    return [(f"a line's turn after {PAUSE * 1000:g} ms of idling: CPU", f"{cold:.2f} ms",
             f"{warm:.2f} ms: after {WARM_AFTER} turns back to back", f"{cold / warm:.2f}x")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--step", type=float, default=STEP, help="wall seconds between two lines")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.lines, args.sample, args.step)))
        return
    import web
    figures = run(args.lines, args.sample, args.step)
    web.print_table(rows(figures, args.lines, args.step) + cold_rows(figures))


if __name__ == "__main__":
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    main()
