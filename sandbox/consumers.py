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

import json
from typing import Any
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from sandbox import actions, ratelimit
from sandbox.live import PROCESS, group_name, runner_for
from sandbox.owners import may_open
from sandbox.terminal import is_complete

LANGUAGES = ("en", "ko")

# Limits (docs/limits.md). Daphne closes a connection whose message passes its own limit (1 MiB by
# default, --websocket_max_message_size); below it, this consumer answers a frame it will not take
# with an error frame and the connection stays. A refused terminal line is never dropped silently:
# the terminal says why it did not run. The frame rate per learner is sandbox/ratelimit.py's: in this
# process's memory, or in Redis (shared by every process) when REDIS_URL is set.
MAX_FRAME = 768 * 1024          # bytes of one frame from the page
MAX_LINE = 64 * 1024            # characters of one terminal line (a here-document's body included)
# Messages handled without asgiref's sync thread's database connection (``dispatch``).
_NO_DATABASE = frozenset({"websocket.receive", "sandbox.changed", "lesson.progress"})


def _kind(raw: str) -> str | None:
    try:
        content = json.loads(raw)
    except ValueError:
        return None
    return content.get("type") if isinstance(content, dict) else None


def notice(text: str) -> dict[str, Any]:
    """A line from Podlab itself in the terminal, as bash prints an error: the prompt comes back."""
    return {"type": "terminal.output", "echo": "", "data": text, "done": True, "prompt": "", "status": 1}


class SandboxConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.sandbox_id = str(self.scope["url_route"]["kwargs"]["sandbox_id"])
        session = self.scope.get("session")
        key = session.session_key if session is not None else None
        if not await database_sync_to_async(may_open)(self.sandbox_id, self.scope.get("user"), key):
            await self.close(code=4403)
            return
        self.language = _language(self.scope)
        user = self.scope.get("user")
        self.learner = f"user:{user.pk}" if user is not None and user.is_authenticated else f"session:{key}"
        self.runner = runner_for(self.sandbox_id)
        await self.channel_layer.group_add(group_name(self.sandbox_id), self.channel_name)
        await self.accept()
        await self.runner.join(self.channel_name, self.deliver)

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Channels (4.2+) runs ``close_old_connections`` on asgiref's sync thread before every
        message: a hop to that thread and back for each frame a learner sends, before the frame
        is read. Nothing this consumer does with a frame or a group message uses that thread's
        database connection (turns run on the turn thread, which looks after its own,
        turnqueue.py); ``connect``'s check does, through ``database_sync_to_async``, which closes
        old connections before and after by itself. So only the socket's opening and closing keep
        the hop."""
        if message.get("type") in _NO_DATABASE:
            await getattr(self, get_handler_name(message))(message)
            return
        await super().dispatch(message)

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

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        """A frame from the page: refused when too big or too many, else decoded and handled."""
        raw = text_data if text_data is not None else (bytes_data or b"").decode("utf-8", "replace")
        size = len(raw.encode("utf-8"))
        if size > MAX_FRAME:
            message = f"frame too large: {size} bytes (the limit is {MAX_FRAME}); nothing was done"
            if _kind(raw) == "terminal.input":    # the terminal waits for its line: it must hear why
                await self.send_json(notice(f"bash: line too long: {size} bytes (the limit is {MAX_FRAME}); not run\n"))
            else:
                await self.send_json({"type": "error", "message": message})
            return
        try:
            content = json.loads(raw)
        except ValueError:
            await self.send_json({"type": "error", "message": "a frame must be a JSON object"})
            return
        if not await ratelimit.take(self.learner):
            await self._too_many(content)
            return
        await self.receive_json(content)

    async def _too_many(self, content: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "terminal.input":
            line = str(content.get("data", "")).split("\n", 1)[0][:80]
            await self.send_json(notice(f"bash: too many commands (more than {ratelimit.RATE:g} a second): not run: {line}\n"))
        else:
            await self.send_json({"type": "error", "message": f"too many requests (more than {ratelimit.RATE:g} a second); "
                                                              "nothing was done"})

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
        text = str(frame.get("data", ""))
        if len(text) > MAX_LINE:       # refused whole: a cut line could run something else
            await self.send_json(notice(f"bash: line too long: {len(text)} characters (the limit is {MAX_LINE}); "
                                        "not run\n"))
            return
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
