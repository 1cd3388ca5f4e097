"""The sandbox page's WebSocket, ``/ws/sandboxes/<id>/``: one per tab, thin.

It checks that the visitor owns the sandbox (the signed-in owner, or the browser session that
made it), joins the sandbox's group, and hands every frame to the sandbox's runner (live.py),
which does the work and sends the frames back. Frames are JSON objects with a dotted ``type``:

  from the page   terminal.input {data}, terminal.interrupt, terminal.complete {line},
                  clock.set {paused | speed | advance | next}, editor.open {path},
                  editor.save {path, text}, editor.apply {path, text},
                  lesson.hint {step}, lesson.solution {step}, lesson.answer {question, choices}
  to the page     terminal.state (on connect), terminal.output {echo, data, done, prompt, status},
                  terminal.completions {line, start, matches}, cluster.snapshot (on connect),
                  cluster.delta, clock.state, clock.notice ("next" found nothing), editor.files, editor.file, editor.saved,
                  lesson.progress (a lesson's sandbox: on connect and whenever it changes),
                  error {message}

A lesson.progress frame comes from the runner in every language (``languages``); each tab gets it
in its page's language, which the page gives in the socket's address (``?lang=ko``).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from sandbox import actions
from sandbox.live import PROCESS, group_name, runner_for
from sandbox.owners import may_open
from sandbox.terminal import is_complete

MAX_LINE = 64 * 1024
LANGUAGES = ("en", "ko")


class SandboxConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.sandbox_id = str(self.scope["url_route"]["kwargs"]["sandbox_id"])
        session = self.scope.get("session")
        key = session.session_key if session is not None else None
        if not await database_sync_to_async(may_open)(self.sandbox_id, self.scope.get("user"), key):
            await self.close(code=4403)
            return
        self.language = _language(self.scope)
        self.runner = runner_for(self.sandbox_id)
        await self.channel_layer.group_add(group_name(self.sandbox_id), self.channel_name)
        await self.accept()
        await self.runner.join(self.channel_name, self.deliver)

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "runner"):
            await self.channel_layer.group_discard(group_name(self.sandbox_id), self.channel_name)
            await self.runner.leave(self.channel_name)

    async def deliver(self, frame: dict[str, Any], origin: str) -> None:
        """A frame from the runner; the tab that typed a line has already echoed it."""
        if origin == self.channel_name and frame.get("echo"):
            frame = {**frame, "echo": ""}
        if "languages" in frame:
            frame = frame["languages"].get(self.language) or frame["languages"][LANGUAGES[0]]
        await self.send_json(frame)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        handler = FRAMES.get(kind or "")
        if handler is None:
            await self.send_json({"type": "error", "message": f"unknown frame type: {kind!r}"})
            return
        try:
            await handler(self, content)
        except actions.ActionError as exc:
            await self.send_json({"type": "error", "message": str(exc)})

    # -- frames from the page ------------------------------------------------------------------
    async def terminal_input(self, frame: dict[str, Any]) -> None:
        text = str(frame.get("data", ""))[:MAX_LINE]
        if not is_complete(text):      # an open quote, a heredoc, a trailing backslash: bash's PS2
            await self.send_json({"type": "terminal.output", "echo": "", "data": "", "done": True,
                                  "more": True, "prompt": "> ", "status": 0})
            return
        await self.runner.line(text, self.channel_name)

    async def terminal_interrupt(self, frame: dict[str, Any]) -> None:
        await self.runner.interrupt(self.channel_name)

    async def terminal_complete(self, frame: dict[str, Any]) -> None:
        await self.send_json(await self.runner.complete(str(frame.get("line", ""))[:MAX_LINE]))

    async def clock_set(self, frame: dict[str, Any]) -> None:
        await self.runner.set_clock(frame, self.channel_name)

    async def editor_open(self, frame: dict[str, Any]) -> None:
        await self.send_json({"type": "editor.file", **await self.runner.read_file(frame.get("path"))})

    async def editor_save(self, frame: dict[str, Any]) -> None:
        path = await self.runner.save_file(frame.get("path"), frame.get("text"), self.channel_name)
        await self.send_json({"type": "editor.saved", "path": path})

    async def editor_apply(self, frame: dict[str, Any]) -> None:
        await self.runner.apply_file(frame.get("path"), frame.get("text"), self.channel_name)

    async def lesson_request(self, frame: dict[str, Any]) -> None:
        """lesson.hint {step}, lesson.solution {step}, lesson.answer {question, choices}: checked
        by the lessons app (lessons/live.py) inside the sandbox's next turn."""
        await self.runner.lesson_request(frame, self.channel_name)

    # -- group messages ------------------------------------------------------------------------
    async def sandbox_changed(self, event: dict[str, Any]) -> None:
        """Another process (or the Kubernetes API) changed the sandbox: look again."""
        if event.get("process") == PROCESS:
            return
        if event.get("terminal"):
            await self.runner.relay(event["terminal"])
        self.runner.poke()

    async def lesson_progress(self, event: dict[str, Any]) -> None:
        """A lesson.progress sent to the group from outside a runner: shown as it is."""
        await self.deliver(event, "")


FRAMES = {
    "terminal.input": SandboxConsumer.terminal_input,
    "terminal.interrupt": SandboxConsumer.terminal_interrupt,
    "terminal.complete": SandboxConsumer.terminal_complete,
    "clock.set": SandboxConsumer.clock_set,
    "editor.open": SandboxConsumer.editor_open,
    "editor.save": SandboxConsumer.editor_save,
    "editor.apply": SandboxConsumer.editor_apply,
    "lesson.hint": SandboxConsumer.lesson_request,
    "lesson.solution": SandboxConsumer.lesson_request,
    "lesson.answer": SandboxConsumer.lesson_request,
}


def _language(scope: dict[str, Any]) -> str:
    """The page's language as the page tells it (``?lang=``), else the language cookie, else English."""
    asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [""])[0]
    if asked in LANGUAGES:
        return asked
    from django.conf import settings
    cookie = (scope.get("cookies") or {}).get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if cookie in LANGUAGES else LANGUAGES[0]
