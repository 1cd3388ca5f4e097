"""Object checks: pods, nodes and namespaces as they are now, by name or by selector."""
from __future__ import annotations

import pytest

from lessons.checks import View, evaluate
from lessons.schema.model import Check, ObjectCheck, Target, ValueTest as V
from sandbox.session import Session


def check(matcher):
    return Check(id="c", matcher=matcher, message=None)


def outcome(session, matcher):
    result = evaluate(check(matcher), View.of(session))
    return result.passed, result.why


def pod(name="nginx", **tests):
    return ObjectCheck(Target("Pod", name), **tests)


@pytest.fixture(scope="module")
def running():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx --labels=app=web,tier=front")
    s.execute("kubectl run web2 --image=nginx --labels=app=web")
    s.execute("kubectl run db --image=redis --labels=app=db")
    s.execute("lab advance 30s")
    return s


def test_it_fails_while_the_pod_is_still_being_created():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx")
    assert outcome(s, pod(status=V("equals", "Running"))) == (False, 'pod "nginx" is Pending, not Running')
    s.execute("lab advance 2s")
    assert outcome(s, pod(status=V("equals", "Running"))) == (False, 'pod "nginx" is ContainerCreating, not Running')


def test_it_passes_on_kubectls_status_ready_and_phase(running):
    assert outcome(running, pod(status=V("equals", "Running"), ready=V("equals", "1/1"),
                                phase=V("equals", "Running"), restarts=V("equals", 0))) == (True, "")


def test_it_names_a_pod_that_does_not_exist(running):
    assert outcome(running, pod("ghost", status=V("equals", "Running"))) == (False, 'pod "ghost" does not exist')


def test_it_names_the_namespace_when_it_is_not_default(running):
    target = ObjectCheck(Target("Pod", "nginx", namespace="dev"))
    assert outcome(running, target) == (False, 'pod "nginx" in namespace "dev" does not exist')


def test_it_explains_a_wrong_ready_column(running):
    assert outcome(running, pod(ready=V("equals", "2/2"))) == (False, 'pod "nginx" has READY 1/1, not 2/2')


def test_it_explains_too_few_restarts(running):
    assert outcome(running, pod(restarts=V("gte", 1))) == (False, 'pod "nginx" has RESTARTS 0 (want >= 1)')


def test_it_explains_a_wrong_phase(running):
    assert outcome(running, pod(phase=V("in", ("Succeeded", "Failed")))) == \
        (False, 'pod "nginx" has phase Running (want one of Succeeded, Failed)')


def test_it_tests_conditions_with_true_as_a_boolean(running):
    assert outcome(running, pod(conditions=(("Ready", V("equals", True)),))) == (True, "")
    assert outcome(running, pod(conditions=(("Ready", V("equals", "False")),))) == \
        (False, 'pod "nginx" has condition Ready=True, not False')
    assert outcome(running, pod(conditions=(("DisruptionTarget", V("equals", "True")),))) == \
        (False, 'pod "nginx" has no DisruptionTarget condition (want True)')


def test_it_tests_fields_by_path(running):
    fields = (("spec.containers[0].image", V("regex", "^nginx")), ("status.podIP", V("exists", True)),
              ("spec.restartPolicy", V("equals", "Always")), ("metadata.labels.tier", V("equals", "front")),
              ("spec.containers[name=nginx].name", V("exists", True)), ("spec.nodeSelector", V("exists", False)))
    assert outcome(running, pod(fields=fields)) == (True, "")


def test_it_explains_a_failing_field(running):
    assert outcome(running, pod(fields=(("spec.restartPolicy", V("equals", "Never")),))) == \
        (False, 'pod "nginx": spec.restartPolicy is Always, not Never')
    assert outcome(running, pod(fields=(("spec.containers[0].livenessProbe", V("exists", True)),))) == \
        (False, 'pod "nginx": spec.containers[0].livenessProbe is not set')
    assert outcome(running, pod(fields=(("spec.containers[*].image", V("not", "nginx")),))) == \
        (False, 'pod "nginx": spec.containers[*].image is nginx (want anything but nginx)')


def test_it_counts_pods_matching_a_selector(running):
    web = Target("Pod", selector="app=web")
    assert outcome(running, ObjectCheck(web, count=V("equals", 2))) == (True, "")
    assert outcome(running, ObjectCheck(Target("Pod", selector="app in (web,db),tier!=front"),
                                        count=V("equals", 2))) == (True, "")
    assert outcome(running, ObjectCheck(web, count=V("gte", 3))) == \
        (False, "2 pods match app=web (want count >= 3, got 2)")


def test_it_says_when_no_pod_matches_a_selector(running):
    assert outcome(running, ObjectCheck(Target("Pod", selector="app=shop"), count=V("gte", 2))) == \
        (False, "no pod matches app=shop (want count >= 2, got 0)")
    assert outcome(running, ObjectCheck(Target("Pod", selector="app=shop"))) == (False, "no pod matches app=shop")


def test_it_counts_only_pods_that_pass_the_tests():
    s = Session(seed=1)
    s.execute("kubectl run a --image=nginx --labels=app=web")
    s.execute("lab advance 30s")
    s.execute("kubectl run b --image=nginx --labels=app=web")
    assert outcome(s, ObjectCheck(Target("Pod", selector="app=web"), status=V("equals", "Running"),
                                  count=V("equals", 2))) == \
        (False, '1 of 2 pods matching app=web pass (want count 2): pod "b" is Pending, not Running')


def test_it_requires_a_pod_to_be_gone_for_exists_false(running):
    assert outcome(running, pod("ghost", exists=False)) == (True, "")
    assert outcome(running, pod(exists=False)) == (False, 'pod "nginx" still exists (Running)')
    assert outcome(running, ObjectCheck(Target("Pod", selector="app=web"), exists=False)) == \
        (False, '2 pods match app=web: "nginx", "web2"')


def test_it_sees_a_deleted_pod_as_gone():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx")
    s.execute("lab advance 10s")
    s.execute("kubectl delete pod nginx")
    assert outcome(s, pod(exists=False)) == (True, "")


def test_it_reports_an_image_pull_failure_by_its_status():
    s = Session(seed=1)
    s.execute("kubectl run bad --image=nginx:no-such-tag")
    s.execute("lab advance 1m")
    assert outcome(s, pod("bad", status=V("regex", "ErrImagePull|ImagePullBackOff"))) == (True, "")
    assert outcome(s, pod("bad", status=V("equals", "Running")))[1] in (
        'pod "bad" is ErrImagePull, not Running', 'pod "bad" is ImagePullBackOff, not Running')


def test_it_reads_a_nodes_status_column():
    s = Session(seed=1)
    assert outcome(s, ObjectCheck(Target("Node", "node01"), status=V("equals", "Ready"))) == (True, "")
    s.execute("lab node stop node02")
    s.execute("lab advance 2m")
    assert outcome(s, ObjectCheck(Target("Node", "node02"), status=V("equals", "Ready"))) == \
        (False, 'node "node02" is NotReady, not Ready')
    assert outcome(s, ObjectCheck(Target("Node", "node02"), ready=V("equals", "1/1"))) == \
        (False, 'node "node02" has no READY column')


def test_it_reads_a_namespaces_status_column():
    s = Session(seed=1)
    s.execute("kubectl create namespace dev")
    assert outcome(s, ObjectCheck(Target("Namespace", "dev"), status=V("equals", "Active"))) == (True, "")
    assert outcome(s, ObjectCheck(Target("Namespace", "prod"))) == (False, 'namespace "prod" does not exist')


def test_it_looks_in_the_targets_namespace():
    s = Session(seed=1)
    s.execute("kubectl create namespace dev")
    s.execute("kubectl run api -n dev --image=nginx --labels=app=api")
    s.execute("lab advance 30s")
    assert outcome(s, ObjectCheck(Target("Pod", "api", namespace="dev"), status=V("equals", "Running"))) == (True, "")
    assert outcome(s, ObjectCheck(Target("Pod", selector="app=api"))) == (False, "no pod matches app=api")
