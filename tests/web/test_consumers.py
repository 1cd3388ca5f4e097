"""The sandbox page's WebSocket: every frame type, ownership, two tabs, time that runs by itself."""
from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import connections

from sandbox.live import RUNNERS, group_name
from sandbox.sandboxes import create_sandbox, open_sandbox

from .conftest import Tab

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
async def close_executor_db_connections():
    # The consumer's ORM calls run on asgiref's executor thread, with their own connection.
    yield
    await sync_to_async(connections.close_all)()


async def sandbox_of(visitor):
    if visitor.user is not None:
        return await sync_to_async(create_sandbox)(owner=visitor.user)
    return await sync_to_async(create_sandbox)(session_key=visitor.cookie)


async def opened(row, visitor) -> Tab:
    tab = Tab(row.pk, visitor)
    connected, _ = await tab.open()
    assert connected
    return tab


async def run(tab: Tab, line: str) -> str:
    await tab.send(type="terminal.input", data=line)
    return await tab.output_until_done()


async def test_it_greets_a_tab_with_the_whole_picture(learner):
    tab = await opened(await sandbox_of(learner), learner)
    snapshot = await tab.until("cluster.snapshot")
    assert [n["name"] for n in snapshot["nodes"]] == ["controlplane", "node01", "node02"]
    assert snapshot["pods"] == [] and snapshot["bands"] == []
    clock = await tab.until("clock.state")
    assert clock["speed"] == 1 and clock["paused"] is False
    state = await tab.until("terminal.state")
    assert state["prompt"] == "controlplane:~$ " and state["history"] == [] and state["waiting"] is False
    assert (await tab.until("editor.files"))["files"] == []
    await tab.close()


async def test_it_runs_a_line_and_sends_only_what_changed(learner):
    tab = await opened(await sandbox_of(learner), learner)
    await tab.until("editor.files")
    assert await run(tab, "kubectl run nginx --image=nginx") == "pod/nginx created\n"
    delta = await tab.until("cluster.delta")
    # Only the new pod travels (and its timeline band), not the nodes that did not change.
    assert [p["name"] for p in delta["pods"]["set"]] == ["nginx"]
    assert "nodes" not in delta and [b["name"] for b in delta["bands"]["set"]] == ["nginx"]
    await tab.close()


async def test_it_streams_a_waiting_command_until_ctrl_c(learner):
    tab = await opened(await sandbox_of(learner), learner)
    await tab.until("editor.files")
    await run(tab, "kubectl run web --image=nginx")
    await tab.send(type="terminal.input", data="kubectl get pods -w")
    first = await tab.until("terminal.output")
    assert first["done"] is False and first["data"].startswith("NAME")
    await tab.send(type="terminal.interrupt")
    last = await tab.until("terminal.output", done=True)
    assert last["data"].endswith("^C\n") and last["status"] == 130
    assert await run(tab, "echo $?") == "130\n"
    await tab.close()


async def test_it_asks_for_the_rest_of_an_open_command(learner):
    tab = await opened(await sandbox_of(learner), learner)
    await tab.until("editor.files")
    await tab.send(type="terminal.input", data="echo 'one")
    more = await tab.until("terminal.output")
    assert more["more"] is True and more["prompt"] == "> "
    assert await run(tab, "echo 'one\ntwo'") == "one\ntwo\n"
    await tab.close()


async def test_it_completes_verbs_flags_and_names(learner):
    tab = await opened(await sandbox_of(learner), learner)
    await tab.until("editor.files")
    await run(tab, "kubectl run nginx --image=nginx")
    for line, start, matches in [("kubectl ge", 8, ["get"]), ("kubectl run x --ima", 14, ["--image-pull-policy=", "--image="]),
                                 ("kubectl logs ng", 13, ["nginx"])]:
        await tab.send(type="terminal.complete", line=line)
        answer = await tab.until("terminal.completions")
        assert (answer["line"], answer["start"], answer["matches"]) == (line, start, matches)
    await tab.close()


async def test_it_shows_both_tabs_the_same_shell_and_clock(learner):
    row = await sandbox_of(learner)
    first, second = await opened(row, learner), await opened(row, learner)
    await first.until("editor.files")
    await second.until("editor.files")
    await first.send(type="terminal.input", data="kubectl run nginx --image=nginx")
    mine = await first.until("terminal.output")
    theirs = await second.until("terminal.output")
    assert mine["echo"] == ""                # the typing tab echoed the line itself
    assert theirs["echo"] == "controlplane:~$ kubectl run nginx --image=nginx\n"
    assert theirs["data"] == mine["data"] == "pod/nginx created\n"
    assert (await second.until("cluster.delta"))["pods"]["set"][0]["name"] == "nginx"
    await second.send(type="clock.set", speed=60)
    assert (await first.until("clock.state"))["speed"] == 60
    assert (await second.until("clock.state"))["speed"] == 60
    await first.close()
    await second.close()


async def test_it_lets_time_run_while_someone_watches(learner):
    tab = await opened(await sandbox_of(learner), learner)
    await tab.until("editor.files")
    await tab.send(type="clock.set", speed=60)
    await tab.until("clock.state", speed=60)
    await run(tab, "kubectl run nginx --image=nginx")
    # No input: the runner's one wake-up at the next due timer brings the pod to Running.
    for _ in range(20):
        delta = await tab.until("cluster.delta", timeout=3)
        pods = {p["name"]: p for p in delta.get("pods", {}).get("set", [])}
        if pods.get("nginx", {}).get("status") == "Running":
            break
    else:
        raise AssertionError("the pod never became Running")
    assert pods["nginx"]["ready"] == "1/1"
    await tab.close()
    assert RUNNERS == {}                     # nobody watches: no runner, no timer, no task


async def test_it_jumps_to_the_next_event_and_pauses(learner):
    tab = await opened(await sandbox_of(learner), learner)
    await tab.until("editor.files")
    await tab.send(type="clock.set", paused=True)
    paused = await tab.until("clock.state", paused=True)
    await run(tab, "kubectl run crash --image=busybox -- sh -c 'exit 1'")
    await tab.send(type="clock.set", next=True)
    jumped = await tab.until("clock.state")
    assert jumped["paused"] is True and jumped["now"] > paused["now"]
    await tab.send(type="clock.set", advance=300)
    later = await tab.until("clock.state")
    assert later["now"] == pytest.approx(jumped["now"] + 300)
    band = tab.latest("cluster.delta")["bands"]["set"][0]      # sent just before the clock
    assert "CrashLoopBackOff" in [state for _, state in band["segments"]]
    assert [kind for _, kind, _ in band["marks"]].count("restart") >= 3
    await tab.close()


async def test_it_tells_the_tab_that_asked_when_no_event_is_coming(learner):
    sandbox = await sandbox_of(learner)
    tab, other = await opened(sandbox, learner), await opened(sandbox, learner)
    await tab.until("editor.files")
    await other.until("editor.files")
    await tab.send(type="clock.set", paused=True)
    await tab.until("clock.state", paused=True)
    await tab.send(type="clock.set", next=True)      # an empty cluster: nothing is due
    assert (await tab.until("clock.notice")) == {"type": "clock.notice", "notice": "nothing"}
    await other.send(type="clock.set", speed=10)
    await other.until("clock.state", speed=10)
    assert "clock.notice" not in [frame["type"] for frame in other.frames]
    await tab.close()
    await other.close()


async def test_it_saves_and_applies_a_file_from_the_editor(learner):
    tab = await opened(await sandbox_of(learner), learner)
    await tab.until("editor.files")
    manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n"
    await tab.send(type="editor.save", path="~/web.yaml", text=manifest)
    assert (await tab.until("editor.saved"))["path"] == "/root/web.yaml"
    assert tab.latest("editor.files")["files"] == ["/root/web.yaml"]      # sent to every tab first
    await tab.send(type="editor.open", path="/root/web.yaml")
    assert (await tab.until("editor.file"))["text"] == manifest
    await tab.send(type="editor.apply", path="/root/web.yaml", text=manifest.replace("nginx", "httpd"))
    applied = await tab.until("terminal.output")
    assert applied["echo"] == "controlplane:~$ kubectl apply -f web.yaml\n"
    assert applied["data"] == "pod/web created\n"
    await tab.send(type="editor.save", path="/etc/passwd", text="x")
    assert (await tab.until("error"))["message"].startswith("outside the home directory")
    await tab.close()


async def test_it_relays_lesson_progress_to_the_page(learner):
    row = await sandbox_of(learner)
    tab = await opened(row, learner)
    await tab.until("editor.files")
    await get_channel_layer().group_send(group_name(row.pk), {"type": "lesson.progress", "lesson": "pods", "steps": []})
    assert (await tab.until("lesson.progress"))["lesson"] == "pods"
    await tab.close()


async def test_it_looks_again_when_another_process_changed_the_sandbox(learner):
    # What the Kubernetes API (or a runner in another process) does: change the database, then
    # tell the group. The tab's runner reloads and sends the difference.
    row = await sandbox_of(learner)
    tab = await opened(row, learner)
    await tab.until("editor.files")

    def elsewhere():
        with open_sandbox(row.pk) as (_, session):
            session.execute("kubectl run from-the-api --image=nginx")
    await sync_to_async(elsewhere)()
    await get_channel_layer().group_send(group_name(row.pk), {"type": "sandbox.changed", "process": "another",
                                                             "terminal": None})
    delta = await tab.until("cluster.delta")
    assert [p["name"] for p in delta["pods"]["set"]] == ["from-the-api"]
    await tab.close()


async def test_it_refuses_anyone_but_the_owner(learner, other_learner, visitor):
    row = await sandbox_of(learner)
    for stranger in (other_learner, visitor):
        connected, code = await Tab(row.pk, stranger).open()
        assert (connected, code) == (False, 4403)


async def test_it_lets_an_anonymous_visitor_into_the_sandbox_of_their_session(visitor, learner):
    row = await sandbox_of(visitor)
    tab = await opened(row, visitor)
    await tab.until("cluster.snapshot")
    await tab.close()
    connected, _ = await Tab(row.pk, learner).open()
    assert connected is False


async def test_it_refuses_a_connection_without_an_origin(learner):
    from channels.testing import WebsocketCommunicator

    from sandbox.config.asgi import application
    row = await sandbox_of(learner)
    comm = WebsocketCommunicator(application, f"/ws/sandboxes/{row.pk}/",
                                 headers=[(b"cookie", f"sessionid={learner.cookie}".encode())])
    connected, _ = await comm.connect()
    assert connected is False


async def test_it_keeps_a_line_typed_while_another_runs(learner):
    row = await sandbox_of(learner)
    first, second = await opened(row, learner), await opened(row, learner)
    await first.until("editor.files")
    await second.until("editor.files")
    await first.send(type="terminal.input", data="sleep 1")
    await asyncio.sleep(0.1)
    await second.send(type="terminal.input", data="echo after")
    # The first tab's line (echoed here), its end, then this tab's line, which waited its turn
    # (this tab echoed it itself when it was typed).
    text = await second.output_until_done(timeout=5)
    text += await second.output_until_done(timeout=5)
    assert text == "controlplane:~$ sleep 1\nafter\n"
    await first.close()
    await second.close()


async def test_a_frame_does_not_wait_for_the_sync_threads_connection_cleanup(learner, monkeypatch):
    # Channels runs close_old_connections on asgiref's sync thread before every message; the
    # sandbox socket keeps that only for its opening and closing (consumers.py ``dispatch``).
    import channels.consumer
    calls: list[str] = []
    real = channels.consumer.aclose_old_connections

    async def counted() -> None:
        calls.append("cleanup")
        await real()
    monkeypatch.setattr(channels.consumer, "aclose_old_connections", counted)
    tab = await opened(await sandbox_of(learner), learner)
    await tab.until("editor.files")
    opening = len(calls)
    assert opening >= 1
    for _ in range(3):
        assert await run(tab, "echo hi") == "hi\n"
    await tab.send(type="terminal.complete", line="kubectl ge")
    assert (await tab.until("terminal.completions"))["matches"] == ["get"]
    assert len(calls) == opening
    await tab.close()
    assert len(calls) == opening + 1
