"""Pipelines whose reader stops reading (pipes.py): the writer gets SIGPIPE at its next write and
ends with 141, as in bash; the pipeline's status is the reader's."""
from __future__ import annotations

import json

import pytest

from sandbox.sim.shell import Blocked, Exited, Process, run, spawn
from sandbox.sim.shell.fakehost import FakeHost, run_to_end


def sh(script: str, **kw) -> Process:
    return spawn(["sh", "-c", script], {"HOME": "/root", "PATH": "/usr/bin:/bin"}, **kw)


def ends_at_once(script: str) -> FakeHost:
    host = FakeHost()
    assert run(sh(script), host, 0) == Exited(0)
    return host


def test_an_endless_writer_piped_to_head_ends_with_heads_output_and_status() -> None:
    host = ends_at_once('while true; do echo; done | head -1; echo "status $?"')
    assert host.stdout == "\nstatus 0\n"


@pytest.mark.parametrize("script, out", [
    ("yes | head -3", "y\ny\ny\n"),
    ("yes one two | head -n 2", "one two\none two\n"),
    ("while :; do echo abc; done | head -c 5", "abc\na"),
    ("seq 1000000 | head -2", "1\n2\n"),
    ("x=$(yes | head -2); echo \"[$x]\"", "[y\ny]\n"),
    ("yes | head -5 | head -2", "y\ny\n"),
    ("yes | head -n 0; echo empty", "empty\n"),
])
def test_head_takes_what_it_wants_and_the_writer_is_stopped(script: str, out: str) -> None:
    assert ends_at_once(script).stdout == out


def test_the_writer_ends_with_141_at_its_next_write() -> None:
    host = ends_at_once('{ yes; echo "yes: $?" >&2; } | head -1')
    assert (host.stdout, host.stderr) == ("y\n", "yes: 141\n")
    # a subshell writing is the process that dies; its parent goes on until it writes too
    host = ends_at_once('{ (while :; do echo x; done); echo "sub: $?" >&2; echo y; echo never >&2; } | head -1')
    assert (host.stdout, host.stderr) == ("x\n", "sub: 141\n")


def test_a_writer_that_sleeps_after_the_reader_left_ends_at_its_next_write() -> None:
    host = FakeHost()
    proc = sh("{ echo a; sleep 5; echo b; echo never >&2; } | head -1; echo done")
    assert run(proc, host, 0) == Blocked(5)
    saved = Process.from_json(json.loads(json.dumps(proc.to_json())))
    assert run(saved, host, 5) == Exited(0)
    assert host.writes == [(5, "stdout", "a\n"), (5, "stdout", "done\n")]


def test_a_writer_that_ends_before_its_next_write_keeps_its_status() -> None:
    host = ends_at_once('{ printf "1\\n2\\n3\\n"; echo "printf: $?" >&2; } | head -1')
    assert (host.stdout, host.stderr) == ("1\n", "printf: 0\n")


@pytest.mark.parametrize("script, out", [
    ("seq 3 | wc -l", "3\n"),                                  # reads everything
    ("n=1; seq 3 | head -n $n", "1\n"),                        # known only when it runs
    ("head() { cat; }; seq 3 | head -1", "1\n2\n3\n"),        # a function, not the utility
    ("echo x > /tmp/f; seq 3 | head -1 /tmp/f", "x\n"),        # reads a file, not the pipe
    ("seq 3 | head -1 < /dev/null; echo .", ".\n"),
])
def test_a_reader_that_reads_everything_or_is_not_known_gets_everything(script: str, out: str) -> None:
    assert ends_at_once(script).stdout == out


def test_a_pipeline_to_head_in_a_job_ends_the_job() -> None:
    host = FakeHost()
    assert run_to_end(sh("yes | head -2 & wait $!; echo job $?"), host) == Exited(0)
    assert host.stdout == "y\ny\njob 0\n"
