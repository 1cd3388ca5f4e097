"""The frame rate limit scaled out (sandbox/ratelimit.py; docs/limits.md): a learner with one tab on
each of two Daphne processes has one token bucket, in Redis, not one per process.

The learner types lines as fast as the network takes them, alternating between the tab on A and
the tab on B. With a bucket per process they could run about 2 * BURST of them; with the shared
bucket they run at most BURST plus RATE for each second the burst took, and every other line is
refused with the terminal's notice, on whichever process it reached. Each line is told exactly
once: its output, or its tab's notice; the lines that ran are the sandbox's history.
"""
from __future__ import annotations

import asyncio
import re
import time

from sandbox.ratelimit import BURST, RATE
from sandbox.session import Session

from .conftest import Scaled, Tab, _redis
from .test_two_processes import open_tabs

SENT = 2 * BURST + 20           # more than two per-process buckets would let through at once
REFUSED = re.compile(r"^bash: too many commands \(more than 10 a second\): not run: echo r(\d+)\n$")


def refused(tab: Tab, since: int) -> list[int]:
    return [int(m.group(1)) for f in tab.frames[since:] if f["type"] == "terminal.output"
            for m in [REFUSED.match(f["data"])] if m]


def ran(tab: Tab, since: int) -> list[int]:
    return [int(m.group(1)) for f in tab.frames[since:] if f["type"] == "terminal.output" and f["done"]
            for m in [re.fullmatch(r"r(\d+)\n", f["data"])] if m]


def rate_keys(scaled: Scaled) -> list[str]:
    """The rate-limit keys under this run's prefix (RESP array of bulk strings, parsed by hand)."""
    reply = _redis("KEYS", f"{scaled.env['REDIS_PREFIX']}:rate:*").split(b"\r\n")
    return [part.decode() for part in reply[2::2] if part]


async def test_a_learner_with_tabs_on_two_processes_has_one_bucket(scaled):
    _, sandbox_id, tab_a, tab_b, _ = await open_tabs(scaled)
    tabs = (tab_a, tab_b)
    since = {tab: len(tab.frames) for tab in tabs}
    try:
        started = time.monotonic()
        for i in range(SENT):
            await tabs[i % 2].send(type="terminal.input", data=f"echo r{i}")

        def told() -> bool:
            refusals = {i for tab in tabs for i in refused(tab, since[tab])}
            outputs = {i for tab in tabs for i in ran(tab, since[tab])}
            return refusals | outputs == set(range(SENT))

        while not told():            # the last answer may come to either tab: look at both
            assert time.monotonic() - started < 20, "no answer to every line"
            await asyncio.sleep(0.01)
        elapsed = time.monotonic() - started
        keys = rate_keys(scaled)
        assert len(keys) == 1 and re.search(r":rate:user:\d+$", keys[0]), keys   # the bucket is in Redis

        refusals = {tab.name: refused(tab, since[tab]) for tab in tabs}
        # each refusal on the tab (so the process) the line was typed in, once
        assert all(i % 2 == 0 for i in refusals["a"]) and all(i % 2 == 1 for i in refusals["b"]), refusals
        assert refusals["a"] and refusals["b"], "both processes refuse once the shared bucket is empty"
        refused_all = refusals["a"] + refusals["b"]
        assert len(refused_all) == len(set(refused_all))
        accepted = SENT - len(refused_all)
        # one bucket: its burst and what it refilled while the lines came in (two would allow 2 * BURST)
        assert BURST <= accepted <= BURST + RATE * elapsed + 1, (accepted, elapsed)
        assert accepted < 2 * BURST, (accepted, elapsed)

        # the lines that ran, once each, are the sandbox's history; no refused line ran
        for tab in tabs:
            await tab.until(lambda frames: len(set(ran(tab, since[tab]))) == accepted, "every output", timeout=10)
            assert sorted(ran(tab, since[tab])) == sorted(set(range(SENT)) - set(refused_all)), tab.name
        await asyncio.sleep(0.3)
        history = Session.from_json(scaled.state(sandbox_id)).history
        assert sorted(history) == sorted(f"echo r{i}" for i in range(SENT) if i not in refused_all)
        assert time.monotonic() - started < 15
    finally:
        for tab in tabs:
            await tab.close()
        # The keys expire within BURST / RATE seconds on their own; the fixture checks, right
        # away, that the run left no key under its prefix.
        for key in rate_keys(scaled):
            _redis("DEL", key)
