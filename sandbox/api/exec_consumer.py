"""``kubectl exec`` over WebSocket: the channel protocols of k8s.io/apimachinery remotecommand.

kubectl 1.32 opens ``GET .../pods/NAME/exec?command=...`` as a WebSocket offering
``v5.channel.k8s.io`` (client-go tools/remotecommand/websocket.go); when that upgrade fails it
falls back to SPDY with a POST (fallback.go), which Podlab answers with the refusal (views.py), so
the error kubectl prints is the one a real cluster's refusal gives. Other clients (the Python
client's ``stream``) offer ``v4.channel.k8s.io``; v1-v3 are accepted too.

Frames are binary, the first byte the channel: 0 stdin, 1 stdout, 2 stderr, 3 error (a Status
in v4/v5, plain text before), 4 resize; v5 adds 255 CLOSE (``[255, channel]``: the client's
stdin is finished). The server writes the command's output, then its Status on channel 3, then
closes the socket normally, which ends kubectl's readers.

The simulated container runs a command with its whole standard input at once (sim/kubelet), so
with ``stdin=true`` the command starts when the client closes stdin (v5 CLOSE, or the socket); a
v1-v4 client, which has no CLOSE, gets what it sent in the first ``STDIN_GRACE`` seconds. With a
TTY (``kubectl exec -it POD -- sh`` from a terminal in raw mode) stdin never closes, so the server
plays the terminal's line discipline: it echoes what is typed, Ctrl-D ends the input and runs the
command, Ctrl-C abandons it (exit status 130). A command that takes simulated time (``sleep 5``)
ends, and its status is sent, when the sandbox's clock reaches its end.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from sandbox.api import execution
from sandbox.api.access import request_token, session_for
from sandbox.sim.errors import StatusError

PROTOCOLS = ("v5.channel.k8s.io", "v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io", "channel.k8s.io")
STDIN, STDOUT, STDERR, ERROR, RESIZE, CLOSE = 0, 1, 2, 3, 4, 255
STDIN_GRACE = 0.5
WAIT_STEP = 0.2


def _check(token: str, wall: float, namespace: str, name: str, container: str | None) -> str:
    with session_for(token, wall, save=False) as (_row, session):
        return execution.check(session, namespace, name, container)


def _run(token: str, wall: float, namespace: str, name: str, container: str | None, argv: list[str],
         stdin: str) -> execution.Outcome:
    with session_for(token, wall) as (_row, session):
        return execution.run(session, namespace, name, container, argv, stdin)


def _reached(token: str, wall: float, instant: float) -> tuple[bool, float | None]:
    """Whether the sandbox's clock has reached ``instant``, and the wall time it will (if known)."""
    with session_for(token, wall, save=False) as (_row, session):
        if session.cluster.now >= instant:
            return True, None
        return False, session.clock.wall_at(instant)


class ExecConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        route = self.scope["url_route"]["kwargs"]
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        self.options = execution.exec_options(query)
        self.namespace, self.pod = route["namespace"], route["name"]
        self.protocol = next((p for p in self.scope.get("subprotocols", []) if p in PROTOCOLS), None)
        self.stdin = bytearray()
        self.started = False
        self.task: asyncio.Task[None] | None = None
        headers = dict(self.scope.get("headers", []))
        bearer = headers.get(b"authorization", b"").decode("latin-1").partition(" ")[2].strip() or None
        try:
            self.token = request_token(route.get("token"), bearer)
            if route.get("verb") == "attach":
                raise StatusError(400, "BadRequest", "attach is not supported")
            if not self.options["command"]:
                raise StatusError(400, "BadRequest", "you must specify at least one command for the container")
            self.container = await database_sync_to_async(_check)(
                self.token, time.time(), self.namespace, self.pod, self.options["container"])
        except StatusError:
            # Refusing the handshake makes kubectl retry over SPDY (a POST), answered with the
            # refusal in full by the HTTP view.
            await self.close()
            return
        await self.accept(self.protocol)
        if not self.options["stdin"]:
            self._start()
        elif self.protocol != PROTOCOLS[0]:
            asyncio.get_running_loop().call_later(STDIN_GRACE, self._start)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        data = bytes_data if bytes_data is not None else (text_data or "").encode()
        if not data:
            return
        channel, payload = data[0], data[1:]
        if channel == STDIN and not self.started:
            if self.options["tty"]:
                await self._typed(payload)
            else:
                self.stdin += payload
        elif channel == CLOSE and payload[:1] == bytes([STDIN]):
            self._start()

    async def _typed(self, keys: bytes) -> None:
        """A raw terminal's keys: echo, erase, Enter as a newline, Ctrl-D to run, Ctrl-C to quit."""
        echo = bytearray()
        for key in keys:
            if key == 0x04:
                self._start()
                break
            if key == 0x03:
                self.started = True
                await self.send(bytes_data=bytes([STDOUT]) + bytes(echo) + b"^C\r\n")
                await self.send(bytes_data=bytes([ERROR]) + self._status_frame(execution.exit_status(130, [])))
                await self.close(code=1000)
                return
            if key in (0x7F, 0x08):
                if self.stdin and self.stdin[-1:] != b"\n":
                    del self.stdin[-1:]
                    echo += b"\b \b"
            elif key == 0x0D:
                self.stdin += b"\n"
                echo += b"\r\n"
            else:
                self.stdin.append(key)
                echo.append(key)
        if echo:
            await self.send(bytes_data=bytes([STDOUT]) + bytes(echo))

    async def disconnect(self, code: int) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    def _start(self) -> None:
        if self.started:
            return
        self.started = True
        self.task = asyncio.create_task(self._execute(), name=f"exec-{self.channel_name}")

    async def _execute(self) -> None:
        argv = list(self.options["command"])
        try:
            outcome = await database_sync_to_async(_run)(self.token, time.time(), self.namespace, self.pod,
                                                         self.container, argv, self.stdin.decode("utf-8", "replace"))
        except StatusError as err:
            outcome = execution.Outcome([], {"metadata": {}, "status": "Failure", "message": err.message,
                                             "reason": err.reason, "code": err.code}, 0.0)
        for stream, text in outcome.output:
            channel = STDERR if stream == "stderr" and not self.options["tty"] else STDOUT
            if self.options["tty"]:
                text = text.replace("\n", "\r\n")       # a terminal's output processing (ONLCR)
            if (channel == STDOUT and self.options["stdout"]) or (channel == STDERR and self.options["stderr"]):
                await self.send(bytes_data=bytes([channel]) + text.encode("utf-8"))
        await self._wait_until(outcome.done_at)
        await self.send(bytes_data=bytes([ERROR]) + self._status_frame(outcome.status))
        await self.close(code=1000)

    def _status_frame(self, status: dict[str, Any]) -> bytes:
        if self.protocol in PROTOCOLS[:2]:
            return json.dumps(status).encode()
        # v1-v3 carry plain text on the error channel, and nothing on success.
        return b"" if status.get("status") == "Success" else str(status.get("message", "")).encode()

    async def _wait_until(self, instant: float) -> None:
        """Let the command's simulated duration pass on the sandbox's clock."""
        while True:
            reached, wall = await database_sync_to_async(_reached)(self.token, time.time(), instant)
            if reached:
                return
            delay = WAIT_STEP if wall is None else min(1.0, max(0.01, wall - time.time()))
            await asyncio.sleep(delay)
