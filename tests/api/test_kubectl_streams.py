"""The real kubectl's long requests against a sandbox: ``get -w``, ``logs -f``, ``exec``, and what
it prints for a token that is wrong or revoked.

The streaming tests start the real kubectl, then move the sandbox's (paused) lab clock forward
the way a lab jump does, lazily: the server's next turn catches up and streams every change on
the way. Podlab's kubectl runs the same command on the sandbox as it was, over the same simulated
span, and must print the same rows and lines.
"""
from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path

import pytest

from sandbox.session import Session
from tests.api.live import KUBECTL, Kubectl, Live

pytestmark = pytest.mark.usefixtures("kubectl_binary")


def _wait_for(process: subprocess.Popen[str], lines: int, timeout: float = 10.0) -> None:
    """Until the process printed ``lines`` lines (or ended, or ``timeout`` passed)."""
    deadline = time.time() + timeout
    while time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
        if _Collector.count(process) >= lines:
            return


class _Collector:
    """Standard output of a background kubectl, written to a file we can read while it runs."""

    files: dict[int, Path] = {}

    @classmethod
    def start(cls, kubectl: Kubectl, line: str, workdir: Path) -> subprocess.Popen[str]:
        path = workdir / f"out-{time.time_ns()}"
        handle = open(path, "w")
        args = shlex.split(line)[1:]
        process = subprocess.Popen([KUBECTL, "--kubeconfig", str(kubectl.config), *args], stdout=handle,
                                   stderr=subprocess.STDOUT, env=kubectl.live.env, text=True)
        cls.files[process.pid] = path
        return process

    @classmethod
    def text(cls, process: subprocess.Popen[str]) -> str:
        return cls.files[process.pid].read_text()

    @classmethod
    def count(cls, process: subprocess.Popen[str]) -> int:
        return cls.text(process).count("\n")


def _podlab_over(session: Session, line: str, until: float) -> str:
    """Podlab's kubectl running ``line`` from the saved state until simulated ``until``."""
    session.start(line)
    session.step(until)
    session.interrupt()
    return session.take_output()


def test_it_streams_the_rows_of_get_pods_w_that_podlab_prints(live: Live) -> None:
    sandbox = live.fresh_sandbox()
    kubectl = Kubectl(live, sandbox)
    live.pause_at(sandbox, 0.0)
    assert kubectl.real("kubectl run flaky --image=busybox:1.36 -- sh -c 'sleep 3; exit 1'").code == 0
    before = live.load(sandbox)
    watcher = _Collector.start(kubectl, "kubectl get pods -w", live.workdir)
    try:
        _wait_for(watcher, 2)
        live.pause_at(sandbox, 40.0)
        podlab = _podlab_over(before, "kubectl get pods -w", 40.0)
        _wait_for(watcher, podlab.count("\n"))
        time.sleep(0.5)                      # nothing more may come
    finally:
        watcher.terminate()
        watcher.wait(5)
    real = _Collector.text(watcher)
    assert real == podlab, f"kubectl 1.32:\n{real}\nPodlab:\n{podlab}"
    assert "CrashLoopBackOff" in podlab


def test_it_follows_logs_until_the_container_ends(live: Live) -> None:
    sandbox = live.fresh_sandbox()
    kubectl = Kubectl(live, sandbox)
    live.pause_at(sandbox, 0.0)
    kubectl.real("kubectl run counter --image=busybox:1.36 --restart=Never -- "
                 "sh -c 'for i in 1 2 3 4; do echo line $i; sleep 2; done'")
    live.pause_at(sandbox, 5.0)
    before = live.load(sandbox)
    follower = _Collector.start(kubectl, "kubectl logs -f counter", live.workdir)
    try:
        _wait_for(follower, 1)
        live.pause_at(sandbox, 30.0)
        follower.wait(10)                     # the stream ends with the container
    finally:
        if follower.poll() is None:
            follower.kill()
    before.clock.paused, before.clock.anchor_virtual = True, 30.0
    podlab = before.execute("kubectl logs -f counter")
    assert _Collector.text(follower) == podlab.stdout == "line 1\nline 2\nline 3\nline 4\n"
    assert follower.returncode == podlab.exit_code == 0


def test_it_runs_exec_with_standard_input(live: Live) -> None:
    sandbox = live.fresh_sandbox()
    kubectl = Kubectl(live, sandbox)
    live.pause_at(sandbox, 0.0)
    kubectl.real("kubectl run web --image=nginx")
    live.pause_at(sandbox, 10.0)
    real, podlab = kubectl.both("kubectl exec -i web -- sh -c 'cat; echo; wc -l'", "one\ntwo\n")
    assert (real.stdout, real.stderr, real.code) == (podlab.stdout, podlab.stderr, podlab.code)
    assert real.stdout.startswith("one\ntwo\n")


def test_it_takes_simulated_time_for_a_command_that_sleeps(live: Live) -> None:
    sandbox = live.fresh_sandbox()
    kubectl = Kubectl(live, sandbox)
    live.pause_at(sandbox, 0.0)
    kubectl.real("kubectl run web --image=nginx")
    live.pause_at(sandbox, 10.0)
    sleeper = _Collector.start(kubectl, "kubectl exec web -- sh -c 'echo start; sleep 30; echo end'", live.workdir)
    try:
        _wait_for(sleeper, 2, timeout=1.5)
        assert sleeper.poll() is None         # the sandbox is paused: the command is still sleeping
        live.pause_at(sandbox, 45.0)
        assert sleeper.wait(10) == 0
    finally:
        if sleeper.poll() is None:
            sleeper.kill()
    assert _Collector.text(sleeper) == "start\nend\n"


def test_it_waits_for_a_deletion_as_podlab_does(live: Live) -> None:
    sandbox = live.fresh_sandbox()
    kubectl = Kubectl(live, sandbox)
    live.pause_at(sandbox, 0.0)
    kubectl.real("kubectl run web --image=nginx")
    live.pause_at(sandbox, 10.0)
    before = live.load(sandbox)
    deleter = _Collector.start(kubectl, "kubectl delete pod web", live.workdir)
    try:
        time.sleep(1.0)
        assert deleter.poll() is None         # nginx takes its grace period; the clock is paused
        live.pause_at(sandbox, 60.0)
        assert deleter.wait(10) == 0
    finally:
        if deleter.poll() is None:
            deleter.kill()
    podlab = before.execute("kubectl delete pod web")
    assert _Collector.text(deleter) == podlab.stdout == 'pod "web" deleted\n'


def test_it_refuses_a_wrong_or_revoked_token_as_unauthorized(live: Live) -> None:
    sandbox = live.fresh_sandbox()
    kubectl = Kubectl(live, sandbox)
    token = live.token(sandbox)
    wrong = kubectl.config.read_text().replace(token, "x" * len(token))
    kubectl.config.write_text(wrong)
    denied = kubectl.real("kubectl get pods")
    # What kubectl prints for a real API server's 401 too (after its discovery complaints).
    assert denied.code == 1
    assert denied.stderr.endswith("error: You must be logged in to the server (the server has asked for the client "
                                  "to provide credentials)\n")
    kubectl = Kubectl(live, sandbox)
    assert kubectl.real("kubectl get pods").code == 0
    live.manage("sandbox", "revoke", sandbox)
    revoked = kubectl.real("kubectl get pods")
    # Discovery is cached by now: the list itself is refused, as by a real API server.
    assert (revoked.stderr, revoked.code) == ("error: You must be logged in to the server (Unauthorized)\n", 1)


def test_it_shows_a_learner_only_their_own_sandbox(live: Live) -> None:
    mine, theirs = live.fresh_sandbox(), live.fresh_sandbox()
    Kubectl(live, theirs).real("kubectl run secret --image=nginx")
    ran = Kubectl(live, mine).real("kubectl get pods -A")
    assert "secret" not in ran.stdout
    assert Kubectl(live, mine).real("kubectl get pod secret").stderr == \
        'Error from server (NotFound): pods "secret" not found\n'
