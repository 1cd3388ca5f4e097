"""kubectl describe: which objects are described, how several are separated, the name-prefix
fallback, the events handed to the describer, and the errors (compared with kubectl 1.32.5). The
describers' layout itself is tested with sandbox/kubectl/describe."""
from __future__ import annotations

import pytest

from sandbox.kubectl.describe import describe_namespace, describe_pod
from tests.kubectl.test_cmd_support import Term


@pytest.fixture
def term() -> Term:
    t = Term()
    t.kubectl("run nginx --image=nginx")
    t.kubectl("run web --image=nginx")
    t.at(30)
    return t


def pod(t: Term, name: str) -> dict:
    return t.cluster.api.get("pods", "default", name)


def test_it_describes_a_pod_with_its_events(term: Term):
    r = term.kubectl("describe pod nginx")
    events = [e for e in term.cluster.api.list("events", "default")["items"]
              if e["involvedObject"]["name"] == "nginx"]
    assert r.out == describe_pod(pod(term, "nginx"), events, term.cluster.epoch + 30)
    assert "Successfully assigned default/nginx to node0" in r.out
    assert "Successfully assigned default/web" not in r.out


def test_it_leaves_events_out_when_asked(term: Term):
    r = term.kubectl("describe pod nginx --show-events=false")
    assert r.out == describe_pod(pod(term, "nginx"), None, term.cluster.epoch + 30)
    assert "Events:" not in r.out


def test_it_separates_several_objects_with_a_blank_line(term: Term):
    one, two = term.kubectl("describe pod nginx").out, term.kubectl("describe pod web").out
    assert term.kubectl("describe pods").out == one + "\n\n" + two
    assert term.kubectl("describe pods -l run=web").out == two


def test_it_falls_back_to_a_name_prefix(term: Term):
    # DescribeMatchingResources prints each match followed by a newline
    assert term.kubectl("describe pod ngin").out == term.kubectl("describe pod nginx").out + "\n"


def test_it_describes_nodes_and_namespaces(term: Term):
    assert term.kubectl("describe ns default").out == describe_namespace(
        term.cluster.api.get("namespaces", "", "default"), term.cluster.epoch + 30)
    node = term.kubectl("describe node node01").out
    assert node.startswith("Name:               node01\nRoles:              <none>\n")


def test_it_reports_what_it_cannot_find(term: Term):
    assert term.kubectl("describe pod nope").err == 'Error from server (NotFound): pods "nope" not found\n'
    assert term.kubectl("describe foo").err == 'error: the server doesn\'t have a resource type "foo"\n'
    assert term.kubectl("describe pods -l run=none").err == "No resources found in default namespace.\n"
    assert term.kubectl("describe").err == (
        'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list '
        "of supported resources.\n")
