"""Pod updates: only images, activeDeadlineSeconds, added tolerations and removed scheduling gates
may change (ValidatePodUpdate, 1.32); everything else gets the Forbidden message whose prefix kubectl
users know (spec §11.2)."""
from __future__ import annotations

import copy
import random

import pytest

from sandbox.sim.apiserver import create_pod, update_pod
from sandbox.sim.apiserver.validation_update import FORBIDDEN_PREFIX
from sandbox.sim.errors import StatusError

PREFIX = ('Pod "nginx" is invalid: spec: Forbidden: pod updates may not change fields other than '
          "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
          "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
          "(allow it to be set to 1 if it was previously negative)\n")


@pytest.fixture
def stored():
    pod = create_pod({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "nginx", "labels": {"app": "nginx"}},
                      "spec": {"initContainers": [{"name": "init", "image": "busybox:1.36"}],
                               "containers": [{"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}]}},
                     random.Random(3))
    pod["metadata"].update(uid="6f1c", resourceVersion="41", creationTimestamp="2025-01-06T10:00:00Z")
    return pod


def _update(stored, change):
    new = copy.deepcopy(stored)
    change(new)
    return update_pod(new, stored)


def _refused(stored, change):
    with pytest.raises(StatusError) as caught:
        _update(stored, change)
    assert caught.value.code == 422
    return caught.value.message


def test_it_allows_a_new_image(stored):
    updated = _update(stored, lambda p: p["spec"]["containers"][0].update(image="nginx:1.28"))
    assert updated["spec"]["containers"][0]["image"] == "nginx:1.28"
    assert updated["metadata"]["uid"] == "6f1c" and updated["status"] == stored["status"]


def test_it_allows_a_new_init_container_image_labels_and_annotations(stored):
    def change(pod):
        pod["spec"]["initContainers"][0]["image"] = "busybox:1.37"
        pod["metadata"]["labels"]["tier"] = "web"
        pod["metadata"]["annotations"] = {"note": "hi"}
    updated = _update(stored, change)
    assert updated["metadata"]["labels"] == {"app": "nginx", "tier": "web"}


def test_it_allows_adding_and_lowering_active_deadline_seconds(stored):
    once = _update(stored, lambda p: p["spec"].update(activeDeadlineSeconds=60))
    assert _update(once, lambda p: p["spec"].update(activeDeadlineSeconds=30))["spec"]["activeDeadlineSeconds"] == 30
    assert _refused(once, lambda p: p["spec"].update(activeDeadlineSeconds=90)) == (
        'Pod "nginx" is invalid: spec.activeDeadlineSeconds: Invalid value: 90: must be less than or equal to '
        "previous value")
    assert _refused(once, lambda p: p["spec"].pop("activeDeadlineSeconds")) == (
        'Pod "nginx" is invalid: spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive '
        "integer to nil value")


def test_it_allows_adding_tolerations_only(stored):
    added = _update(stored, lambda p: p["spec"]["tolerations"].append({"key": "gpu", "operator": "Exists"}))
    assert len(added["spec"]["tolerations"]) == 3
    assert _refused(stored, lambda p: p["spec"]["tolerations"].pop()) == (
        'Pod "nginx" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its '
        "tolerationSeconds")


@pytest.mark.parametrize("change", [
    lambda p: p["spec"]["containers"][0]["ports"][0].update(containerPort=8080),
    lambda p: p["spec"]["containers"][0].update(command=["sleep", "1"]),
    lambda p: p["spec"]["containers"][0].update(env=[{"name": "A", "value": "1"}]),
    lambda p: p["spec"]["containers"][0].update(livenessProbe={"tcpSocket": {"port": 80}}),
    lambda p: p["spec"]["containers"][0].update(resources={"requests": {"cpu": "1"}}),
    lambda p: p["spec"].update(restartPolicy="Never"),
    lambda p: p["spec"].update(nodeName="node01"),
    lambda p: p["spec"].update(terminationGracePeriodSeconds=10),
])
def test_it_forbids_changing_anything_else(stored, change):
    message = _refused(stored, change)
    assert message.startswith(PREFIX)
    assert message.count("\n- \t") >= 1 and message.count("\n+ \t") >= 1  # approximated go-cmp diff


def test_it_shows_which_field_differs_in_its_approximate_diff(stored):
    message = _refused(stored, lambda p: p["spec"].update(restartPolicy="Never"))
    assert message == PREFIX + '  core.PodSpec{\n- \trestartPolicy: "Always"\n+ \trestartPolicy: "Never"\n  }\n'


def test_it_forbids_adding_a_container(stored):
    assert _refused(stored, lambda p: p["spec"]["containers"].append({"name": "b", "image": "x"})) == (
        'Pod "nginx" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers')


@pytest.mark.parametrize("field,value", [("name", "other"), ("namespace", "dev"), ("uid", "1234")])
def test_it_keeps_identity_fields_immutable(stored, field, value):
    message = _refused(stored, lambda p: p["metadata"].update({field: value}))
    assert f'metadata.{field}: Invalid value: "{value}": field is immutable' in message


def test_it_accepts_an_unconditional_update_without_resource_version(stored):
    updated = _update(stored, lambda p: p["metadata"].pop("resourceVersion"))
    assert updated["metadata"]["resourceVersion"] == "41"


def test_it_only_lets_scheduling_gates_go(stored):
    gated = copy.deepcopy(stored)
    gated["spec"]["schedulingGates"] = [{"name": "example.com/a"}]
    assert "schedulingGates" not in _update(gated, lambda p: p["spec"].pop("schedulingGates"))["spec"]
    assert _refused(gated, lambda p: p["spec"]["schedulingGates"].append({"name": "example.com/b"})) == (
        'Pod "nginx" is invalid: spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new '
        "scheduling gate 'example.com/b'")


def test_it_keeps_the_message_prefix_in_one_place():
    assert PREFIX.startswith('Pod "nginx" is invalid: spec: Forbidden: ' + FORBIDDEN_PREFIX)
