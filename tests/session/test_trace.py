"""The session's trace (sandbox/trace.py): each pod's history as kubectl showed it, and the kubectl
command log, recorded as the cluster changes and saved with the session."""
from __future__ import annotations

import json

import pytest

import sandbox.trace as trace_module
from sandbox.session import Session
from sandbox.sim.cluster import Cluster
from sandbox.trace import CommandRecord, Sample, Trace


def statuses(session, name):
    (record,) = session.trace.pods(name)
    return [(s.t, s.status) for s in record.samples]


def test_it_records_each_change_of_kubectls_status_column_at_its_simulated_instant():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx")
    s.execute("lab advance 30s")
    (record,) = s.trace.pods("nginx")
    assert record.samples == [Sample(0.0, "Pending", "Pending", False, 0),
                              Sample(1.0, "ContainerCreating", "Pending", False, 0),
                              Sample(4.0, "Running", "Running", True, 0)]
    assert (record.created, record.deleted, record.ready_at, record.labels) == (0.0, None, 4.0, {"run": "nginx"})


def test_it_records_a_crash_loop_and_its_restarts():
    s = Session(seed=1)
    s.execute('kubectl run crash --image=busybox -- sh -c "exit 1"')
    s.execute("lab advance 3m")
    (record,) = s.trace.pods("crash")
    assert "CrashLoopBackOff" in {sample.status for sample in record.samples}
    # the latest sample is what kubectl get pods shows now
    shown = s.execute("kubectl get pod crash --no-headers").output.split()
    assert [record.samples[-1].status, str(record.max_restarts)] == [shown[2], shown[3]]


def test_it_records_a_deletion():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx")
    s.execute("lab advance 10s")
    s.execute("kubectl delete pod nginx")
    (record,) = s.trace.pods("nginx")
    # nginx stops on SIGTERM: Terminating at the delete, Completed once it exited, then gone
    assert [(x.t, x.status) for x in record.samples[-2:]] == [(10.0, "Terminating"), (11.0, "Completed")]
    assert record.deleted == 12.0


def test_it_keeps_pods_that_reused_a_name_apart():
    s = Session(seed=1)
    s.execute("kubectl run app --image=nginx")
    s.execute("kubectl delete pod app --now")
    s.execute("kubectl run app --image=nginx --labels=app=two")
    first, second = s.trace.pods("app")
    assert first.uid != second.uid and first.deleted is not None and second.deleted is None
    assert s.trace.pods(selector="app=two") == [second]
    assert s.trace.pods("app", namespace="dev") == []


def test_it_logs_every_kubectl_invocation_with_its_status_and_line():
    s = Session(seed=1)
    s.execute("k get pods")
    s.execute("kubectl get pod ghost; echo done")
    s.execute("echo no kubectl here")
    assert s.commands == [CommandRecord(0.0, ("k", "get", "pods"), 0, "k get pods", 1),
                          CommandRecord(0.0, ("kubectl", "get", "pod", "ghost"), 1, "kubectl get pod ghost; echo done", 2)]


def test_it_keeps_the_latest_commands(monkeypatch):
    monkeypatch.setattr(trace_module, "MAX_COMMANDS", 3)
    s = Session(seed=1)
    for n in range(5):
        s.execute(f"kubectl get pod p{n}")
    assert [r.argv[-1] for r in s.commands] == ["p2", "p3", "p4"]


def test_it_keeps_the_first_and_latest_samples_of_a_pod(monkeypatch):
    monkeypatch.setattr(trace_module, "MAX_SAMPLES", 4)
    s = Session(seed=1)
    s.execute('kubectl run crash --image=busybox -- sh -c "exit 1"')
    s.execute("lab advance 5m")
    (record,) = s.trace.pods("crash")
    assert len(record.samples) == 4 and record.samples[0].status == "Pending"
    assert record.samples[-1].restarts == record.max_restarts >= 4


def test_it_keeps_a_bounded_number_of_pods_dropping_the_oldest_deleted_first(monkeypatch):
    monkeypatch.setattr(trace_module, "MAX_PODS", 3)
    s = Session(seed=1)
    s.execute("kubectl run a --image=nginx; kubectl run b --image=nginx")
    s.execute("kubectl delete pod b --now")
    s.execute("kubectl run c --image=nginx; kubectl run d --image=nginx")
    assert [r.name for r in s.trace.pods()] == ["a", "c", "d"]
    s.execute("kubectl run e --image=nginx")
    assert [r.name for r in s.trace.pods()] == ["c", "d", "e"]


def test_it_round_trips_through_the_sessions_json():
    s = Session(seed=1)
    s.execute('k run crash --image=busybox -- sh -c "exit 1"')
    s.execute("lab advance 1m")
    data = json.loads(json.dumps(s.to_json()))
    restored = Session.from_json(data)
    assert restored.trace.to_json() == s.trace.to_json()
    assert restored.commands == s.commands
    # the restored trace goes on recording
    restored.execute("lab advance 2m")
    s.execute("lab advance 2m")
    assert restored.trace.to_json() == s.trace.to_json()
    assert json.dumps(restored.to_json(), sort_keys=True) == json.dumps(s.to_json(), sort_keys=True)


def test_it_gives_a_waiting_command_its_final_status_after_a_restore():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx")
    s.start("kubectl wait --for=delete pod/nginx --timeout=30s")
    assert s.is_waiting and s.commands[-1].status == 0
    restored = Session.from_json(json.loads(json.dumps(s.to_json())))
    restored.step(60.0)
    assert not restored.is_waiting
    assert [(r.argv[1], r.status) for r in restored.commands] == [("run", 0), ("wait", 1)]


def test_it_loads_a_sandbox_saved_before_traces_existed():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx")
    s.execute("lab advance 30s")
    data = json.loads(json.dumps(s.to_json()))
    for key in ("trace", "commands"):
        del data[key]
    del data["line"]["text"]
    restored = Session.from_json(data)
    assert restored.commands == []
    (record,) = restored.trace.pods("nginx")
    # recorded from the store as it is: created at its creationTimestamp, one sample of now
    assert record.created == 0.0 and [(x.t, x.status) for x in record.samples] == [(30.0, "Running")]


def test_it_starts_a_fresh_trace_with_a_fresh_cluster_and_keeps_the_command_log():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx")
    old = s.trace
    s.execute("lab reset")
    assert s.trace is not old and s.trace.pods() == []
    s.execute("kubectl run web --image=nginx")
    assert [r.name for r in s.trace.pods()] == ["web"] and [r.name for r in old.pods()] == ["nginx"]
    assert [r.argv[-1] for r in s.commands] == ["--image=nginx", "--image=nginx"]


def test_attaching_records_pods_created_while_nobody_listened():
    cluster = Cluster.default(1)
    s = Session(seed=1, cluster=cluster)
    s.execute("kubectl run nginx --image=nginx")
    trace = Trace()
    trace.attach(s.cluster)
    (record,) = trace.pods("nginx")
    assert record.created == 0.0 and record.samples[-1].status == "Pending"


def test_its_json_is_compact_and_deterministic():
    def run():
        s = Session(seed=1)
        s.execute("kubectl run nginx --image=nginx --labels=b=2,a=1")
        s.execute("lab advance 10s")
        return s.trace.to_json()
    first = run()
    assert json.dumps(first) == json.dumps(run())
    assert first["pods"][0][3] == {"a": "1", "b": "2"} and first["pods"][0][7][0] == [0.0, "Pending", "Pending", 0, 0]
    assert Trace.from_json(first).to_json() == first
    assert Trace.from_json(None).pods() == []


@pytest.mark.parametrize("line", ["kubectl get pods", "k version --client"])
def test_it_records_argv_zero_as_typed(line):
    s = Session(seed=1)
    s.execute(line)
    assert s.commands[-1].argv[0] == line.split()[0]


def test_it_logs_a_command_repeated_by_one_line_once():
    s = Session(seed=1)
    s.execute("for i in 1 2 3; do kubectl get pods; done")
    s.execute("kubectl get pods")
    assert [(r.line, r.status) for r in s.commands] == [("for i in 1 2 3; do kubectl get pods; done", 0),
                                                        ("kubectl get pods", 0)]


def test_it_logs_the_same_line_typed_twice_at_one_instant_twice():
    # A paused clock: both creates happen at 0 s; the first succeeded, the second met AlreadyExists.
    s = Session(seed=1)
    s.fs.write("/root/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n"
                                 "  containers:\n  - name: a\n    image: nginx\n")
    s.execute("kubectl create -f pod.yaml")
    s.execute("kubectl create -f pod.yaml")
    assert [(r.t, r.status, r.seq) for r in s.commands] == [(0.0, 0, 1), (0.0, 1, 2)]


def test_a_command_record_is_its_own_json_form():
    import orjson
    record = CommandRecord(1.5, ("kubectl", "get", "pods"), 0, "kubectl get pods", 3)
    assert (record.t, record.argv, record.status, record.line, record.seq) == (
        1.5, ("kubectl", "get", "pods"), 0, "kubectl get pods", 3)
    assert json.loads(json.dumps(record)) == record == record.to_json()
    # orjson writes it as the list it is (no call back into Python per record on each save)
    assert orjson.dumps([record]) == b'[[1.5,["kubectl","get","pods"],0,"kubectl get pods",3]]'
    assert CommandRecord.from_json(json.loads(json.dumps(record))) == record
    # records of the same words share one list of them
    assert CommandRecord(2.0, ["kubectl", "get", "pods"], 1, "x")[1] is record[1]
