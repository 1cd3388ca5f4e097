"""The live side of a sandbox in this process: its open tabs, its turns one at a time, its wake-up.

One ``Runner`` per sandbox per process, shared by every tab (consumer) of that sandbox connected
here, created by the first tab and dropped with the last. It serialises the sandbox's turns with
an asyncio lock (across processes the row lock of ``open_sandbox`` does it), keeps the view it
last sent (the baseline its deltas are computed from) and the lines typed while another line
was still running (one shell per sandbox: they run in order, as type-ahead does).

Time runs only while somebody watches: after each turn the runner schedules one wake-up, at the
wall instant of the next thing due (the running line's wake-up or the cluster's next timer at the
current speed, turns.next_wake), at least ``MIN_GAP`` apart, and never a periodic tick. A sandbox
nobody watches has no runner and costs nothing; its next turn catches up exactly (lazy advance).

A lesson's sandbox also carries its ``lesson.progress`` frame in every turn (turns.py asks
lessons/live.py): it is sent when it differs from the last one sent, and to every tab on connect;
a hint due at a wall instant is just one more candidate for the one wake-up.

Frames go straight to this process's tabs. Every turn also tells the group ``sandbox.<id>``,
which all tabs join, that the sandbox changed ("sandbox.changed", with the terminal frames just
sent): tabs in *other* processes (and the Kubernetes API of sandbox/api, which may send the same
message after a request) make their runner look again and send its own delta. A wake-up's turn
tells the group too when it printed something. The database stays the truth; the in-process
baseline only decides what has to travel, and the runner's copy of the sandbox (hot.py) only
spares a load while no one else saved.

Turns run on the process's turn thread (turnqueue.py): what a tab asks for in the learner's lane,
wake-ups and looks prompted from elsewhere in the background lane, behind every learner's turn.

Terminal output is printed once, by whichever process's turn ran the line or let it go on, so it
travels numbered: each turn keeps its terminal.output frame, with a sequence number, in the saved
state (turns.py), and each runner remembers the last number its tabs were sent. A runner's turn
sends what its tabs have not had yet, in order, from the saved frames, and the frames carried by a
group message are sent at once when they are the next ones (a tab in another process sees a
line's output without waiting for a turn). Nothing is lost whichever process prints first, and
nothing is sent twice; a runner that fell further behind than the saved frames reach sends its
tabs the whole terminal again (terminal.state).
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from sandbox import actions
from sandbox.completion import complete
from sandbox.frames import View, delta_frame, snapshot_frame
from sandbox.hot import Hot
from sandbox.turnqueue import Lane, Submit, run_turn, turn_slot
from sandbox.turns import Act, Busy, Turn, peek, take_turn

log = logging.getLogger(__name__)

MIN_GAP = 0.25                 # seconds between two wake-ups of one sandbox, at most 4 a second
PROCESS = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
Deliver = Callable[[dict[str, Any], str], Awaitable[None]]   # (frame, origin channel) -> sent
RUNNERS: dict[str, Runner] = {}


def group_name(sandbox_id: Any) -> str:
    return f"sandbox.{sandbox_id}"


def runner_for(sandbox_id: Any) -> Runner:
    key = str(sandbox_id)
    if key not in RUNNERS:
        RUNNERS[key] = Runner(key)
    return RUNNERS[key]


class Runner:
    def __init__(self, sandbox_id: str) -> None:
        self.sandbox_id = sandbox_id
        self.lock = asyncio.Lock()
        self.members: dict[str, Deliver] = {}
        self.view: View | None = None
        self.clock: dict[str, Any] | None = None
        self.files: list[str] | None = None
        self.lesson: dict[str, Any] | None = None   # the last lesson.progress frame sent
        self.seq: int | None = None      # the number of the last terminal.output sent here
        self.queue: deque[tuple[str, str]] = deque()
        self.hot: Hot | None = None      # the sandbox as this process's last turn left it (hot.py)
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    # -- tabs ----------------------------------------------------------------------------------
    async def join(self, channel: str, deliver: Deliver) -> None:
        """A tab connects: everyone else is brought up to now, then the tab gets the snapshot."""
        async with self.lock:
            turn = await self._turn(None, redraw=True)
            await self._publish(turn, tell_group=False)
            self.members[channel] = deliver
            await deliver(snapshot_frame(turn.view), "")
            await deliver(dict(turn.clock), "")
            await deliver(terminal_state(turn), "")
            await deliver({"type": "editor.files", "files": turn.files}, "")
            if turn.lesson is not None:
                await deliver(turn.lesson, "")
            self._schedule(turn.wake)

    async def leave(self, channel: str) -> None:
        self.members.pop(channel, None)
        if self.members:
            return
        RUNNERS.pop(self.sandbox_id, None)
        if self._timer is not None:
            self._timer.cancel()
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # -- what the tabs ask for -----------------------------------------------------------------
    async def line(self, text: str, origin: str) -> None:
        self.queue.append((text, origin))
        async with self.lock:
            await self._drain()

    async def interrupt(self, origin: str) -> None:
        async with self.lock:
            await self._act(actions.interrupt, origin)
            await self._drain()

    async def set_clock(self, frame: dict[str, Any], origin: str) -> None:
        async with self.lock:
            turn = await self._act(lambda s: actions.set_clock(s, frame), origin)
            if turn.reply == "nothing":
                # "Next event" with nothing due: the clock stays; the tab that asked is told why.
                await self._send_to(origin, {"type": "clock.notice", "notice": "nothing"})
            await self._drain()

    async def lesson_request(self, frame: dict[str, Any], origin: str) -> None:
        """lesson.hint, lesson.solution, lesson.answer from a tab: a turn of their own."""
        async with self.lock:
            turn = await self._turn(None, request=frame, origin=origin)
            await self._publish(turn)
            await self._drain()

    async def save_file(self, path: str, text: str, origin: str) -> Any:
        async with self.lock:
            turn = await self._act(lambda s: actions.save_file(s, path, text), origin)
            return turn.reply

    async def apply_file(self, path: str, text: str, origin: str) -> None:
        full = await self.save_file(path, text, origin)
        line = await self._peek(lambda s: actions.apply_line(s, full))
        await self.line(line, "")        # no origin: every tab, the one that clicked too, echoes it

    async def read_file(self, path: str) -> dict[str, Any]:
        return await self._peek(lambda s: actions.read_file(s, path))

    async def complete(self, line: str) -> dict[str, Any]:
        start, matches = await self._peek(lambda s: complete(line, s))
        return {"type": "terminal.completions", "line": line, "start": start, "matches": matches}

    async def _peek(self, look: Act) -> Any:
        return await run_turn(Lane.LEARNER, peek, self.sandbox_id, look, hot=self.hot)

    def poke(self) -> None:
        """Something changed elsewhere: look again soon (many pokes make one look)."""
        self._schedule(time.time())

    async def refresh(self) -> None:
        """Look again: a wake-up, or a change made elsewhere (another process, the API). In the
        background lane, and without holding the sandbox while it waits there: a learner's own
        turn, on this sandbox or any other, goes first. When the thread is its own and a turn of
        this sandbox is under way (a line typed meanwhile), that turn catches up instead, and
        this look is only put off: every turn ends by scheduling the next wake-up."""
        async with turn_slot(Lane.BACKGROUND) as submit:
            if self.lock.locked():
                self._schedule(time.time())
                return
            async with self.lock:
                turn = await self._turn(None, submit=submit)
                await self._publish(turn, tell_group=False)
        if self.queue:
            async with self.lock:
                await self._drain()

    async def relay(self, frames: list[dict[str, Any]]) -> None:
        """terminal.output frames another process's turn made and sent (in a group message):
        sent to the tabs here when they are the next ones; any other waits for a turn here."""
        async with self.lock:
            for frame in frames:
                if self.seq is not None and frame.get("seq") == self.seq + 1:
                    self.seq += 1
                    await self._send(_public(frame), frame.get("origin", ""))

    # -- turns ---------------------------------------------------------------------------------
    async def _drain(self) -> None:
        """Runs the lines waiting in order, while no line is running."""
        while self.queue:
            text, origin = self.queue[0]
            try:
                turn = await self._turn(None, line=text, origin=origin)
            except Busy:
                return                   # the running line ends in a later turn; drained then
            self.queue.popleft()
            await self._publish(turn)
            if turn.waiting:
                return

    async def _act(self, act: Act | None, origin: str, *, tell_group: bool = True) -> Turn:
        turn = await self._turn(act, origin=origin)
        await self._publish(turn, tell_group=tell_group)
        return turn

    async def _turn(self, act: Act | None, *, line: str | None = None, request: dict[str, Any] | None = None,
                    origin: str = "", submit: Submit[Turn] | None = None, redraw: bool = False) -> Turn:
        """A turn in the learner's lane, or on the thread already reserved (``submit``)."""
        hot = self.hot
        self.hot = None                  # until the turn returns the copy it left

        def call() -> Turn:
            # The wall instant is read when the turn runs, not when it was asked for: a turn that
            # waited behind others happens at the time it happens.
            return take_turn(self.sandbox_id, act, now_wall=time.time(), line=line, request=request,
                             origin=origin, hot=hot, redraw=redraw, since=self.seq)
        try:
            turn = await (submit(call) if submit is not None else run_turn(Lane.LEARNER, call))
        except Busy:
            self.hot = hot               # only time moved (exactly as a load would): still good
            raise
        self.hot = turn.hot
        return turn

    def _unsent(self, turn: Turn) -> list[dict[str, Any]]:
        """The terminal frames the tabs here have not had, oldest first (see the module's text);
        further behind than the state keeps, the screen drawn again (the turn read it: ``since``)."""
        before, self.seq = self.seq, turn.seq
        if before is None or turn.seq <= before:
            return []
        frames = [f for f in turn.terminal or [] if f["seq"] > before]
        if (not frames or frames[0]["seq"] != before + 1) and turn.history is not None:
            return [terminal_state(turn)]
        return frames

    async def _publish(self, turn: Turn, *, tell_group: bool = True) -> None:
        # The terminal's frames first, before the cluster view's delta is even worked out: they
        # are what the learner who pressed Enter waits for.
        terminal = self._unsent(turn)
        for frame in terminal:
            await self._send(_public(frame), frame.get("origin", ""))
        frames: list[dict[str, Any]] = []
        if self.view is not None:
            delta = delta_frame(self.view, turn.view)
            if delta is not None:
                frames.append(delta)
        self.view = turn.view
        if _clock_moved(self.clock, turn.clock):
            frames.append(dict(turn.clock))
        self.clock = turn.clock
        if turn.files != self.files and self.files is not None:
            frames.append({"type": "editor.files", "files": turn.files})
        self.files = turn.files
        if turn.lesson is not None and turn.lesson != self.lesson:
            frames.append(turn.lesson)
            self.lesson = turn.lesson
        for frame in frames:
            await self._send(frame, "")
        if tell_group or turn.made:
            layer = _shared_layer()
            if layer is not None:
                sent = [f for f in terminal if f["type"] == "terminal.output"]
                await layer.group_send(group_name(self.sandbox_id),
                                       {"type": "sandbox.changed", "process": PROCESS, "terminal": sent})
        self._schedule(turn.wake)

    async def _send(self, frame: dict[str, Any], origin: str) -> None:
        for deliver in list(self.members.values()):
            try:
                await deliver(frame, origin)
            except Exception:           # a tab closing half-way must not stop the others
                log.debug("frame not delivered", exc_info=True)

    async def _send_to(self, channel: str, frame: dict[str, Any]) -> None:
        deliver = self.members.get(channel)
        if deliver is not None:
            await deliver(frame, "")

    async def send_to_all(self, frame: dict[str, Any]) -> None:
        await self._send(frame, "")

    # -- the one wake-up -----------------------------------------------------------------------
    def _schedule(self, wake: float | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if wake is None or not self.members:
            return
        delay = max(MIN_GAP, wake - time.time())
        self._timer = asyncio.get_running_loop().call_later(delay, self._wake)

    def _wake(self) -> None:
        self._timer = None
        task = asyncio.get_running_loop().create_task(self.refresh(), name=f"wake-{self.sandbox_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _shared_layer() -> Any:
    """The channel layer, when other processes may listen to it; None for the in-memory layer of
    the embedded set-up, where the only listeners are this process's own tabs, which ignore their
    own process's news (and the layer scans every channel and group on each group_send)."""
    from channels.layers import InMemoryChannelLayer, get_channel_layer
    layer = get_channel_layer()
    return None if layer is None or isinstance(layer, InMemoryChannelLayer) else layer


def terminal_state(turn: Turn) -> dict[str, Any]:
    """What a tab draws its terminal from: a turn taken with ``redraw``."""
    return {"type": "terminal.state", "prompt": turn.prompt, "screen": turn.screen,
            "history": turn.history or [], "waiting": turn.waiting}


def _public(frame: dict[str, Any]) -> dict[str, Any]:
    """A saved terminal frame as the tabs get it: without its number and the typing tab's channel."""
    return {key: value for key, value in frame.items() if key not in ("seq", "origin")}


def _clock_moved(before: dict[str, Any] | None, after: dict[str, Any]) -> bool:
    """Tabs extrapolate the clock; a new clock.state only when that would now be wrong."""
    if before is None or before["speed"] != after["speed"] or before["paused"] != after["paused"]:
        return True
    expected = before["now"] + (0 if before["paused"] else (after["wall"] - before["wall"]) * before["speed"])
    return abs(after["now"] - expected) > 0.5
