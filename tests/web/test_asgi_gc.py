"""The server process tunes CPython's garbage collector once it has started (sandbox/config/asgi.py):
start-up objects frozen out of collections, and collections rarer than the defaults (a turn makes
no cyclic garbage; docs/performance.md sections 9 and 10)."""
from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from sandbox.session import Session

ROOT = Path(__file__).resolve().parents[2]


def test_the_asgi_application_freezes_start_up_objects_and_sets_the_collectors_thresholds():
    probe = ("import gc, json; import sandbox.config.asgi as a; "
             "print(json.dumps([gc.get_threshold(), gc.get_freeze_count(), a.GC_THRESHOLDS]))")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sandbox.config.settings", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    thresholds, frozen, declared = json.loads(done.stdout.strip().splitlines()[-1])
    assert thresholds == declared and thresholds[0] > 700     # rarer than CPython's (700, 10, 10)
    assert frozen > 10_000                                    # Django, the apps, every module imported


def test_a_sandboxs_turns_leave_no_cyclic_garbage_for_the_collector():
    # What makes rare collections safe: lines typed, files written, a wake-up, all freed by
    # reference counting alone.
    session = Session(1, screen=False)
    session.execute("kubectl run web --image=nginx")
    line = "kubectl get pods; kubectl describe pod web >/dev/null; echo hi > f.txt; cat f.txt"
    session.execute(line)                  # first use: caches filled once (not garbage per line)
    gc.collect()
    gc.disable()
    try:
        for _ in range(20):
            session.execute(line)
            session.advance_to(session.now + 15)
        assert gc.collect() == 0
    finally:
        gc.enable()
