"""The timeline bands and the cluster view's deltas, on a session without a database."""
from __future__ import annotations

from sandbox import actions
from sandbox.frames import cluster_view, delta_frame, snapshot_frame
from sandbox.session import Session
from sandbox.timeline import Timeline


def test_it_records_a_crash_loop_with_its_restarts():
    session, timeline = Session(1), Timeline()
    stop = timeline.attach(session.cluster)
    session.execute("kubectl run crash --image=busybox -- sh -c 'exit 1'")
    session.step(120)
    stop()
    (band,) = timeline.bands.values()
    states = [state for _, state in band["segments"]]
    assert states[0] == "Pending" and "CrashLoopBackOff" in states and "NotReady" in states
    restarts = [t for t, kind, _ in band["marks"] if kind == "restart"]
    # The kubelet's back-off (10 s, 20 s, 40 s ...) spaces the restarts further and further apart.
    assert len(restarts) >= 3 and restarts[2] - restarts[1] > restarts[1] - restarts[0]


def test_it_marks_probe_failures_and_ends_a_deleted_pods_band():
    session, timeline = Session(1), Timeline()
    stop = timeline.attach(session.cluster)
    session.fs.write("/root/probe.yaml", """apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: nginx
    readinessProbe: {httpGet: {path: /missing, port: 80}, periodSeconds: 5}
""")
    session.execute("kubectl apply -f probe.yaml")
    session.step(30)
    session.execute("kubectl delete pod web --wait=false")
    session.step(80)
    stop()
    (band,) = timeline.bands.values()
    assert any(kind == "probe" and "Readiness probe failed" in text for _, kind, text in band["marks"])
    assert band["segments"][-1][1] == "Terminating" and band["end"] is not None


def test_it_catches_up_with_changes_it_did_not_see():
    session, timeline = Session(1), Timeline()
    session.execute("kubectl run web --image=nginx")      # nobody listened
    session.step(30)
    timeline.reconcile(session.cluster)
    (band,) = timeline.bands.values()
    assert band["segments"] == [[30.0, "Ready"]]


def test_it_starts_a_new_picture_after_lab_reset():
    session, timeline = Session(1), Timeline()
    stop = timeline.attach(session.cluster)
    session.execute("kubectl run web --image=nginx")
    stop()
    saved = Timeline.from_json(timeline.to_json())
    session.execute("lab reset")
    saved.attach(session.cluster)
    assert saved.bands == {}


def test_it_sends_only_the_cards_that_changed():
    session, timeline = Session(1), Timeline()
    before = cluster_view(session, timeline)
    assert [n["name"] for n in snapshot_frame(before)["nodes"]] == ["controlplane", "node01", "node02"]
    session.execute("kubectl run web --image=nginx")
    session.execute("lab node stop node02")
    after = cluster_view(session, timeline)
    delta = delta_frame(before, after)
    assert [p["key"] for p in delta["pods"]["set"]] == ["default/web"]
    assert delta_frame(after, cluster_view(session, timeline)) is None
    session.execute("kubectl delete pod web --force --grace-period=0")
    assert delta_frame(after, cluster_view(session, timeline))["pods"]["del"] == ["default/web"]


def test_it_moves_the_clock_as_the_buttons_say():
    session = Session(1, now_wall=100.0)
    actions.set_clock(session, {"speed": 60})
    session.tick(101.0)
    assert session.now == 60
    actions.set_clock(session, {"paused": True})
    session.tick(200.0)
    assert session.now == 60
    actions.set_clock(session, {"advance": 300})
    assert session.now == 360 and session.clock.paused
    assert actions.set_clock(session, {"next": True}) == "nothing"   # an empty cluster is quiet
