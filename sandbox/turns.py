"""One turn on a sandbox: load it under its row lock, let time catch up, act, record, save, report.

Everything the web page does to a sandbox (a terminal line, Ctrl-C, a clock button, saving a file,
a wake-up because something is due) is a turn: ``take_turn(id, act, now_wall=...)`` runs under the
sandbox's row lock (``select_for_update``, as sandboxes.open_sandbox), so two processes never
interleave on one sandbox, and saves the session *before* it returns what the turn printed: a reply
never announces an effect that a crash could still lose. A wake-up that changed nothing a tab
shows is not saved, and the runner's copy of the sandbox (hot.py) spares the next turn the load
while no one else saved. Besides the session, the saved state keeps two things of the web ring's own
under ``state["web"]`` (Session.from_json reads only its own keys): the timeline bands
(timeline.py), and the last terminal.output frames, numbered: whichever process's turn printed
something, the runner of every other process finds there what its tabs have not been sent yet.
The terminal's recent text, so that a reload shows what the learner saw, is the row's ``screen``
column: the turn's text is appended to it by the database in the same UPDATE (and the start cut
off past ``SCREEN_LIMIT``; after a clear-screen it starts again), so no process keeps it or
rewrites it; a turn reads it back only for a tab that needs to draw it (``redraw``). The lock and
the save are two statements in SQL (rowsql.py), not built by the ORM on every turn. A lesson's
sandbox is also watched by the lessons app (lessons/live.py ``observe``): after every turn its checks
run on the session, its progress is kept under ``state["lesson"]`` in the same save, and the turn
carries the ``lesson.progress`` frame and the wall instant of the next hint due. Synchronous (Django
ORM); live.py runs it on the process's turn thread (turnqueue.py).
"""
from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from sandbox import rowsql
from sandbox.frames import View, cluster_view, delta_frame
from sandbox.hot import Hot
from sandbox.models import Sandbox
from sandbox.session import Session
from sandbox.terminal.host import HOME, HOSTNAME

SCREEN_LIMIT = 32_000          # characters of terminal text kept for a reload
CLEAR = "\x1b[2J"              # what `clear` writes: the screen starts again after it
WEB_KEY = "web"                # the web ring's part of Sandbox.state, beside the session's keys
LESSON_KEY = "lesson"          # the lessons app's part (its progress), kept beside them too
HISTORY_SENT = 500             # lines of history a connecting tab gets for its up-arrow
# terminal.output frames kept in the state for the other processes, and at most this much text in
# them (the newest frame always): enough to bridge the milliseconds a group message may lag behind
# another process's turn; a runner further behind than that draws the screen again instead.
LOG_FRAMES = 10
LOG_CHARS = 4_000
Act = Callable[[Session], Any]


@dataclass(slots=True)
class Observed:
    """What a watcher of the sandbox (lessons/live.py) made of a turn."""
    state: Any                          # kept under LESSON_KEY
    frame: dict[str, Any] | None        # sent to the tabs when it changed
    wake: float | None = None           # wall instant it must look again (a hint due), or None


# (row, session, now_wall, request, the lesson's state as saved) -> what the watcher made of it
Observer = Callable[[Sandbox, Session, float, "dict[str, Any] | None", Any], "Observed | None"]


@dataclass(slots=True)
class Turn:
    output: str                # what the session printed during the turn
    echo: str                  # the line the turn started, after its prompt ("" if none)
    waiting: bool              # a line is still running (sleep, -w, logs -f)
    prompt: str                # the prompt for the next line
    status: int
    view: View
    clock: dict[str, Any]
    wake: float | None         # wall instant of the next thing due (None: nothing, or paused)
    files: list[str]
    reply: Any = None
    lesson: dict[str, Any] | None = None   # the lesson.progress frame of a lesson's sandbox
    terminal: list[dict[str, Any]] | None = None   # the last terminal.output frames, numbered "seq"
    seq: int = 0               # the number of the last terminal.output frame ever made
    made: int = 0              # how many of them this turn made (0 or 1)
    hot: Hot | None = None     # this process's copy of the sandbox after the turn (hot.py)
    # What a tab draws when it connects (or falls too far behind), read only when asked (redraw):
    screen: str = ""           # the terminal's recent text
    history: list[str] | None = None   # the last HISTORY_SENT lines, for its up-arrow


class Busy(Exception):
    """A line is still running: a new one has to wait for it (one shell per sandbox)."""


def take_turn(sandbox_id: Any, act: Act | None, *, now_wall: float, line: str | None = None,
              request: dict[str, Any] | None = None, origin: str = "", hot: Hot | None = None,
              redraw: bool = False, since: int | None = None) -> Turn:
    """Runs ``act`` (or, with ``line``, starts that terminal line) on the sandbox at ``now_wall``;
    ``request`` is a lesson frame from the page (lesson.hint, lesson.solution, lesson.answer);
    ``origin`` the channel of the tab that typed the line (it has echoed it already). ``hot`` is
    the copy the previous turn in this process left (``Turn.hot``): used when no one saved since.
    ``redraw``: the turn also reads what a tab draws (``Turn.screen``, ``Turn.history``); so does a
    turn for tabs that were last sent frame number ``since`` when the frames after it are no
    longer all kept (read under the same lock: the screen is exactly as of ``Turn.seq``)."""
    with transaction.atomic():
        row = rowsql.lock(sandbox_id)
        if hot is None or hot.version != row.version:
            hot = None
            state = Sandbox.objects.values_list("state", flat=True).get(pk=sandbox_id)
            opened = Hot.load(row.version, state, WEB_KEY, LESSON_KEY)
        else:
            opened = hot
        session, web, timeline = opened.session, opened.web, opened.timeline
        cluster = session.cluster
        stop = timeline.attach(cluster)
        timeline.reconcile(cluster)
        echo = ""
        # Whether the tabs were last told that a line runs: an API request may have let it end since.
        was_waiting = bool(web.get("waiting", session.is_waiting))
        try:
            # Time catches up here, not when loaded, once the timeline listens: what happens
            # meanwhile is recorded at the instant it happens.
            session.tick(now_wall)
            if line is not None:
                if session.is_waiting:
                    raise Busy()
                echo = prompt(session) + line + "\n"
                session.start(line, now_wall=now_wall)
            reply = act(session) if act is not None else None
        finally:
            stop()
        if session.cluster is not cluster:      # lab reset: a fresh cluster, a fresh picture
            timeline.reset()
        timeline.reconcile(session.cluster)
        output = session.take_output(keep=False)   # taken before saving: a reload does not repeat it
        log = list(web.get("log") or [])
        seq = int(web.get("seq") or 0)
        made = 0
        if echo or output or (was_waiting and not session.is_waiting):
            seq, made = seq + 1, 1
            log = _trim([*log, {"type": "terminal.output", "echo": echo, "data": output,
                                "done": not session.is_waiting, "prompt": prompt(session),
                                "status": session.status, "seq": seq, "origin": origin}])
        observer = _observer(row)
        observed = observer(row, session, now_wall, request, opened.lesson) if observer is not None else None
        kept = observed.state if observed is not None else opened.lesson
        view, files = cluster_view(session, timeline), learner_files(session)
        bands = timeline.to_json()
        # A wake-up that changed nothing a tab shows (a probe that succeeded again, a line still
        # sleeping) is not saved. The saved state, brought up to any later instant, gives this
        # same session (time advances exactly however it is cut: lazy advance), so the database
        # stays the truth; only this process's copy is further on.
        unseen = (hot is not None and act is None and line is None and request is None and not made
                  and session.is_waiting == was_waiting and kept == hot.lesson and bands == web.get("timeline")
                  and files == hot.files and delta_frame(hot.view, view) is None)
        if not unseen:
            web = {"timeline": bands, "log": log, "seq": seq, "waiting": session.is_waiting}
            state = {**session.to_json(), WEB_KEY: web, **({LESSON_KEY: kept} if kept is not None else {})}
            text = echo + output
            cleared = text.rfind(CLEAR)      # the screen starts again after a clear-screen
            rowsql.save_state(row, state, limit=SCREEN_LIMIT, append=text if text and cleared < 0 else None,
                              screen=text[cleared + len(CLEAR):] if cleared >= 0 else None)
        if since is not None and seq > since and not any(f["seq"] == since + 1 for f in log):
            redraw = True
        screen = Sandbox.objects.values_list("screen", flat=True).get(pk=sandbox_id) if redraw else ""
    # What the next turn starts from is what loading the saved state would give: the watch
    # history is not saved, so the copy forgets it too (and does not pile up old versions).
    session.cluster.store.compact()
    wake = next_wake(session)
    if observed is not None and observed.wake is not None:
        wake = observed.wake if wake is None else min(wake, observed.wake)
    return Turn(output=output, echo=echo, waiting=session.is_waiting, prompt=prompt(session),
                status=session.status, view=view, clock=clock_state(session),
                wake=wake, files=files, reply=reply,
                lesson=observed.frame if observed is not None else None, terminal=log, seq=seq, made=made,
                hot=Hot(row.version, session, timeline, web, kept, view, files),
                screen=screen, history=session.history[-HISTORY_SENT:] if redraw else None)


def _trim(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The newest frames within LOG_FRAMES and LOG_CHARS (the newest one whatever its size)."""
    log = log[-LOG_FRAMES:]
    size = 0
    for i in range(len(log) - 1, -1, -1):
        size += len(log[i]["echo"]) + len(log[i]["data"])
        if size > LOG_CHARS and i < len(log) - 1:
            return log[i + 1:]
    return log


def _observer(row: Sandbox) -> Observer | None:
    """A lesson's sandbox is watched by the lessons app, which depends on this ring (not the
    reverse: the import happens only for a sandbox that has a lesson)."""
    if not row.lesson:
        return None
    from lessons.live import observe
    return observe


def peek(sandbox_id: Any, look: Act, hot: Hot | None = None) -> Any:
    """Reads the sandbox without a lock or a save (completion, opening a file): this process's
    copy while it is current (it may be ahead of the saved state), else as last saved."""
    if hot is not None and Sandbox.objects.filter(pk=sandbox_id, version=hot.version).exists():
        return look(hot.session)
    state = Sandbox.objects.values_list("state", flat=True).get(pk=sandbox_id)
    return look(Session.from_json(state))


def prompt(session: Session) -> str:
    """bash's ``\\h:\\w\\$ `` as on a kubeadm node's root shell: ``controlplane:~$ ``."""
    cwd = session.shell.main.cwd
    if cwd == HOME or cwd.startswith(HOME + "/"):
        cwd = "~" + cwd[len(HOME):]
    return f"{HOSTNAME}:{cwd}$ "


def clock_state(session: Session) -> dict[str, Any]:
    """The lab clock as every tab shows it: simulated ``now`` at wall instant ``wall``."""
    clock = session.clock
    return {"type": "clock.state", "now": session.virtual_at(session.wall), "wall": session.wall,
            "speed": clock.speed, "paused": clock.paused}


def next_wake(session: Session) -> float | None:
    """When the page must look again: the running line's wake-up or the cluster's next timer,
    as wall time at the current speed; None while paused with nothing else due."""
    instants = [session.next_wake_wall()]
    due = session.cluster.next_due()
    if due is not None:
        instants.append(session.clock.wall_at(due))
    found = [t for t in instants if t is not None]
    return min(found) if found else None


def learner_files(session: Session) -> list[str]:
    """The files under the home directory, for the editor's list."""
    return [path for path, text in session.fs.walk(HOME) if text is not None]


def resolve_path(session: Session, path: str) -> str:
    return posixpath.normpath(posixpath.join(HOME, path.replace("~", HOME, 1) if path.startswith("~") else path))
