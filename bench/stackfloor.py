"""Floors for bench/web.py below Podlab, served the way Podlab is served: by Daphne and a Channels
consumer. Both answer a ``terminal.input`` frame with a ``terminal.output`` frame, as the bare
websockets echo server of bench/web.py does.

    daphne -b 127.0.0.1 -p PORT stackfloor:application    (from bench/) the stack floor: echo
    daphne -b 127.0.0.1 -p PORT stackfloor:saving         ... and, before answering, the least
                                                          a turn must do: save the sandbox

``saving`` is the issue's rule for a turn with the simulation taken out: on one thread beside the
event loop (as Podlab's turn thread), lock the sandbox's row, write a state of the size Podlab
writes (``STACKFLOOR_STATE``: a JSON file, re-encoded with orjson each time), count the version
and commit, in SQLite (``STACKFLOOR_DB``) in WAL mode with synchronous=NORMAL, with the standard
library's sqlite3 and no ORM. Whatever Podlab's turn costs beyond this is the simulation's.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import os
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import django
import orjson
from django.conf import settings

if not settings.configured:
    settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], SECRET_KEY="podlab-stack-floor-" + "x" * 40,
                       INSTALLED_APPS=["daphne", "channels"], CHANNEL_LAYERS={})
    django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402

_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="floor-turns")
_LOCAL = threading.local()
_IDS = itertools.count(1)


def _db() -> sqlite3.Connection:
    db = getattr(_LOCAL, "db", None)
    if db is None:
        db = _LOCAL.db = sqlite3.connect(os.environ["STACKFLOOR_DB"], isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS sandbox (id INTEGER PRIMARY KEY, version INTEGER, state TEXT)")
        _LOCAL.state = json.loads(open(os.environ["STACKFLOOR_STATE"], encoding="utf-8").read())
    return db


def _create(row: int) -> None:
    db = _db()
    db.execute("INSERT OR REPLACE INTO sandbox VALUES (?, 0, ?)", (row, orjson.dumps(_LOCAL.state).decode()))


def _turn(row: int) -> None:
    db = _db()
    db.execute("BEGIN IMMEDIATE")
    (version,) = db.execute("SELECT version FROM sandbox WHERE id = ?", (row,)).fetchone()
    db.execute("UPDATE sandbox SET state = ?, version = ? WHERE id = ?",
               (orjson.dumps(_LOCAL.state).decode(), version + 1, row))
    db.execute("COMMIT")


class Echo(AsyncWebsocketConsumer):
    save = False

    async def connect(self) -> None:
        await self.accept()
        if self.save:
            self.row = next(_IDS)
            await asyncio.get_running_loop().run_in_executor(_THREAD, _create, self.row)
        await self.send(text_data=json.dumps({"type": "terminal.state"}))

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        frame = json.loads(text_data or "{}")
        if frame.get("type") == "terminal.input":
            if self.save:
                await asyncio.get_running_loop().run_in_executor(_THREAD, _turn, self.row)
            await self.send(text_data=json.dumps({"type": "terminal.output", "echo": "", "data": frame["data"],
                                                  "done": True, "prompt": "$ ", "status": 0}))


class SavingEcho(Echo):
    save = True


application = Echo.as_asgi()
saving = SavingEcho.as_asgi()
