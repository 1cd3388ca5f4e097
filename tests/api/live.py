"""A live Podlab for the real kubectl and the official Python client, and the sandbox handles
the tests need around it.

The server is Daphne in its own process (``sandbox.config.asgi:application``: the project's
application with kubectl's exec WebSocket in front of the origin check), on a free port, with a
temporary SQLite file as its database (``DATABASE_URL``): migrated and given sandboxes by
``manage.py`` in the same environment, so the test process never touches the pytest-django test
database. The tests read and change a sandbox's saved state directly in that file (``Live.load``,
``Live.set_clock``), which is what any other process serving the sandbox would see.
"""
from __future__ import annotations

import json
import math
import os
import shlex
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

from sandbox.api import timestamps
from sandbox.api.kubeconfig import kubeconfig
from sandbox.session import Result, Session

ROOT = Path(__file__).resolve().parents[2]
KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32"
BACKDATE = 1000       # seconds: how long ago the tests' sandboxes were created
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Ran:
    stdout: str
    stderr: str
    code: int

    @classmethod
    def of(cls, result: Result) -> Ran:
        return cls(result.stdout, result.stderr, result.exit_code)


def _stamp() -> str:
    """Now, as Django stores a DateTimeField in SQLite (the watch notices the row changed)."""
    now = time.time()
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now)) + f".{int(now * 1e6) % 1_000_000:06d}"


class Live:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.db = workdir / "db.sqlite3"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "DATABASE_URL": f"sqlite:///{self.db}", "PYTHONPATH": str(ROOT),
                    "HOME": str(workdir / "home"), "TZ": "UTC"}
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.process: subprocess.Popen[bytes] | None = None
        self._pool: list[str] = []

    # -- the server ------------------------------------------------------------------------------
    def manage(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True,
                              text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    def start(self) -> None:
        self.manage("migrate", "-v0")
        log = open(self.workdir / "daphne.log", "wb")
        self.process = subprocess.Popen([str(VENV_BIN / "daphne"), "-b", "127.0.0.1", "-p", str(self.port),
                                         "sandbox.config.asgi:application"], cwd=ROOT, env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1).read()
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("Daphne did not start:\n" + (self.workdir / "daphne.log").read_text())

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    # -- sandboxes -------------------------------------------------------------------------------
    def create_sandbox(self, seed: int = 1) -> str:
        """``manage.py sandbox create``, as an operator would (two seconds of Django start-up)."""
        return self.manage("sandbox", "create", "--seed", str(seed)).strip()

    def fresh_sandbox(self) -> str:
        """A new sandbox from a pool made by one ``manage.py shell`` run (create_sandbox, seeds
        100, 101, ..., backdated), for the tests that need many."""
        if not self._pool:
            code = ("import time\nfrom sandbox.sandboxes import create_sandbox\n"
                    f"print(' '.join(str(create_sandbox(seed=100 + i, now_wall=time.time() - {BACKDATE}).pk) "
                    "for i in range(20)))")
            self._pool = self.manage("shell", "-c", code).strip().splitlines()[-1].split()
        return self._pool.pop(0)

    def kubeconfig(self, sandbox_id: str, command: bool = False) -> Path:
        """The sandbox's kubeconfig, printed by ``manage.py sandbox kubeconfig`` or (faster) by the
        function it prints with."""
        path = self.workdir / f"kubeconfig-{sandbox_id}"
        if command:
            text = self.manage("sandbox", "kubeconfig", sandbox_id, "--server", self.url)
        else:
            row = SimpleNamespace(pk=sandbox_id, token=self.token(sandbox_id))
            text = kubeconfig(row, self.url)  # type: ignore[arg-type]
        path.write_text(text)
        return path

    def _row(self, sandbox_id: str) -> tuple[dict, str]:
        with sqlite3.connect(self.db) as db:
            state, token = db.execute("SELECT state, token FROM sandbox_sandbox WHERE id = ?",
                                      (uuid.UUID(sandbox_id).hex,)).fetchone()
        return json.loads(state), token

    def token(self, sandbox_id: str) -> str:
        return self._row(sandbox_id)[1]

    def load(self, sandbox_id: str) -> Session:
        """The sandbox as saved (what a request would load before catching up)."""
        return Session.from_json(self._row(sandbox_id)[0])


    def change(self, sandbox_id: str, change: Callable[[Session], None]) -> None:
        """Change the saved sandbox in one write transaction, as the server's turns do."""
        key = uuid.UUID(sandbox_id).hex
        db = sqlite3.connect(self.db, timeout=10, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            state = json.loads(db.execute("SELECT state FROM sandbox_sandbox WHERE id = ?", (key,)).fetchone()[0])
            session = Session.from_json(state)
            change(session)
            db.execute("UPDATE sandbox_sandbox SET state = ?, updated = ? WHERE id = ?",
                       (json.dumps({**state, **session.to_json()}), _stamp(), key))
            db.execute("COMMIT")
        finally:
            db.close()

    def pause_at(self, sandbox_id: str, virtual: float) -> None:
        """``lab pause`` with simulated time set to ``virtual``; the next request catches up to it
        (as a lab jump would, lazily: whoever loads the sandbox next runs the timers on the way)."""
        def pause(session: Session) -> None:
            session.clock.paused = True
            session.clock.anchor_virtual = max(virtual, session.cluster.now)
        self.change(sandbox_id, pause)

    def backdate(self, sandbox_id: str, seconds: int = BACKDATE) -> None:
        """The fresh sandbox as if created ``seconds`` ago: its epoch and every timestamp earlier.
        Then the wall clock stays ahead of the paused simulation whatever its jumps, so the API's
        offset is never negative and Podlab's kubectl, seen through it (``podlab``), never names
        a new event like an old one (event names are the hex of their creation instant)."""
        def earlier(session: Session) -> None:
            session.cluster.epoch -= seconds
            for items in session.cluster.store.objects.values():
                for key, obj in list(items.items()):
                    items[key] = timestamps.shift_object(json.loads(json.dumps(obj)), -seconds)
        self.change(sandbox_id, earlier)


class Kubectl:
    """The real kubectl 1.32 and Podlab's kubectl, run on one sandbox at one simulated instant."""

    def __init__(self, live: Live, sandbox_id: str, command: bool = False) -> None:
        self.live, self.sandbox_id = live, sandbox_id
        self.config = live.kubeconfig(sandbox_id, command)

    def real(self, line: str, stdin: str | None = None, timeout: float = 30) -> Ran:
        args = shlex.split(line)
        assert args[0] == "kubectl", line
        done = subprocess.run([KUBECTL, "--kubeconfig", str(self.config), *args[1:]], input=stdin, env=self.live.env,
                              capture_output=True, text=True, timeout=timeout, cwd=self.live.workdir)
        return Ran(done.stdout, done.stderr, done.returncode)

    def _offset(self, session: Session) -> float:
        cluster = session.cluster
        return time.time() - (cluster.epoch + session.clock.virtual(time.time()))

    def podlab(self, session: Session, line: str, stdin: str | None, offset: int) -> Ran:
        """Podlab's kubectl on ``session`` seen from the API's wall clock: every stored timestamp
        and the epoch moved by the offset the API applied (sandbox/api/timestamps.py). The session
        first catches up, as the server's did: what happens on the way (event names, the text
        programs log) is computed in simulated time, untranslated."""
        session.tick(time.time())
        cluster = session.cluster
        cluster.epoch += offset
        for items in cluster.store.objects.values():
            for key, obj in list(items.items()):
                items[key] = timestamps.to_wall(json.loads(json.dumps(obj)), offset)
        text = line if stdin is None else f"{line} <<'PODLAB_EOF'\n{stdin}PODLAB_EOF"
        return Ran.of(session.execute(text))

    def both(self, line: str, stdin: str | None = None, retries: int = 3) -> tuple[Ran, Ran]:
        """The same command through both, the real one first; at the same simulated instant and
        within one second of the offset, so that ages and timestamps cannot differ by a boundary."""
        for _ in range(retries):
            before = self.live.load(self.sandbox_id)
            raw = self._offset(before)
            fraction = raw - math.floor(raw)
            if fraction > 0.45:                      # too close to the next whole second: wait it out
                time.sleep(1.02 - fraction)
                before = self.live.load(self.sandbox_id)
            start = math.floor(self._offset(before))
            real = self.real(line, stdin)
            if math.floor(self._offset(before)) == start:
                return real, self.podlab(before, line, stdin, start)
        raise AssertionError(f"could not run {line!r} within one second of the offset")
