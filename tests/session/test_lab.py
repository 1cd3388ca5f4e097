"""``lab``: reading and moving the simulated clock, powering nodes, starting again."""
from __future__ import annotations

import pytest

from sandbox.session import Session


@pytest.fixture
def s() -> Session:
    return Session(1, screen=False)


def run_pod(s: Session, name: str = "web", image: str = "nginx") -> None:
    s.cluster.api.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
                          "spec": {"containers": [{"name": name, "image": image}]}})


def test_it_tells_the_time(s):
    assert s.execute("lab time").output == "simulated time: 0s (speed 1x)\n"
    s.advance_to(320)
    assert s.execute("lab time").output == "simulated time: 5m20s (speed 1x)\n"


def test_it_advances_by_a_go_duration_and_the_rest_of_the_line_sees_it(s):
    r = s.execute("lab advance 1m30s; sleep 5; lab time")
    assert r.output == ("simulated time: 1m30s (speed 1x), advanced 1m30s\n"
                        "simulated time: 1m35s (speed 1x)\n")
    assert (s.now, r.waited) == (95, 95)


@pytest.mark.parametrize(("line", "message"), [
    ("lab advance", "lab: usage: lab advance DURATION (for example 30s, 5m, 1h30m)\n"),
    ("lab advance soon", 'lab: time: invalid duration "soon"\n'),
    ("lab advance -5s", "lab: the clock only moves forward\n"),
    ("lab speed fast", "lab: invalid speed 'fast': give a factor such as 1, 10 or 60 (at most 1000)\n"),
    ("lab node stop node9", 'lab: node "node9" not found\n'),
    ("lab node reboot node01", "lab: usage: lab node stop|start NAME\n"),
])
def test_it_refuses_what_it_cannot_do(s, line, message):
    r = s.execute(line)
    assert r.output == message and r.exit_code != 0 and s.now == 0


def test_it_lists_its_commands(s):
    assert "lab advance DURATION" in s.execute("lab").output
    r = s.execute("lab fly")
    assert r.exit_code == 2 and r.output.startswith("lab: unknown command 'fly'\nUsage: lab COMMAND\n")


def test_it_moves_to_the_next_change_and_says_what_changed(s):
    run_pod(s)
    r = s.execute("lab next")
    lines = r.output.splitlines()
    assert lines[0].startswith("simulated time: ") and ", advanced " in lines[0]
    # The bind at t=0 happened before the line ran (what is due now runs first); next comes the
    # kubelet's first status at 1 s.
    assert lines[1:] == ["  pod/web: 0/1 Pending -> 0/1 ContainerCreating"]
    # again and again, until the pod runs
    for _ in range(10):
        if "1/1 Running" in s.execute("lab next").output:
            break
    else:
        pytest.fail("the pod never ran")


def test_it_says_when_nothing_is_going_to_happen(s):
    assert s.execute("lab next").output == "nothing is scheduled to happen; simulated time: 0s (speed 1x)\n"


def test_it_stops_and_starts_a_node(s):
    assert s.execute("lab node stop node02").output == "node/node02 stopped (powered off: its kubelet no longer reports)\n"
    assert s.execute("lab node stop node02").output == "node/node02 is already stopped\n"
    r = s.execute("lab next")
    assert "  node/node02: Ready -> NotReady\n" in r.output
    assert s.execute("lab node start node02").output == "node/node02 started\n"
    assert s.execute("lab next").output.startswith("nothing visible happens within 1h0m0s; simulated time: 50s")


def test_it_passes_over_changes_nobody_can_see(s):
    run_pod(s)
    s.advance_to(120)
    before = s.now
    r = s.execute("lab next")   # only the pod's events expire, an hour after they were recorded
    assert r.output == "nothing visible happens within 1h0m0s; simulated time: 2m0s (speed 1x)\n"
    assert s.now == before


def test_it_resets_the_cluster_and_keeps_the_files(s):
    run_pod(s)
    s.execute("echo keep > notes.txt; lab advance 2m")
    r = s.execute("lab reset; lab time; cat notes.txt")
    assert r.output == ("a fresh cluster (seed 1) at 0s; your files are kept\n"
                        "simulated time: 0s (speed 1x)\nkeep\n")
    assert s.cluster.store.get("pods", "default", "web") is None and s.now == 0


def test_it_changes_speed_and_pauses_in_wall_time():
    s = Session(1, now_wall=1000.0)
    assert s.execute("lab speed 10", now_wall=1000.0).output == "simulated time runs at 10x\n"
    s.tick(1003.0)
    assert s.now == 30
    assert s.execute("lab time").output == "simulated time: 30s (speed 10x)\n"
    assert s.execute("lab pause", now_wall=1004.0).output == "simulated time paused at 40s\n"
    s.tick(2000.0)
    assert s.execute("lab time").output == "simulated time: 40s (paused)\n"
    assert s.execute("lab resume", now_wall=2000.0).output == "simulated time runs at 10x from 40s\n"
    s.tick(2001.0)
    assert s.now == 50
