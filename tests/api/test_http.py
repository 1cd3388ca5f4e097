"""The REST API in process (Django's test client): discovery, schemas, verbs, errors, time.

A sandbox created at WALL (Unix seconds) with its lab clock paused at once; the view's wall clock
is then set by the test, so every answer is exact.
"""
from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from sandbox.api import views
from sandbox.models import Sandbox
from sandbox.sandboxes import create_sandbox, open_sandbox

WALL = 1_767_225_600.0            # 2026-01-01T00:00:00Z
TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "labels": {"app": "web"}},
       "spec": {"containers": [{"name": "web", "image": "nginx"}]}}

pytestmark = pytest.mark.django_db


class Api:
    """A learner's client: requests under their sandbox's path, at a wall instant they choose."""

    def __init__(self, row: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
        self.row, self.client, self.wall = row, Client(), WALL
        monkeypatch.setattr(views, "time", SimpleNamespace(time=lambda: self.wall))

    def url(self, path: str) -> str:
        return f"/k8s/{self.row.token}{path}"

    def get(self, path: str, accept: str = "application/json", **extra: Any) -> Any:
        return self.client.get(self.url(path), HTTP_ACCEPT=accept, **extra)

    def send(self, method: str, path: str, body: Any, content_type: str = "application/json") -> Any:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return getattr(self.client, method)(self.url(path), data=data, content_type=content_type)

    def at(self, simulated: float) -> None:
        """Simulated time jumps to ``simulated`` (lab advance), the clock staying paused."""
        with open_sandbox(self.row.pk, now_wall=self.wall) as (_row, session):
            session.advance_to(simulated)


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Api:
    row = create_sandbox(seed=1, now_wall=WALL)
    with open_sandbox(row.pk, now_wall=WALL) as (_row, session):
        session.clock.pause(WALL)
    return Api(row, monkeypatch)


def test_it_serves_the_version_and_legacy_discovery(api: Api) -> None:
    assert api.get("/version").json()["gitVersion"] == "v1.32.5"
    assert api.get("/api").json()["versions"] == ["v1"]
    resources = {r["name"]: r for r in api.get("/api/v1").json()["resources"]}
    assert sorted(resources) == ["events", "namespaces", "namespaces/status", "nodes", "nodes/status", "pods",
                                 "pods/attach", "pods/exec", "pods/log", "pods/status"]
    assert resources["pods"]["shortNames"] == ["po"] and resources["pods"]["categories"] == ["all"]
    assert [g["name"] for g in api.get("/apis").json()["groups"]] == ["events.k8s.io"]
    assert api.get("/apis/events.k8s.io/v1").json()["resources"][0]["kind"] == "Event"


def test_it_serves_aggregated_discovery_to_clients_that_ask(api: Api) -> None:
    response = api.get("/api", AGGREGATED)
    assert response["Content-Type"] == "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
    pods = next(r for r in response.json()["items"][0]["versions"][0]["resources"] if r["resource"] == "pods")
    assert pods["scope"] == "Namespaced"
    assert [s["subresource"] for s in pods["subresources"]] == ["attach", "exec", "log", "status"]
    assert api.get("/apis", AGGREGATED).json()["items"][0]["metadata"]["name"] == "events.k8s.io"


def test_it_serves_openapi_v3_with_what_kubectl_checks(api: Api) -> None:
    root = api.get("/openapi/v3").json()["paths"]
    url = root["api/v1"]["serverRelativeURL"]
    assert url.startswith("/openapi/v3/api/v1?hash=")
    doc = api.get(url).json()
    item = doc["paths"]["/api/v1/namespaces/{namespace}/pods/{name}"]
    assert item["patch"]["x-kubernetes-group-version-kind"] == {"group": "", "version": "v1", "kind": "Pod"}
    assert "fieldValidation" in [p["name"] for p in item["patch"]["parameters"]]
    assert "application/strategic-merge-patch+json" in item["patch"]["requestBody"]["content"]
    spec = doc["components"]["schemas"]["io.k8s.api.core.v1.PodSpec"]["properties"]
    assert spec["restartPolicy"]["type"] == "string"
    assert spec["containers"]["x-kubernetes-patch-merge-key"] == "name"
    assert "allOf" in doc["components"]["schemas"]["io.k8s.api.core.v1.Pod"]["properties"]["spec"]
    assert api.get("/openapi/v2").json()["swagger"] == "2.0"
    assert api.get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf").status_code == 406


def test_it_refuses_unknown_and_revoked_tokens(api: Api) -> None:
    assert api.client.get("/k8s/not-a-real-token/api/v1/pods").status_code == 401
    old = api.url("/api/v1/namespaces/default/pods")
    assert api.client.get(old).status_code == 200
    api.row.rotate_token()
    assert api.client.get(old).status_code == 401
    assert api.client.get("/k8s/api", HTTP_AUTHORIZATION=f"Bearer {api.row.token}").status_code == 200
    body = api.client.get(api.url("/api"), HTTP_AUTHORIZATION="Bearer another").json()
    assert (body["reason"], body["code"]) == ("Unauthorized", 401)


def test_it_answers_a_status_for_what_it_does_not_serve(api: Api) -> None:
    body = api.get("/api/v1/namespaces/default/services").json()
    assert (body["kind"], body["code"], body["message"]) == ("Status", 404,
                                                             "the server could not find the requested resource")
    missing = api.get("/api/v1/namespaces/default/pods/nope").json()
    assert missing["message"] == 'pods "nope" not found' and missing["details"] == {"name": "nope", "kind": "pods"}


def test_it_creates_and_reads_a_pod_with_wall_clock_timestamps(api: Api) -> None:
    created = api.send("post", "/api/v1/namespaces/default/pods", POD)
    assert created.status_code == 201
    assert created.json()["metadata"]["creationTimestamp"] == "2026-01-01T00:00:00Z"
    api.wall = WALL + 100.5          # the sandbox is paused: shown as 100 seconds old by now
    pod = api.get("/api/v1/namespaces/default/pods/web").json()
    assert pod["metadata"]["creationTimestamp"] == "2026-01-01T00:01:40Z"
    table = api.get("/api/v1/namespaces/default/pods", TABLE)
    assert table["Content-Type"] == "application/json;as=Table;v=v1;g=meta.k8s.io"
    body = table.json()
    assert [c["name"] for c in body["columnDefinitions"]][:5] == ["Name", "Ready", "Status", "Restarts", "Age"]
    assert body["rows"][0]["cells"][:5] == ["web", "0/1", "Pending", "0", "0s"]   # AGE is simulated time
    assert body["rows"][0]["object"]["kind"] == "PartialObjectMetadata"
    full = api.get("/api/v1/namespaces/default/pods?includeObject=Object", TABLE).json()
    assert full["rows"][0]["object"]["spec"]["containers"][0]["image"] == "nginx"


def test_it_filters_and_pages_lists(api: Api) -> None:
    for name in ("a", "b", "c"):
        api.send("post", "/api/v1/namespaces/default/pods", {**POD, "metadata": {"name": name, "labels": {"n": name}}})
    selected = api.get("/api/v1/pods?labelSelector=n+in+(a,c)").json()["items"]
    assert [p["metadata"]["name"] for p in selected] == ["a", "c"]
    assert [p["metadata"]["name"] for p in
            api.get("/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Db").json()["items"]] == ["b"]
    first = api.get("/api/v1/namespaces/default/pods?limit=2").json()
    assert [p["metadata"]["name"] for p in first["items"]] == ["a", "b"]
    assert first["metadata"]["remainingItemCount"] == 1
    rest = api.get(f"/api/v1/namespaces/default/pods?limit=2&continue={first['metadata']['continue']}").json()
    assert [p["metadata"]["name"] for p in rest["items"]] == ["c"]
    bad = api.get("/api/v1/pods?labelSelector=app+in+(a").json()
    assert bad["code"] == 400


def test_it_applies_field_validation_and_dry_run(api: Api) -> None:
    typo = json.dumps({**POD, "spec": {"containers": [{"name": "web", "image": "nginx", "imagePolicy": "x"}]}})
    strict = api.send("post", "/api/v1/namespaces/default/pods?fieldValidation=Strict", typo).json()
    assert strict["message"] == ('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field '
                                 '"spec.containers[0].imagePolicy"')
    dry = api.send("post", "/api/v1/namespaces/default/pods?dryRun=All&fieldValidation=Warn", typo)
    assert dry.status_code == 201
    assert dry["Warning"] == '299 - "unknown field \\"spec.containers[0].imagePolicy\\""'
    assert api.get("/api/v1/namespaces/default/pods").json()["items"] == []


def test_it_patches_with_every_patch_type(api: Api) -> None:
    api.send("post", "/api/v1/namespaces/default/pods", POD)
    path = "/api/v1/namespaces/default/pods/web"
    merged = api.send("patch", path, {"metadata": {"labels": {"x": "1"}}}, "application/merge-patch+json").json()
    assert merged["metadata"]["labels"] == {"app": "web", "x": "1"}
    jsoned = api.send("patch", path, [{"op": "remove", "path": "/metadata/labels/x"}], "application/json-patch+json")
    assert jsoned.json()["metadata"]["labels"] == {"app": "web"}
    image = {"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}
    smp = api.send("patch", path, image, "application/strategic-merge-patch+json").json()
    assert smp["spec"]["containers"][0]["image"] == "nginx:1.27"
    assert smp["spec"]["containers"][0]["terminationMessagePath"] == "/dev/termination-log"   # merged, not replaced
    applied = api.send("patch", "/api/v1/namespaces/default/pods/db?fieldManager=me",
                       "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n  - name: db\n"
                       "    image: redis\n", "application/apply-patch+yaml")
    assert applied.status_code == 201
    failed = api.send("patch", path, [{"op": "test", "path": "/metadata/name", "value": "x"}],
                      "application/json-patch+json")
    assert failed.status_code == 422
    assert api.send("patch", path, {}, "text/plain").status_code == 415


def test_it_deletes_with_options_and_preconditions(api: Api) -> None:
    pod = api.send("post", "/api/v1/namespaces/default/pods", POD).json()
    path = "/api/v1/namespaces/default/pods/web"
    conflict = api.send("delete", path, {"preconditions": {"uid": "other"}}).json()
    assert conflict["code"] == 409 and conflict["reason"] == "Conflict"
    gone = api.send("delete", path, {"kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 0,
                                     "preconditions": {"uid": pod["metadata"]["uid"]}})
    assert gone.status_code == 200 and gone.json()["metadata"]["name"] == "web"
    assert api.get(path).status_code == 404
    for name in ("a", "b"):
        api.send("post", "/api/v1/namespaces/default/pods", {**POD, "metadata": {"name": name}})
    listed = api.send("delete", "/api/v1/namespaces/default/pods?gracePeriodSeconds=0", b"").json()
    assert [p["metadata"]["name"] for p in listed["items"]] == ["a", "b"]
    bad = api.send("delete", "/api/v1/namespaces/default/pods/a", {"propagationPolicy": "Sideways"}).json()
    assert bad["code"] == 422


def test_it_reads_logs_shaped_by_the_kubelet_options(api: Api) -> None:
    counter = {**POD, "metadata": {"name": "counter"}, "spec": {"containers": [
        {"name": "c", "image": "busybox:1.36", "command": ["sh", "-c", "echo one; echo two; echo three; sleep 3600"]}]}}
    api.send("post", "/api/v1/namespaces/default/pods", counter)
    waiting = api.get("/api/v1/namespaces/default/pods/counter/log").json()
    assert waiting["message"] == 'container "c" in pod "counter" is waiting to start - no logs yet'
    api.at(10)
    log = api.get("/api/v1/namespaces/default/pods/counter/log?tailLines=2")
    assert (log["Content-Type"], log.content) == ("text/plain", b"two\nthree\n")
    # The lab jumped 10 s ahead of the wall clock: what happened 8 s after the start shows 2 s ago.
    stamped = api.get("/api/v1/namespaces/default/pods/counter/log?timestamps=true&limitBytes=34").content
    assert stamped == b"2025-12-31T23:59:52.000000000Z one"
    previous = api.get("/api/v1/namespaces/default/pods/counter/log?previous=true").json()
    assert previous["message"] == 'previous terminated container "c" in pod "counter" not found'


def test_it_refuses_exec_without_an_upgrade_as_kubectl_expects(api: Api) -> None:
    api.send("post", "/api/v1/namespaces/default/pods", POD)
    early = api.send("post", "/api/v1/namespaces/default/pods/web/exec?command=ls&stdout=true", b"")
    assert (early.status_code, early.content) == (400, b'container not found ("web")')   # kubelet refusal, as text
    api.at(10)
    ready = api.send("post", "/api/v1/namespaces/default/pods/web/exec?command=ls&stdout=true", b"")
    assert (ready.status_code, ready.content) == (400, b"Upgrade request required")
    other = api.send("post", "/api/v1/namespaces/default/pods/web/exec?command=ls&container=nope", b"").json()
    assert other["message"] == "container nope is not valid for pod web"


def test_it_serves_subresources_and_the_reads_describe_makes(api: Api) -> None:
    api.send("post", "/api/v1/namespaces/default/pods", POD)
    assert api.get("/api/v1/namespaces/default/pods/web/status").json()["metadata"]["name"] == "web"
    assert api.send("put", "/api/v1/namespaces/default/pods/web/status", POD).status_code == 405
    lease = api.get("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node01").json()
    assert lease["spec"]["holderIdentity"] == "node01"
    assert api.get("/api/v1/namespaces/default/resourcequotas").json()["items"] == []
    assert api.get("/api/v1/namespaces/default/limitranges").json()["kind"] == "LimitRangeList"


def test_it_shows_events_in_both_groups(api: Api) -> None:
    api.send("post", "/api/v1/namespaces/default/pods", POD)
    api.at(10)
    core = api.get("/api/v1/namespaces/default/events?fieldSelector=reason%3DScheduled").json()["items"]
    newer = api.get("/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=regarding.name%3Dweb").json()
    assert core[0]["involvedObject"]["name"] == "web"
    assert newer["apiVersion"] == "events.k8s.io/v1" and {e["regarding"]["name"] for e in newer["items"]} == {"web"}
    assert newer["items"][0]["note"] == "Successfully assigned default/web to node02"


def test_it_creates_a_namespace_sent_as_protobuf(api: Api) -> None:
    def field(number: int, payload: bytes) -> bytes:
        return bytes([number << 3 | 2, len(payload)]) + payload
    body = b"k8s\x00" + field(1, field(1, b"v1") + field(2, b"Namespace")) + field(2, field(1, field(1, b"dev")))
    created = api.send("post", "/api/v1/namespaces", body, "application/vnd.kubernetes.protobuf")
    assert created.status_code == 201 and created.json()["status"]["phase"] == "Active"
    again = api.send("post", "/api/v1/namespaces", body, "application/vnd.kubernetes.protobuf").json()
    assert again["message"] == 'namespaces "dev" already exists'


def test_a_watch_in_the_learners_terminal_sees_a_pod_created_through_the_api(api: Api) -> None:
    from sandbox.session import Session
    from sandbox.turns import take_turn

    take_turn(api.row.pk, None, now_wall=WALL, line="kubectl get pods -w")
    assert api.send("post", "/api/v1/namespaces/default/pods", POD).status_code == 201
    api.row.refresh_from_db()
    session = Session.from_json(api.row.state)
    # Printed by the waiting line at the instant of the request, not at the cluster's next timer.
    assert session.is_waiting
    # The pod as created, then as the scheduler bound it (the same row twice, as kubectl shows).
    assert session.take_output() == ("NAME   READY   STATUS    RESTARTS   AGE\n"
                                     "web    0/1     Pending   0          0s\n"
                                     "web    0/1     Pending   0          0s\n")
