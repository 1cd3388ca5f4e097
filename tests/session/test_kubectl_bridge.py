"""The kubectl bridge: a Kube per invocation, and verbs that wait in simulated time.

kubectl's own verbs are written elsewhere (sandbox/kubectl); these tests put a small fake kubectl
in their place, with waiters of their own, to pin down the contract of sandbox/kubectl/context.py.
"""
from __future__ import annotations

import json
from typing import Any

import pytest

from sandbox.kubectl.context import Kube, Poll, Wait, waiter
from sandbox.session import Session
from sandbox.sim.errors import StatusError
from sandbox.terminal import kubectl as bridge

SEEN: list[dict[str, Any]] = []


def fake_kubectl(k: Kube, argv: list[str]) -> int | Wait:
    verb, args = argv[0], argv[1:]
    if verb == "run":        # kubectl run NAME --image=IMAGE [-- ARGS...]
        container: dict[str, Any] = {"name": args[0], "image": args[1].split("=", 1)[1]}
        if "--" in args:
            container["args"] = args[args.index("--") + 1:]
        k.api.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": args[0]},
                      "spec": {"containers": [container]}}, namespace=k.namespace)
        k.out(f"pod/{args[0]} created\n")
        return 0
    if verb == "delete":     # kubectl delete NAME: waits until the pod is gone
        k.api.delete("pods", k.namespace, args[0])
        k.out(f'pod "{args[0]}" deleted\n')
        return Wait("test.gone", {"name": args[0], "namespace": k.namespace})
    if verb == "phases":     # prints the pod's phase at each change until --timeout
        seconds = float(args[1]) if len(args) > 1 else None
        phase = _phase(k, args[0])
        k.out(f"{k.now:g} {phase}\n")
        return Wait("test.phases", {"name": args[0], "seen": phase},
                    deadline=None if seconds is None else k.now + seconds)
    if verb == "context":
        SEEN.append({"cwd": k.cwd, "stdin": k.stdin, "namespace": k.namespace, "env": k.env.get("FOO"),
                     "tty": k.tty, "fs": k.fs.read(k.cwd + "/note") if k.fs.exists(k.cwd + "/note") else None})
        return 0
    if verb == "boom":
        raise RuntimeError("a bug in a verb")
    k.err(f'error: unknown command "{verb}" for "kubectl"\n')
    return 1


def _phase(k: Kube, name: str) -> str:
    try:
        return k.api.get("pods", "default", name)["status"]["phase"]
    except StatusError:
        return "Gone"


@waiter("test.gone")
def _gone(k: Kube, args: dict[str, Any], expired: bool) -> Poll:
    try:
        k.api.get("pods", args["namespace"], args["name"])
    except StatusError:
        return Poll(True, 0)
    return Poll(True, 1) if expired else Poll(False)


@waiter("test.phases")
def _phases(k: Kube, args: dict[str, Any], expired: bool) -> Poll:
    phase = _phase(k, args["name"])
    if phase != args["seen"]:
        k.out(f"{k.now:g} {phase}\n")
        return Poll(phase == "Gone", 0, {**args, "seen": phase})
    return Poll(expired, 0)


@pytest.fixture(autouse=True)
def fake(monkeypatch):
    monkeypatch.setattr(bridge, "RUNNER", fake_kubectl)
    SEEN.clear()


def finish(session: Session):
    while session.is_waiting:
        session.step(session.next_wake())
    return session.result()


def test_it_runs_kubectl_with_the_shell_s_directory_input_and_environment():
    s = Session(1, screen=False)
    s.execute("mkdir app && cd app && echo hi > note && export FOO=bar")
    assert s.execute("kubectl context <<EOF\nkind: Pod\nEOF").exit_code == 0
    s.execute("echo piped | kubectl context > out.txt")
    assert SEEN == [
        {"cwd": "/root/app", "stdin": "kind: Pod\n", "namespace": "default", "env": "bar", "tty": True, "fs": "hi\n"},
        {"cwd": "/root/app", "stdin": "piped\n", "namespace": "default", "env": "bar", "tty": False, "fs": "hi\n"},
    ]


def test_it_reads_the_namespace_from_the_kubeconfig():
    s = Session(1, screen=False)
    config = s.fs.read("/etc/kubernetes/admin.conf").replace("    user: kubernetes-admin\n",
                                                              "    namespace: lab\n    user: kubernetes-admin\n")
    s.fs.write("/root/kubeconfig", config)
    s.execute("export KUBECONFIG=/root/kubeconfig; kubectl context")
    assert SEEN[-1]["namespace"] == "lab"


def test_it_passes_the_exit_status_on_and_survives_a_broken_verb():
    s = Session(1, screen=False)
    r = s.execute("kubectl nope; echo $?")
    assert r.output == 'error: unknown command "nope" for "kubectl"\n1\n'
    r = s.execute("k boom")
    assert r.exit_code == 1 and "RuntimeError: a bug in a verb" in r.output


def test_it_waits_in_simulated_time_until_the_waiter_is_done():
    s = Session(1, screen=False)
    s.execute("kubectl run sleeper --image=busybox:1.36 -- sleep 3600")
    s.advance_to(30)
    r = s.execute("kubectl delete sleeper && echo gone at $(date +%s)")
    assert r.output.startswith('pod "sleeper" deleted\ngone at ')
    # the sleep ignores SIGTERM as PID 1: the kubelet waits out the 30 s grace period
    assert r.waited == pytest.approx(30, abs=2)
    assert s.cluster.store.get("pods", "default", "sleeper") is None
    assert int(r.output.split()[-1]) == int(s.cluster.epoch + s.now)


def test_it_polls_at_each_change_and_stops_at_the_deadline():
    s = Session(1, screen=False)
    s.execute("kubectl run web --image=nginx")
    r = s.execute("kubectl phases web 60")
    assert r.output.splitlines()[0] == "0 Pending"
    assert r.output.splitlines()[-1].endswith(" Running")
    assert (r.exit_code, r.waited) == (0, 60)


def test_it_stops_a_wait_under_timeout_with_124():
    s = Session(1, screen=False)
    s.execute("kubectl run web --image=nginx")
    r = s.execute("timeout 10s kubectl phases web; echo status $?")
    assert r.output.endswith("status 124\n") and r.waited == 10


def test_it_interrupts_a_wait_that_would_never_end_in_a_transcript():
    s = Session(1, screen=False)
    s.execute("kubectl run web --image=nginx")
    s.advance_to(60)
    r = s.execute("kubectl phases web; echo after")
    assert (r.output, r.exit_code, r.interrupted) == ("60 Running\n^C\n", 130, True)
    # it waits while something can still happen (the pod's events expire an hour after they were
    # recorded), then nothing could ever wake it: stopped as a learner would stop it, with Ctrl-C
    assert 3540 <= r.waited <= 3600


def test_it_interrupts_a_line_that_waits_longer_than_the_limit():
    s = Session(1, screen=False)
    r = s.execute("sleep 7200; echo after")
    assert (r.output, r.exit_code, r.waited) == ("^C\n", 130, 3600)
    r = s.execute("sleep 5; echo $?", limit=10)
    assert r.output == "0\n"


def test_it_saves_and_restores_a_session_in_the_middle_of_a_wait():
    s = Session(1, screen=False)
    s.execute("kubectl run sleeper --image=busybox:1.36 -- sleep 3600")
    s.advance_to(30)
    s.start("kubectl delete sleeper; echo done $?; lab time")
    assert s.is_waiting and s.take_output() == 'pod "sleeper" deleted\n'
    saved = json.loads(json.dumps(s.to_json()))
    restored = Session.from_json(saved)
    assert restored.to_json() == saved
    assert finish(restored) == finish(s)
    # the grace period (30 s) and the kubelet's last sync: the pod goes at 1m1s
    assert restored.take_output() == s.take_output() == "done 0\nsimulated time: 1m1s (speed 1x)\n"
    assert restored.now == s.now == 61


def test_it_waits_inside_pipelines_and_substitutions():
    s = Session(1, screen=False)
    s.execute("kubectl run a --image=busybox:1.36 -- sleep 3600; kubectl run b --image=busybox:1.36 -- sleep 3600")
    s.advance_to(30)
    r = s.execute('out=$(kubectl delete a); echo "[$out]"; kubectl delete b | tr a-z A-Z')
    assert r.output == '[pod "a" deleted]\nPOD "B" DELETED\n'
    assert r.waited == pytest.approx(62, abs=4)      # one grace period after the other
