"""The process's turn thread (sandbox/turnqueue.py): one turn at a time, on one thread, a learner's
turn ahead of every background turn still waiting, failures handed back to the caller."""
from __future__ import annotations

import asyncio
import threading

import pytest

from sandbox.turnqueue import Lane, run_turn


async def _blocked_thread() -> tuple[threading.Event, asyncio.Future]:
    """A turn that holds the thread until ``gate`` is set, already running when this returns."""
    gate, started = threading.Event(), threading.Event()

    def hold() -> None:
        started.set()
        gate.wait(5)

    running = asyncio.ensure_future(run_turn(Lane.BACKGROUND, hold))
    while not started.is_set():
        await asyncio.sleep(0.005)
    return gate, running


async def test_a_learners_turn_goes_before_the_background_turns_waiting():
    gate, running = await _blocked_thread()
    order: list[str] = []
    waiting = [asyncio.ensure_future(run_turn(Lane.BACKGROUND, order.append, f"wake-{i}")) for i in range(3)]
    await asyncio.sleep(0)
    typed = asyncio.ensure_future(run_turn(Lane.LEARNER, order.append, "typed"))
    await asyncio.sleep(0)
    gate.set()
    await asyncio.gather(running, *waiting, typed)
    assert order == ["typed", "wake-0", "wake-1", "wake-2"]


async def test_turns_run_one_at_a_time_on_one_thread_in_order_within_a_lane():
    seen: list[tuple[str, int]] = []
    active = [0]

    def turn(i: int) -> int:
        active[0] += 1
        assert active[0] == 1, "two turns ran at once"
        seen.append((threading.current_thread().name, i))
        active[0] -= 1
        return i * i

    results = await asyncio.gather(*(run_turn(Lane.LEARNER, turn, i) for i in range(20)))
    assert results == [i * i for i in range(20)]
    assert [i for _, i in seen] == list(range(20))
    assert {name for name, _ in seen} == {seen[0][0]} and seen[0][0].startswith("podlab-turns")


async def test_a_failing_turn_raises_in_its_caller_and_the_next_turn_runs():
    def fail() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        await run_turn(Lane.LEARNER, fail)
    assert await run_turn(Lane.BACKGROUND, lambda: "after") == "after"


async def test_a_turn_whose_caller_went_away_is_skipped():
    gate, running = await _blocked_thread()
    ran: list[str] = []
    gone = asyncio.ensure_future(run_turn(Lane.BACKGROUND, ran.append, "gone"))
    kept = asyncio.ensure_future(run_turn(Lane.BACKGROUND, ran.append, "kept"))
    await asyncio.sleep(0)
    gone.cancel()
    gate.set()
    await asyncio.gather(running, kept)
    assert ran == ["kept"]


async def test_a_wake_up_waits_for_the_thread_without_holding_its_sandbox(transactional_db):
    from channels.db import database_sync_to_async

    from sandbox.live import runner_for
    from sandbox.sandboxes import create_sandbox

    row = await database_sync_to_async(create_sandbox)()
    runner = runner_for(row.pk)
    sent: list[dict] = []

    async def deliver(frame: dict, origin: str) -> None:
        sent.append(frame)

    await runner.join("tab", deliver)
    try:
        gate, running = await _blocked_thread()
        wake = asyncio.ensure_future(runner.refresh())      # due now, queued in the background lane
        await asyncio.sleep(0.02)
        assert not runner.lock.locked()                      # a line typed now need not wait for it
        typed = asyncio.ensure_future(runner.line("echo typed", "tab"))
        await asyncio.sleep(0.02)
        gate.set()
        await asyncio.gather(running, wake, typed)
        outputs = [f["data"] for f in sent if f["type"] == "terminal.output"]
        assert outputs == ["typed\n"]
    finally:
        await runner.leave("tab")
