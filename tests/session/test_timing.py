"""``timeout`` (GNU coreutils) and ``watch`` (procps-ng) against simulated time."""
from __future__ import annotations

import pytest

from sandbox.session import Session


@pytest.fixture
def sh():
    session = Session(1, screen=False)
    return session.execute


def test_it_stops_a_command_at_the_deadline_with_124(sh):
    r = sh("timeout 5 sleep 60; echo $?")
    assert (r.output, r.waited) == ("124\n", 5)


def test_it_lets_a_command_that_ends_in_time_keep_its_status(sh):
    r = sh("timeout 30s sh -c 'sleep 2; exit 3'; echo $?")
    assert (r.output, r.waited) == ("3\n", 2)


def test_it_accepts_gnu_durations_and_options(sh):
    assert sh("timeout 1.5m sleep 100; echo $?").waited == 90
    assert sh("timeout --preserve-status -s KILL 1 sleep 9; echo $?").output == "137\n"
    assert sh("timeout -v 1s sleep 9").output == "timeout: sending signal TERM to command 'sleep'\n"
    assert sh("timeout 0 sleep 3; echo $?").output == "0\n"     # 0 disables the limit


def test_it_stops_everything_the_command_started(sh):
    r = sh("timeout 7 sh -c 'while true; do echo tick; sleep 2; done'; echo $?")
    assert r.output == "tick\n" * 4 + "124\n"


def test_it_keeps_the_shell_s_state_outside_the_timed_command(sh):
    sh("x=outer")
    assert sh("timeout 1 sh -c 'x=inner; sleep 5'; echo $x").output == "outer\n"
    assert sh("timeout 1 sleep 5 > /dev/null 2>&1 || echo timed out").output == "timed out\n"


@pytest.mark.parametrize(("line", "output", "status"), [
    ("timeout", "timeout: missing operand\nTry 'timeout --help' for more information.\n", 125),
    ("timeout 5", "timeout: missing operand after '5'\nTry 'timeout --help' for more information.\n", 125),
    ("timeout soon ls", "timeout: invalid time interval 'soon'\nTry 'timeout --help' for more information.\n", 125),
    ("timeout -s NOPE 5 ls", "timeout: NOPE: invalid signal\nTry 'timeout --help' for more information.\n", 125),
    ("timeout 5 nosuch", "timeout: failed to run command 'nosuch': No such file or directory\n", 127),
    ("timeout 5 cd /tmp", "timeout: failed to run command 'cd': No such file or directory\n", 127),
])
def test_it_words_its_errors_as_gnu_timeout(sh, line, output, status):
    r = sh(line)
    assert (r.output, r.exit_code) == (output, status)


def test_it_watches_a_command_every_two_seconds_until_stopped(sh):
    r = sh("timeout 5 watch date +%s; echo $?")
    rounds = [block for block in r.output.split("Every 2.0s: date +%s") if block]
    assert len(rounds) == 3 and r.output.endswith("124\n")
    header = r.output.splitlines()[0]
    assert len(header) == 80 and header.endswith("controlplane: Mon Jan  6 10:00:00 2025")
    assert r.output.splitlines()[1:3] == ["", "1736157600"]


def test_it_watches_with_an_interval_and_without_a_title(sh):
    r = sh("timeout 10 watch -n 5 -t echo hi")
    assert (r.output, r.exit_code) == ("hi\nhi\n", 124)


def test_it_redraws_the_screen_in_the_web_terminal():
    r = Session(1).execute("timeout 3 watch -t echo hi")
    assert r.output == "\x1b[H\x1b[2Jhi\n\x1b[H\x1b[2Jhi\n"


def test_it_stops_a_watch_with_ctrl_c():
    s = Session(1, screen=False)
    s.start("watch -n 1 -t echo hi")
    s.step(3.5)
    assert s.is_waiting and s.interrupt()
    assert s.result().output == "hi\n" * 4 and s.result().exit_code == 130
    assert s.execute("echo $?").output == "130\n"
