"""Watches and exec in process: the watch stream's events, and the exec WebSocket's frames."""
from __future__ import annotations

import json
import time
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import AsyncClient

from sandbox.api.routing import with_kube_websockets
from sandbox.models import Sandbox
from sandbox.sandboxes import create_sandbox, open_sandbox
from sandbox.session import Session

pytestmark = pytest.mark.django_db(transaction=True)


def _sandbox_with(*lines: str, at: float = 0.0) -> Sandbox:
    """A sandbox paused at simulated ``at`` after running ``lines`` at 0."""
    row = create_sandbox(seed=2)
    with open_sandbox(row.pk) as (_row, session):
        session.clock.pause(time.time())
        for line in lines:
            session.execute(line)
        session.advance_to(at)
    return Sandbox.objects.get(pk=row.pk)


def _jump(row: Sandbox, virtual: float) -> None:
    """A lab jump that the next turn carries out (the saved clock moves, the cluster not yet)."""
    fresh = Sandbox.objects.get(pk=row.pk)
    session = Session.from_json(fresh.state)
    session.clock.anchor_virtual = virtual
    fresh.state = {**fresh.state, **session.to_json()}
    fresh.save()


async def _events(path: str) -> list[dict[str, Any]]:
    response = await AsyncClient().get(path)
    assert response.status_code == 200
    body = b"".join([chunk async for chunk in response.streaming_content])
    return [json.loads(line) for line in body.splitlines() if line]


async def test_it_streams_a_watch_from_the_start_and_ends_at_its_timeout() -> None:
    row = await sync_to_async(_sandbox_with)("kubectl run web --image=nginx")
    await sync_to_async(_jump)(row, 10.0)
    started = time.time()
    events = await _events(f"/k8s/{row.token}/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=1")
    assert time.time() - started < 3
    assert [(e["type"], e["object"]["status"]["phase"]) for e in events][0] == ("ADDED", "Pending")
    assert events[-1]["type"] == "MODIFIED" and events[-1]["object"]["status"]["phase"] == "Running"


async def test_it_sends_table_rows_computed_when_each_change_happened() -> None:
    row = await sync_to_async(_sandbox_with)("kubectl run web --image=nginx")
    rv = json.loads((await AsyncClient().get(f"/k8s/{row.token}/api/v1/namespaces/default/pods")).content)
    await sync_to_async(_jump)(row, 30.0)
    response = await AsyncClient().get(
        f"/k8s/{row.token}/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=1"
        f"&resourceVersion={rv['metadata']['resourceVersion']}",
        headers={"Accept": "application/json;as=Table;v=v1;g=meta.k8s.io"})
    body = b"".join([chunk async for chunk in response.streaming_content])
    rows = [json.loads(line)["object"]["rows"][0]["cells"][:5] for line in body.splitlines() if line]
    # AGE is the pod's age at each change, not at the end of the jump (kubectl get -w prints them)
    assert rows[-1] == ["web", "1/1", "Running", "0", "4s"]
    assert all(r[4] != "30s" for r in rows)


async def test_it_answers_a_watch_from_an_old_version_with_410_expired() -> None:
    row = await sync_to_async(_sandbox_with)("kubectl run web --image=nginx", at=10.0)
    events = await _events(f"/k8s/{row.token}/api/v1/namespaces/default/pods?watch=true&resourceVersion=1")
    assert len(events) == 1 and events[0]["type"] == "ERROR"
    assert (events[0]["object"]["code"], events[0]["object"]["reason"]) == (410, "Expired")


async def test_it_sends_deleted_when_an_object_stops_matching_the_selector() -> None:
    row = await sync_to_async(_sandbox_with)("kubectl run web --image=nginx --labels=app=web", at=10.0)
    response = await AsyncClient().get(
        f"/k8s/{row.token}/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dweb&timeoutSeconds=1")

    def relabel() -> None:          # another writer (the learner's terminal) changes the pod meanwhile
        with open_sandbox(row.pk) as (_row, session):
            session.execute("kubectl label pod web app=db --overwrite")
    await sync_to_async(relabel)()
    body = b"".join([chunk async for chunk in response.streaming_content])
    events = [json.loads(line) for line in body.splitlines() if line]
    # DELETED carries the object as it last matched (storage/cacher convertToWatchEvent)
    assert [(e["type"], e["object"]["metadata"]["labels"]["app"]) for e in events] == [("ADDED", "web"),
                                                                                      ("DELETED", "web")]


def _exec_path(row: Sandbox, query: str) -> str:
    return f"/k8s/{row.token}/api/v1/namespaces/default/pods/web/exec?{query}"


async def _exec(row: Sandbox, query: str, stdin: bytes | None = None,
                protocol: str = "v5.channel.k8s.io") -> tuple[bool, list[bytes]]:
    app = with_kube_websockets(lambda scope, receive, send: None)  # type: ignore[arg-type,return-value]
    socket = WebsocketCommunicator(app, _exec_path(row, query), subprotocols=[protocol])
    connected, _ = await socket.connect()
    if not connected:
        return False, []
    if stdin is not None:
        await socket.send_to(bytes_data=b"\x00" + stdin)
        await socket.send_to(bytes_data=b"\xff\x00")          # v5 CLOSE of stdin
    frames = []
    while True:
        message = await socket.receive_output(5)
        if message["type"] == "websocket.close":
            break
        frames.append(message["bytes"])
    return True, frames


async def test_it_runs_exec_over_the_v5_channel_protocol() -> None:
    row = await sync_to_async(_sandbox_with)("kubectl run web --image=nginx", at=10.0)
    ok, frames = await _exec(row, "command=sh&command=-c&command=echo+out%3B+echo+err+%3E%262%3B+exit+3"
                                  "&stdout=true&stderr=true")
    assert ok
    assert frames[:2] == [b"\x01out\n", b"\x02err\n"]
    status = json.loads(frames[2][1:])
    assert frames[2][:1] == b"\x03" and status["reason"] == "NonZeroExitCode"
    assert status["details"]["causes"] == [{"reason": "ExitCode", "message": "3"}]


async def test_it_feeds_stdin_until_the_client_closes_it() -> None:
    row = await sync_to_async(_sandbox_with)("kubectl run web --image=nginx", at=10.0)
    ok, frames = await _exec(row, "command=cat&stdin=true&stdout=true&stderr=true", stdin=b"hello\n")
    assert ok and frames == [b"\x01hello\n", b'\x03{"metadata": {}, "status": "Success"}']


async def test_it_refuses_the_upgrade_when_the_container_is_not_running() -> None:
    row = await sync_to_async(_sandbox_with)("kubectl run web --image=nginx")
    ok, _ = await _exec(row, "command=ls&stdout=true")
    assert not ok


async def test_it_speaks_v4_to_older_clients() -> None:
    row = await sync_to_async(_sandbox_with)("kubectl run web --image=nginx", at=10.0)
    ok, frames = await _exec(row, "command=hostname&stdout=true", protocol="v4.channel.k8s.io")
    assert ok and frames[0] == b"\x01web\n" and json.loads(frames[-1][1:])["status"] == "Success"


async def test_it_plays_the_terminal_for_a_tty_session() -> None:
    row = await sync_to_async(_sandbox_with)("kubectl run web --image=nginx", at=10.0)
    app = with_kube_websockets(lambda scope, receive, send: None)  # type: ignore[arg-type,return-value]
    socket = WebsocketCommunicator(app, _exec_path(row, "command=sh&stdin=true&stdout=true&tty=true"),
                                   subprotocols=["v5.channel.k8s.io"])
    assert (await socket.connect())[0]
    await socket.send_to(bytes_data=b"\x00echo hx\x7fi\r")
    assert await socket.receive_from(5) == b"\x01echo hx\b \bi\r\n"
    await socket.send_to(bytes_data=b"\x00\x04")              # Ctrl-D: the shell reads its input
    assert await socket.receive_from(5) == b"\x01hi\r\n"              # as a pty writes it
    assert json.loads((await socket.receive_from(5))[1:])["status"] == "Success"
