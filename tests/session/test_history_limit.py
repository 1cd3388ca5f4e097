"""The shell's history keeps the newest HISTSIZE lines, as bash does with Ubuntu's HISTSIZE=1000:
the oldest go, and ``history`` goes on numbering from where bash would (its history_base); the
web terminal forgets a line's output once it has handed it over."""
from __future__ import annotations

import pytest

from sandbox import session as session_module
from sandbox.session import Session


@pytest.fixture()
def small_history(monkeypatch):
    monkeypatch.setattr(session_module, "HISTSIZE", 3)


def test_the_oldest_lines_go_and_the_numbers_go_on(small_history):
    s = Session(seed=1)
    for word in ("one", "two", "three", "four"):
        s.execute(f"echo {word}")
    assert s.execute("history").output == "    3  echo three\n    4  echo four\n    5  history\n"
    assert s.history == ["echo three", "echo four", "history"]


def test_the_numbering_survives_a_save_and_history_c_starts_it_again(small_history):
    s = Session(seed=1)
    for word in ("one", "two", "three", "four", "five"):
        s.execute(f"echo {word}")
    loaded = Session.from_json(s.to_json())
    assert loaded.execute("history 2").output == "    5  echo five\n    6  history 2\n"
    loaded.execute("history -c")
    assert loaded.execute("history").output == "    1  history\n"


def test_a_session_that_never_dropped_a_line_saves_as_before():
    s = Session(seed=1)
    s.execute("echo one")
    assert "history_base" not in s.to_json()


def test_the_same_line_typed_in_two_sessions_is_one_string_in_memory():
    a, b = Session(seed=1), Session(seed=1)
    a.execute("".join(["kubectl get ", "pods"]))
    b.execute("".join(["kubectl ", "get pods"]))
    assert a.history[0] is b.history[0] and a.commands[0].argv[2] is b.commands[0].argv[2]
    loaded = Session.from_json(a.to_json())
    assert loaded.history[0] is a.history[0] and loaded.commands[0].line is a.history[0]


def test_output_taken_without_keeping_it_is_not_saved_again():
    s = Session(seed=1, now_wall=0.0)
    s.start("seq 1 5000", now_wall=0.0)
    assert s.take_output(keep=False).endswith("4999\n5000\n")
    assert s.to_json()["line"]["chunks"] == [] and s.take_output(keep=False) == ""
    s.start("echo next", now_wall=1.0)
    assert s.take_output(keep=False) == "next\n"
