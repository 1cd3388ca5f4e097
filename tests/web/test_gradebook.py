"""The gradebook: a class's learners × lessons × steps and quiz questions as the learners work, its
CSV, and one learner's commands and sandbox replayed read-only. The cast: an instructor and two learners."""
from __future__ import annotations

import csv
import io
import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from lessons.models import Classroom, Enrollment, LessonProgress
from sandbox.models import Sandbox
from sandbox.turns import take_turn

from .lessons_fixtures import FIRST, SECOND, fixture_lessons  # noqa: F401 (fixture)
from .test_classes import instructor, join, learner, make_class, signed_in  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fixture_lessons")]

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "gradebook.csv"
NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def open_lesson(client: Client, slug: str = FIRST) -> Sandbox:
    """The learner opens the lesson: its sandbox is made, as the lesson page makes it."""
    assert client.get(f"/lessons/{slug}/").status_code == 200
    return Sandbox.objects.filter(lesson=slug, owner=client.user).get()


def type_line(row: Sandbox, line: str) -> None:
    """What the terminal does with a line (sandbox/live.py's turn), without a socket."""
    take_turn(row.pk, None, now_wall=time.time(), line=line)


QUESTION = "what-is-a-pod"      # FIRST's one question: choice 0 is right, choice 1 ("A node") wrong


def answer(row: Sandbox, choice: int) -> None:
    """What the lesson pane's lesson.answer frame does (sandbox/live.py's lesson_request), without a socket."""
    take_turn(row.pk, None, now_wall=time.time(),
              request={"type": "lesson.answer", "question": QUESTION, "choices": [choice]})


def csv_lines(client: Client, classroom: Classroom) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(client.get(f"/classes/{classroom.pk}/gradebook.csv").content.decode())))


@pytest.fixture
def classroom(instructor, learner) -> Classroom:
    classroom = make_class(instructor)
    join(learner, classroom.join_code)
    return classroom


def gradebook(client: Client, classroom: Classroom, lang: str = "en", query: str = "") -> str:
    response = client.get(f"/classes/{classroom.pk}/gradebook/{query}", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def compact(html: str) -> str:
    """The page without the indentation between its tags."""
    return re.sub(r">\s+<", "><", html)


def row_of(html: str, name: str) -> str:
    start = html.index(f'<tr data-learner="{name}">')
    return html[start:html.index("</tr>", start)]


def test_it_shows_a_learners_progress_after_they_typed_a_solution(instructor, learner, classroom):
    row = open_lesson(learner)
    type_line(row, "kubectl run web --image=nginx")
    html = gradebook(instructor, classroom)
    mine = row_of(html, "learner")
    # The first step (2 points of 4) is done, the second is the current one, lesson 2 not opened.
    assert f'data-step="{FIRST}/run-web" data-state="done"' in mine
    assert f'data-step="{FIRST}/describe-web" data-state="current"' in mine
    assert f'data-step="{SECOND}/delete-old" data-state="todo"' in mine
    assert f'data-lesson="{FIRST}" data-score="2"' in mine and ">2/4</a>" in mine
    assert f'data-lesson="{SECOND}" data-score="0"' in mine and "not started" in mine
    # Totals over both lessons (4 + 1 points), and the last activity: the sandbox just saved.
    assert 'data-total="2"' in mine and "2/5" in mine and "40%" in mine
    assert Sandbox.objects.get(pk=row.pk).updated.strftime("%Y-%m-%d %H:%M") in mine
    assert "1 started · 0 completed · average 50%" in html
    # The score links to the learner's detail.
    assert f"/classes/{classroom.pk}/learners/{learner.user.pk}/{FIRST}/" in mine


def test_it_marks_a_completed_lesson_with_its_time(instructor, learner, classroom):
    type_line(open_lesson(learner, SECOND), "kubectl delete pod old --force --grace-period=0")
    mine = row_of(gradebook(instructor, classroom), "learner")
    assert f'score-cell is-complete" data-lesson="{SECOND}" data-score="1"' in mine and "✓ 0s" in mine


def test_it_sorts_learners_by_name_or_by_score(instructor, learner, classroom):
    ahead = signed_in("zoe")
    join(ahead, classroom.join_code)
    type_line(open_lesson(ahead), "kubectl run web --image=nginx")
    by_name = gradebook(instructor, classroom)
    assert by_name.index('data-learner="learner"') < by_name.index('data-learner="zoe"')
    by_score = gradebook(instructor, classroom, query="?sort=score")
    assert by_score.index('data-learner="zoe"') < by_score.index('data-learner="learner"')
    assert '<a href="?sort=name">' in by_score


def test_it_exports_the_gradebook_as_csv(instructor, classroom):
    """Made by hand with fixed instants, so the file is exactly the golden one (set
    REGENERATE_GOLDEN=1 to write it again after a deliberate change)."""
    users = get_user_model().objects
    ana, bo = users.create_user("ana"), users.create_user("bo")
    for who in (bo, ana):     # joined in the wrong order: the file sorts by name
        Enrollment.objects.create(classroom=classroom, learner=who)
    sandbox = Sandbox.objects.create(owner=ana, lesson=FIRST, state={})
    start = NOON.timestamp()
    progress = {"lesson": FIRST, "started_at": 100.0, "started_wall": start,
                "steps": {"run-web": {"passed_at": 112.5, "passed_wall": start + 12.5},
                          "describe-web": {"became_current": 112.5, "became_current_wall": start + 12.5}},
                "quiz": {QUESTION: {"picked": [1], "correct": False, "attempts": 2}}}
    LessonProgress.objects.create(owner=ana, lesson=FIRST, sandbox=sandbox, progress=progress, score=2, total=4)
    done = Sandbox.objects.create(owner=ana, lesson=SECOND, state={})
    LessonProgress.objects.create(
        owner=ana, lesson=SECOND, sandbox=done, score=1, total=1, completed_at=NOON.replace(minute=5),
        progress={"lesson": SECOND, "started_at": 0.0, "started_wall": start, "completed_at": 61.0,
                  "completed_wall": start + 300, "steps": {"delete-old": {"passed_at": 61.0, "passed_wall": start + 300}}})
    Sandbox.objects.filter(owner=ana).update(updated=NOON.replace(minute=7))
    response = instructor.get(f"/classes/{classroom.pk}/gradebook.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="gradebook-{classroom.pk}.csv"'
    text = response.content.decode()
    if GOLDEN.exists() and not os.environ.get("REGENERATE_GOLDEN"):
        assert text == GOLDEN.read_text()
    else:
        GOLDEN.write_text(text)
    # The same whatever the page's language or the gradebook's order.
    assert instructor.get(f"/classes/{classroom.pk}/gradebook.csv?sort=score",
                          HTTP_ACCEPT_LANGUAGE="ko").content.decode() == text


def test_it_shows_a_learners_commands_and_sandbox_without_changing_it(instructor, learner, classroom):
    row = open_lesson(learner)
    type_line(row, "kubectl run web --image=nginx")
    type_line(row, "kubectl get pod nope")
    type_line(row, "echo hello")
    before = Sandbox.objects.values_list("state", "updated").get(pk=row.pk)
    url = f"/classes/{classroom.pk}/learners/{learner.user.pk}/{FIRST}/"
    html = compact(instructor.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    # Loading the replay neither saved the sandbox nor touched its progress.
    assert Sandbox.objects.values_list("state", "updated").get(pk=row.pk) == before
    # The steps with their times, the kubectl commands with their exit statuses, the shell lines.
    assert '<tr data-step="run-web" data-state="done">' in html and "2 of 4 points" in html
    assert '<tr data-status="0"><td>0s</td><td><code>kubectl run web --image=nginx</code></td><td class="num status">0</td>' in html
    assert '<tr data-status="1" class="failed"><td>0s</td><td><code>kubectl get pod nope</code></td><td class="num status">1</td>' in html
    assert "<li><code>echo hello</code></li>" in html
    # The screen as the learner saw it, the cluster view and the timeline, drawn from the save.
    assert "pod/web created" in html and 'Error from server (NotFound): pods &quot;nope&quot; not found' in html
    assert 'data-pod="default/web"' in html and '<g class="band" data-pod="default/web">' in html
    assert 'data-node="controlplane"' in html
    # Read-only: no WebSocket, no sandbox script, no kubeconfig.
    assert "/ws/sandboxes/" not in html and "sandbox.js" not in html and "kubeconfig" not in html


def test_it_renders_the_gradebook_and_the_detail_in_korean(instructor, learner, classroom):
    type_line(open_lesson(learner), "kubectl run web --image=nginx")
    html = gradebook(instructor, classroom, "ko")
    assert '<html lang="ko">' in html and "연습 파드" in html and "두 번째 레슨" in html
    assert "학습자" in html and "마지막 활동" in html and "CSV 내려받기" in html and "참여 코드" in html
    assert "1명 시작 · 0명 완료 · 평균 50%" in html
    detail = instructor.get(f"/classes/{classroom.pk}/learners/{learner.user.pk}/{FIRST}/",
                            HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "web 파드 만들기" in detail and "4점 중 2점" in detail and "kubectl 명령" in detail


def test_it_shows_each_quiz_question_as_correct_wrong_or_unanswered(instructor, learner, classroom):
    wrong, idle = signed_in("wes"), signed_in("ida")
    for who in (wrong, idle):
        join(who, classroom.join_code)
    row = open_lesson(learner)
    for choice in (1, 1, 0):        # wrong twice, then right
        answer(row, choice)
    answer(open_lesson(wrong), 1)
    open_lesson(idle)
    html = compact(gradebook(instructor, classroom))
    cell = f'data-question="{FIRST}/{QUESTION}"'
    # Its header after the lesson's two steps, the question's text as its title; lesson 2 has no quiz.
    assert f'title="Describe the web pod">2</th><th scope="col" class="step-head question-head first" ' \
           f'title="What is a pod?" {cell}>Q1</th>' in html
    assert f'data-question="{SECOND}/' not in html
    mine = row_of(html, "learner")
    assert f'{cell} data-state="correct" data-attempts="3"' in mine
    assert '<span class="visually-hidden">correct (3 tries)</span>' in mine
    assert ">1/4</a>" in mine                   # the question's point, without a step done
    theirs = row_of(html, "wes")
    assert f'{cell} data-state="wrong" data-attempts="1"' in theirs
    assert '<span class="visually-hidden">wrong (1 try)</span>' in theirs and ">0/4</a>" in theirs
    assert f'{cell} data-state="unanswered" data-attempts="0"' in row_of(html, "ida")
    assert '<span class="visually-hidden">unanswered</span>' in row_of(html, "ida")
    assert "question answered wrong so far, with the tries" in html
    # The CSV: a line per question after the lesson's steps, its state `correct`, `wrong (N)` or empty.
    lines = csv_lines(instructor, classroom)
    assert [line["step"] for line in lines if line["learner"] == "learner"] == [
        "run-web", "describe-web", QUESTION, "delete-old"]
    quiz = {line["learner"]: line for line in lines if line["step"] == QUESTION}
    assert {name: line["step_state"] for name, line in quiz.items()} == {
        "ida": "", "learner": "correct", "wes": "wrong (1)"}
    assert quiz["learner"]["step_number"] == "Q1" and quiz["learner"]["step_points"] == "1"
    assert quiz["learner"]["lesson_score"] == "1" and quiz["learner"]["step_passed_sim_s"] == ""


def test_it_lists_the_quiz_with_the_picked_answers_on_a_learners_detail(instructor, learner, classroom):
    wrong = signed_in("wes")
    join(wrong, classroom.join_code)
    row = open_lesson(learner)
    for choice in (1, 1, 0):
        answer(row, choice)
    answer(open_lesson(wrong), 1)

    def detail(who: Client, lang: str = "en") -> str:
        url = f"/classes/{classroom.pk}/learners/{who.user.pk}/{FIRST}/"
        return compact(instructor.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode())

    mine = detail(learner)
    assert "1 of 1 questions answered correctly" in mine
    assert ('<tr data-question="what-is-a-pod" data-state="correct"><td>Q1</td><td>What is a pod?</td>'
            '<td class="step-state"><span class="mark-done">✓</span> correct</td><td class="num">1</td>'
            '<td class="num">3</td><td><span class="picked">A group of containers scheduled together</span></td>') in mine
    theirs = detail(wrong)
    assert "0 of 1 questions answered correctly" in theirs
    assert ('<span class="mark-wrong">✗</span> wrong</td><td class="num">1</td><td class="num">1</td>'
            '<td><span class="picked">A node</span></td>') in theirs
    # A lesson without a quiz has no quiz table.
    second = instructor.get(f"/classes/{classroom.pk}/learners/{learner.user.pk}/{SECOND}/").content.decode()
    assert 'id="quiz"' not in second and "questions answered correctly" not in second


def test_it_names_the_quiz_answers_in_korean(instructor, learner, classroom):
    answer(open_lesson(learner), 1)
    html = gradebook(instructor, classroom, "ko")
    assert 'title="파드란 무엇인가요?"' in html and ">문1</th>" in html
    assert '<span class="visually-hidden">오답 (시도 1회)</span>' in html
    assert "정답을 맞힌 문제" in html and "아직 맞히지 못한 문제와 시도 횟수" in html and "답하지 않은 문제" in html
    detail = compact(instructor.get(f"/classes/{classroom.pk}/learners/{learner.user.pk}/{FIRST}/",
                                    HTTP_ACCEPT_LANGUAGE="ko").content.decode())
    assert "문제 1개 중 0개 정답" in detail and "<caption>퀴즈</caption>" in detail
    assert ">문제</th>" in detail and ">시도</th>" in detail and ">마지막 답</th>" in detail
    assert "✗</span> 오답</td>" in detail and '<span class="picked">노드 한 대</span>' in detail
    # The CSV stays in English whatever the page's language.
    lines = csv_lines(instructor, classroom)
    assert [line["step_state"] for line in lines if line["step"] == QUESTION] == ["wrong (1)"]
