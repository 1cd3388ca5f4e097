"""One learner's sandbox: the cluster, the shell on its control-plane host, the lab clock.

    session = Session(seed=1)
    result = session.execute("kubectl run nginx --image=nginx")   # runs the line to its end
    result.output, result.exit_code, result.waited

A ``Session`` owns a simulated ``Cluster``, the learner's files on the control-plane host (home
``/root``), an interactive bash (sandbox/terminal/shell.py) whose variables, functions, cwd and
``$?`` persist from line to line, the history, and the lab clock's anchors (clock.py).

Time. Simulated time moves only when told. ``execute`` runs a line to its end, moving the cluster
as the line waits (``sleep 5`` takes 5 simulated seconds; ``kubectl delete`` until the pod is
gone) however little the wall clock moved: this is what transcripts, grading and tests use. The
web terminal uses the step-wise API instead: ``start(line, now_wall=...)``, then ``tick(now_wall)``
at ``next_wake_wall()`` (or ``step(virtual)``) until ``is_waiting`` is False, ``interrupt()``
for Ctrl-C; ``take_output()`` hands over what was printed since the last call. Between lines,
``tick`` lets the cluster follow the wall clock (speed, pause, jumps: ``lab ...``). A line that
waits for ever under ``execute`` (``kubectl get -w`` without ``timeout``, ``watch``) is stopped
as a learner would stop it: after ``LINE_LIMIT`` simulated seconds, or at once when nothing can
ever wake it, ``^C`` is shown and the status is 130. A line that keeps the CPU busy (a loop that
never sleeps) is running, not waiting: it too is stopped at ``LINE_LIMIT``, even once the VM has
parked it as a loop that can never end (sandbox/sim/shell/spin.py), which costs nothing more.

CPU. The shell runs in slices of at most ``SLICE_STEPS`` instructions (one ``run`` call, a few
milliseconds); a busy line gets ``BUDGET`` instructions per simulated second however they are
sliced, so it does the same things at the same simulated instants. A web turn (``tick``,
``start``) runs at most ``TICK_SLICES`` busy slices: a busy line cannot hold the server, Ctrl-C
gets its turn at once, and simulated time runs late behind the wall clock while the line keeps
the CPU busy (as on a loaded machine) and catches up in the next turns.

For the lessons' checks the session also keeps ``trace``, each pod's history as kubectl showed it,
and ``commands``, every kubectl invocation with its exit status (sandbox/trace.py); both are saved
with it, and a sandbox saved before they existed loads with a trace rebuilt from its pods.

Same seed + same lines at the same simulated times = the same output, byte for byte; the whole
session, a line in progress included, round-trips through ``to_json``/``from_json``.
"""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import Any

from sandbox import sessionjson
from sandbox.sim.cluster import Cluster
from sandbox.sim.shell import Blocked, Exited, Process, run, wake_early
from sandbox.sim.shell.interp import BUDGET
from sandbox.terminal import lookup
from sandbox.terminal.clock import LabClock
from sandbox.terminal.host import ENVIRONMENT, TerminalHost, new_file_system
from sandbox.terminal.shell import SIGINT_STATUS, abandon_line, begin_line, new_shell
from sandbox.trace import CommandRecord, Trace

LINE_LIMIT = 3600.0     # simulated seconds an `execute`d line may wait before it is interrupted
SLICE_STEPS = BUDGET // 10  # instructions the shell runs in one go (1 to 4 ms of CPU)
TICK_SLICES = 5         # busy slices one web turn may run (tick, start) before it hands back
MAX_OUTPUT = 1024 * 1024   # characters one line may print; the rest is dropped, with a notice
HISTSIZE = 1000         # lines of history kept, the newest: Ubuntu's ~/.bashrc sets HISTSIZE=1000
TRUNCATED = ("\npodlab: output truncated: this command printed more than 1 MiB "
             "(1048576 characters); the rest of its output is discarded\n")


@dataclass(frozen=True, slots=True)
class Result:
    output: str          # standard output and standard error, in the order printed
    stdout: str
    stderr: str
    exit_code: int
    waited: float        # simulated seconds the line took
    interrupted: bool = False


class Session:
    def __init__(self, seed: int = 1, *, now_wall: float = 0.0, screen: bool = True,
                 cluster: Cluster | None = None) -> None:
        self.seed = seed
        self.screen = screen             # a real screen (clear, watch redraw) or a transcript
        self.cluster = cluster if cluster is not None else Cluster.default(seed)
        self.fs = new_file_system(self.cluster.ca_cert)
        self.shell: Process = new_shell(dict(ENVIRONMENT))
        self.history: list[str] = []
        self.history_base = 1            # the number ``history`` gives history[0] (bash's history_base)
        self.clock = LabClock(anchor_wall=now_wall, anchor_virtual=self.cluster.now)
        self.wall = now_wall             # the latest wall instant the caller told us about
        self.host = TerminalHost(self, lookup)
        self.status = 0                  # exit status of the last line ($?)
        self._chunks: list[list[str]] = []   # [stream, text] printed by the current/last line
        self._taken = 0
        self._emitted = 0                # characters the current/last line printed (MAX_OUTPUT)
        self._running = False
        self._wake: float | None = None
        self._busy = False               # the line wants the CPU at _wake (vm.Blocked.busy)
        self._line_start = 0.0
        self._line = ""                  # the text of the current/last line (for command records)
        self._lines = 0                  # lines started so far: the current line's number
        self.trace = Trace()             # the pods' history (sandbox/trace.py), for the lessons' checks
        self._untrace = self.trace.attach(self.cluster)
        self.commands: list[CommandRecord] = []   # every kubectl invocation (terminal/kubectl.py)
        self.origin: dict[str, Any] | None = None   # where `lab reset` returns (mark_origin)

    @property
    def line_text(self) -> str:
        """The text of the line running (or run last)."""
        return self._line

    @property
    def line_number(self) -> int:
        """The number of the line running (or run last), counting from 1 in this session."""
        return self._lines

    @property
    def line_start(self) -> float:
        """The simulated instant the line running (or run last) started."""
        return self._line_start

    # -- time ----------------------------------------------------------------------------------
    @property
    def now(self) -> float:
        """Simulated seconds since the sandbox started."""
        return self.cluster.now

    def virtual_at(self, wall: float) -> float:
        return max(self.cluster.now, self.clock.virtual(wall))

    def tick(self, now_wall: float) -> None:
        """The wall clock reads ``now_wall``: let simulated time catch up (the running line too,
        at most TICK_SLICES busy slices of it)."""
        self._set_wall(now_wall)
        self.step(self.clock.virtual(self.wall), slices=TICK_SLICES)

    def step(self, until: float, *, slices: int | None = None) -> None:
        """Lets simulated time run to ``until``: the running line wakes at each instant it asked
        for, the cluster runs every timer on the way, and stands at ``until`` in the end.
        ``slices``: after that many busy slices of the line, stop where the line is (the cluster
        does not pass the line's next instant); the next call goes on from there."""
        while self._running and self._wake is not None and self._wake <= until:
            if self._busy and slices is not None:
                if slices <= 0:
                    return
                slices -= 1
            if not (self._busy and self._wake <= self.cluster.now):
                # a slice that ran out goes on at the same instant, before the cluster's timers
                # due then: as if it had not been cut
                self.cluster.advance_to(self._wake)
            self._resume()
        if until >= self.cluster.now and not math.isinf(until):
            # also at the current instant: what is due now (the scheduler's bind of a pod just
            # created) has happened before the learner's next line, as on a real cluster (§13)
            self.cluster.advance_to(until)

    def advance_to(self, virtual: float) -> None:
        """A jump (a transcript's ``@``, the page's "advance" button): time runs to ``virtual``
        now, and the clock keeps it."""
        self.step(virtual)
        self.clock.rebase(self.wall, self.cluster.now)

    def jump_to(self, virtual: float) -> None:
        """``lab advance``/``lab next`` from inside a line: the cluster alone moves (the line is
        running and sees the new instant), and the clock keeps it."""
        self.cluster.advance_to(virtual)
        self.clock.rebase(self.wall, self.cluster.now)

    def reset_cluster(self) -> None:
        """``lab reset``: the cluster as it started (a lesson's setup applied: ``origin``; else a
        fresh default cluster with the same seed, its clock at zero); files stay. The wall-clock
        dates go on from where they were: the new cluster's epoch is the old one's present.

        The pods' trace starts afresh with the cluster (its records name pods of a cluster that is
        gone, at instants of a clock that went back); the kubectl command log is the learner's,
        like the shell's history, and stays."""
        present = self.cluster.epoch + self.cluster.now
        self._untrace()
        if self.origin is not None:
            self.cluster = Cluster.from_json(self.origin)
            self.cluster.epoch = present - self.cluster.now
        else:
            self.cluster = Cluster.default(self.seed, epoch=present, extra_images=self.cluster.extra_images)
        self.trace = Trace()
        self._untrace = self.trace.attach(self.cluster)
        self.clock.anchor_wall, self.clock.anchor_virtual = self.wall, self.cluster.now

    def mark_origin(self) -> None:
        """The cluster as it is now is where ``lab reset`` returns (a lesson's sandbox after its setup)."""
        self.origin = self.cluster.to_json()

    def notice_change(self) -> None:
        """The cluster was changed from outside the shell (a request to the sandbox's Kubernetes
        API): a line waiting on the cluster (``kubectl get -w``, ``wait``, ``delete``) looks
        again now, while the change is still in the store's watch history, instead of at the
        cluster's next timer."""
        if self._running and wake_early(self.shell, self.cluster.now):
            self._wake = self.cluster.now
            self.step(self.cluster.now)

    def next_wake(self) -> float | None:
        """The simulated instant the running line waits for (None: no line, or it waits for ever)."""
        if not self._running or self._wake is None or math.isinf(self._wake):
            return None
        return self._wake

    def next_wake_wall(self) -> float | None:
        wake = self.next_wake()
        return None if wake is None else self.clock.wall_at(wake)

    def _set_wall(self, now_wall: float | None) -> None:
        if now_wall is not None:
            self.wall = max(self.wall, now_wall)

    # -- lines ---------------------------------------------------------------------------------
    @property
    def is_waiting(self) -> bool:
        """A line is in progress (sleeping, or waiting for the cluster)."""
        return self._running

    def start(self, line: str, *, now_wall: float | None = None) -> None:
        """Starts a line (with its here-document bodies) and runs it until it ends or waits."""
        if self._running:
            raise RuntimeError("a line is still running: step() it to its end or interrupt() it")
        self.tick(self.wall if now_wall is None else now_wall)
        self._chunks, self._taken = [], 0
        self._emitted = 0
        self._line_start = self.cluster.now
        if not line.strip():
            return
        # Interned: a class types the same lines again and again, and each is kept twice (the
        # history, the kubectl records); the copies kept in memory share one string.
        line = sys.intern(line)
        self.history.append(line)
        if len(self.history) > HISTSIZE:     # bash's stifle: the oldest go, numbering goes on
            self.history_base += len(self.history) - HISTSIZE
            del self.history[:-HISTSIZE]
        self._line = line
        self._lines += 1
        if not begin_line(self.shell, line, lambda text: self.emit("stderr", text)):
            self.status = 2
            return
        self._running, self._busy = True, False
        self._resume()
        self.step(self.clock.virtual(self.wall), slices=TICK_SLICES)

    def _resume(self) -> None:
        outcome = run(self.shell, self.host, self.cluster.now, slice=SLICE_STEPS)
        if isinstance(outcome, Blocked):
            self._wake, self._busy = outcome.until, outcome.busy
            return
        # Exec cannot happen: the control-plane host has no programs the shell does not run.
        self.status = outcome.code if isinstance(outcome, Exited) else 126
        self.shell.main.status = self.status
        self._running, self._wake, self._busy = False, None, False

    def interrupt(self) -> bool:
        """Ctrl-C: the running line stops with status 130 (the terminal shows ``^C``)."""
        if not self._running:
            return False
        abandon_line(self.shell, SIGINT_STATUS)
        self.status = SIGINT_STATUS
        self._running, self._wake, self._busy = False, None, False
        return True

    def execute(self, line: str, *, now_wall: float | None = None, limit: float = LINE_LIMIT) -> Result:
        """Runs one line to its end and returns what it printed."""
        self.start(line, now_wall=now_wall)
        interrupted = False
        while self._running:
            wake = self._wake if self._wake is not None else math.inf
            if wake > self._line_start + limit:
                if not math.isinf(wake) or self._busy:
                    # still running (a busy loop, even parked for ever): stopped at the limit
                    self.step(self._line_start + limit)
                self.interrupt()
                self.emit("terminal", "^C\n")
                interrupted = True
                break
            self.step(wake)
        self.clock.rebase(self.wall, self.cluster.now)
        return self.result(interrupted)

    def result(self, interrupted: bool = False) -> Result:
        """What the current (or last) line printed so far."""
        return Result(output="".join(t for _, t in self._chunks),
                      stdout="".join(t for s, t in self._chunks if s == "stdout"),
                      stderr="".join(t for s, t in self._chunks if s == "stderr"),
                      exit_code=self.status, waited=float(max(0.0, self.cluster.now - self._line_start)),
                      interrupted=interrupted)

    def emit(self, stream: str, text: str) -> bool:
        """What the line prints; past MAX_OUTPUT characters only the notice, once (the terminal's
        own ``^C`` always). False when all of ``text`` was dropped: so will be all the line
        prints from then on."""
        if stream != "terminal":
            room = MAX_OUTPUT - self._emitted
            if room < 0:
                return False            # past the limit, the notice given
            if len(text) > room:
                self._emitted = MAX_OUTPUT + 1
                if room:
                    self._append(stream, text[:room])
                self._append("stderr", TRUNCATED)   # also when the limit was reached exactly
                return True
            self._emitted += len(text)
        self._append(stream, text)
        return True

    def _append(self, stream: str, text: str) -> None:
        if self._chunks and self._chunks[-1][0] == stream and len(self._chunks) > self._taken:
            chunk = self._chunks[-1]
            joined, chunk[1] = chunk[1], ""   # the only reference left: extended in place, not copied
            joined += text
            chunk[1] = joined
        else:
            self._chunks.append([stream, text])

    def take_output(self, *, keep: bool = True) -> str:
        """What was printed since the last call (for the web terminal). ``keep=False`` forgets it
        once handed over (``result()`` then has only what comes after): the web terminal never
        asks for the whole line's output again, and need not hold nor save up to MAX_OUTPUT of it."""
        text = "".join(t for _, t in self._chunks[self._taken:])
        if keep:
            self._taken = len(self._chunks)
        else:
            self._chunks, self._taken = [], 0
        return text

    # -- persistence (sandbox/sessionjson.py) ---------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return sessionjson.dump(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Session:
        return sessionjson.load(cls, data)
