"""Busy loops on simulated time: one that can never end is parked as busy for ever (spin.py);
one that reads the world, or whose state keeps changing, goes on costing one simulated second per
BUDGET instructions, as before. Counted in ``run`` calls, not in CPU seconds."""
from __future__ import annotations

import json
import math

import pytest

from sandbox.sim.shell import Blocked, Exited, Process, deliver_signal, run, spawn
from sandbox.sim.shell.fakehost import FakeHost, run_to_end
from sandbox.sim.shell.io import MAX_PIPE_CHARS


def sh(script: str, **kw) -> Process:
    return spawn(["sh", "-c", script], {"HOME": "/root", "PATH": "/usr/bin:/bin"}, **kw)


def calls_until_parked(proc: Process, host: FakeHost, limit: int = 50) -> int:
    """How many ``run`` calls (one budget each) until the process is busy for ever."""
    outcome, now = run(proc, host, 0), 0.0
    for calls in range(1, limit):
        assert isinstance(outcome, Blocked) and outcome.busy
        if math.isinf(outcome.until):
            return calls
        now = outcome.until
        outcome = run(proc, host, now)
    raise AssertionError(f"not parked after {limit} calls")


@pytest.mark.parametrize("script", [
    "while :; do :; done",
    "while true; do :; done",
    "until false; do :; done",
    'while [ "$x" = "" ]; do :; done',
    "x=a; while :; do if [ $x = a ]; then x=b; else x=a; fi; done",     # a period of two turns
    "f() { true; }; while :; do f; done",
    "while :; do x=$(echo hi); done",
    "while :; do echo spam >/dev/null; done",
    "while :; do read line; done",                                     # at the end of its input
    "for i in 1 2 3; do :; done; while :; do for j in a b c; do eval ':'; done; done",
])
def test_a_loop_that_can_never_end_is_parked_within_two_budgets(script: str) -> None:
    assert calls_until_parked(sh(script), FakeHost()) <= 2


def test_a_parked_loop_has_printed_nothing_and_survives_a_save() -> None:
    host, proc = FakeHost(), sh("echo start; while :; do :; done")
    calls_until_parked(proc, host)
    saved = Process.from_json(json.loads(json.dumps(proc.to_json())))
    assert run(saved, host, 5000) == Blocked(math.inf) and run(saved, host, 5000).busy
    assert host.writes == [(0, "stdout", "start\n")]


def test_a_parked_loop_still_ends_by_a_signal_or_a_trap() -> None:
    host, proc = FakeHost(), sh("while :; do :; done", pid=5)
    calls_until_parked(proc, host)
    assert deliver_signal(proc, host, 700, "SIGTERM") == Exited(143)

    host, proc = FakeHost(), sh("trap 'echo bye at $i; exit 7' USR1; i=0; while :; do :; done", pid=5)
    calls_until_parked(proc, host)
    assert deliver_signal(proc, host, 700, "USR1") == Exited(7)
    assert host.writes == [(700, "stdout", "bye at 0\n")]


def test_a_loop_that_waits_on_the_clock_is_not_parked() -> None:
    host = FakeHost()
    proc = sh('end=$(( $(date +%s) + 3 )); while [ "$(date +%s)" -lt $end ]; do :; done; echo done')
    assert run_to_end(proc, host) == Exited(0)
    assert host.writes == [(3, "stdout", "done\n")]


@pytest.mark.parametrize("script", [
    "while [ ! -f /tmp/go ]; do :; done; echo go",
    "while :; do for f in /tmp/*; do [ $f = /tmp/go ] && break 2; done; done; echo go",
])
def test_a_loop_that_waits_on_a_file_sees_it_appear(script: str) -> None:
    host, proc = FakeHost(), sh(script)
    outcome = run(proc, host, 0)
    for now in range(1, 6):
        assert outcome == Blocked(now)           # busy, one second per budget, never parked
        outcome = run(proc, host, now)
    host.fs.write("/tmp/go", "")                  # kubectl exec ... touch /tmp/go, say
    assert run(proc, host, 6) == Exited(0)
    assert host.writes == [(6, "stdout", "go\n")]


def test_a_loop_that_prints_to_a_container_log_is_not_parked() -> None:
    host, proc = FakeHost(), sh("while :; do echo tick; done")
    assert run(proc, host, 0) == Blocked(1.0)
    assert run(proc, host, 1) == Blocked(2.0)
    assert host.writes[-1] == (1, "stdout", "tick\n")


def test_a_loop_that_only_fills_its_own_capture_is_parked_without_filling_it() -> None:
    host, proc = FakeHost(), sh("x=$(while :; do echo; done); echo never")
    assert calls_until_parked(proc, host) <= 2
    assert sum(len(c) for c in proc.main.captures) < 100_000 and host.writes == []


def test_a_writer_that_fills_the_pipe_waits_there_for_ever() -> None:
    # 2 MB through a pipe whose reader only starts when the writer ends: the buffer stops at
    # its limit and the writer waits on it, busy, until it is stopped
    big = "x=aaaaaaaaaa; x=$x$x$x$x$x$x$x$x$x$x; x=$x$x$x$x$x$x$x$x$x$x; x=$x$x$x$x$x$x$x$x$x$x"
    host = FakeHost()
    proc = sh(f"{big}; i=0; while [ $i -lt 200 ]; do echo $x; i=$((i+1)); done | wc -c")
    assert calls_until_parked(proc, host) <= 2
    assert [len(c) for c in proc.main.captures] == [MAX_PIPE_CHARS] and host.writes == []
