"""kubectl events (1.32's own table: LAST SEEN TYPE REASON OBJECT MESSAGE). The layout was
compared with kubectl 1.32.5 against the same simulated cluster (ages aside: kubectl measured them
from the wall clock there)."""
from __future__ import annotations

import pytest

from tests.kubectl.test_cmd_support import Term


@pytest.fixture
def term() -> Term:
    t = Term()
    t.kubectl("run crash --image=busybox:1.36 -- sh -c 'exit 1'")
    t.at(60)
    return t


def test_it_prints_events_sorted_with_repeats_and_the_kind_s_case(term: Term):
    uid = term.cluster.store.get("pods", "default", "crash")["metadata"]["uid"]
    assert term.kubectl("events").out == (
        "LAST SEEN           TYPE      REASON      OBJECT      MESSAGE\n"
        "60s                 Normal    Scheduled   Pod/crash   Successfully assigned default/crash to node02\n"
        '27s (x4 over 58s)   Normal    Pulled      Pod/crash   Container image "busybox:1.36" already present on '
        "machine\n"
        "27s (x4 over 58s)   Normal    Created     Pod/crash   Created container crash\n"
        "27s (x4 over 58s)   Normal    Started     Pod/crash   Started container crash\n"
        "6s (x6 over 56s)    Warning   BackOff     Pod/crash   Back-off restarting failed container crash in pod "
        f"crash_default({uid})\n")


def test_it_filters_by_type_and_object(term: Term):
    assert term.kubectl("events --types=Warning").out.splitlines()[1].split()[5] == "BackOff"
    assert term.kubectl("events --for pod/crash").out == term.kubectl("events").out
    assert term.kubectl("events --for pod/other").err == "No events found in default namespace.\n"


def test_it_adds_the_namespace_column_across_namespaces(term: Term):
    assert term.kubectl("events -A").out.startswith("NAMESPACE   LAST SEEN           TYPE      REASON      OBJECT")
    assert Term().kubectl("events -A").err == "No events found.\n"


def test_it_prints_the_typed_event_list(term: Term):
    out = term.kubectl("events -o yaml").out
    assert out.startswith("apiVersion: v1\nitems:\n- action: Binding\n")
    assert out.endswith("kind: EventList\nmetadata:\n  resourceVersion: \"" + str(term.cluster.store.rv) + "\"\n")


def test_it_rejects_bad_arguments(term: Term):
    assert term.kubectl("events --for x").err == "error: --for must be in resource/name form\n"
    assert term.kubectl("events --types=Foo").err == "error: valid --types are Normal or Warning\n"


def test_it_watches_for_new_events():
    assert Term().kubectl("events -w", until=1).both == ""  # nothing yet, and it keeps waiting
    t2 = Term()
    out: list[str] = []
    k = t2.kube(out, [], [])
    from sandbox.kubectl.main import run
    wait = run(k, ["events", "-w"])
    t2.kubectl("run nginx --image=nginx")
    t2.drive(k, wait, until=10)
    text = "".join(out)
    assert text.startswith("LAST SEEN   TYPE     REASON      OBJECT      MESSAGE\n")
    assert text.count("LAST SEEN") == 1 and "Started container nginx" in text
