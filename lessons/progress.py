"""A learner's progress through one lesson: which steps are done, which hints show, the quiz.

Pure and deterministic (DESIGN.md, "The one rule"): the caller passes the sandbox's ``View``, the
simulated instant ``now`` and the wall instant ``now_wall``; nothing here reads a clock. Every
function returns a new ``Progress`` and leaves the one it was given alone, so the web ring can
compare before and after and persist only on change.

The rules (docs/authoring.md, the issue's contract):

- A step passes when all its checks pass at one moment (one ``update``); once passed it stays
  passed ("sticky"), with the simulated (``passed_at``) and wall (``passed_wall``) instants.
- Steps may be done in any order: every step not yet passed is evaluated at each update. The
  *current* step is the first one not passed; ``became_current`` records when it became so.
- Hints show only on the current step, when a trigger fires: ``after`` simulated seconds or
  ``after_real`` wall seconds since the step became current, or its ``when`` check passes. Any hint
  may also be asked for (``reveal_hint``: the next one not shown yet), as may the solution.
- A quiz question is correct once answered correctly (sticky too; wrong answers are counted).
- The score is the points of the passed steps plus those of the correctly answered questions.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Protocol

from lessons.schema.model import Check, Lesson, Question, Step


class Outcome(Protocol):
    """What lessons.checks.evaluate returns: ``passed`` and, when failing, a short English ``why``."""
    passed: bool
    why: str


Evaluate = Callable[[Check, Any], Outcome]


@dataclass(slots=True)
class StepState:
    passed_at: float | None = None          # simulated instant the step passed
    passed_wall: float | None = None        # wall instant it passed
    became_current: float | None = None     # simulated instant it became the current step
    became_current_wall: float | None = None
    hints_shown: list[int] = field(default_factory=list)   # indexes in Step.hints, in reveal order
    solution_shown: bool = False

    @property
    def passed(self) -> bool:
        return self.passed_at is not None


@dataclass(slots=True)
class QuizAnswer:
    picked: list[int]                       # the choices of the latest (or the correct) answer
    correct: bool
    attempts: int


@dataclass(slots=True)
class Progress:
    lesson: str
    started_at: float
    started_wall: float
    steps: dict[str, StepState] = field(default_factory=dict)
    quiz: dict[str, QuizAnswer] = field(default_factory=dict)
    completed_at: float | None = None       # every step passed (simulated instant)
    completed_wall: float | None = None

    @classmethod
    def new(cls, lesson: Lesson, now: float, now_wall: float) -> Progress:
        progress = cls(lesson.slug, float(now), float(now_wall),
                       {step.id: StepState() for step in lesson.steps})
        _mark_current(lesson, progress, now, now_wall)
        return progress

    def state(self, step_id: str) -> StepState:
        """The step's state (a step added to the lesson after this progress began starts blank)."""
        return self.steps.setdefault(step_id, StepState())

    def copy(self) -> Progress:
        return Progress.from_json(self.to_json())

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Progress:
        steps = {k: StepState(**{**v, "hints_shown": list(v.get("hints_shown") or [])})
                 for k, v in (data.get("steps") or {}).items()}
        quiz = {k: QuizAnswer(list(v["picked"]), bool(v["correct"]), int(v["attempts"]))
                for k, v in (data.get("quiz") or {}).items()}
        return cls(str(data["lesson"]), float(data["started_at"]), float(data["started_wall"]), steps, quiz,
                   data.get("completed_at"), data.get("completed_wall"))


# -- steps ---------------------------------------------------------------------------------------
def current_step(lesson: Lesson, progress: Progress) -> Step | None:
    """The first step not passed yet; None once every step has passed."""
    for step in lesson.steps:
        if not progress.state(step.id).passed:
            return step
    return None


def _mark_current(lesson: Lesson, progress: Progress, now: float, now_wall: float) -> None:
    step = current_step(lesson, progress)
    if step is not None and progress.state(step.id).became_current is None:
        state = progress.state(step.id)
        state.became_current, state.became_current_wall = float(now), float(now_wall)


def _default_evaluate() -> Evaluate:
    from lessons.checks import evaluate   # the evaluator (lessons/checks/), imported when first needed
    return evaluate


def update(lesson: Lesson, progress: Progress, view: Any, now: float, now_wall: float, *,
           evaluate: Evaluate | None = None) -> tuple[Progress, dict[str, Outcome]]:
    """Evaluates every step not yet passed against ``view`` at ``now``; returns the new progress and
    the outcomes by check id (passed steps' checks are not evaluated again: they are sticky)."""
    run = evaluate or _default_evaluate()
    new = progress.copy()
    outcomes: dict[str, Outcome] = {}
    for step in lesson.steps:
        state = new.state(step.id)
        if state.passed:
            continue
        results = [(check.id, run(check, view)) for check in step.checks]
        outcomes.update(results)
        if all(outcome.passed for _, outcome in results):
            state.passed_at, state.passed_wall = float(now), float(now_wall)
    _mark_current(lesson, new, now, now_wall)
    step = current_step(lesson, new)
    if step is None:
        if new.completed_at is None:
            new.completed_at, new.completed_wall = float(now), float(now_wall)
    else:
        _fire_hints(step, new.state(step.id), view, now, now_wall, run)
    return new, outcomes


def _fire_hints(step: Step, state: StepState, view: Any, now: float, now_wall: float, run: Evaluate) -> None:
    on_step = now - (state.became_current if state.became_current is not None else now)
    on_step_wall = now_wall - (state.became_current_wall if state.became_current_wall is not None else now_wall)
    for index, hint in enumerate(step.hints):
        if index in state.hints_shown:
            continue
        fired = (hint.after is not None and on_step >= hint.after
                 or hint.after_real is not None and on_step_wall >= hint.after_real
                 or hint.when is not None and run(hint.when, view).passed)
        if fired:
            state.hints_shown.append(index)


def reveal_hint(lesson: Lesson, progress: Progress, step_id: str) -> Progress:
    """The learner asks for a hint: the step's first hint not shown yet (nothing when none is left)."""
    step = lesson.step(step_id)
    new = progress.copy()
    state = new.state(step.id)
    for index in range(len(step.hints)):
        if index not in state.hints_shown:
            state.hints_shown.append(index)
            break
    return new


def reveal_solution(lesson: Lesson, progress: Progress, step_id: str) -> Progress:
    step = lesson.step(step_id)
    new = progress.copy()
    new.state(step.id).solution_shown = True
    return new


# -- quiz ----------------------------------------------------------------------------------------
def _question(lesson: Lesson, qid: str) -> Question:
    for question in lesson.quiz:
        if question.id == qid:
            return question
    raise KeyError(qid)


def answer(lesson: Lesson, progress: Progress, qid: str, choices: list[int]) -> tuple[Progress, bool]:
    """Records an answer (choice indexes); returns the new progress and whether the answer is right.
    A single-answer question takes exactly one choice; a multiple one is right when exactly its
    correct choices are picked. Once answered correctly a question stays so."""
    question = _question(lesson, qid)
    picked = sorted(set(int(c) for c in choices))
    if not picked or any(not 0 <= c < len(question.choices) for c in picked):
        raise ValueError(f"question {qid!r}: choices must be indexes 0..{len(question.choices) - 1}")
    if not question.multiple and len(picked) != 1:
        raise ValueError(f"question {qid!r} takes exactly one choice")
    right = picked == [i for i, c in enumerate(question.choices) if c.correct]
    new = progress.copy()
    previous = new.quiz.get(qid)
    if previous is not None and previous.correct:
        return new, right
    new.quiz[qid] = QuizAnswer(picked, right, (previous.attempts if previous else 0) + 1)
    return new, right


# -- score and the lesson.progress frame ---------------------------------------------------------
def score(lesson: Lesson, progress: Progress) -> int:
    steps = sum(step.points for step in lesson.steps if progress.state(step.id).passed)
    quiz = sum(q.points for q in lesson.quiz if (a := progress.quiz.get(q.id)) is not None and a.correct)
    return steps + quiz


def total(lesson: Lesson) -> int:
    return lesson.points + sum(q.points for q in lesson.quiz)


def is_complete(lesson: Lesson, progress: Progress) -> bool:
    """Every step passed and every quiz question answered correctly."""
    return current_step(lesson, progress) is None and all(
        (a := progress.quiz.get(q.id)) is not None and a.correct for q in lesson.quiz)


def report(lesson: Lesson, progress: Progress, outcomes: dict[str, Outcome], language: str) -> dict[str, Any]:
    """The ``lesson.progress`` frame: every step's state, check results, hints shown, the quiz."""
    current = current_step(lesson, progress)
    return {
        "type": "lesson.progress", "lesson": lesson.slug,
        "current": current.id if current is not None else None,
        "steps": [_step_report(step, progress.state(step.id), current, outcomes, language)
                  for step in lesson.steps],
        "quiz": [_question_report(q, progress.quiz.get(q.id), language) for q in lesson.quiz],
        "score": score(lesson, progress), "total": total(lesson),
        "complete": is_complete(lesson, progress),
    }


def _step_report(step: Step, state: StepState, current: Step | None, outcomes: dict[str, Outcome],
                 language: str) -> dict[str, Any]:
    done = state.passed
    checks = []
    for check in step.checks:
        outcome = outcomes.get(check.id)
        passed = done or (outcome is not None and outcome.passed)
        entry: dict[str, Any] = {"id": check.id, "passed": passed,
                                 "why": "" if passed or outcome is None else outcome.why, "points": check.points}
        if not passed:
            entry["message"] = check.message.get(language) if check.message is not None else ""
        checks.append(entry)
    entry = {
        "id": step.id, "title": step.title.get(language),
        "state": "done" if done else "current" if current is not None and current.id == step.id else "todo",
        "points": step.points, "checks": checks,
        "hints": [step.hints[i].text.get(language) for i in state.hints_shown if i < len(step.hints)],
        "hints_left": sum(1 for i in range(len(step.hints)) if i not in state.hints_shown),
        "solution_shown": state.solution_shown,
    }
    if state.solution_shown:
        entry["solution"] = list(step.solution)
    if done and step.explanation is not None:
        entry["explanation"] = step.explanation.get(language)
    return entry


def _question_report(question: Question, answer: QuizAnswer | None, language: str) -> dict[str, Any]:
    correct = answer is not None and answer.correct
    picked = answer.picked if answer is not None else []
    choices = []
    for index, choice in enumerate(question.choices):
        entry: dict[str, Any] = {"text": choice.text.get(language), "picked": index in picked}
        if correct:
            entry["correct"] = choice.correct      # revealed once the learner got it right
        if choice.explanation is not None and (correct or index in picked):
            entry["explanation"] = choice.explanation.get(language)
        choices.append(entry)
    out: dict[str, Any] = {
        "id": question.id, "text": question.text.get(language), "multiple": question.multiple,
        "points": question.points, "choices": choices, "answered": answer is not None,
        "correct": correct, "attempts": answer.attempts if answer is not None else 0,
    }
    if correct and question.explanation is not None:
        out["explanation"] = question.explanation.get(language)
    return out
