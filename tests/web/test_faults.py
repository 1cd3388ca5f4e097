"""Issue 9's faults: the server killed with SIGKILL in the middle of a lesson loses nothing a
learner saw complete; two tabs typing at once see every line run once, in one order, and the same
final state.

The first test runs Daphne in a process of its own on a temporary SQLite file (tests/api/live.py)
and drives it with a real WebSocket client (the ``websockets`` package), as a browser would."""
from __future__ import annotations

import asyncio
import json
import signal
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.db import connections

from sandbox.sandboxes import create_sandbox
from sandbox.turns import peek
from tests.api.live import Live

from .conftest import Tab

websockets = pytest.importorskip("websockets")

STEP_1 = ["kubectl run nginx --image=nginx", "lab advance 10s", "kubectl get pods"]
STEP_2 = ["kubectl get pods -o wide", "kubectl describe pod nginx"]
MAKE = """
import json
from django.contrib.sessions.backends.db import SessionStore
from lessons.catalog import get_lesson
from lessons.sandboxes import create_lesson_sandbox
store = SessionStore(); store.create()
row = create_lesson_sandbox(get_lesson("01-what-is-a-pod"), session_key=store.session_key)
print(json.dumps({"key": store.session_key, "sandbox": str(row.pk)}))
"""


class Browser:
    """One tab of the lesson page over a real WebSocket."""

    def __init__(self, live: Live, sandbox: str, key: str) -> None:
        self.url = f"ws://127.0.0.1:{live.port}/ws/sandboxes/{sandbox}/"
        self.headers = {"Origin": live.url, "Cookie": f"sessionid={key}"}
        self.frames: list[dict[str, Any]] = []      # every frame received
        self.pending: list[dict[str, Any]] = []     # the ones no ``until`` has taken

    async def __aenter__(self) -> Browser:
        self.ws = await websockets.connect(self.url, additional_headers=self.headers, max_size=None)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.ws.close()

    async def until(self, kind: str, timeout: float = 15, **match: Any) -> dict[str, Any]:
        """The first frame of that type (and those field values) not taken yet, waiting for it."""
        def wanted(frame: dict[str, Any]) -> bool:
            return frame["type"] == kind and all(frame.get(k) == v for k, v in match.items())

        async def wait() -> dict[str, Any]:
            for frame in self.pending:
                if wanted(frame):
                    self.pending.remove(frame)
                    return frame
            while True:
                frame = json.loads(await self.ws.recv())
                self.frames.append(frame)
                if wanted(frame):
                    return frame
                self.pending.append(frame)
        return await asyncio.wait_for(wait(), timeout)

    async def run(self, line: str) -> str:
        await self.ws.send(json.dumps({"type": "terminal.input", "data": line}))
        text = ""
        while True:
            frame = await self.until("terminal.output")
            text += frame["data"]
            if frame["done"]:
                return text


def _step(progress: dict[str, Any], step: str) -> str:
    return next(s["state"] for s in progress["steps"] if s["id"] == step)


@pytest.fixture
def live(tmp_path: Path):
    server = Live(tmp_path)
    (tmp_path / "home").mkdir()
    server.start()
    yield server
    server.stop()


def test_a_server_killed_mid_lesson_resumes_with_every_completed_command_in_place(live: Live):
    made = json.loads(live.manage("shell", "-c", MAKE).strip().splitlines()[-1])

    async def before_the_crash() -> None:
        async with Browser(live, made["sandbox"], made["key"]) as tab:
            await tab.until("terminal.state")
            for line in STEP_1:
                await tab.run(line)
            progress = await tab.until("lesson.progress", current="look-around")
            assert _step(progress, "run-nginx") == "done"
            assert "nginx" in await tab.run(STEP_2[0])      # step 2 half done when the server dies

    asyncio.run(before_the_crash())
    assert live.process is not None
    live.process.send_signal(signal.SIGKILL)
    live.process.wait(10)
    live.start()

    async def after_the_restart() -> None:
        async with Browser(live, made["sandbox"], made["key"]) as tab:
            state = await tab.until("terminal.state")
            assert state["history"] == [*STEP_1, STEP_2[0]]
            assert "pod/nginx created" in state["screen"] and "10.244." in state["screen"]
            snapshot = next(f for f in tab.frames if f["type"] == "cluster.snapshot")
            assert [p["name"] for p in snapshot["pods"]] == ["nginx"]
            progress = await tab.until("lesson.progress")
            assert _step(progress, "run-nginx") == "done" and progress["current"] == "look-around"
            look = next(s for s in progress["steps"] if s["id"] == "look-around")
            assert [c["passed"] for c in look["checks"]] == [True, False]   # -o wide was kept, too
            assert "Events:" in await tab.run(STEP_2[1])
            progress = await tab.until("lesson.progress", current="exec")
            assert _step(progress, "look-around") == "done"

    asyncio.run(after_the_restart())


# -- two tabs ------------------------------------------------------------------------------------------
@pytest.fixture
async def close_executor_db_connections():
    yield
    await sync_to_async(connections.close_all)()


@pytest.mark.django_db(transaction=True)
async def test_two_tabs_typing_at_once_run_every_line_once_in_one_order(learner, close_executor_db_connections):
    row = await sync_to_async(create_sandbox)(owner=learner.user)
    tabs = [Tab(row.pk, learner), Tab(row.pk, learner)]
    for tab in tabs:
        assert (await tab.open())[0]
        await tab.until("editor.files")
    lines = {0: [f"echo a{i} >> log.txt" for i in range(8)], 1: [f"echo b{i} >> log.txt" for i in range(8)]}

    async def type_all(n: int) -> None:
        for line in lines[n]:
            await tabs[n].send(type="terminal.input", data=line)
            await asyncio.sleep(0)

    await asyncio.gather(type_all(0), type_all(1))
    seen: list[list[str]] = [[], []]
    for n, tab in enumerate(tabs):
        while len(seen[n]) < 16:
            frame = await tab.until("terminal.output", timeout=20)
            if frame["done"]:
                seen[n].append(frame["echo"] or "(own)")
    history = await sync_to_async(peek)(row.pk, lambda s: list(s.history))
    log = await sync_to_async(peek)(row.pk, lambda s: s.fs.read("/root/log.txt"))
    assert sorted(history) == sorted(lines[0] + lines[1])                 # every line ran, once
    assert history[:0] == [] and [h for h in history if h.startswith("echo a")] == lines[0]
    assert [h for h in history if h.startswith("echo b")] == lines[1]     # each tab's lines in its order
    assert log == "".join(h.split()[1] + "\n" for h in history)          # the effects in that one order
    for n, tab in enumerate(tabs):                                        # both tabs saw the same sequence
        others = [e.split("$ ", 1)[1].rstrip("\n") for e in seen[n] if e != "(own)"]
        assert others == [h for h in history if h not in lines[n]]
    await tabs[0].send(type="editor.open", path="log.txt")
    await tabs[1].send(type="editor.open", path="log.txt")
    assert (await tabs[0].until("editor.file"))["text"] == (await tabs[1].until("editor.file"))["text"] == log
    for tab in tabs:
        await tab.close()
