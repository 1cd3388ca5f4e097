"""The terminal's recent text (``Sandbox.screen``) is grown by the database, not kept by a process:
each turn's echo and output are appended in the turn's UPDATE and the start is cut off past
SCREEN_LIMIT characters (characters, as Python counts them, Korean text included); a clear-screen
starts it again; the state and the runner's copy hold none of it. A tab that connects, or whose
runner fell further behind than the frames log keeps, is drawn from it as of the turn's frame."""
from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from sandbox.models import Sandbox
from sandbox.sandboxes import create_sandbox
from sandbox.turns import CLEAR, LOG_FRAMES, SCREEN_LIMIT, WEB_KEY, prompt, take_turn

pytestmark = pytest.mark.django_db

WALL = 1_800_000_000.0


class Tab:
    def __init__(self) -> None:
        self.row, self.hot, self.wall, self.seen = create_sandbox(now_wall=WALL), None, WALL, ""

    def line(self, text: str, **kwargs):
        self.wall += 1
        turn = take_turn(self.row.pk, None, now_wall=self.wall, line=text, hot=self.hot, **kwargs)
        self.hot = turn.hot
        self.seen += turn.echo + turn.output
        return turn

    def screen(self) -> str:
        return Sandbox.objects.values_list("screen", flat=True).get(pk=self.row.pk)


def test_each_turn_appends_its_echo_and_output_to_the_column():
    tab = Tab()
    first = prompt(tab.hot.session) if tab.hot else "controlplane:~$ "
    tab.line("echo one")
    tab.line("echo two; echo three")
    assert tab.screen() == tab.seen
    assert tab.seen == f"{first}echo one\none\n{first}echo two; echo three\ntwo\nthree\n"


def test_the_column_keeps_the_last_characters_counting_korean_text_as_python_does():
    tab = Tab()
    # 3-byte UTF-8 characters, cut somewhere in the middle of a line: a byte count would differ.
    for i in range(20):
        tab.line(f"printf '파드%.0s' $(seq 1 {900 + i}); echo")
    assert len(tab.seen) > SCREEN_LIMIT
    assert tab.screen() == tab.seen[-SCREEN_LIMIT:]


def test_a_clear_screen_starts_the_column_again():
    tab = Tab()
    tab.line("echo before")
    tab.line("clear; echo after")
    after = tab.seen[tab.seen.rfind(CLEAR) + len(CLEAR):]
    assert tab.screen() == after and after.endswith("after\n") and "before" not in after


def test_neither_the_saved_state_nor_the_runners_copy_hold_the_text():
    tab = Tab()
    tab.line("seq 1 2000")
    state = Sandbox.objects.get(pk=tab.row.pk).state
    assert "screen" not in state[WEB_KEY] and "1999\n2000" in tab.screen()
    assert "screen" not in tab.hot.web
    assert sum(len(f["data"]) + len(f["echo"]) for f in state[WEB_KEY]["log"]) < 10_000


def test_a_turn_reads_the_screen_only_when_a_tab_has_to_draw_it():
    tab = Tab()
    plain = tab.line("echo hi")
    assert (plain.screen, plain.history) == ("", None)
    drawn = take_turn(tab.row.pk, None, now_wall=tab.wall, hot=tab.hot, redraw=True)
    assert drawn.screen == tab.seen and drawn.history == ["echo hi"]


def test_a_runner_further_behind_than_the_log_is_given_the_screen_as_of_the_turn():
    tab = Tab()
    for i in range(LOG_FRAMES + 3):
        tab.line(f"echo {i}")
    caught_up = take_turn(tab.row.pk, None, now_wall=tab.wall, hot=tab.hot, since=tab.hot.web["seq"] - 2)
    assert caught_up.history is None                     # the two frames after it are still kept
    behind = take_turn(tab.row.pk, None, now_wall=tab.wall, hot=tab.hot, since=1)
    assert behind.screen == tab.seen and behind.history[-1] == f"echo {LOG_FRAMES + 2}"
    assert behind.terminal[0]["seq"] > 2


def test_the_migration_moves_the_text_out_of_the_state_and_back():
    migration = importlib.import_module("sandbox.migrations.0004_sandbox_screen")
    row = create_sandbox(now_wall=WALL)
    state = dict(row.state, web={"seq": 3, "screen": "old text\n", "log": []})
    Sandbox.objects.filter(pk=row.pk).update(state=state, screen="")
    migration.move_screen(apps, None)
    moved = Sandbox.objects.get(pk=row.pk)
    assert moved.screen == "old text\n" and moved.state["web"] == {"seq": 3, "log": []}
    migration.restore_screen(apps, None)
    assert Sandbox.objects.get(pk=row.pk).state["web"]["screen"] == "old text\n"
