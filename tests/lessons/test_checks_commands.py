"""Command checks: the learner's kubectl invocations, read with kubectl's own command and flag
definitions, and the shell lines they typed."""
from __future__ import annotations

import pytest

from lessons.checks import View, evaluate
from lessons.checks.commands import parse_invocation
from lessons.schema.model import Check, CommandCheck, ValueTest as V
from sandbox.session import Session


def outcome(session, matcher):
    result = evaluate(Check(id="c", matcher=matcher, message=None), View.of(session))
    return result.passed, result.why


@pytest.fixture(scope="module")
def typed():
    s = Session(seed=1)
    for line in ("k run nginx --image=nginx --dry-run=client -o yaml > pod.yaml",
                 "kubectl apply -f pod.yaml",
                 "lab advance 20s",
                 "k get po",
                 "kubectl describe pod/nginx",
                 "kubectl describe pod ghost",
                 "kubectl exec nginx -- curl -s localhost",
                 "kubectl exec -it nginx -- sh -c 'echo hi'",
                 "kubectl create namespace dev",
                 "curl 10.244.1.3 | head -1",
                 "cat pod.yaml"):
        s.execute(line)
    return s


@pytest.mark.parametrize(("argv", "verb", "resources", "names", "flags", "args"), [
    (["k", "get", "po"], "get", ("po",), (), {}, None),
    (["kubectl", "-n", "dev", "get", "pods", "a", "b", "-o", "wide"], "get", ("pods",), ("a", "b"),
     {"namespace": ("dev",), "output": ("wide",)}, None),
    (["kubectl", "describe", "pod/nginx", "po/web"], "describe", ("pod", "po"), ("nginx", "web"), {}, None),
    (["kubectl", "apply", "-f", "a.yaml", "--filename=b.yaml"], "apply", (), (), {"filename": ("a.yaml", "b.yaml")},
     None),
    (["kubectl", "exec", "-it", "nginx", "--", "sh", "-c", "echo hi"], "exec", ("pod",), ("nginx",),
     {"stdin": ("true",), "tty": ("true",)}, "sh -c echo hi"),
    (["kubectl", "logs", "pod/crash", "-p"], "logs", ("pod",), ("crash",), {"previous": ("true",)}, None),
    (["kubectl", "run", "web", "--image=nginx", "--restart=Never", "--", "sleep", "5"], "run", ("pod",), ("web",),
     {"image": ("nginx",), "restart": ("Never",)}, "sleep 5"),
    (["kubectl", "create", "namespace", "dev"], "create", ("namespace",), ("dev",), {}, None),
    (["kubectl", "label", "pod", "nginx", "app=web", "tier-"], "label", ("pod",), ("nginx",), {}, None),
    (["kubectl", "wait", "--for=condition=Ready", "pod/nginx", "--timeout=30s"], "wait", ("pod",), ("nginx",),
     {"for": ("condition=Ready",), "timeout": ("30s",)}, None),
    (["kubectl", "rollout", "status", "x"], "rollout", (), ("status", "x"), {}, None),
    (["kubectl", "get", "pods", "--bogus"], "get", ("pods",), (), {}, None),   # a bad flag: what can be read
])
def test_it_reads_an_invocation_as_kubectl_does(argv, verb, resources, names, flags, args):
    inv = parse_invocation(argv)
    assert (inv.verb, inv.resources, inv.names, dict(inv.flags), inv.args) == (verb, resources, names, flags, args)


def test_it_finds_a_command_typed_through_the_alias(typed):
    assert outcome(typed, CommandCheck(verb=("get",), resource="pods")) == (True, "")
    assert outcome(typed, CommandCheck(verb=("run",), name="nginx", flags=(("dry-run", V("equals", "client")),
                                                                           ("o", V("equals", "yaml"))))) == (True, "")


def test_it_matches_a_resource_by_any_of_its_names(typed):
    for resource in ("po", "pod", "pods", "Pod"):
        assert outcome(typed, CommandCheck(verb=("describe",), resource=resource, name="nginx")) == (True, "")
    assert outcome(typed, CommandCheck(verb=("describe",), name="pod/nginx")) == (True, "")


def test_it_says_a_command_was_never_run(typed):
    assert outcome(typed, CommandCheck(verb=("describe",), resource="pod", name="web")) == \
        (False, "kubectl describe pod web was never run")
    assert outcome(typed, CommandCheck(verb=("logs",), name="nginx")) == (False, "kubectl logs nginx was never run")


def test_it_counts_only_commands_that_succeeded(typed):
    assert outcome(typed, CommandCheck(verb=("describe",), name="ghost")) == \
        (False, "kubectl describe ghost was run but failed (exit status 1)")
    assert outcome(typed, CommandCheck(verb=("describe",), name="ghost", succeeded=False)) == (True, "")
    assert outcome(typed, CommandCheck(verb=("describe",), name="ghost", succeeded=None)) == (True, "")
    assert outcome(typed, CommandCheck(verb=("describe",), name="nginx", succeeded=False)) == \
        (False, "kubectl describe nginx never failed")


def test_it_accepts_a_filename_given_either_way(typed):
    check = CommandCheck(verb=("create", "apply"), flags=(("filename", V("exists", True)),))
    assert outcome(typed, check) == (True, "")
    assert outcome(typed, CommandCheck(verb=("apply",), flags=(("f", V("equals", "pod.yaml")),))) == (True, "")
    assert outcome(typed, CommandCheck(verb=("create",), flags=(("filename", V("exists", True)),))) == \
        (False, "kubectl create --filename was never run")


def test_it_tests_the_arguments_after_the_double_dash(typed):
    assert outcome(typed, CommandCheck(verb=("exec",), name="nginx", args=V("regex", "^curl "))) == (True, "")
    assert outcome(typed, CommandCheck(verb=("exec",), flags=(("stdin", V("equals", True)), ("tty", V("exists", True))),
                                       args=V("equals", "sh -c echo hi"))) == (True, "")
    assert outcome(typed, CommandCheck(verb=("exec",), name="nginx", args=V("regex", "^wget "))) == \
        (False, 'kubectl exec nginx -- <a match for "^wget "> was never run')


def test_it_counts_invocations(typed):
    assert outcome(typed, CommandCheck(verb=("exec",), count=V("equals", 2))) == (True, "")
    assert outcome(typed, CommandCheck(verb=("exec",), count=V("gte", 3))) == \
        (False, "kubectl exec succeeded 2 times (want count >= 3)")
    assert outcome(typed, CommandCheck(verb=("logs",), count=V("gte", 1))) == \
        (False, "kubectl logs never succeeded (want count >= 1)")


def test_it_finds_a_create_subcommand(typed):
    assert outcome(typed, CommandCheck(verb=("create",), resource="ns", name="dev")) == (True, "")
    assert outcome(typed, CommandCheck(verb=("create namespace",))) == (True, "")


def test_it_tests_the_shell_lines_of_any_program(typed):
    assert outcome(typed, CommandCheck(line=V("regex", "^curl "))) == (True, "")
    assert outcome(typed, CommandCheck(line=V("equals", "cat pod.yaml"))) == (True, "")
    assert outcome(typed, CommandCheck(line=V("regex", "^wget "))) == \
        (False, 'a shell line matching "^wget " was never typed')
    assert outcome(typed, CommandCheck(line=V("equals", "cat pod.json"))) == \
        (False, 'the line "cat pod.json" was never typed')


def test_it_tests_the_line_a_kubectl_command_was_part_of(typed):
    assert outcome(typed, CommandCheck(verb=("run",), line=V("contains", "> pod.yaml"))) == (True, "")
    assert outcome(typed, CommandCheck(verb=("get",), line=V("contains", "|"))) == \
        (False, 'kubectl get (in a line containing "|") was never run')


def test_it_records_the_final_status_of_a_command_that_waited():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx")
    s.execute("kubectl wait --for=condition=Ready pod/nginx --timeout=60s")
    s.execute("kubectl wait --for=delete pod/nginx --timeout=5s")
    assert [(r.argv[1], r.status) for r in s.commands] == [("run", 0), ("wait", 0), ("wait", 1)]
    assert outcome(s, CommandCheck(verb=("wait",), flags=(("for", V("equals", "delete")),))) == \
        (False, "kubectl wait --for=delete was run but failed (exit status 1)")
