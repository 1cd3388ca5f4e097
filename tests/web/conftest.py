"""The cast of the web tests: a learner, another learner, and an anonymous visitor, each with the
cookie their browser would send; and a WebSocket tab opened as one of them. For the browser tests:
a live Daphne server and Debian's Chromium, one of each per test module (browser.py)."""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from typing import Any

import pytest
from channels.testing import WebsocketCommunicator
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore

ORIGIN = (b"origin", b"http://localhost")


@dataclass
class Visitor:
    name: str
    cookie: str          # the session cookie's value
    user: Any = None


def _logged_in(username: str) -> Visitor:
    from django.test import Client
    user = get_user_model().objects.create_user(username, password="correct horse battery")
    client = Client()
    client.force_login(user)
    return Visitor(username, client.cookies["sessionid"].value, user)


def _anonymous() -> Visitor:
    store = SessionStore()
    store.create()
    return Visitor("anonymous", store.session_key)


@pytest.fixture
def learner(transactional_db) -> Visitor:
    return _logged_in("learner")


@pytest.fixture
def other_learner(transactional_db) -> Visitor:
    return _logged_in("other")


@pytest.fixture
def visitor(transactional_db) -> Visitor:
    return _anonymous()


class Tab:
    """One browser tab on a sandbox page: its WebSocket and the frames it has received."""

    def __init__(self, sandbox_id: Any, visitor: Visitor) -> None:
        from sandbox.config.asgi import application
        headers = [ORIGIN, (b"cookie", f"sessionid={visitor.cookie}".encode())]
        self.comm = WebsocketCommunicator(application, f"/ws/sandboxes/{sandbox_id}/", headers=headers)
        self.frames: list[dict[str, Any]] = []

    async def open(self) -> tuple[bool, Any]:
        return await self.comm.connect(timeout=5)

    async def send(self, **frame: Any) -> None:
        await self.comm.send_json_to(frame)

    async def until(self, kind: str, timeout: float = 5.0, **match: Any) -> dict[str, Any]:
        """The next frame of that type (and those field values); earlier ones are kept."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise AssertionError(f"no {kind} {match or ''} in {[f['type'] for f in self.frames]}")
            frame = await self.comm.receive_json_from(timeout=left)
            self.frames.append(frame)
            if frame["type"] == kind and all(frame.get(k) == v for k, v in match.items()):
                return frame

    def latest(self, kind: str) -> dict[str, Any]:
        return next(f for f in reversed(self.frames) if f["type"] == kind)

    async def output_until_done(self, timeout: float = 5.0) -> str:
        text = ""
        while True:
            frame = await self.until("terminal.output", timeout)
            text += frame["echo"] + frame["data"]
            if frame["done"]:
                return text

    async def close(self) -> None:
        await self.comm.disconnect()


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    from .browser import LiveServer

    live = LiveServer()
    live.start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM, CHROMIUM_ARGS
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls (the
    # database flush between tests) are still synchronous (pitfall P5 in the notes).
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    pw = sync_playwright().start()
    chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    pw.stop()
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
