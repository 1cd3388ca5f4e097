"""The lesson pages: the list with each learner's progress, a lesson beside its own sandbox, in
Korean and English, and progress that carries over when an anonymous learner signs up."""
from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from lessons.models import LessonProgress
from sandbox.models import Sandbox
from sandbox.session import Session
from sandbox.turns import take_turn

from .lessons_fixtures import FIRST, SECOND, fixture_lessons  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fixture_lessons")]

PASSWORD = "correct horse battery"


def lesson_sandbox(client: Client, slug: str = FIRST) -> Sandbox:
    assert client.get(f"/lessons/{slug}/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    return Sandbox.objects.filter(lesson=slug).order_by("-created").first()


def type_line(row: Sandbox, line: str) -> None:
    """What the terminal does with a line (sandbox/live.py's turn), without a socket."""
    take_turn(row.pk, None, now_wall=time.time(), line=line)


@pytest.fixture
def learner_client():
    client = Client()
    client.force_login(get_user_model().objects.create_user("learner", password=PASSWORD))
    return client


def test_it_lists_the_lessons_in_order_with_their_details():
    html = Client().get("/lessons/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.index("A practice pod") < html.index("The second lesson")
    assert "Make a pod and look at it." in html and "5 minutes" in html and "<li>delete</li>" in html
    # The second lesson names the first as its prerequisite, with a link.
    second = html[html.index('data-lesson="02-second-pod"'):]
    assert "Before this:" in second and '<a href="/lessons/01-practice-pod/">A practice pod</a>' in second
    assert "0 of 4 points" in html and "0 of 1 points" in html


def test_it_shows_each_learner_their_own_progress_in_the_list(learner_client):
    row = lesson_sandbox(learner_client)
    type_line(row, "kubectl run web --image=nginx")
    html = learner_client.get("/lessons/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    first = html[html.index('data-lesson="01-practice-pod"'):html.index('data-lesson="02-second-pod"')]
    assert 'data-percent="50"' in first and "In progress" in first and "2 of 4 points" in first
    # A stranger's list shows no progress of anyone else.
    assert "2 of 4 points" not in Client().get("/lessons/").content.decode()
    # The home page lists the lessons with the same progress.
    home = learner_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="lessons"' in home and "2 of 4 points" in home


def test_it_marks_a_completed_lesson_in_the_list(learner_client):
    row = lesson_sandbox(learner_client, SECOND)
    type_line(row, "kubectl delete pod old --force --grace-period=0")
    record = LessonProgress.objects.get(sandbox=row)
    assert record.completed_at is not None and (record.score, record.total) == (1, 1)
    html = learner_client.get("/lessons/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "is-complete" in html and "✓ Complete" in html


def test_it_opens_a_lesson_beside_a_sandbox_of_its_own_with_the_setup_applied(learner_client):
    response = learner_client.get(f"/lessons/{SECOND}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    row = Sandbox.objects.get(lesson=SECOND)
    # The sandbox UI (the same include as the sandbox page) and the lesson pane, on one page.
    for part in ('id="terminal"', 'id="editor"', 'id="timeline"', 'id="events"', 'id="lesson"',
                 'id="step-list"', 'data-hint="delete-old"', 'data-solution="delete-old"'):
        assert part in html
    assert f"/ws/sandboxes/{row.pk}/?lang=en" in html
    session = Session.from_json(row.state)
    assert [pod["metadata"]["name"] for pod in session.cluster.store.list("pods")] == ["old"]
    assert row.state["lesson"]["lesson"] == SECOND          # its progress began with it
    # The same sandbox next time, not a new one.
    learner_client.get(f"/lessons/{SECOND}/")
    assert Sandbox.objects.filter(lesson=SECOND).count() == 1


def test_it_renders_a_lesson_in_english_and_in_korean():
    visitor = Client()
    english = visitor.get(f"/lessons/{FIRST}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1 id=\"lesson-title\">A practice pod</h1>" in english
    assert "<p>Run <code>kubectl run web --image=nginx</code>. &lt;script&gt;alert(1)&lt;/script&gt;</p>" in english
    assert "Show solution" in english and "Create the web pod with kubectl run." in english
    korean = visitor.get(f"/lessons/{FIRST}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<html lang="ko">' in korean and "<h1 id=\"lesson-title\">연습 파드</h1>" in korean
    for text in ("<code>kubectl run web --image=nginx</code>를 실행하세요.", "풀이 보기", "힌트", "퀴즈",
                 "kubectl run으로 web 파드를 만드세요.", "함께 배치되는 컨테이너 묶음", "/?lang=ko"):
        assert text in korean
    assert "<script>alert(1)</script>" not in english + korean   # lesson Markdown never carries HTML


def test_it_answers_404_for_an_unknown_lesson():
    assert Client().get("/lessons/99-no-such-lesson/").status_code == 404


def test_it_draws_the_saved_progress_before_the_socket_connects(learner_client):
    row = lesson_sandbox(learner_client)
    type_line(row, "kubectl run web --image=nginx")
    html = learner_client.get(f"/lessons/{FIRST}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<li data-step="run-web" data-state="done">' in html
    assert '<li data-step="describe-web" data-state="current">' in html
    assert 'data-percent="50"' in html


def test_it_carries_anonymous_lesson_progress_over_on_sign_up():
    visitor = Client()
    row = lesson_sandbox(visitor)
    type_line(row, "kubectl run web --image=nginx")
    assert LessonProgress.objects.get(sandbox=row).owner is None
    response = visitor.post("/accounts/signup/", {"username": "newcomer", "password1": PASSWORD,
                                                  "password2": PASSWORD, "next": "/lessons/"})
    assert response.status_code == 302
    html = visitor.get("/lessons/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 of 4 points" in html
    record = LessonProgress.objects.get(sandbox=row)
    assert record.owner.username == "newcomer" and record.session_key == ""
    # On another device, signed in, the same lesson sandbox and progress.
    laptop = Client()
    assert laptop.login(username="newcomer", password=PASSWORD)
    assert lesson_sandbox(laptop).pk == row.pk
    assert "2 of 4 points" in laptop.get("/lessons/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_lesson_sandbox_opened_by_its_address_goes_to_its_lesson_page(learner_client):
    row = lesson_sandbox(learner_client)
    reply = learner_client.get(f"/sandboxes/{row.pk}/")
    assert reply.status_code == 302 and reply["Location"] == f"/lessons/{FIRST}/"


def test_starting_over_erases_the_learners_sandbox_and_progress_and_sets_the_lesson_up_again(learner_client):
    row = lesson_sandbox(learner_client)
    type_line(row, "kubectl run web --image=nginx")
    assert LessonProgress.objects.get(sandbox=row).score > 0
    reply = learner_client.post(f"/lessons/{FIRST}/restart")
    assert reply.status_code == 302 and reply["Location"] == f"/lessons/{FIRST}/"
    assert not Sandbox.objects.filter(pk=row.pk).exists()
    fresh = lesson_sandbox(learner_client)
    assert fresh.pk != row.pk and LessonProgress.objects.get(sandbox=fresh).score == 0
    # Only by POST, and only one's own: a stranger's "start over" erases nothing of this learner's.
    assert learner_client.get(f"/lessons/{FIRST}/restart").status_code == 405
    Client().post(f"/lessons/{FIRST}/restart")
    assert Sandbox.objects.filter(pk=fresh.pk).exists()
