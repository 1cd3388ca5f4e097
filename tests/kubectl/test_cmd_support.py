"""A terminal for kubectl tests: a real simulated cluster, a file system, and the entry point.

``Term().kubectl("get pods")`` runs one command line as the learner's shell would and returns what
it printed; a command that returns a ``Wait`` is driven to its end here, the way the shell does
(poll, let the cluster run to its next change or the deadline, poll again). The other
test_cmd_*.py modules import ``Term`` from here; the tests below check the terminal itself.

Expected strings in these tests were checked against kubectl 1.32.5
(/usr/lib/google-cloud-sdk/bin/kubectl.1.32): client-side errors and help texts directly, server
answers by running that kubectl against the same simulated cluster served over HTTP.
"""
from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from typing import Any

from sandbox.kubectl.context import WAITERS, Kube, Wait
from sandbox.kubectl.main import run
from sandbox.sim.cluster import Cluster
from sandbox.sim.fs import FileSystem, normpath


@dataclass
class Result:
    out: str
    err: str
    code: int
    both: str = ""  # standard output and error in the order printed, as a terminal shows them


@dataclass
class Term:
    seed: int = 1
    namespace: str = "default"
    cluster: Cluster = field(init=False)
    fs: FileSystem = field(init=False)

    def __post_init__(self) -> None:
        self.cluster = Cluster.default(seed=self.seed)
        self.fs = FileSystem({}, frozenset({"/root", "/tmp"}))

    def write(self, path: str, text: str) -> None:
        self.fs.write(normpath(path, "/root"), text)

    def at(self, seconds: float) -> None:
        self.cluster.advance_to(seconds)

    def kube(self, out: list[str], err: list[str], both: list[str], stdin: str = "") -> Kube:
        def o(text: str) -> None:
            out.append(text)
            both.append(text)

        def e(text: str) -> None:
            err.append(text)
            both.append(text)
        return Kube(self.cluster, self.fs, "/root", stdin, o, e, namespace=self.namespace,
                    env={"HOME": "/root"})

    def kubectl(self, line: str, stdin: str = "", until: float | None = None) -> Result:
        """Run ``kubectl <line>``; a wait is driven until it ends (or until ``until``)."""
        out: list[str] = []
        err: list[str] = []
        both: list[str] = []
        k = self.kube(out, err, both, stdin)
        result: Any = run(k, shlex.split(line))
        if isinstance(result, Wait):
            result = self.drive(k, result, until)
        return Result("".join(out), "".join(err), result, "".join(both))

    def drive(self, k: Kube, wait: Wait, until: float | None) -> int | None:
        """The shell's wait loop: poll now, then at each instant the cluster changes. The state
        the waiter hands back is kept in ``wait.args``, so a wait can be driven again later."""
        for _ in range(100_000):
            expired = wait.deadline is not None and self.cluster.now >= wait.deadline
            poll = WAITERS[wait.waiter](k, wait.args, expired)
            if poll.done or expired:
                return poll.status
            wait.args = poll.args if poll.args is not None else wait.args
            instants = [t for t in (self.cluster.next_due(), wait.deadline, until) if t is not None]
            if not instants or (until is not None and self.cluster.now >= until):
                return None  # still waiting: a watch or a follow that nothing stops
            self.cluster.advance_to(min(instants))
        raise AssertionError("the wait never ended")


def test_it_runs_a_command_and_collects_its_output():
    r = Term().kubectl("get pods")
    assert (r.out, r.err, r.code) == ("", "No resources found in default namespace.\n", 0)


def test_it_drives_a_wait_to_its_end():
    t = Term()
    t.kubectl("run nginx --image=nginx")
    t.at(30)
    r = t.kubectl("delete pod nginx")
    assert (r.out, r.code) == ('pod "nginx" deleted\n', 0)
    assert t.cluster.store.get("pods", "default", "nginx") is None


def test_it_stops_a_wait_that_never_ends_at_the_given_instant():
    t = Term()
    r = t.kubectl("get pods -w", until=10)
    assert r.code is None and t.cluster.now == 10
