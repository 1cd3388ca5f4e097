from __future__ import annotations

import multiprocessing


def pytest_configure(config):
    # A forked live Daphne inherits asgiref's executor without its thread and hangs on its first
    # database hop; spawned children start clean (pitfall P3 in the Channels notes).
    multiprocessing.set_start_method("spawn", force=True)
