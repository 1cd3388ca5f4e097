"""kubectl cordon and uncordon, and what the scheduler makes of a cordoned node. Messages compared
with kubectl 1.32.5; tests/api/test_kubectl_differential.py runs the same lines through the real
kubectl against Podlab's API."""
from __future__ import annotations

import json

from tests.kubectl.test_cmd_support import Term


def _node_of(term: Term, pod: str) -> str:
    return json.loads(term.kubectl(f"get pod {pod} -o json").out)["spec"].get("nodeName", "")


def test_a_cordoned_node_gets_no_new_pods_until_it_is_uncordoned() -> None:
    term = Term()
    assert term.kubectl("cordon node01 node02").out == "node/node01 cordoned\nnode/node02 cordoned\n"
    assert "node01         Ready,SchedulingDisabled" in term.kubectl("get nodes").out
    term.kubectl("run web --image=nginx")
    term.at(5)
    assert _node_of(term, "web") == ""
    assert "node(s) were unschedulable" in term.kubectl("describe pod web").out
    assert term.kubectl("uncordon node02").out == "node/node02 uncordoned\n"
    term.at(10)
    assert _node_of(term, "web") == "node02"


def test_cordoning_twice_says_so_and_uncordon_removes_the_field() -> None:
    term = Term()
    term.kubectl("cordon node01")
    assert term.kubectl("cordon node01").out == "node/node01 already cordoned\n"
    assert term.kubectl("uncordon node01").out == "node/node01 uncordoned\n"
    spec = json.loads(term.kubectl("get node node01 -o json").out)["spec"]
    assert "unschedulable" not in spec


def test_a_missing_node_stops_the_command_before_any_node_changes() -> None:
    term = Term()
    done = term.kubectl("cordon node01 nope")
    assert (done.out, done.err, done.code) == ("", 'Error from server (NotFound): nodes "nope" not found\n', 1)
    assert "SchedulingDisabled" not in term.kubectl("get nodes").out


def test_a_client_dry_run_changes_nothing() -> None:
    term = Term()
    assert term.kubectl("cordon node01 --dry-run=client").out == "node/node01 cordoned (dry run)\n"
    assert "SchedulingDisabled" not in term.kubectl("get nodes").out


def test_usage_mistakes() -> None:
    term = Term()
    assert term.kubectl("cordon").err == "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n"
    assert term.kubectl("uncordon node01 -l a=b").err == (
        "error: cannot specify both a node name and a --selector option\n"
        "See 'kubectl uncordon -h' for help and examples\n")
