"""Validation on create: the 422 messages kube-apiserver 1.32 answers (spec §6.1 and §11.5);
kubectl prints them as ``The <message>``."""
from __future__ import annotations

import random

import pytest

from sandbox.sim.apiserver import create_namespace, create_pod
from sandbox.sim.apiserver.validation import validate_node, warnings_on_pod_create
from sandbox.sim.errors import StatusError

SUBDOMAIN_RULE = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                  "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                  "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
LABEL_RULE = ("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
              "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
              "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')")


def _invalid(spec=None, meta=None, container=None):
    container = {"name": "app", "image": "busybox", **(container or {})}
    spec = {"containers": [container], **(spec or {})}
    with pytest.raises(StatusError) as caught:
        create_pod({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"} if meta is None else meta,
                    "spec": spec},
                   random.Random(1))
    assert caught.value.code == 422 and caught.value.reason == "Invalid"
    return caught.value.message


def _probe(kind, **fields):
    return {kind: {"exec": {"command": ["cat", "/tmp/healthy"]}, **fields}}


# -- spec §11.5 -------------------------------------------------------------------------------------
def test_it_requires_an_image():
    assert _invalid(meta={"name": "bad"}, container={"image": ""}) == (
        'Pod "bad" is invalid: spec.containers[0].image: Required value')


def test_it_rejects_a_pod_name_that_is_not_a_dns_subdomain():
    assert _invalid(meta={"name": "My_Pod"}) == (
        f'Pod "My_Pod" is invalid: metadata.name: Invalid value: "My_Pod": {SUBDOMAIN_RULE}')


def test_it_lists_restart_policies_in_validations_order():
    assert _invalid({"restartPolicy": "Sometimes"}) == (
        'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: '
        '"Always", "OnFailure", "Never"')


def test_it_requires_a_name_or_generate_name():
    assert _invalid(meta={}) == 'Pod "" is invalid: metadata.name: Required value: name or generateName is required'


def test_it_aggregates_several_errors_in_brackets():
    assert _invalid(container={"name": "", "image": ""}) == (
        'Pod "p" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value]')


# -- probes, spec §6.1 ------------------------------------------------------------------------------
@pytest.mark.parametrize("container,message", [
    (_probe("livenessProbe", successThreshold=2), "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"),
    (_probe("startupProbe", successThreshold=3), "spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1"),
    (_probe("readinessProbe", terminationGracePeriodSeconds=10),
     "spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes"),
    (_probe("livenessProbe", tcpSocket={"port": 8080}),
     "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"),
    ({"livenessProbe": {"periodSeconds": 5}}, "spec.containers[0].livenessProbe: Required value: must specify a handler type"),
    (_probe("livenessProbe", periodSeconds=-1),
     "spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0"),
    (_probe("livenessProbe", terminationGracePeriodSeconds=0),
     "spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0"),
    ({"readinessProbe": {"httpGet": {"port": 0}}},
     "spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"),
    ({"readinessProbe": {"tcpSocket": {"port": "Web"}}},
     'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "Web": must contain only alpha-numeric '
     "characters (a-z, 0-9), and hyphens (-)"),
    ({"livenessProbe": {"httpGet": {"port": 80, "scheme": "FTP"}}},
     'spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"'),
    ({"livenessProbe": {"exec": {}}}, "spec.containers[0].livenessProbe.exec.command: Required value"),
])
def test_it_validates_probes_as_the_spec_lists(container, message):
    assert _invalid(container=container) == f'Pod "p" is invalid: {message}'


def test_it_reports_a_negative_success_threshold_twice_for_liveness():
    assert _invalid(container=_probe("livenessProbe", successThreshold=-1)) == (
        'Pod "p" is invalid: [spec.containers[0].livenessProbe.successThreshold: Invalid value: -1: must be greater '
        "than or equal to 0, spec.containers[0].livenessProbe.successThreshold: Invalid value: -1: must be 1]")


# -- containers -------------------------------------------------------------------------------------
def test_it_rejects_duplicate_container_names():
    spec = {"containers": [{"name": "app", "image": "a"}, {"name": "app", "image": "b"}]}
    assert _invalid(spec) == 'Pod "p" is invalid: spec.containers[1].name: Duplicate value: "app"'


def test_it_requires_containers():
    assert _invalid({"containers": []}) == 'Pod "p" is invalid: spec.containers: Required value'


def test_it_wants_container_names_to_be_dns_labels():
    assert _invalid(container={"name": "Web_1"}) == (
        f'Pod "p" is invalid: spec.containers[0].name: Invalid value: "Web_1": {LABEL_RULE}')


def test_it_validates_ports():
    ports = [{"containerPort": 70000, "name": "http"}, {"containerPort": 80, "name": "http", "protocol": "tcp"}]
    assert _invalid(container={"ports": ports}) == (
        'Pod "p" is invalid: [spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and '
        '65535, inclusive, spec.containers[0].ports[1].name: Duplicate value: "http", spec.containers[0].ports[1].'
        'protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"]')


def test_it_validates_env_names():
    assert _invalid(container={"env": [{"name": "A=B", "value": "1"}]}) == (
        'Pod "p" is invalid: spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name '
        "must consist only of printable ASCII characters other than '='")


def test_it_keeps_requests_within_limits():
    resources = {"limits": {"cpu": "500m"}, "requests": {"cpu": "1"}}
    assert _invalid(container={"resources": resources}) == (
        'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal '
        "to cpu limit of 500m")


def test_it_wants_standard_resource_names():
    assert _invalid(container={"resources": {"requests": {"cpus": "1"}}}) == (
        'Pod "p" is invalid: [spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard '
        'resource type or fully qualified, spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must '
        "be a standard resource for containers]")


def test_it_mounts_only_existing_volumes():
    assert _invalid(container={"volumeMounts": [{"name": "data", "mountPath": "/data"}]}) == (
        'Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"')


def test_it_allows_one_source_per_volume():
    spec = {"volumes": [{"name": "v", "emptyDir": {}, "hostPath": {"path": "/tmp"}}]}
    assert _invalid(spec) == 'Pod "p" is invalid: spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type'


# -- init containers and sidecars -------------------------------------------------------------------
def test_it_forbids_probes_on_regular_init_containers_but_not_on_sidecars():
    init = {"name": "init", "image": "busybox", **_probe("livenessProbe")}
    assert _invalid({"initContainers": [init]}) == (
        'Pod "p" is invalid: spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers '
        "without restartPolicy=Always")
    sidecar = {**init, "restartPolicy": "Always"}
    pod = create_pod({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "ok"},
                      "spec": {"initContainers": [sidecar], "containers": [{"name": "app", "image": "x"}]}},
                     random.Random(1))
    assert pod["spec"]["initContainers"][0]["restartPolicy"] == "Always"


def test_it_keeps_container_restart_policy_for_init_containers():
    spec = {"initContainers": [{"name": "init", "image": "x", "restartPolicy": "Never"}]}
    assert _invalid(spec, container={"restartPolicy": "Always"}) == (
        'Pod "p" is invalid: [spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers, '
        'spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"]')


def test_it_rejects_an_init_container_named_like_a_container():
    assert _invalid({"initContainers": [{"name": "app", "image": "x"}]}) == (
        'Pod "p" is invalid: spec.initContainers[0].name: Duplicate value: "app"')


# -- pod spec ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("spec,message", [
    ({"activeDeadlineSeconds": 0}, "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"),
    ({"dnsPolicy": "Cluster"}, 'spec.dnsPolicy: Unsupported value: "Cluster": supported values: '
                               '"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'),
    ({"nodeSelector": {"disk": "ssd fast"}},
     'spec.nodeSelector: Invalid value: "ssd fast": a valid label must be an empty string or consist of alphanumeric '
     "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
     "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
    ({"tolerations": [{"key": "k", "operator": "In", "effect": "NoRun"}]},
     '[spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists", '
     'spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", '
     '"NoExecute"]'),
    ({"tolerations": [{"key": "k", "operator": "Exists", "value": "v"}]},
     "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"),
    ({"tolerations": [{"key": "k", "effect": "NoSchedule", "tolerationSeconds": 5}]},
     "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when "
     "`tolerationSeconds` is set"),
])
def test_it_validates_the_pod_spec(spec, message):
    assert _invalid(spec) == f'Pod "p" is invalid: {message}'


def test_it_validates_label_keys():
    assert _invalid(meta={"name": "p", "labels": {"-app": "x"}}) == (
        'Pod "p" is invalid: metadata.labels: Invalid value: "-app": name part must consist of alphanumeric '
        "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
        "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")


def test_it_limits_annotations_to_256_kib():
    message = _invalid(meta={"name": "p", "annotations": {"note": "x" * 262141}})
    assert message == 'Pod "p" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes'


def test_it_warns_but_accepts_a_dotted_name_and_a_negative_grace_period():
    pod = create_pod({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web.v1"},
                      "spec": {"terminationGracePeriodSeconds": -5, "containers": [{"name": "a", "image": "x"}]}},
                     random.Random(1))
    assert warnings_on_pod_create(pod) == [
        "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label "
        "is recommended: [must not contain dots]",
        "spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1"]


def test_it_wants_namespace_names_to_be_dns_labels():
    with pytest.raises(StatusError) as caught:
        create_namespace({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "Team_A"}}, random.Random(1))
    assert caught.value.message == f'Namespace "Team_A" is invalid: metadata.name: Invalid value: "Team_A": {LABEL_RULE}'


def test_it_validates_node_taints():
    node = {"kind": "Node", "metadata": {"name": "n1"}, "spec": {"taints": [{"key": "k", "effect": "Sometimes"}]}}
    assert [str(e) for e in validate_node(node)] == [
        'metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", '
        '"PreferNoSchedule", "NoExecute"']
