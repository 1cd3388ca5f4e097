"""The session: the step-wise API of the web terminal, Ctrl-C, the clock, saving and restoring."""
from __future__ import annotations

import json

import pytest

from sandbox.session import Session
from sandbox.terminal.clock import LabClock


def test_it_runs_a_line_step_by_step_as_the_wall_clock_moves():
    s = Session(1, now_wall=1000.0)
    s.start("echo start; sleep 5; echo end", now_wall=1000.0)
    assert s.is_waiting and s.take_output() == "start\n"
    assert (s.next_wake(), s.next_wake_wall()) == (5.0, 1005.0)
    s.tick(1003.0)
    assert s.is_waiting and s.now == 3.0 and s.take_output() == ""
    s.tick(1005.0)
    assert not s.is_waiting and s.take_output() == "end\n" and s.result().exit_code == 0
    with pytest.raises(RuntimeError):
        s.start("sleep 1")
        s.start("echo twice")


def test_it_lets_the_cluster_follow_the_wall_clock_between_lines():
    s = Session(1, now_wall=50.0)
    s.tick(80.0)
    assert s.now == 30.0
    assert s.execute("lab time", now_wall=90.0).output == "simulated time: 40s (speed 1x)\n"


def test_it_keeps_the_time_a_line_waited_when_the_wall_clock_did_not_move():
    s = Session(1, now_wall=0.0)
    s.execute("sleep 10", now_wall=0.0)
    s.tick(2.0)
    assert s.now == 12.0


def test_it_interrupts_the_running_line_and_keeps_the_shell_as_it_was():
    s = Session(1, screen=False)
    s.execute("x=1; cd /tmp")
    s.start("(x=2; cd /; sleep 100; echo never) | cat; echo never")
    assert s.is_waiting and s.interrupt()
    assert not s.is_waiting and not s.interrupt()
    assert s.result().exit_code == 130
    assert s.execute("echo $? $x; pwd").output == "130 1\n/tmp\n"


def test_it_interrupts_a_function_and_restores_its_caller_s_arguments():
    s = Session(1, screen=False)
    s.execute("f() { local y=inner; sleep 10; }; y=outer; set -- a b")
    s.start("f one")
    s.interrupt()
    assert s.execute("echo $y $@").output == "outer a b\n"


def test_it_saves_and_restores_everything(tmp_path):
    s = Session(7, now_wall=10.0)
    s.execute("mkdir -p work && cd work && cat <<EOF > notes\nhello\nEOF", now_wall=10.0)
    s.execute("n=42; f() { echo f$1; }; lab speed 5; sleep 3")
    s.start("sleep 20; echo $n; f 1; cat notes", now_wall=12.0)
    data = json.loads(json.dumps(s.to_json()))
    again = Session.from_json(data)
    assert again.to_json() == data
    assert again.history == s.history and again.seed == 7
    for session in (s, again):
        session.tick(20.0)
    assert s.take_output() == again.take_output() == "42\nf1\nhello\n"
    assert s.now == again.now and s.execute("pwd").output == again.execute("pwd").output == "/root/work\n"


def test_it_refuses_a_format_it_does_not_know():
    data = Session(1).to_json()
    data["version"] = 99
    with pytest.raises(ValueError, match="unsupported session format"):
        Session.from_json(data)


def test_it_maps_wall_time_to_simulated_time_with_anchors():
    clock = LabClock(anchor_wall=100.0)
    assert clock.virtual(110.0) == 10.0 and clock.wall_at(10.0) == 110.0
    clock.set_speed(10, wall=110.0)
    assert clock.virtual(111.0) == 20.0 and clock.wall_at(30.0) == 112.0
    clock.pause(111.0)
    assert clock.virtual(500.0) == 20.0 and clock.wall_at(30.0) is None
    clock.resume(500.0)
    assert clock.virtual(501.0) == 30.0
    clock.rebase(501.0, 25.0)              # never backwards
    assert clock.virtual(501.0) == 30.0
    assert LabClock.from_json(clock.to_json()) == clock


def test_it_resets_nothing_but_the_cluster_on_lab_reset():
    s = Session(1, screen=False)
    s.execute("x=1; echo a > f; lab advance 1m")
    s.execute("lab reset")
    assert s.execute("echo $x; cat f; lab time").output == "1\na\nsimulated time: 0s (speed 1x)\n"
    assert len(s.history) == 3
