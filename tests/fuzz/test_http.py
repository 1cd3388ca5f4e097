"""Every HTTP endpoint with random methods, paths, query strings, headers and bodies: never a 500.

Django's test client raises what a view raises, so an exception fails the property as surely as a
500 it answered. The Kubernetes API (sandbox/api) is driven under a learner's token in the path
and, sometimes, under a bearer token; the grading API under an instructor's key; the pages as the
sandbox's owner and as an anonymous visitor. Streams (watches, ``logs -f``) are not read: their
status line is what a bad query could break.
"""
from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client
from hypothesis import given, strategies as st

from lessons.models import INSTRUCTORS_GROUP, ApiToken
from sandbox.sandboxes import create_sandbox, open_sandbox
from tests.fuzz import corpus
from tests.fuzz.strategies import mutated

pytestmark = pytest.mark.django_db

METHODS = ("GET", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND")
KUBE_PATHS = (
    "", "/", "/version", "/healthz", "/livez", "/readyz", "/api", "/api/v1", "/apis", "/apis/events.k8s.io",
    "/apis/events.k8s.io/v1", "/apis/events.k8s.io/v2", "/apis/apps/v1", "/openapi/v2", "/openapi/v3",
    "/openapi/v3/api/v1", "/openapi/v3/apis/events.k8s.io/v1", "/openapi/v3/nope",
    "/api/v1/namespaces", "/api/v1/namespaces/default", "/api/v1/namespaces/dev", "/api/v1/namespaces/nope",
    "/api/v1/namespaces/default/status", "/api/v1/namespaces/default/finalize",
    "/api/v1/namespaces/default/pods", "/api/v1/namespaces/default/pods/web", "/api/v1/namespaces/default/pods/nope",
    "/api/v1/namespaces/default/pods/web/status", "/api/v1/namespaces/default/pods/web/log",
    "/api/v1/namespaces/default/pods/web/exec", "/api/v1/namespaces/default/pods/web/attach",
    "/api/v1/namespaces/default/pods/web/portforward", "/api/v1/namespaces/default/pods/web/eviction",
    "/api/v1/namespaces/default/pods/web/binding", "/api/v1/namespaces/default/pods/web/ephemeralcontainers",
    "/api/v1/pods", "/api/v1/nodes", "/api/v1/nodes/node01", "/api/v1/nodes/node01/status",
    "/api/v1/nodes/node01/proxy", "/api/v1/events", "/api/v1/namespaces/default/events",
    "/api/v1/namespaces/default/events/x", "/apis/events.k8s.io/v1/events",
    "/apis/events.k8s.io/v1/namespaces/default/events", "/api/v1/watch/pods",
    "/api/v1/watch/namespaces/default/pods", "/api/v1/watch/namespaces/default/pods/web", "/api/v1/watch/nodes",
    "/api/v1/services", "/api/v1/namespaces/default/configmaps", "/api/v2/pods", "/api/v1/namespaces//pods",
    "/api/v1/namespaces/default/pods/web/log/x", "/api/v1/namespaces/default/pods/%ZZ",
)
QUERY_KEYS = (
    "watch", "resourceVersion", "resourceVersionMatch", "timeoutSeconds", "labelSelector", "fieldSelector", "limit",
    "continue", "allowWatchBookmarks", "sendInitialEvents", "container", "follow", "previous", "tailLines",
    "sinceSeconds", "sinceTime", "timestamps", "limitBytes", "command", "stdin", "stdout", "stderr", "tty",
    "dryRun", "fieldValidation", "fieldManager", "force", "gracePeriodSeconds", "propagationPolicy",
    "orphanDependents", "pretty", "includeObject", "lang",
)
QUERY_VALUES = (
    "", "0", "1", "-1", "true", "false", "All", "Strict", "Warn", "Ignore", "Foreground", "1.5", "nan", "inf",
    "1e400", "99999999999999999999", "web", "app=web", "app in (web,x)", "!app", "metadata.name=web",
    "status.phase=Running", "spec.nodeName=node01", "=", "a=b=c", "NotOlderThan", "Exact", "2026-01-01T00:00:00Z",
    "not-a-time", "ls", "sh", "x", "%", "é", "\x00",
)
ACCEPTS = (
    "", "*/*", "application/json", "application/yaml", "application/vnd.kubernetes.protobuf", "text/plain",
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json",
    "application/json;as=Table;v=v1beta1;g=meta.k8s.io", "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io",
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json",
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList", "application/json;q=abc",
    "application/json;stream=watch", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf", ";;;", "a/b/c",
)
CONTENT_TYPES = (
    "", "application/json", "application/merge-patch+json", "application/strategic-merge-patch+json",
    "application/json-patch+json", "application/apply-patch+yaml", "application/apply-patch+cbor", "application/yaml",
    "application/vnd.kubernetes.protobuf", "text/plain", "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded", "application/json; charset=latin-1", "application/json; charset=nope",
)
POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
       "spec": {"containers": [{"name": "web", "image": "nginx"}]}}
JSON_SEEDS = (
    json.dumps(POD), json.dumps([{"op": "add", "path": "/metadata/labels/a", "value": "b"}]),
    json.dumps([{"op": "replace", "path": "/spec/containers/0/image", "value": "httpd"}]),
    json.dumps([{"op": "remove", "path": "/metadata/labels"}, {"op": "test", "path": "/x", "value": 1}]),
    json.dumps([{"op": "move", "from": "/metadata/labels", "path": "/metadata/annotations"}]),
    json.dumps({"metadata": {"labels": {"a": "b"}}}), json.dumps({"metadata": {"labels": None}}),
    json.dumps({"spec": {"containers": [{"name": "web", "image": "httpd"}]}}),
    json.dumps({"spec": {"$setElementOrder/containers": [{"name": "web"}], "containers": [{"$patch": "delete", "name": "web"}]}}),
    json.dumps({"apiVersion": "v1", "kind": "DeleteOptions", "gracePeriodSeconds": 0, "propagationPolicy": "Background"}),
    json.dumps({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "fuzz"}}),
    json.dumps({"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "e"}, "reason": "x"}),
    "null", "[]", "{}", "1e400", '"\\ud800"', "{" * 50,
)
BODY = st.one_of(st.just(b""), st.binary(max_size=64),
                 mutated(JSON_SEEDS + corpus.manifests()[:6], max_edits=3).map(lambda s: s.encode("utf-8", "surrogatepass")))
KEY = st.sampled_from(QUERY_KEYS) | st.text(max_size=6)
VALUE = st.sampled_from(QUERY_VALUES) | st.text(max_size=8)


@st.composite
def requests(draw: st.DrawFn, paths: tuple[str, ...]) -> dict[str, Any]:
    path = draw(st.sampled_from(paths) | mutated(paths, ("/", "//", "..", "%2F", "%00", "x", "web", "?", "#", ";"), 2))
    query = draw(st.lists(st.tuples(KEY, VALUE), max_size=4))
    return {"method": draw(st.sampled_from(METHODS)), "path": path, "query": query,
            "accept": draw(st.sampled_from(ACCEPTS) | st.text(max_size=12)),
            "content_type": draw(st.sampled_from(CONTENT_TYPES) | st.text(max_size=12)), "body": draw(BODY)}


def send(client: Client, prefix: str, req: dict[str, Any], **headers: str) -> Any:
    from urllib.parse import quote, urlencode
    path = prefix + quote(req["path"], safe="/%?=&;#")
    query = urlencode(req["query"], encoding="utf-8", errors="surrogatepass") if req["query"] else ""
    url = path + ("&" if "?" in path else "?") + query if query else path
    response = client.generic(req["method"], url, data=req["body"], content_type=req["content_type"],
                              HTTP_ACCEPT=req["accept"], **headers)
    assert response.status_code < 500, (response.status_code, url, getattr(response, "content", b"")[:500])
    if response.streaming:
        # closed unread, as the test client closes its responses: without closing the database
        # connection the test's transaction is using
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
    return response


@pytest.fixture
def learner_sandbox() -> Any:
    row = create_sandbox(seed=1)
    with open_sandbox(row.pk) as (_row, session):
        session.execute("kubectl run web --image=nginx --labels=app=web")
        session.execute("kubectl create namespace dev")
        session.execute("lab advance 30s")
    return row


@given(requests(KUBE_PATHS))
def test_the_kubernetes_api_never_answers_500(learner_sandbox: Any, req: dict[str, Any]) -> None:
    send(Client(), f"/k8s/{learner_sandbox.token}", req)


@given(requests(KUBE_PATHS), st.sampled_from(("token", "nonsense", "")))
def test_the_kubernetes_api_under_a_bearer_token_never_answers_500(learner_sandbox: Any, req: dict[str, Any],
                                                                   who: str) -> None:
    token = {"token": learner_sandbox.token, "nonsense": "x" * 40, "": ""}[who]
    send(Client(), "/k8s", {**req, "path": req["path"] if req["path"].startswith("/") else "/" + req["path"]},
         HTTP_AUTHORIZATION=f"Bearer {token}")


GRADE_SEEDS = tuple(json.dumps(b) for b in (
    {"lesson": "02-pods-from-yaml", "name": "alice",
     "submission": {"kind": "manifests", "files": [{"path": "nginx.yaml", "content": "kind: Pod\n"}]}},
    {"lesson": "01-what-is-a-pod", "name": "bob", "seed": 7,
     "submission": {"kind": "transcript", "transcript": "$ kubectl get pods\n"}},
    {"lesson": "nope", "submission": {"kind": "commands", "commands": ["kubectl get pods"]}},
))
PAGE_PATHS = (
    "/", "/healthz", "/playground/", "/lessons/", "/lessons/01-what-is-a-pod/", "/lessons/05-probes/",
    "/lessons/nope/", "/lessons/01-what-is-a-pod/restart", "/classes/", "/classes/new/", "/classes/join/",
    "/classes/1/gradebook/", "/classes/1/gradebook.csv", "/classes/1/learners/1/01-what-is-a-pod/",
    "/sandboxes/00000000-0000-0000-0000-000000000000/", "/sandboxes/00000000-0000-0000-0000-000000000000/kubeconfig",
    "/accounts/signup/", "/accounts/login/", "/accounts/logout/", "/i18n/setlang/", "/api/lessons",
    "/api/lessons/01-what-is-a-pod", "/api/lessons/nope", "/api/grade", "/static/nope.css", "/nope",
)


@pytest.fixture
def cast() -> dict[str, Any]:
    user_model = get_user_model()
    instructor = user_model.objects.create_user("ingrid", password="correct horse battery")
    instructor.groups.add(Group.objects.get_or_create(name=INSTRUCTORS_GROUP)[0])
    _, key = ApiToken.issue(instructor, "fuzz")
    learner = user_model.objects.create_user("lea", password="correct horse battery")
    return {"instructor": instructor, "key": key, "learner": learner}


@given(st.builds(dict, method=st.sampled_from(("POST", "POST", "GET", "PUT")),
                 body=mutated(GRADE_SEEDS, ('"', "{", "}", "[", "]", ",", ":", "null", "1", "-1", "true", '"x"', "\\"), 4),
                 content_type=st.sampled_from(("application/json", "text/plain", "", "application/json; charset=x")),
                 auth=st.sampled_from(("key", "none", "bad", "basic"))))
def test_the_grading_api_never_answers_500(cast: dict[str, Any], req: dict[str, Any]) -> None:
    auth = {"key": f"Bearer {cast['key']}", "none": "", "bad": "Bearer nope", "basic": "Basic eDp5"}[req["auth"]]
    response = Client().generic(req["method"], "/api/grade", data=req["body"].encode("utf-8", "surrogatepass"),
                                content_type=req["content_type"], HTTP_AUTHORIZATION=auth)
    assert response.status_code < 500, (response.status_code, req, response.content[:500])


@given(requests(PAGE_PATHS), st.sampled_from(("learner", "instructor", "anonymous")))
def test_the_pages_never_answer_500(cast: dict[str, Any], req: dict[str, Any], who: str) -> None:
    client = Client()
    if who != "anonymous":
        client.force_login(cast[who])
    send(client, "", {**req, "path": req["path"] if req["path"].startswith("/") else "/" + req["path"]})
