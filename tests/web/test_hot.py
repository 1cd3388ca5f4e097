"""A runner's copy of its sandbox (sandbox/hot.py) and the wake-ups that are not saved (turns.py):
the copy is used only while no one else saved, a wake-up that changed nothing a tab shows leaves
the database as it was, and the saved state brought to the same instant is the same session."""
from __future__ import annotations

import json

import pytest

from sandbox.models import Sandbox
from sandbox.sandboxes import create_sandbox, open_sandbox
from sandbox.session import Session
from sandbox.turns import take_turn

pytestmark = pytest.mark.django_db

WALL = 1_800_000_000.0
PROBED = """kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 10
EOF"""


class Tab:
    """Turns as the runner takes them: each one hands the next the copy the last one left."""

    def __init__(self, row: Sandbox) -> None:
        self.row, self.hot, self.wall = row, None, WALL

    def turn(self, seconds: float = 0.0, line: str | None = None, act=None):
        self.wall += seconds
        turn = take_turn(self.row.pk, act, now_wall=self.wall, line=line, hot=self.hot)
        self.hot = turn.hot
        return turn

    def version(self) -> int:
        return Sandbox.objects.get(pk=self.row.pk).version


def settled_tab() -> Tab:
    tab = Tab(create_sandbox(now_wall=WALL))
    tab.turn(line=PROBED)
    tab.turn(60)                           # pulled, started, probed: Running and ready
    return tab


def as_saved(tab: Tab) -> Session:
    """What a process without the copy would load, brought to the copy's instant."""
    session = Session.from_json(Sandbox.objects.get(pk=tab.row.pk).state)
    session.tick(tab.wall)
    return session


def test_every_save_of_the_state_counts_a_version():
    row = create_sandbox(now_wall=WALL)
    first = row.version
    with open_sandbox(row.pk, now_wall=WALL + 1):
        pass
    row.refresh_from_db()
    assert row.version == first + 1
    row.rotate_token()                     # not the state: not counted
    row.refresh_from_db()
    assert row.version == first + 1


def test_a_wake_up_that_changes_nothing_shown_is_not_saved_and_loading_gives_the_same_session():
    tab = settled_tab()
    saved = tab.version()
    for _ in range(6):                     # a minute of liveness probes that succeed
        turn = tab.turn(10)
        assert turn.output == "" and turn.made == 0
    assert tab.version() == saved
    row_now = Session.from_json(Sandbox.objects.get(pk=tab.row.pk).state).cluster.now
    assert tab.hot.session.cluster.now == row_now + 60       # the copy is a minute ahead of the row...
    assert json.dumps(as_saved(tab).to_json(), sort_keys=True) == \
        json.dumps(tab.hot.session.to_json(), sort_keys=True)   # ...by nothing loading would not give


def test_a_wake_up_that_changes_what_a_tab_shows_is_saved():
    tab = settled_tab()
    tab.turn(line="kubectl run crash --image=busybox:1.36 --command -- sh -c 'exit 1'")
    saved = tab.version()
    turn = tab.turn(30)                    # the container ran and failed: its card changed
    assert turn.view["pods"]["default/crash"]["restarts"] >= 1
    assert tab.version() > saved


def test_a_line_is_always_saved_before_its_output_is_returned():
    tab = settled_tab()
    saved = tab.version()
    turn = tab.turn(1, line="kubectl get pods")
    assert "web" in turn.output
    assert tab.version() == saved + 1
    assert Sandbox.objects.get(pk=tab.row.pk).state["history"][-1] == "kubectl get pods"


def test_the_copy_is_not_used_once_another_writer_saved():
    tab = settled_tab()
    with open_sandbox(tab.row.pk, now_wall=tab.wall + 1) as (_, session):   # e.g. the Kubernetes API
        assert session.execute("kubectl label pod web seen=api").exit_code == 0
    turn = tab.turn(2, line="kubectl get pod web --show-labels")
    assert "seen=api" in turn.output         # the copy had no label; the row was loaded instead


def test_a_copy_from_an_older_version_is_refused_even_if_it_is_further_on():
    tab = settled_tab()
    stale = tab.hot
    tab.turn(1, line="touch made-later")
    tab.hot = stale                          # a copy from before the last save
    turn = tab.turn(1, line="ls")
    assert "made-later" in turn.output


def test_the_copy_keeps_no_watch_history_that_a_load_would_not_have():
    tab = settled_tab()
    tab.turn(1, line="kubectl run crash --image=busybox:1.36 --command -- sh -c 'exit 1'")
    for _ in range(10):
        tab.turn(15)                          # restarts, back-off: many writes to the store
    kept, loaded = tab.hot.session.cluster.store, as_saved(tab).cluster.store
    assert (len(kept.history), kept.oldest_rv) == (len(loaded.history), loaded.oldest_rv) == (0, kept.rv)
