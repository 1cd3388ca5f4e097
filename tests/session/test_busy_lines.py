"""Lines that keep the CPU busy: under ``execute`` a loop that can never end is stopped at the line
limit as before, at the cost of a few VM slices; in the web terminal one turn runs a bounded
number of slices and Ctrl-C stops the line at once; pipelines to ``head`` end by SIGPIPE.

Costs are counted in calls of the VM (``run``, one slice each), never in CPU seconds."""
from __future__ import annotations

import json
from typing import Any

import pytest

import sandbox.session as session_module
from sandbox.session import LINE_LIMIT, MAX_OUTPUT, TICK_SLICES, TRUNCATED, Session


@pytest.fixture
def slices(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The instant of every VM slice the session runs."""
    seen: list[float] = []
    real = session_module.run

    def counted(proc: Any, host: Any, now: float, **kw: Any) -> Any:
        seen.append(now)
        return real(proc, host, now, **kw)
    monkeypatch.setattr(session_module, "run", counted)
    return seen


@pytest.mark.parametrize("line", ["while :; do :; done", "while true; do :; done", "until false; do :; done",
                                  "yes > /dev/null", "yes | wc -l", "x=$(yes)"])
def test_a_busy_loop_under_execute_is_stopped_at_the_line_limit_in_a_few_slices(line: str, slices: list[float]) -> None:
    s = Session(1)
    result = s.execute(line)
    assert (result.output, result.exit_code, result.waited, result.interrupted) == ("^C\n", 130, LINE_LIMIT, True)
    assert len(slices) <= 3 and s.now == LINE_LIMIT
    assert s.execute("echo $?").output == "130\n"


def test_a_busy_loop_that_prints_is_parked_once_its_output_is_dropped(slices: list[float]) -> None:
    result = Session(1).execute("x=$(printf '%0100000d' 0); while :; do echo $x; done")
    assert result.output == ("0" * 100000 + "\n") * 10 + "0" * 48566 + TRUNCATED + "^C\n"
    assert (result.exit_code, result.waited) == (130, LINE_LIMIT)
    assert len(slices) <= 3


def test_a_parked_busy_line_still_runs_in_the_web_terminal_until_ctrl_c(slices: list[float]) -> None:
    s = Session(1, now_wall=0.0)
    s.start("echo go; while :; do :; done", now_wall=0.0)
    assert s.is_waiting and s.next_wake() is None and s.take_output() == "go\n"
    count = len(slices)
    s.tick(600.0)
    assert s.is_waiting and s.now == 600.0 and len(slices) == count   # time runs, the loop costs nothing
    restored = Session.from_json(json.loads(json.dumps(s.to_json())))
    assert restored.interrupt() and restored.status == 130
    assert restored.execute("echo $?").output == "130\n"


def test_one_tick_of_a_busy_line_runs_at_most_a_few_slices_and_ctrl_c_stops_it(slices: list[float]) -> None:
    s = Session(1, now_wall=0.0)
    s.start("i=0; while :; do i=$((i+1)); done", now_wall=0.0)
    assert s.is_waiting
    count = len(slices)
    s.tick(3600.0)                       # back after an hour away: no hour of work in one turn
    assert len(slices) - count <= TICK_SLICES
    assert s.is_waiting and s.now < 10 and s.next_wake() == s.now   # it runs late, and goes on
    assert s.interrupt() and s.status == 130 and not s.is_waiting
    s.tick(3601.0)
    assert s.now == 3601.0               # the cluster catches up once the line is over


LINES = [   # each crosses a few simulated seconds of busy work; a job's events land in the middle
    "i=0; while [ $i -lt 4000 ]; do i=$((i+1)); done; echo $i; date +%s",
    "(sleep 1; echo job) & i=0; while [ $i -lt 4000 ]; do i=$((i+1)); done; echo loop $i; wait; date +%s",
    'trap "echo got \\$i" USR1; (sleep 1; kill -USR1 $$) & i=0; while [ $i -lt 4000 ]; do i=$((i+1)); done; echo $i',
    "kubectl run web --image=nginx; i=0; until kubectl get pod web | grep -q Running; do i=$((i+1)); done; echo $i",
]


@pytest.mark.parametrize("line", LINES)
def test_slicing_a_busy_line_changes_nothing_it_does(line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sliced = Session(3).execute(line)
    monkeypatch.setattr(session_module, "SLICE_STEPS", 10**9)      # one budget per call, as before
    whole = Session(3).execute(line)
    assert (sliced.output, sliced.exit_code, sliced.waited) == (whole.output, whole.exit_code, whole.waited)


def test_a_busy_line_saved_between_two_slices_goes_on_identically() -> None:
    line = "i=0; while [ $i -lt 12000 ]; do i=$((i+1)); done; echo $i; date +%s"
    original = Session(1, now_wall=0.0)
    original.start(line, now_wall=0.0)
    assert original.is_waiting and original.next_wake() == 0.0      # cut in the middle of an instant
    copy = Session.from_json(json.loads(json.dumps(original.to_json())))
    for s in (original, copy):
        wall = 0.0
        while s.is_waiting:
            wall += 0.25
            s.tick(wall)
    assert original.result() == copy.result() and original.now == copy.now
    assert original.result().output.startswith("12000\n")


def test_a_deadline_still_stops_a_parked_loop_on_time() -> None:
    s = Session(1)
    result = s.execute("timeout 3 sh -c 'while :; do :; done'; echo $?")
    assert (result.output, result.waited) == ("124\n", 3.0)


def test_a_deadline_hands_on_what_a_writer_put_in_a_pipe() -> None:
    # under timeout the writer is not parked early: its pipe is handed to wc at the deadline
    result = Session(1).execute("timeout 2 sh -c 'while :; do echo; done' | wc -c")
    assert result.waited == 2.0 and 0 < int(result.output) < MAX_OUTPUT


@pytest.mark.parametrize("line, out", [
    ("while true; do echo; done | head -1", "\n"),
    ("yes | head -3", "y\ny\ny\n"),
    ("seq 1000000 | head -2", "1\n2\n"),
])
def test_a_pipeline_to_head_ends_at_once_under_execute(line: str, out: str) -> None:
    result = Session(1).execute(line)
    assert (result.output, result.exit_code, result.waited) == (out, 0, 0.0)


def test_a_pipeline_to_head_ends_in_the_web_terminal_too() -> None:
    s = Session(1, now_wall=0.0)
    s.start("while true; do echo x; done | head -2; echo $?", now_wall=0.0)
    assert not s.is_waiting and s.take_output() == "x\nx\n0\n"


def test_a_watch_piped_to_head_ends_at_its_next_write() -> None:
    s = Session(1)
    s.execute("kubectl run web --image=nginx")
    result = s.execute("kubectl get pods -w | head -2")
    assert result.exit_code == 0 and not result.interrupted and result.waited < 60
    assert result.output.splitlines()[0].startswith("NAME")
    assert len(result.output.splitlines()) == 2


def test_output_that_reaches_the_limit_exactly_is_still_followed_by_the_notice() -> None:
    result = Session(1).execute("x=$(printf '%01048576d' 0); echo -n $x; echo more")
    assert result.output == "0" * MAX_OUTPUT + TRUNCATED
