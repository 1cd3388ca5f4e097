"""Podlab scaled out on this machine: two Daphne processes sharing one PostgreSQL database and Redis.

``scaled`` (one per module) makes a fresh, uniquely named PostgreSQL database, migrates it with
``manage.py`` and starts two Daphnes on two free ports with the same ``DATABASE_URL``,
``REDIS_URL``, ``REDIS_PREFIX`` (Redis Pub/Sub ignores database numbers, so a run is kept apart
from every other by the prefix of its channel names) and ``DJANGO_SECRET_KEY`` (the processes
read each other's session cookies). At the end the processes stop and the database is dropped;
the PubSub layer stores no keys in Redis (the learners' rate buckets are keys that expire within
seconds), and the fixture checks that no key without an expiry was left under the prefix. The tests skip, saying why, only when PostgreSQL or Redis does not answer.

``Tab`` is a browser tab as the network sees it: a ``websockets`` client with the learner's
session cookie and an Origin that ALLOWED_HOSTS accepts, collecting every frame it receives.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any, Callable

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS = ("127.0.0.1", 6379)
PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _redis(*command: str) -> bytes:
    """One RESP command over a plain socket (no client library needed to ask if Redis is up)."""
    payload = f"*{len(command)}\r\n".encode() + b"".join(
        f"${len(part.encode())}\r\n{part}\r\n".encode() for part in command)
    with socket.create_connection(REDIS, timeout=2) as s:
        s.sendall(payload)
        return s.recv(65536)


def _resp_strings(reply: bytes) -> list[str]:
    """The bulk strings of a RESP array reply (``*2\r\n$3\r\nabc\r\n$1\r\nd\r\n``)."""
    lines = reply.split(b"\r\n")
    return [lines[i + 1].decode() for i in range(1, len(lines) - 1) if lines[i].startswith(b"$")]


def _admin():
    import psycopg
    return psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=3, **PG)


def _unavailable() -> str | None:
    for module, extra in (("psycopg", "postgres"), ("channels_redis", "redis"), ("websockets", "test")):
        try:
            __import__(module)
        except ImportError:
            return f'{module} is not installed: pip install ".[{extra}]"'
    try:
        _admin().close()
    except Exception as exc:           # noqa: BLE001 - any failure means "not reachable"
        return f"PostgreSQL is not reachable at {PG['host']}:{PG['port']} as {PG['user']}: {exc}"
    try:
        if not _redis("PING").startswith(b"+PONG"):
            return f"Redis at {REDIS[0]}:{REDIS[1]} did not answer PING"
    except OSError as exc:
        return f"Redis is not reachable at {REDIS[0]}:{REDIS[1]}: {exc}"
    if not Path(KUBECTL).exists():
        return f"kubectl 1.32 is not installed at {KUBECTL}"
    return None


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Scaled:
    workdir: Path
    db: str
    env: dict[str, str]
    servers: list[Server] = field(default_factory=list)

    root = ROOT

    def manage_command(self, *args: str) -> list[str]:
        return [sys.executable, "manage.py", *args]

    def manage(self, *args: str, timeout: float = 60) -> str:
        done = subprocess.run(self.manage_command(*args), cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    def sql(self, query: str, *params: Any) -> list[tuple]:
        import psycopg
        with psycopg.connect(dbname=self.db, connect_timeout=3, **PG) as db:
            return db.execute(query, params).fetchall()

    def state(self, sandbox_id: str) -> dict[str, Any]:
        """The sandbox's state as PostgreSQL holds it now."""
        (state,), = self.sql("SELECT state FROM sandbox_sandbox WHERE id = %s", uuid.UUID(sandbox_id))
        return state

    def screen(self, sandbox_id: str) -> str:
        """The sandbox's terminal text as PostgreSQL holds it now."""
        (screen,), = self.sql("SELECT screen FROM sandbox_sandbox WHERE id = %s", uuid.UUID(sandbox_id))
        return screen


def _start(scaled: Scaled, name: str) -> Server:
    port = free_port()
    log = scaled.workdir / f"daphne-{name}.log"
    process = subprocess.Popen([str(VENV_BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port),
                                "sandbox.config.asgi:application"], cwd=ROOT, env=scaled.env,
                               stdout=open(log, "wb"), stderr=subprocess.STDOUT)
    return Server(name, port, process, log)


def _wait_healthy(server: Server, deadline: float) -> None:
    while time.time() < deadline:
        try:
            urllib.request.urlopen(server.url + "/healthz", timeout=1).read()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            if server.process.poll() is not None:
                break
            time.sleep(0.1)
    raise RuntimeError(f"Daphne {server.name} did not start:\n{server.log.read_text()}")


@pytest.fixture(scope="module")
def scaled(tmp_path_factory):
    reason = _unavailable()
    if reason:
        pytest.skip(reason)
    run = uuid.uuid4().hex[:10]
    db = f"podlab_scale_{run}"
    prefix = f"podlab-scale-{run}"
    workdir = tmp_path_factory.mktemp("scale")
    (workdir / "home").mkdir()
    env = {**os.environ, "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{db}",
           "REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/0", "REDIS_PREFIX": prefix,
           "DJANGO_SECRET_KEY": f"podlab-scale-test-{run}-" + "x" * 40,
           "PYTHONPATH": str(ROOT), "HOME": str(workdir / "home"), "TZ": "UTC"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with _admin() as admin:
        admin.execute(f'CREATE DATABASE "{db}"')
    scaled = Scaled(workdir, db, env)
    try:
        scaled.manage("migrate", "-v0")
        scaled.manage("shell", "-c", "from django.contrib.auth import get_user_model; "
                      f"get_user_model().objects.create_user('learner', password={PASSWORD!r})")
        scaled.servers = [_start(scaled, "A"), _start(scaled, "B")]
        deadline = time.time() + 30
        for server in scaled.servers:
            _wait_healthy(server, deadline)
        yield scaled
    finally:
        for server in scaled.servers:
            if server.process.poll() is None:
                server.process.terminate()
        for server in scaled.servers:
            try:
                server.process.wait(10)
            except subprocess.TimeoutExpired:
                server.process.kill()
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        # The PubSub layer keeps no keys; the only keys are the learners' rate buckets
        # (sandbox/ratelimit.py), which expire within seconds. A key without an expiry under this
        # run's prefix would be a leak.
        left = [key for key in _resp_strings(_redis("KEYS", f"{prefix}*"))]
        lasting = [key for key in left if _redis("TTL", key).strip() == b":-1"]
        assert not lasting, f"keys without an expiry left in Redis under {prefix}: {lasting!r}"


# -- a learner's browser, over the network -----------------------------------------------------
class Browser:
    """Cookies and plain HTTP against any of the processes, as one browser would send them."""

    def __init__(self) -> None:
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> tuple[str, str]:
        """(final URL after redirects, body)."""
        with self.opener.open(url, timeout=10) as resp:
            return resp.geturl(), resp.read().decode()

    def log_in(self, base: str, username: str, password: str) -> None:
        _, page = self.get(base + "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username,
                                       "password": password}).encode()
        request = urllib.request.Request(base + "/accounts/login/", data=form,
                                         headers={"Referer": base + "/accounts/login/"})
        with self.opener.open(request, timeout=10) as resp:
            resp.read()
        assert self.cookie("sessionid"), "the login did not set a session cookie"

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")


class Tab:
    """One tab's WebSocket to one process, reading every frame into ``frames`` as it comes."""

    def __init__(self, name: str, server: Server, sandbox_id: str, browser: Browser) -> None:
        self.name, self.server, self.sandbox_id, self.browser = name, server, sandbox_id, browser
        self.frames: list[dict[str, Any]] = []
        self._changed = asyncio.Event()
        self._reader: asyncio.Task[None] | None = None
        self.ws: Any = None

    async def open(self) -> Tab:
        from websockets.asyncio.client import connect
        url = f"ws://127.0.0.1:{self.server.port}/ws/sandboxes/{self.sandbox_id}/"
        self.ws = await connect(url, origin=self.server.url,
                                additional_headers={"Cookie": f"sessionid={self.browser.cookie('sessionid')}"},
                                open_timeout=10)
        self._reader = asyncio.create_task(self._read(), name=f"tab-{self.name}")
        return self

    async def _read(self) -> None:
        async for message in self.ws:
            self.frames.append(json.loads(message))
            self._changed.set()

    async def send(self, **frame: Any) -> None:
        await self.ws.send(json.dumps(frame))

    async def until(self, found: Callable[[list[dict[str, Any]]], Any], what: str, timeout: float = 10) -> Any:
        """Waits until ``found(frames)`` is truthy, and returns it."""
        deadline = time.monotonic() + timeout
        while True:
            result = found(self.frames)
            if result:
                return result
            left = deadline - time.monotonic()
            if left <= 0:
                kinds = [f if f["type"] == "terminal.output" else f["type"] for f in self.frames[-30:]]
                raise AssertionError(f"tab {self.name} on {self.server.name}: no {what} in {kinds}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), left)
            except asyncio.TimeoutError:
                pass

    def terminal_text(self) -> str:
        return "".join(f.get("echo", "") + f.get("data", "") for f in self.frames if f["type"] == "terminal.output")

    def pods_seen(self) -> dict[str, int]:
        """Pod name -> the index of the frame (snapshot or delta) this tab first saw it in."""
        seen: dict[str, int] = {}
        for index, frame in enumerate(self.frames):
            cards = (frame.get("pods") if frame["type"] == "cluster.snapshot"
                     else (frame.get("pods") or {}).get("set", []) if frame["type"] == "cluster.delta" else [])
            for card in cards:
                seen.setdefault(card["name"], index)
        return seen

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
