"""kubectl logs: containers, --previous, --tail/--since/--timestamps/--prefix/--limit-bytes,
selectors, -f, and the errors of transcript 04 and spec §11.3. Compared with kubectl 1.32.5."""
from __future__ import annotations

import pytest

from tests.kubectl.test_cmd_support import Term

COUNTER = "sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 2; done'"


@pytest.fixture
def term() -> Term:
    t = Term()
    t.kubectl(f"run counter --image=busybox:1.36 -- {COUNTER}")
    t.kubectl("run crash --image=busybox:1.36 --restart=Never -- sh -c 'echo boom; exit 1'")
    t.at(30)
    return t


def test_it_prints_a_container_s_output(term: Term):
    assert term.kubectl("logs crash").out == "boom\n"
    assert term.kubectl("logs pod/crash").out == "boom\n"


def test_it_shapes_the_output_like_the_kubelet(term: Term):
    assert term.kubectl("logs counter --tail=2").out == "tick 13\ntick 14\n"
    assert term.kubectl("logs counter --since=5s").out == "tick 12\ntick 13\ntick 14\n"
    assert term.kubectl("logs counter --timestamps --tail=1").out == "2025-01-06T10:00:30.000000000Z tick 14\n"
    assert term.kubectl("logs counter --prefix --tail=1").out == "[pod/counter/counter] tick 14\n"
    assert term.kubectl("logs counter --limit-bytes=10").out == "tick 0\ntic"


def test_it_shows_the_last_ten_lines_per_pod_for_a_selector(term: Term):
    assert term.kubectl("logs -l run=counter").out == "".join(f"tick {i}\n" for i in range(5, 15))
    assert term.kubectl("logs -l app=none").err == "No resources found in default namespace.\n"


def test_it_reports_a_missing_previous_instance(term: Term):
    # transcript 04
    assert term.kubectl("logs crash --previous").err == (
        'Error from server (BadRequest): previous terminated container "crash" in pod "crash" not found\n')


def test_it_reports_a_container_still_starting():
    t = Term()
    t.kubectl("run nginx --image=nginx")
    t.at(1)
    assert t.kubectl("logs nginx").err == (
        'Error from server (BadRequest): container "nginx" in pod "nginx" is waiting to start: ContainerCreating\n')


def test_it_words_a_missing_pod_as_logs_does(term: Term):
    assert term.kubectl("logs nope").err == (
        'error: error from server (NotFound): pods "nope" not found in namespace "default"\n')


def test_it_names_the_default_container_when_there_are_several():
    t = Term()
    t.write("two.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  initContainers:\n"
                        "  - name: init\n    image: busybox:1.36\n    command: [sh, -c, 'echo init done']\n  containers:\n"
                        "  - name: app\n    image: busybox:1.36\n    args: [sh, -c, 'echo app; sleep 3600']\n"
                        "  - name: side\n    image: busybox:1.36\n    args: [sh, -c, 'echo side; sleep 3600']\n")
    t.kubectl("create -f two.yaml")
    t.at(30)
    r = t.kubectl("logs two")
    # kubectl 1.32 lists the init containers last, marked (init)
    assert (r.out, r.err) == ("app\n", 'Defaulted container "app" out of: app, side, init (init)\n')
    assert t.kubectl("logs two -c side").both == "side\n"
    assert t.kubectl("logs two side").both == "side\n"
    assert t.kubectl("logs two --all-containers").out == "init done\napp\nside\n"
    assert t.kubectl("logs two -c nope").err == "error: container nope is not valid for pod two\n"


def test_it_rejects_bad_arguments(term: Term):
    usage = ("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
             "POD or TYPE/NAME is a required argument for the logs command\n"
             "See 'kubectl logs -h' for help and examples\n")
    assert term.kubectl("logs").err == usage
    assert term.kubectl("logs a b c").err == usage
    assert term.kubectl("logs counter --tail=-2").err == "error: --tail must be greater than or equal to -1\n"
    assert term.kubectl("logs counter --since=5").err == (
        "error: invalid argument \"5\" for \"--since\" flag: time: missing unit in duration \"5\"\n"
        "See 'kubectl logs --help' for usage.\n")
    assert term.kubectl("logs counter -c a b").err == "error: only one of -c or an inline [CONTAINER] arg is allowed\n"
    assert term.kubectl("logs node/node01").err == (
        "error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented\n")


def test_it_follows_new_lines_until_the_container_stops():
    t = Term()
    t.kubectl("run talk --image=busybox:1.36 --restart=Never -- sh -c 'for i in 1 2 3; do echo line $i; sleep 5; done'")
    t.at(5)
    r = t.kubectl("logs -f talk")
    assert (r.out, r.code) == ("line 1\nline 2\nline 3\n", 0)
    assert t.cluster.now > 15


def test_it_keeps_following_a_running_container(term: Term):
    r = term.kubectl("logs -f counter --tail=1", until=35)
    assert (r.out, r.code) == ("tick 14\ntick 15\ntick 16\n", None)
