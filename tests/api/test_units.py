"""The pure pieces of the API: patches, timestamps, content negotiation, protobuf bodies."""
from __future__ import annotations

import pytest

from sandbox.api import eventsv1, negotiation, protobuf, timestamps
from sandbox.sim.apiserver import patch
from sandbox.sim.errors import StatusError

POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "labels": {"app": "web", "tier": "front"},
                                                      "finalizers": ["a"]},
       "spec": {"containers": [{"name": "web", "image": "nginx", "ports": [{"containerPort": 80}]},
                               {"name": "side", "image": "busybox"}]}}


def test_it_applies_json_patch_operations() -> None:
    ops = [{"op": "add", "path": "/metadata/labels/x", "value": "y"},
           {"op": "replace", "path": "/spec/containers/0/image", "value": "nginx:1.27"},
           {"op": "remove", "path": "/metadata/labels/tier"},
           {"op": "copy", "from": "/metadata/labels/app", "path": "/metadata/labels/copy"},
           {"op": "move", "from": "/metadata/labels/copy", "path": "/metadata/labels/moved"},
           {"op": "add", "path": "/spec/containers/-", "value": {"name": "third"}},
           {"op": "test", "path": "/metadata/name", "value": "web"}]
    out = patch.json_patch(POD, ops)
    assert out["metadata"]["labels"] == {"app": "web", "x": "y", "moved": "web"}
    assert out["spec"]["containers"][0]["image"] == "nginx:1.27"
    assert [c["name"] for c in out["spec"]["containers"]] == ["web", "side", "third"]
    assert POD["metadata"]["labels"] == {"app": "web", "tier": "front"}      # the live object is untouched


def test_it_answers_422_for_a_json_patch_that_does_not_apply() -> None:
    with pytest.raises(StatusError) as failed:
        patch.apply(patch.JSON_PATCH, POD, [{"op": "test", "path": "/metadata/name", "value": "db"}], None)
    assert failed.value.code == 422
    with pytest.raises(StatusError):
        patch.apply(patch.JSON_PATCH, POD, [{"op": "remove", "path": "/spec/nope"}], None)


@pytest.mark.parametrize("operation", [{"op": "replace", "path": None}, {"op": "add", "path": 1, "value": "x"},
                                       {"op": "move", "from": None, "path": "/metadata/labels/x"}])
def test_an_operation_whose_path_is_not_a_string_is_refused_not_crashed_on(operation: dict) -> None:
    # Found by tests/fuzz/test_patch.py: a null path reached str.startswith (a 500 from the API).
    with pytest.raises(StatusError) as failed:
        patch.apply(patch.JSON_PATCH, POD, [operation], None)
    assert failed.value.code == 422
    assert "operation missing" in failed.value.message


def test_it_merges_a_merge_patch_replacing_lists() -> None:
    out = patch.merge_patch(POD, {"metadata": {"labels": {"tier": None, "x": "y"}},
                                  "spec": {"containers": [{"name": "only"}]}})
    assert out["metadata"]["labels"] == {"app": "web", "x": "y"}
    assert out["spec"]["containers"] == [{"name": "only"}]


def test_it_merges_containers_by_name_in_a_strategic_merge_patch() -> None:
    definition = "io.k8s.api.core.v1.Pod"
    out = patch.strategic_merge(POD, {"spec": {"containers": [{"name": "side", "image": "busybox:1.36"}]}}, definition)
    assert [(c["name"], c["image"]) for c in out["spec"]["containers"]] == [("web", "nginx"), ("side", "busybox:1.36")]
    out = patch.strategic_merge(POD, {"spec": {"containers": [{"name": "side", "$patch": "delete"}]}}, definition)
    assert [c["name"] for c in out["spec"]["containers"]] == ["web"]
    out = patch.strategic_merge(POD, {"spec": {"$setElementOrder/containers": [{"name": "side"}, {"name": "web"}],
                                               "containers": [{"name": "web", "image": "nginx:1.27"}]}}, definition)
    assert [c["name"] for c in out["spec"]["containers"]] == ["side", "web"]
    out = patch.strategic_merge(POD, {"metadata": {"finalizers": ["b"]}}, definition)
    assert out["metadata"]["finalizers"] == ["a", "b"]                    # patchStrategy merge, no key: a union
    out = patch.strategic_merge(POD, {"metadata": {"$deleteFromPrimitiveList/finalizers": ["a"]}}, definition)
    assert out["metadata"]["finalizers"] == []
    out = patch.strategic_merge(POD, {"spec": {"containers": [{"name": "web", "ports": [{"containerPort": 8080}]}]}},
                                definition)
    assert out["spec"]["containers"][0]["ports"] == [{"containerPort": 80}, {"containerPort": 8080}]


def test_it_never_deletes_with_an_apply_patch() -> None:
    out = patch.apply(patch.APPLY, POD, {"metadata": {"labels": {"tier": None, "new": "1"}}}, "io.k8s.api.core.v1.Pod")
    assert out["metadata"]["labels"] == {"app": "web", "tier": "front", "new": "1"}


def test_it_moves_time_fields_by_whole_seconds_keeping_their_layout() -> None:
    assert timestamps.shift_time("2025-01-06T10:00:00Z", 90) == "2025-01-06T10:01:30Z"
    assert timestamps.shift_time("2025-01-06T10:00:00.250000Z", -1) == "2025-01-06T09:59:59.250000Z"
    assert timestamps.shift_time("2025-01-06T19:00:00+09:00", 0) == "2025-01-06T19:00:00+09:00"
    assert timestamps.shift_time("2025-01-06T19:00:00+09:00", 1) == "2025-01-06T10:00:01Z"
    assert timestamps.offset_seconds(1000.0, 10.0, 1100.9) == 90


def test_it_translates_only_the_time_fields_of_a_kind() -> None:
    pod = {"kind": "Pod", "metadata": {"creationTimestamp": "2025-01-06T10:00:00Z",
                                       "annotations": {"startTime": "2025-01-06T10:00:00Z"}},
           "status": {"startTime": "2025-01-06T10:00:01Z", "conditions": [{"lastTransitionTime": None}],
                      "containerStatuses": [{"state": {"running": {"startedAt": "2025-01-06T10:00:02Z"}},
                                             "lastState": {"terminated": {"finishedAt": "2025-01-06T10:00:01Z"}}}]}}
    timestamps.to_wall(pod, 60)
    assert pod["metadata"]["creationTimestamp"] == "2025-01-06T10:01:00Z"
    assert pod["metadata"]["annotations"]["startTime"] == "2025-01-06T10:00:00Z"
    assert pod["status"]["containerStatuses"][0]["state"]["running"]["startedAt"] == "2025-01-06T10:01:02Z"
    assert pod["status"]["containerStatuses"][0]["lastState"]["terminated"]["finishedAt"] == "2025-01-06T10:01:01Z"
    event = {"kind": "Event", "eventTime": "2025-01-06T10:00:00.000000Z", "series": {"lastObservedTime":
                                                                                       "2025-01-06T10:00:05.000000Z"}}
    timestamps.from_wall(timestamps.to_wall(event, 7), 7)
    assert event["eventTime"] == "2025-01-06T10:00:00.000000Z"


def test_it_reads_the_accept_header_as_kube_apiserver_does() -> None:
    table = ("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
             "application/json")
    assert negotiation.wants_table(table)
    assert not negotiation.wants_table("application/json")
    assert negotiation.discovery_version(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json") == "v2"
    assert negotiation.acceptable("application/vnd.kubernetes.protobuf,application/json")
    assert not negotiation.acceptable("application/com.github.proto-openapi.spec.v2@v1.0+protobuf")
    assert negotiation.acceptable("")


def _pb_field(number: int, payload: bytes) -> bytes:
    return bytes([number << 3 | 2, len(payload)]) + payload


def test_it_reads_a_namespace_sent_as_protobuf() -> None:
    meta = _pb_field(1, b"dev") + _pb_field(11, _pb_field(1, b"team") + _pb_field(2, b"blue"))
    raw = _pb_field(1, meta) + _pb_field(2, b"")
    envelope = _pb_field(1, _pb_field(1, b"v1") + _pb_field(2, b"Namespace")) + _pb_field(2, raw)
    obj = protobuf.decode_object(protobuf.MAGIC + envelope)
    assert obj == {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev", "labels": {"team": "blue"}},
                   "spec": {}}
    with pytest.raises(protobuf.ProtobufError):
        protobuf.decode_object(b"{}")


def test_it_shows_core_events_in_the_events_k8s_io_shape() -> None:
    core = {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e"}, "involvedObject": {"name": "web"},
            "message": "hi", "reason": "Started", "count": 2, "source": {"component": "kubelet"},
            "reportingComponent": "kubelet", "type": "Normal"}
    shown = eventsv1.from_core(core)
    assert shown["apiVersion"] == "events.k8s.io/v1"
    assert (shown["regarding"], shown["note"], shown["deprecatedCount"], shown["reportingController"]) == \
        ({"name": "web"}, "hi", 2, "kubelet")
    assert eventsv1.to_core(shown)["involvedObject"] == {"name": "web"}
    assert eventsv1.field_selector_to_core("regarding.name=web,type!=Normal") == "involvedObject.name=web,type!=Normal"
