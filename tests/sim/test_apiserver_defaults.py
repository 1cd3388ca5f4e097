"""Defaulting and admission on create: the object kube-apiserver 1.32 stores (spec §11.4), as
``kubectl get pod -o yaml`` shows it before the scheduler and kubelet add to it."""
from __future__ import annotations

import random

import pytest

from sandbox.sim.apiserver import create_namespace, create_pod, prepare_create, qos_class
from sandbox.sim.apiserver.admission import ALPHANUMS, generate_name, prepare_pod_create
from sandbox.sim.apiserver.decode import decode
from sandbox.sim.imageref import default_pull_policy
from sandbox.sim.errors import StatusError

STUDY_NOTE_POD = {"apiVersion": "v1", "kind": "Pod",
                  "metadata": {"name": "nginx", "labels": {"app": "nginx"}},
                  "spec": {"containers": [{"name": "nginx-container", "image": "nginx"}]}}


def _create(spec, meta=None, **kw):
    return create_pod({"apiVersion": "v1", "kind": "Pod", "metadata": meta or {"name": "p"}, "spec": spec},
                      random.Random(1), **kw)


def test_it_stores_the_study_notes_nginx_pod_as_get_o_yaml_shows_it():
    pod = create_pod(STUDY_NOTE_POD, random.Random(1))
    volume = "kube-api-access-gx87d"  # "kube-api-access-" + utilrand.String(5) drawn from Random(1)
    assert pod == {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"labels": {"app": "nginx"}, "name": "nginx", "namespace": "default"},
        "spec": {
            "containers": [{
                "image": "nginx", "imagePullPolicy": "Always", "name": "nginx-container", "resources": {},
                "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                                  "name": volume, "readOnly": True}],
            }],
            "dnsPolicy": "ClusterFirst", "enableServiceLinks": True, "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0, "restartPolicy": "Always", "schedulerName": "default-scheduler", "securityContext": {},
            "serviceAccount": "default", "serviceAccountName": "default", "terminationGracePeriodSeconds": 30,
            "tolerations": [
                {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists",
                 "tolerationSeconds": 300},
                {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists",
                 "tolerationSeconds": 300},
            ],
            "volumes": [{"name": volume, "projected": {"defaultMode": 420, "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"},
                                            "path": "namespace"}]}},
            ]}}],
        },
        "status": {"phase": "Pending", "qosClass": "BestEffort"},
    }


def test_it_draws_generated_suffixes_from_utilrands_alphabet():
    # apimachinery pkg/util/rand: no vowels, no 0/1/3, so that no words are formed
    assert ALPHANUMS == "bcdfghjklmnpqrstvwxz2456789"
    name = generate_name("web-", random.Random(7))
    assert name.startswith("web-") and len(name) == 9 and set(name[4:]) <= set(ALPHANUMS)
    assert generate_name("x" * 70, random.Random(7))[:58] == "x" * 58  # base cut to 63 - 5


def test_it_turns_generate_name_into_a_name():
    pod = _create({"containers": [{"name": "a", "image": "busybox"}]}, {"generateName": "job-"})
    assert pod["metadata"]["name"].startswith("job-") and len(pod["metadata"]["name"]) == 9


@pytest.mark.parametrize("image,policy", [
    ("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.27", "IfNotPresent"),
    ("registry.k8s.io/pause:3.10", "IfNotPresent"), ("localhost:5000/app", "Always"),
    ("nginx@sha256:" + "a" * 64, "IfNotPresent"),  # a digest counts as a tag
    ("nginx:latest@sha256:" + "a" * 64, "Always"),
])
def test_it_defaults_the_pull_policy_from_the_tag(image, policy):
    assert default_pull_policy(image) == policy


def test_it_defaults_probes_ports_and_grpc_service():
    container = {"name": "a", "image": "agnhost:2.40", "ports": [{"containerPort": 8080}],
                 "livenessProbe": {"httpGet": {"port": 8080}, "periodSeconds": 0},
                 "readinessProbe": {"grpc": {"port": 2379}, "failureThreshold": 5}}
    got = _create({"containers": [container]})["spec"]["containers"][0]
    assert got["ports"] == [{"containerPort": 8080, "protocol": "TCP"}]
    assert got["livenessProbe"] == {"httpGet": {"path": "/", "port": 8080, "scheme": "HTTP"}, "failureThreshold": 3,
                                    "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1}
    assert got["readinessProbe"] == {"grpc": {"port": 2379, "service": ""}, "failureThreshold": 5,
                                     "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1}


def test_it_defaults_requests_from_limits_and_derives_the_qos_class():
    guaranteed = _create({"containers": [{"name": "a", "image": "x",
                                          "resources": {"limits": {"cpu": "0.5", "memory": "128Mi"}}}]})
    assert guaranteed["spec"]["containers"][0]["resources"] == {
        "limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "500m", "memory": "128Mi"}}
    assert guaranteed["status"]["qosClass"] == "Guaranteed"
    burstable = _create({"containers": [{"name": "a", "image": "x", "resources": {"requests": {"cpu": "100m"}}}]})
    assert burstable["status"]["qosClass"] == "Burstable"


def test_it_classifies_qos_over_init_containers_too():
    pod = {"spec": {"containers": [{"resources": {"limits": {"cpu": "1", "memory": "1Gi"},
                                                  "requests": {"cpu": "1", "memory": "1Gi"}}}],
                    "initContainers": [{"resources": {}}]}}
    assert qos_class(pod) == "Burstable"  # the init container limits nothing


def test_it_mounts_the_token_into_init_containers_and_keeps_an_existing_mount():
    spec = {"initContainers": [{"name": "init", "image": "busybox"}],
            "containers": [{"name": "a", "image": "x", "volumeMounts": [
                {"name": "own", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}]}],
            "volumes": [{"name": "own"}]}
    pod = _create(spec)
    assert pod["spec"]["volumes"][0] == {"name": "own", "emptyDir": {}}  # SetDefaults_Volume
    assert pod["spec"]["initContainers"][0]["volumeMounts"][0]["name"].startswith("kube-api-access-")
    assert len(pod["spec"]["containers"][0]["volumeMounts"]) == 1


def test_it_skips_the_token_when_the_pod_opts_out():
    pod = _create({"automountServiceAccountToken": False, "containers": [{"name": "a", "image": "x"}]})
    assert "volumes" not in pod["spec"] and "volumeMounts" not in pod["spec"]["containers"][0]


def test_it_adds_no_default_toleration_that_an_existing_one_covers():
    pod = _create({"tolerations": [{"operator": "Exists"}], "containers": [{"name": "a", "image": "x"}]})
    assert pod["spec"]["tolerations"] == [{"operator": "Exists"}]


def test_it_adds_the_scheduling_gated_condition():
    pod = _create({"schedulingGates": [{"name": "example.com/wait"}], "containers": [{"name": "a", "image": "x"}]})
    assert pod["status"]["conditions"] == [{
        "type": "PodScheduled", "status": "False", "reason": "SchedulingGated",
        "message": "Scheduling is blocked due to non-empty scheduling gates",
        "lastProbeTime": None, "lastTransitionTime": None}]


@pytest.mark.parametrize("spec,message", [
    ({"serviceAccountName": "robot"}, 'pods "p" is forbidden: error looking up service account default/robot: '
                                      'serviceaccount "robot" not found'),
    ({"priorityClassName": "high"}, 'pods "p" is forbidden: no PriorityClass with name high was found'),
    ({"priority": 5}, 'pods "p" is forbidden: the integer value of priority (5) must not be provided in pod spec; '
                      "priority admission controller computed 0 from the given PriorityClass name"),
])
def test_it_refuses_what_admission_refuses(spec, message):
    with pytest.raises(StatusError) as caught:
        _create({**spec, "containers": [{"name": "a", "image": "x"}]})
    assert (caught.value.code, caught.value.message) == (403, message)


def test_it_resolves_system_priority_classes():
    pod = _create({"priorityClassName": "system-node-critical", "containers": [{"name": "a", "image": "x"}]})
    assert pod["spec"]["priority"] == 2000001000


def test_it_rejects_a_namespace_other_than_the_requests():
    body = decode({**STUDY_NOTE_POD, "metadata": {"name": "nginx", "namespace": "dev"}}, resource="pods")
    with pytest.raises(StatusError) as caught:
        prepare_pod_create(body, random.Random(1), namespace="default")
    assert caught.value.message == ("the namespace of the provided object does not match the namespace sent on "
                                    "the request")


def test_it_prepares_a_namespace_active_with_the_kubernetes_finalizer_and_name_label():
    ns = create_namespace({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}}, random.Random(1))
    assert ns == {"apiVersion": "v1", "kind": "Namespace",
                  "metadata": {"name": "dev", "labels": {"kubernetes.io/metadata.name": "dev"}},
                  "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}


def test_it_drops_the_namespace_of_a_node_and_defaults_allocatable():
    node = prepare_create(decode({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1", "namespace": "x"},
                                  "status": {"capacity": {"cpu": "2", "memory": "4096Mi"}}}, resource="nodes"),
                          random.Random(1))
    assert node["metadata"] == {"name": "n1"}
    assert node["status"]["allocatable"] == {"cpu": "2", "memory": "4Gi"}
