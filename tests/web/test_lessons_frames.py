"""A lesson's sandbox over its WebSocket: lesson.progress on connect and after every change, the
lesson pane's frames (hint, solution, answer), in the page's language, and only for its owner."""
from __future__ import annotations

import asyncio
import time

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections

from lessons.models import LessonProgress
from sandbox.models import Sandbox

from .conftest import ORIGIN, Tab
from .lessons_fixtures import FIRST, SECOND, client_of, fixture_lessons  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fixture_lessons")]


@pytest.fixture(autouse=True)
async def close_executor_db_connections():
    yield
    await sync_to_async(connections.close_all)()


class LessonTab(Tab):
    """A tab on the lesson page: its socket says the page's language, as lesson.js's page does."""

    def __init__(self, sandbox_id, visitor, language: str = "en") -> None:
        from sandbox.config.asgi import application
        headers = [ORIGIN, (b"cookie", f"sessionid={visitor.cookie}".encode())]
        self.comm = WebsocketCommunicator(application, f"/ws/sandboxes/{sandbox_id}/?lang={language}",
                                          headers=headers)
        self.frames = []

    async def progress_until(self, test, timeout: float = 5.0) -> dict:
        """The next lesson.progress frame for which ``test`` holds."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            frame = await self.until("lesson.progress", max(0.01, deadline - asyncio.get_running_loop().time()))
            if test(frame):
                return frame


def _open_lesson(visitor, slug: str) -> Sandbox:
    response = client_of(visitor).get(f"/lessons/{slug}/")
    assert response.status_code == 200
    return Sandbox.objects.get(lesson=slug, **({"owner": visitor.user} if visitor.user else
                                               {"session_key": visitor.cookie}))


async def lesson_tab(visitor, slug: str = FIRST, language: str = "en") -> tuple[Sandbox, LessonTab]:
    row = await sync_to_async(_open_lesson)(visitor, slug)
    tab = LessonTab(row.pk, visitor, language)
    connected, _ = await tab.open()
    assert connected
    return row, tab


def states(frame: dict) -> dict[str, str]:
    return {step["id"]: step["state"] for step in frame["steps"]}


async def test_it_greets_a_tab_with_the_lessons_progress(learner):
    _, tab = await lesson_tab(learner)
    frame = await tab.until("lesson.progress")
    assert "languages" not in frame                 # each tab gets its own language only
    assert frame["lesson"] == FIRST and frame["current"] == "run-web"
    assert states(frame) == {"run-web": "current", "describe-web": "todo"}
    assert frame["score"] == 0 and frame["total"] == 4          # 2 + 1 for the steps, 1 for the quiz
    # A failing check's message shows, as HTML rendered from the lesson's Markdown.
    assert frame["steps"][0]["checks"][0] == {**frame["steps"][0]["checks"][0], "passed": False,
                                              "message": "Create the web pod with kubectl run."}
    await tab.close()


async def test_it_ticks_a_step_off_after_the_line_that_passes_it(learner):
    row, tab = await lesson_tab(learner)
    await tab.until("lesson.progress")
    await tab.send(type="terminal.input", data="kubectl run web --image=nginx")
    frame = await tab.progress_until(lambda f: f["current"] == "describe-web")
    # The step is done, the next is current, and the explanation shows now that it passed.
    assert states(frame) == {"run-web": "done", "describe-web": "current"}
    assert frame["score"] == 2
    assert frame["steps"][0]["explanation"] == "<p><code>kubectl run</code> creates one pod.</p>\n"
    # The progress is kept with the sandbox and in the learner's progress row.
    saved = await sync_to_async(Sandbox.objects.get)(pk=row.pk)
    assert saved.state["lesson"]["steps"]["run-web"]["passed_at"] is not None
    record = await sync_to_async(LessonProgress.objects.get)(sandbox=row)
    assert (record.score, record.total, record.owner_id) == (2, 4, learner.user.pk)

    await tab.send(type="terminal.input", data="kubectl describe pod web")
    frame = await tab.progress_until(lambda f: f["current"] is None)
    assert states(frame) == {"run-web": "done", "describe-web": "done"}
    assert frame["complete"] is False              # the quiz is still open
    await tab.close()


async def test_it_reveals_hints_one_at_a_time_and_the_solution(learner):
    _, tab = await lesson_tab(learner)
    await tab.until("lesson.progress")
    await tab.send(type="lesson.hint", step="run-web")
    frame = await tab.progress_until(lambda f: f["steps"][0]["hints"])
    assert frame["steps"][0]["hints"] == ["<p>Use <code>kubectl run</code>.</p>\n"]
    assert frame["steps"][0]["hints_left"] == 1
    await tab.send(type="lesson.hint", step="run-web")
    frame = await tab.progress_until(lambda f: f["steps"][0]["hints_left"] == 0)
    assert frame["steps"][0]["hints"][1] == "<p>The image is <strong>nginx</strong>.</p>\n"

    await tab.send(type="lesson.solution", step="run-web")
    frame = await tab.progress_until(lambda f: f["steps"][0]["solution_shown"])
    assert frame["steps"][0]["solution"] == ["kubectl run web --image=nginx"]
    await tab.close()


async def test_it_grades_a_quiz_answer_and_completes_the_lesson(learner):
    row, tab = await lesson_tab(learner)
    await tab.until("lesson.progress")
    await tab.send(type="lesson.answer", question="what-is-a-pod", choices=[1])
    frame = await tab.progress_until(lambda f: f["quiz"][0]["answered"])
    assert frame["quiz"][0]["correct"] is False and frame["score"] == 0
    assert frame["quiz"][0]["choices"][1]["explanation"] == "<p>A node is the machine pods run on.</p>\n"

    await tab.send(type="lesson.answer", question="what-is-a-pod", choices=[0])
    frame = await tab.progress_until(lambda f: f["quiz"][0]["correct"])
    assert frame["score"] == 1
    for line in ("kubectl run web --image=nginx", "kubectl describe pod web"):
        await tab.send(type="terminal.input", data=line)
    frame = await tab.progress_until(lambda f: f["complete"])
    assert frame["score"] == frame["total"] == 4
    record = await sync_to_async(LessonProgress.objects.get)(sandbox=row)
    assert record.completed_at is not None and record.score == 4
    await tab.close()


async def test_it_refuses_a_malformed_lesson_frame_with_an_error(learner):
    _, tab = await lesson_tab(learner)
    await tab.until("lesson.progress")
    await tab.send(type="lesson.answer", question="what-is-a-pod", choices="zero")
    assert "choices" in (await tab.until("error"))["message"]
    await tab.send(type="lesson.hint", step="no-such-step")
    assert "no-such-step" in (await tab.until("error"))["message"]
    await tab.close()


async def test_it_speaks_the_language_of_the_page(learner):
    _, tab = await lesson_tab(learner, language="ko")
    frame = await tab.until("lesson.progress")
    assert frame["steps"][0]["title"] == "web 파드 만들기"
    assert frame["steps"][0]["checks"][0]["message"] == "kubectl run으로 web 파드를 만드세요."
    await tab.close()


async def test_it_sends_every_tab_the_progress_in_its_own_language(learner):
    row, english = await lesson_tab(learner)
    korean = LessonTab(row.pk, learner, "ko")
    assert (await korean.open())[0]
    await english.until("lesson.progress")
    await korean.until("lesson.progress")
    await english.send(type="terminal.input", data="kubectl run web --image=nginx")
    done = lambda f: f["current"] == "describe-web"  # noqa: E731
    assert (await english.progress_until(done))["steps"][1]["title"] == "Describe the web pod"
    assert (await korean.progress_until(done))["steps"][1]["title"] == "web 파드 살펴보기"
    await english.close()
    await korean.close()


async def test_it_shows_a_real_time_hint_when_it_falls_due_without_a_keystroke(learner):
    # The second lesson's hint comes 1.5 s (wall) after the step became current: the runner's one
    # wake-up is set for it, nobody types anything.
    _, tab = await lesson_tab(learner, SECOND)
    first = await tab.until("lesson.progress")
    assert first["steps"][0]["hints"] == []
    started = time.monotonic()
    frame = await tab.progress_until(lambda f: f["steps"][0]["hints"], timeout=6)
    assert frame["steps"][0]["hints"] == ["<p>Wait a moment.</p>\n"]
    assert time.monotonic() - started < 5
    await tab.close()


async def test_it_keeps_another_learners_lesson_sandbox_closed(learner, other_learner):
    row = await sync_to_async(_open_lesson)(learner, FIRST)
    intruder = LessonTab(row.pk, other_learner)
    connected, code = await intruder.open()
    assert not connected and code == 4403
    # The other learner's own visit makes them a sandbox of their own for the lesson.
    theirs = await sync_to_async(_open_lesson)(other_learner, FIRST)
    assert theirs.pk != row.pk


async def test_it_leaves_a_playground_without_lesson_frames(learner):
    from sandbox.sandboxes import create_sandbox
    row = await sync_to_async(create_sandbox)(owner=learner.user)
    tab = LessonTab(row.pk, learner)
    assert (await tab.open())[0]
    await tab.until("editor.files")
    await tab.send(type="terminal.input", data="kubectl run web --image=nginx")
    await tab.output_until_done()
    await asyncio.sleep(0.3)
    assert not any(f["type"] == "lesson.progress" for f in tab.frames)
    while not await tab.comm.receive_nothing(timeout=0.1):
        assert (await tab.comm.receive_json_from())["type"] != "lesson.progress"
    await tab.close()
