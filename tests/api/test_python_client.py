"""The official Python ``kubernetes`` client against a sandbox: create, list, watch, logs, exec,
delete, errors, with the token in the path or as a bearer token."""
from __future__ import annotations

import pytest

from tests.api.live import Live

kubernetes = pytest.importorskip("kubernetes")
from kubernetes import client, watch  # noqa: E402
from kubernetes.client.rest import ApiException  # noqa: E402
from kubernetes.stream import stream  # noqa: E402

POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "hello", "labels": {"app": "hello"}},
       "spec": {"containers": [{"name": "app", "image": "busybox:1.36",
                                "command": ["sh", "-c", "echo hello from the pod; sleep 3600"]}]}}


def _core(host: str, token: str | None = None) -> client.CoreV1Api:
    config = client.Configuration()
    config.host = host
    if token:
        config.api_key = {"authorization": token}
        config.api_key_prefix = {"authorization": "Bearer"}
    return client.CoreV1Api(client.ApiClient(config))


@pytest.fixture
def sandbox(live: Live) -> tuple[str, client.CoreV1Api]:
    sandbox_id = live.fresh_sandbox()
    live.pause_at(sandbox_id, 0.0)
    return sandbox_id, _core(f"{live.url}/k8s/{live.token(sandbox_id)}")


def test_it_creates_lists_and_deletes_a_pod(live: Live, sandbox: tuple[str, client.CoreV1Api]) -> None:
    sandbox_id, core = sandbox
    created = core.create_namespaced_pod("default", POD)
    assert created.metadata.name == "hello" and created.status.phase == "Pending"
    live.pause_at(sandbox_id, 10.0)
    pods = core.list_namespaced_pod("default", label_selector="app=hello")
    assert [(p.metadata.name, p.status.phase) for p in pods.items] == [("hello", "Running")]
    assert core.read_namespaced_pod("hello", "default").spec.node_name in ("node01", "node02")
    gone = core.delete_namespaced_pod("hello", "default", grace_period_seconds=0)
    assert gone.metadata.name == "hello"
    assert core.list_namespaced_pod("default").items == []


def test_it_answers_errors_as_api_exceptions(sandbox: tuple[str, client.CoreV1Api]) -> None:
    _, core = sandbox
    with pytest.raises(ApiException) as missing:
        core.read_namespaced_pod("nope", "default")
    assert missing.value.status == 404 and '"reason":"NotFound"' in missing.value.body
    core.create_namespaced_pod("default", POD)
    with pytest.raises(ApiException) as twice:
        core.create_namespaced_pod("default", POD)
    assert twice.value.status == 409


def test_it_streams_a_watch_to_the_client(live: Live, sandbox: tuple[str, client.CoreV1Api]) -> None:
    sandbox_id, core = sandbox
    core.create_namespaced_pod("default", POD)
    live.pause_at(sandbox_id, 10.0)
    seen = [(e["type"], e["object"].metadata.name, e["object"].status.phase)
            for e in watch.Watch().stream(core.list_namespaced_pod, "default", timeout_seconds=1)]
    # A watch without resourceVersion starts with the pod as it was saved, then what happened since.
    assert seen[0] == ("ADDED", "hello", "Pending")
    assert seen[-1] == ("MODIFIED", "hello", "Running")


def test_it_reads_logs_and_execs(live: Live, sandbox: tuple[str, client.CoreV1Api]) -> None:
    sandbox_id, core = sandbox
    core.create_namespaced_pod("default", POD)
    live.pause_at(sandbox_id, 10.0)
    assert core.read_namespaced_pod_log("hello", "default") == "hello from the pod\n"
    out = stream(core.connect_get_namespaced_pod_exec, "hello", "default", command=["cat", "/etc/hostname"],
                 stderr=True, stdin=False, stdout=True, tty=False)
    assert out == "hello\n"


def test_it_accepts_a_bearer_token_instead_of_the_path(live: Live, sandbox: tuple[str, client.CoreV1Api]) -> None:
    sandbox_id, _ = sandbox
    core = _core(f"{live.url}/k8s", live.token(sandbox_id))
    assert [n.metadata.name for n in core.list_node().items] == ["controlplane", "node01", "node02"]
    with pytest.raises(ApiException) as denied:
        _core(f"{live.url}/k8s", "not-a-token").list_node()
    assert denied.value.status == 401
