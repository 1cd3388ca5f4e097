"""Strict decoding, as kube-apiserver 1.32 answers a create: the exact BadRequest texts
(apimachinery serializer/json, sigs.k8s.io/json, apiserver handlers transformDecodeError)."""
from __future__ import annotations

import pytest

from sandbox.sim.apiserver.decode import decode, decode_request
from sandbox.sim.errors import StatusError


def _pod(**spec_container):
    container = {"name": "web", "image": "nginx", **spec_container}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [container]}}


def _error(obj, resource="pods", **kw):
    with pytest.raises(StatusError) as caught:
        decode(obj, resource=resource, **kw)
    assert caught.value.code == 400 and caught.value.reason == "BadRequest"
    return caught.value.message


def test_it_rejects_the_study_notes_typo_with_the_transcripts_words():
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "typo"},
           "spec": {"containers": [{"name": "web", "imagee": "nginx"}]}}
    # conformance/02-pod-from-yaml.transcript
    assert _error(pod) == ('Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
                           'unknown field "spec.containers[0].imagee"')


def test_it_lists_several_unknown_fields_in_the_order_of_the_json_kubectl_sends():
    pod = _pod(ports=[{"containerPort": 80, "hostport": 8080}])
    pod["metadata"]["labelz"] = {"a": "b"}
    pod["zzz"] = 1
    # kubectl encodes maps with sorted keys, so metadata comes before spec and zzz last
    assert _error(pod) == ('Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
                           'unknown field "metadata.labelz", unknown field "spec.containers[0].ports[0].hostport", '
                           'unknown field "zzz"')


def test_it_reports_duplicate_fields_of_a_raw_body_with_their_path():
    body = ('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},'
            '"spec":{"containers":[]}}')
    assert _error(body) == ('Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
                            'duplicate field "metadata.name", duplicate field "metadata.labels.x"')


def test_it_names_the_go_struct_field_and_type_of_a_type_error():
    assert _error(_pod(ports=[{"containerPort": "80"}])) == (
        'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field '
        'ContainerPort.spec.containers.ports.containerPort of type int32')


def test_it_reports_type_errors_before_unknown_fields():
    pod = _pod(imagee="x", restartPolicy=1)
    pod["spec"]["restartPolicy"] = 5
    assert _error(pod) == ('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into '
                           'Go struct field Container.spec.containers.restartPolicy of type v1.ContainerRestartPolicy')


@pytest.mark.parametrize("spec,text", [
    ("x", "json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec"),
    ({"containers": {"name": "a"}}, "json: cannot unmarshal object into Go struct field PodSpec.spec.containers "
                                    "of type []v1.Container"),
    ({"containers": [], "nodeSelector": {"disk": 1}}, "json: cannot unmarshal number into Go struct field "
                                                       "PodSpec.spec.nodeSelector of type string"),
    ({"containers": [], "priority": 3000000000}, "json: cannot unmarshal number 3000000000 into Go struct field "
                                                 "PodSpec.spec.priority of type int32"),
    ({"containers": [], "hostNetwork": "yes"}, "json: cannot unmarshal string into Go struct field "
                                               "PodSpec.spec.hostNetwork of type bool"),
])
def test_it_words_type_errors_as_encoding_json_does(spec, text):
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec}
    assert _error(pod) == f'Pod in version "v1" cannot be handled as a Pod: {text}'


def test_it_reports_a_fractional_probe_port_through_intorstring():
    pod = _pod(livenessProbe={"httpGet": {"port": 8.5}})
    assert _error(pod) == ('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 8.5 '
                           'into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32')


def test_it_rejects_a_bad_quantity_with_apimachinerys_regex():
    pod = _pod(resources={"limits": {"cpu": "one"}})
    assert _error(pod) == ('Pod in version "v1" cannot be handled as a Pod: quantities must match the regular '
                           "expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")


@pytest.mark.parametrize("kind,text", [
    ("Pood", 'Pood in version "v1" cannot be handled as a Pod: no kind "Pood" is registered for version "v1" '
             'in scheme "pkg/api/legacyscheme/scheme.go:30"'),
    ("pod", 'pod in version "v1" cannot be handled as a Pod: no kind "pod" is registered for version "v1" '
            'in scheme "pkg/api/legacyscheme/scheme.go:30"'),
    ("Namespace", 'Namespace in version "v1" cannot be handled as a Pod: converting (v1.Namespace) to (core.Pod): '
                  "unknown conversion"),
])
def test_it_rejects_a_kind_the_endpoint_cannot_take(kind, text):
    assert _error({"apiVersion": "v1", "kind": kind, "metadata": {"name": "p"}}) == text


def test_it_rejects_a_pod_in_another_group_version():
    assert _error({"apiVersion": "apps/v1", "kind": "Pod"}) == (
        'Pod in version "v1" cannot be handled as a Pod: no kind "Pod" is registered for version "apps/v1" in scheme '
        '"pkg/api/legacyscheme/scheme.go:30"')


def test_it_needs_kind_and_apiversion_without_an_endpoint():
    assert _error({"metadata": {"name": "a"}}, resource=None) == (
        "Object 'Kind' is missing in '{\"metadata\":{\"name\":\"a\"}}'")
    assert _error({"kind": "Pod"}, resource=None) == "Object 'apiVersion' is missing in '{\"kind\":\"Pod\"}'"


def test_it_takes_kind_and_version_from_the_endpoint_when_the_body_omits_them():
    assert decode({"metadata": {"name": "a"}}, resource="pods") == {
        "metadata": {"name": "a"}, "apiVersion": "v1", "kind": "Pod"}


def test_it_cannot_even_read_the_kind_when_it_is_not_a_string():
    assert _error({"apiVersion": "v1", "kind": 5}) == (
        "the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: "
        'json: cannot unmarshal number into Go struct field .kind of type string ({"apiVersion":"v1","kind":5})')


def test_it_normalises_numbers_quantities_and_nulls():
    pod = _pod(ports=[{"containerPort": 80.0}], resources={"limits": {"cpu": 0.5, "memory": "1024Mi"}},
               livenessProbe={"httpGet": {"port": "http"}, "periodSeconds": None})
    pod["metadata"]["labels"] = {"app": None}
    pod["metadata"]["annotations"] = None
    decoded = decode(pod, resource="pods")
    container = decoded["spec"]["containers"][0]
    assert container["ports"] == [{"containerPort": 80}]  # 80.0 travels as the JSON number 80
    assert container["resources"] == {"limits": {"cpu": "500m", "memory": "1Gi"}}
    assert container["livenessProbe"] == {"httpGet": {"port": "http"}}
    assert decoded["metadata"] == {"labels": {"app": ""}, "name": "p"}


def test_it_turns_unknown_fields_into_warnings_when_field_validation_is_warn():
    result = decode_request(_pod(imagee="x"), resource="pods", field_validation="Warn")
    assert result.warnings == ('unknown field "spec.containers[0].imagee"',)
    assert result.obj["spec"]["containers"] == [{"name": "web", "image": "nginx"}]


def test_it_keeps_the_two_event_apis_apart():
    assert _error({"apiVersion": "v1", "kind": "Event"}, resource="events.events.k8s.io") == (
        "the API version in the data (v1) does not match the expected API version (events.k8s.io/v1)")
    assert decode({"apiVersion": "events.k8s.io/v1", "kind": "Event", "eventTime": "2025-01-06T10:00:00.5Z"},
                  resource="events.events.k8s.io")["eventTime"] == "2025-01-06T10:00:00.500000Z"


def test_it_reads_a_time_and_rejects_a_number_for_it():
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"creationTimestamp": "2025-01-06T11:00:00+01:00"}}
    assert decode(pod, resource="pods")["metadata"]["creationTimestamp"] == "2025-01-06T10:00:00Z"
    pod["metadata"]["creationTimestamp"] = 5
    assert _error(pod) == ('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into '
                           'Go struct field ObjectMeta.metadata.creationTimestamp of type string')
