"""Random frames on the sandbox page's WebSocket (sandbox/consumers.py): never a crash.

A frame that is not a JSON object with a known ``type`` is answered with one ``error`` frame and
nothing else. A known type with random fields is answered with the frames that type produces, or
an ``error`` frame. Either way the connection stays open and the terminal still answers afterwards.
"""
from __future__ import annotations

import json
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connections
from hypothesis import given, strategies as st

from sandbox import consumers, ratelimit
from sandbox.sandboxes import create_sandbox
from tests.fuzz import corpus
from tests.fuzz.strategies import shell_line
from tests.web.conftest import Tab, _logged_in

pytestmark = pytest.mark.django_db(transaction=True)
EXAMPLES_WEIGHT = 0.25     # an example is a WebSocket session of a second or so: a quarter of the share

KNOWN = tuple(consumers.FRAMES)
# What the page may receive (consumers.py's docstring, and clock.notice: "lab next" with nothing due).
OUTGOING = {"terminal.state", "terminal.output", "terminal.completions", "cluster.snapshot", "cluster.delta",
            "clock.state", "clock.notice", "editor.files", "editor.file", "editor.saved", "lesson.progress", "error"}
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12) | st.sampled_from(("web.yaml", "../../etc/passwd", "/root/x", "", "1e400", "-1")),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
FIELDS = ("data", "line", "paused", "speed", "advance", "next", "path", "text", "step", "question", "choices")


@st.composite
def frames(draw: st.DrawFn) -> tuple[str, Any]:
    """("text", raw) for a frame that is not a JSON object with a known type, ("known", frame) else."""
    kind = draw(st.sampled_from(("known", "known", "known", "unknown-type", "not-object", "raw")))
    if kind == "raw":
        return "text", draw(st.sampled_from(("", "{", "[1,", "null", "\x00", "{\"type\": ")) | st.text(max_size=20))
    if kind == "not-object":
        value = draw(VALUES.filter(lambda v: not isinstance(v, dict)))
        return "text", json.dumps(value)
    fields = draw(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=5), VALUES, max_size=4))
    if kind == "unknown-type":
        type_ = draw(VALUES.filter(lambda v: v not in KNOWN and not isinstance(v, (dict, list))))
        return "text", json.dumps({**fields, "type": type_})
    type_ = draw(st.sampled_from(KNOWN))
    if type_ in ("terminal.input", "terminal.complete") and draw(st.booleans()):
        fields["data" if type_ == "terminal.input" else "line"] = draw(shell_line(corpus.lines()))
    return "known", {**fields, "type": type_}


async def _drain(tab: Tab, quiet: float) -> list[dict[str, Any]]:
    # receive_nothing, not a receive timeout: a timed-out receive cancels the application
    received = []
    while not await tab.comm.receive_nothing(timeout=quiet):
        received.append(await tab.comm.receive_json_from())
    return received


async def _until_error(tab: Tab, timeout: float = 10.0) -> list[dict[str, Any]]:
    """Frames up to and including the first error frame (a test failure if none comes)."""
    received: list[dict[str, Any]] = []
    while not received or received[-1].get("type") != "error":
        received.append(await tab.comm.receive_json_from(timeout=timeout))
    return received


async def _session(row: Any, visitor: Any, sent: list[tuple[str, Any]]) -> None:
    tab = Tab(row.pk, visitor)
    connected, _ = await tab.open()
    assert connected
    try:
        await _drain(tab, 0.2)
        for how, frame in sent:
            if how == "text":      # answered by the consumer itself, once the frame before is done
                await tab.comm.send_input({"type": "websocket.receive", "text": frame})  # "" too
                answers = await _until_error(tab)
                # the frame before may still have been answering (a turn under load): its frames
                # come first; this frame's own answer is one error frame, and nothing after it
                assert answers[-1]["type"] == "error", (frame, answers)
                assert {a.get("type") for a in answers[:-1]} <= OUTGOING - {"error"}, (frame, answers)
                assert await _drain(tab, 0.05) == [], frame
            else:
                await tab.send(**frame)
                answers = await _drain(tab, 0.2)
                assert {a.get("type") for a in answers} <= OUTGOING, (frame, answers)
        await tab.send(type="terminal.interrupt")
        await tab.send(type="terminal.input", data="echo alive")
        while "alive" not in str((await tab.comm.receive_json_from(timeout=5)).get("data", "")):
            pass
    finally:
        await tab.close()
        await sync_to_async(connections.close_all)()


@pytest.fixture
def learner(transactional_db) -> Any:
    return _logged_in("fuzzer")


@given(st.lists(frames(), min_size=1, max_size=4))
def test_random_frames_get_an_error_frame_or_their_answer_and_never_crash(learner: Any,
                                                                          sent: list[tuple[str, Any]]) -> None:
    ratelimit.BUCKETS.clear()                     # each example is a new learner for the rate limit
    # a new sandbox each time: its runner (sandbox/live.py) lives on the event loop of its example
    async_to_sync(_session)(create_sandbox(owner=learner.user), learner, sent)
