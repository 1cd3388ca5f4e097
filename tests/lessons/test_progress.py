"""The progress engine (lessons/progress.py): sticky steps, the current step, hints, quiz, score.

The evaluator is replaced by a stand-in: the "view" is the set of check ids that pass right now,
so each test says exactly which checks hold at each moment.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from lessons import progress as engine
from lessons.progress import Progress
from lessons.schema.model import Check, Choice, FileCheck, Hint, Lesson, Question, Step, Text


@dataclass(frozen=True)
class Outcome:
    passed: bool
    why: str


def fake_evaluate(check: Check, view: set[str]) -> Outcome:
    return Outcome(True, "") if check.id in view else Outcome(False, f"{check.id} does not hold")


def check(cid: str, points: int = 1) -> Check:
    return Check(cid, FileCheck(path=f"{cid}.txt"), Text(f"{cid} 메시지", f"{cid} message"), points)


def step(sid: str, *checks: Check, hints: tuple[Hint, ...] = (), solution: tuple[str, ...] = (),
         explanation: Text | None = None) -> Step:
    return Step(sid, Text(f"{sid} 제목", f"{sid} title"), Text("본문", "body"), checks, hints, solution, explanation)


def lesson(*steps: Step, quiz: tuple[Question, ...] = ()) -> Lesson:
    return Lesson(slug="99-test", order=99, title=Text("시험", "Test"), summary=Text("요약", "Summary"),
                  minutes=5, steps=steps, quiz=quiz)


def tick(les: Lesson, prog: Progress, passing: set[str], now: float, wall: float | None = None):
    return engine.update(les, prog, passing, now, now if wall is None else wall, evaluate=fake_evaluate)


TWO = lesson(step("one", check("a"), check("b", 2)), step("two", check("c")))


def test_it_passes_a_step_only_when_all_its_checks_pass_at_one_moment():
    prog = Progress.new(TWO, 0, 100)
    prog, _ = tick(TWO, prog, {"a"}, 5)
    prog, _ = tick(TWO, prog, {"b"}, 6)
    assert not prog.state("one").passed   # a and b passed, but never together
    prog, outcomes = tick(TWO, prog, {"a", "b"}, 7, 107)
    assert prog.state("one").passed_at == 7 and prog.state("one").passed_wall == 107
    assert outcomes["a"].passed and not outcomes["c"].passed


def test_it_keeps_a_passed_step_passed_when_its_checks_fail_later():
    prog, _ = tick(TWO, Progress.new(TWO, 0, 0), {"a", "b"}, 3)
    prog, outcomes = tick(TWO, prog, set(), 9)
    assert prog.state("one").passed_at == 3
    assert "a" not in outcomes   # a passed step is not evaluated again
    frame = engine.report(TWO, prog, outcomes, "en")
    assert [c["passed"] for c in frame["steps"][0]["checks"]] == [True, True]


def test_it_passes_steps_in_any_order_and_the_current_step_is_the_first_not_passed():
    prog = Progress.new(TWO, 0, 0)
    assert engine.current_step(TWO, prog).id == "one"
    prog, _ = tick(TWO, prog, {"c"}, 4)
    assert prog.state("two").passed and engine.current_step(TWO, prog).id == "one"
    assert [s["state"] for s in engine.report(TWO, prog, {}, "en")["steps"]] == ["current", "done"]
    prog, _ = tick(TWO, prog, {"a", "b"}, 8)
    assert engine.current_step(TWO, prog) is None
    assert prog.completed_at == 8


def test_it_records_when_a_step_became_current():
    prog = Progress.new(TWO, 2, 50)
    assert (prog.state("one").became_current, prog.state("one").became_current_wall) == (2, 50)
    assert prog.state("two").became_current is None
    prog, _ = tick(TWO, prog, {"a", "b"}, 30, 80)
    assert (prog.state("two").became_current, prog.state("two").became_current_wall) == (30, 80)


def test_update_leaves_the_given_progress_alone():
    prog = Progress.new(TWO, 0, 0)
    before = prog.to_json()
    tick(TWO, prog, {"a", "b", "c"}, 1)
    assert prog.to_json() == before


HINTED = lesson(
    step("first", check("a"), hints=(
        Hint(Text("1분 뒤", "after a minute"), after=60),
        Hint(Text("실제 2분 뒤", "after two real minutes"), after_real=120),
        Hint(Text("이미지 오류", "image error"), when=check("pull-error")),
        Hint(Text("요청 시", "on request")),
    )),
    step("second", check("b"), hints=(Hint(Text("곧바로", "at once"), after=0),)),
)


def shown(prog: Progress, sid: str) -> list[int]:
    return prog.state(sid).hints_shown


def test_it_reveals_a_hint_after_simulated_seconds_on_the_step():
    prog = Progress.new(HINTED, 10, 0)
    prog, _ = tick(HINTED, prog, set(), 69, 0)
    assert shown(prog, "first") == []
    prog, _ = tick(HINTED, prog, set(), 70, 0)
    assert shown(prog, "first") == [0]


def test_it_reveals_a_hint_after_real_seconds_on_the_step():
    prog = Progress.new(HINTED, 0, 1000)
    prog, _ = tick(HINTED, prog, set(), 1, 1119)
    assert shown(prog, "first") == []
    prog, _ = tick(HINTED, prog, set(), 1, 1120)
    assert shown(prog, "first") == [1]


def test_it_reveals_a_hint_when_its_check_passes_and_keeps_it():
    prog = Progress.new(HINTED, 0, 0)
    prog, _ = tick(HINTED, prog, {"pull-error"}, 1, 1)
    prog, _ = tick(HINTED, prog, set(), 2, 2)
    assert shown(prog, "first") == [2]


def test_it_reveals_hints_only_on_the_current_step():
    prog = Progress.new(HINTED, 0, 0)
    prog, _ = tick(HINTED, prog, set(), 500, 0)   # "second" has a hint after 0s, but is not current
    assert shown(prog, "second") == []
    prog, _ = tick(HINTED, prog, {"a"}, 501, 0)
    assert shown(prog, "second") == [0]


def test_a_hint_without_trigger_shows_only_on_request_and_requests_take_the_next_hint():
    prog = Progress.new(HINTED, 0, 0)
    prog, _ = tick(HINTED, prog, set(), 60, 0)
    assert shown(prog, "first") == [0]
    prog = engine.reveal_hint(HINTED, prog, "first")
    assert shown(prog, "first") == [0, 1]
    for _ in range(5):
        prog = engine.reveal_hint(HINTED, prog, "first")
    assert shown(prog, "first") == [0, 1, 2, 3]
    frame = engine.report(HINTED, prog, {}, "en")
    assert frame["steps"][0]["hints"] == ["after a minute", "after two real minutes", "image error", "on request"]
    assert frame["steps"][0]["hints_left"] == 0


def test_it_shows_the_solution_once_revealed():
    les = lesson(step("only", check("a"), solution=("kubectl run nginx --image=nginx", "lab advance 10s")))
    prog = Progress.new(les, 0, 0)
    assert "solution" not in engine.report(les, prog, {}, "en")["steps"][0]
    prog = engine.reveal_solution(les, prog, "only")
    assert engine.report(les, prog, {}, "en")["steps"][0]["solution"] == [
        "kubectl run nginx --image=nginx", "lab advance 10s"]


QUIZ = lesson(step("s", check("a", 3)), quiz=(
    Question("single", Text("하나", "one"), (Choice(Text("가", "A")), Choice(Text("나", "B"), True,
                                                                         Text("맞다", "right")))),
    Question("many", Text("여럿", "many"), (Choice(Text("가", "A"), True), Choice(Text("나", "B")),
                                           Choice(Text("다", "C"), True)), multiple=True, points=2,
             explanation=Text("둘 다", "both")),
))


def test_a_wrong_answer_is_counted_and_a_right_one_sticks():
    prog = Progress.new(QUIZ, 0, 0)
    prog, right = engine.answer(QUIZ, prog, "single", [0])
    assert not right and prog.quiz["single"].attempts == 1
    prog, right = engine.answer(QUIZ, prog, "single", [1])
    assert right and prog.quiz["single"].correct and prog.quiz["single"].attempts == 2
    prog, right = engine.answer(QUIZ, prog, "single", [0])
    assert not right and prog.quiz["single"].correct   # once right, it stays right


def test_a_multiple_choice_question_needs_exactly_its_correct_choices():
    prog = Progress.new(QUIZ, 0, 0)
    prog, right = engine.answer(QUIZ, prog, "many", [0])
    assert not right
    prog, right = engine.answer(QUIZ, prog, "many", [0, 1, 2])
    assert not right
    prog, right = engine.answer(QUIZ, prog, "many", [2, 0])
    assert right


def test_it_refuses_answers_that_are_not_choices():
    prog = Progress.new(QUIZ, 0, 0)
    with pytest.raises(ValueError):
        engine.answer(QUIZ, prog, "single", [0, 1])
    with pytest.raises(ValueError):
        engine.answer(QUIZ, prog, "single", [7])
    with pytest.raises(KeyError):
        engine.answer(QUIZ, prog, "nope", [0])


def test_the_score_counts_passed_steps_and_right_answers():
    prog = Progress.new(QUIZ, 0, 0)
    assert engine.score(QUIZ, prog) == 0 and engine.total(QUIZ) == 6
    prog, _ = engine.answer(QUIZ, prog, "many", [0, 2])
    assert engine.score(QUIZ, prog) == 2
    prog, _ = engine.update(QUIZ, prog, {"a"}, 1, 1, evaluate=fake_evaluate)
    assert engine.score(QUIZ, prog) == 5
    assert not engine.is_complete(QUIZ, prog)   # "single" is unanswered
    prog, _ = engine.answer(QUIZ, prog, "single", [1])
    assert engine.report(QUIZ, prog, {}, "en")["complete"] is True


def test_the_report_has_the_frame_shape_in_english():
    les = lesson(step("one", check("a"), check("b", 2), explanation=Text("설명", "because")),
                 step("two", check("c")), quiz=QUIZ.quiz)
    prog, outcomes = tick(les, Progress.new(les, 0, 0), {"c"}, 1)
    prog, _ = engine.answer(les, prog, "single", [0])
    frame = engine.report(les, prog, outcomes, "en")
    assert json.loads(json.dumps(frame)) == frame
    assert (frame["type"], frame["lesson"], frame["score"], frame["total"], frame["complete"]) == \
        ("lesson.progress", "99-test", 1, 7, False)
    one, two = frame["steps"]
    assert (one["id"], one["title"], one["state"]) == ("one", "one title", "current")
    assert one["checks"][0] == {"id": "a", "passed": False, "message": "a message", "why": "a does not hold",
                                "points": 1}
    assert "explanation" not in one
    assert two["state"] == "done" and two["checks"] == [{"id": "c", "passed": True, "why": "", "points": 1}]
    single = frame["quiz"][0]
    assert (single["answered"], single["correct"], single["attempts"]) == (True, False, 1)
    assert single["choices"][0]["picked"] and "correct" not in single["choices"][0]   # not given away


def test_the_report_speaks_korean_and_explains_a_done_step():
    les = lesson(step("one", check("a"), explanation=Text("설명", "because")), step("two", check("c")))
    prog, outcomes = tick(les, Progress.new(les, 0, 0), {"a"}, 1)
    frame = engine.report(les, prog, outcomes, "ko")
    assert frame["steps"][0]["title"] == "one 제목" and frame["steps"][0]["explanation"] == "설명"
    assert frame["steps"][1]["checks"][0]["message"] == "c 메시지"


def test_a_right_answer_reveals_the_correct_choices_and_explanations():
    prog, _ = engine.answer(QUIZ, Progress.new(QUIZ, 0, 0), "many", [0, 2])
    many = engine.report(QUIZ, prog, {}, "ko")["quiz"][1]
    assert [c["correct"] for c in many["choices"]] == [True, False, True]
    assert many["explanation"] == "둘 다"


def test_progress_round_trips_through_json():
    prog = Progress.new(HINTED, 0, 0)
    prog, _ = tick(HINTED, prog, {"a"}, 70, 3)
    prog = engine.reveal_solution(HINTED, prog, "second")
    prog, _ = engine.answer(QUIZ, prog, "single", [1])
    data = json.loads(json.dumps(prog.to_json()))
    assert Progress.from_json(data) == prog
