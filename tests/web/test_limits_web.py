"""Issue 9's limits at the web ring (sandbox/consumers.py, sandbox/api/views.py; docs/limits.md):
a refused frame or line gets an error frame or a terminal notice, the connection stays, and the
sandbox is left as it was. And a WebSocket from a foreign Origin is refused."""
from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.test import Client

from sandbox import consumers, ratelimit
from sandbox.sandboxes import create_sandbox
from sandbox.sim.limits import MAX_REQUEST_BYTES
from sandbox.turns import peek

from .conftest import Tab

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
async def close_executor_db_connections():
    ratelimit.BUCKETS.clear()
    yield
    ratelimit.BUCKETS.clear()
    await sync_to_async(connections.close_all)()


async def opened(visitor) -> tuple[Tab, object]:
    row = await sync_to_async(create_sandbox)(owner=visitor.user)
    tab = Tab(row.pk, visitor)
    connected, _ = await tab.open()
    assert connected
    await tab.until("editor.files")
    return tab, row


async def history(row) -> list[str]:
    return await sync_to_async(peek)(row.pk, lambda s: list(s.history))


async def test_a_frame_past_the_frame_limit_gets_an_error_frame_and_the_socket_stays(learner):
    tab, row = await opened(learner)
    await tab.send(type="editor.save", path="big.yaml", text="x" * consumers.MAX_FRAME)
    error = await tab.until("error")
    assert error["message"].startswith("frame too large: ") and "nothing was done" in error["message"]
    assert not await sync_to_async(peek)(row.pk, lambda s: s.fs.exists("/root/big.yaml"))
    await tab.send(type="terminal.input", data="echo still here")
    assert await tab.output_until_done() == "still here\n"
    await tab.close()


async def test_a_terminal_line_past_the_frame_limit_gets_the_terminal_back_to_its_prompt(learner):
    tab, row = await opened(learner)
    await tab.send(type="terminal.input", data="echo " + "x" * consumers.MAX_FRAME)
    frame = await tab.until("terminal.output")
    assert frame["data"].startswith("bash: line too long: ") and frame["data"].endswith("; not run\n")
    assert frame["done"] is True and await history(row) == []
    await tab.close()


async def test_a_line_past_the_line_limit_is_refused_whole_with_a_bash_like_notice(learner):
    tab, row = await opened(learner)
    line = "echo " + "x" * consumers.MAX_LINE
    await tab.send(type="terminal.input", data=line)
    frame = await tab.until("terminal.output")
    assert frame["data"] == (f"bash: line too long: {len(line)} characters (the limit is 65536); not run\n")
    assert frame["done"] is True
    assert await history(row) == []
    await tab.close()


async def test_commands_past_the_rate_limit_are_each_told_and_none_runs_twice(learner):
    tab, row = await opened(learner)
    sent = ratelimit.BURST + 10
    for i in range(sent):
        await tab.send(type="terminal.input", data=f"echo {i}")
    ran: list[int] = []
    refused: list[int] = []
    while len(ran) + len(refused) < sent:
        frame = await tab.until("terminal.output", timeout=20)
        if frame["data"].startswith("bash: too many commands (more than 10 a second): not run: echo "):
            refused.append(int(frame["data"].split()[-1]))
        elif frame["done"]:
            ran.append(int(frame["data"]))
    assert refused, "the burst should have been limited"
    assert len(ran) >= ratelimit.BURST
    assert sorted(ran + refused) == list(range(sent))            # each line told: run once, or refused
    assert await history(row) == [f"echo {i}" for i in sorted(ran)]
    await tab.close()


async def test_a_websocket_from_a_foreign_origin_is_refused(learner):
    from sandbox.config.asgi import application
    row = await sync_to_async(create_sandbox)(owner=learner.user)
    headers = [(b"origin", b"https://evil.example"), (b"cookie", f"sessionid={learner.cookie}".encode())]
    comm = WebsocketCommunicator(application, f"/ws/sandboxes/{row.pk}/", headers=headers)
    connected, _ = await comm.connect(timeout=5)
    assert not connected
    await comm.disconnect()


def test_an_api_request_past_3_mib_is_refused_in_kube_apiservers_words(transactional_db):
    row = create_sandbox()
    body = b'{"apiVersion":"v1","kind":"Pod","metadata":{"name":"big"},"x":"' + b"y" * MAX_REQUEST_BYTES + b'"}'
    response = Client().post(f"/k8s/{row.token}/api/v1/namespaces/default/pods", body,
                             content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {row.token}")
    assert response.status_code == 413
    assert response.json()["reason"] == "RequestEntityTooLarge"
    assert response.json()["message"] == "Request entity too large: limit is 3145728"
    assert peek(row.pk, lambda s: s.cluster.store.count("pods")) == 0
