"""Batch grading: one submission, a fresh lesson sandbox, time fast-forwarded, points per check.

    grade(lesson, submission, seed=1) -> Grade

The run (docs/authoring.md, "Points and grading"):

1. A fresh sandbox, as the learner starts the lesson (``lesson_session``), with a fixed seed and
   epoch, and the wall clock standing still: simulated time moves only as the submission moves it.
2. The submission. Manifests are written in the learner's home under their own relative paths
   (``pod.yaml`` is ``~/pod.yaml``, where the lesson's file checks look, replacing a setup file of
   that name as a learner fixing it would) and applied one by one in path order with
   ``kubectl apply -f PATH``. These lines are the grader's, not the learner's: they are left out
   of the shell's history and the kubectl command log, so command checks fail for manifests. A transcript's commands run one by one; an ``@`` line moves time
   (``@ 2m``: two minutes after the submission started; ``@ +30s``: thirty seconds on), in steps of
   ``INCREMENT``. The expected output written in a transcript is ignored: grading looks at the
   cluster, not at the text. A ``# seed:`` header is ignored too: the grader's seed is used.
3. The lesson's grading window (``lesson.grading_window``) of simulated time, in steps of
   ``INCREMENT``.

The checks are evaluated at the start, after every line, time move and step: steps through the
progress engine of the lesson page (lessons/progress.py: a step passes when all its checks pass at
one moment, and stays passed), so the page and the grader agree. A check earns its points when its
step passed or when it passed at any evaluation ("sticky": partial credit for a step half done),
except a check that a blank sandbox passes as well (a guard such as ``not`` or ``exists: false``,
or a fault the setup starts): it earns its points only with its step, so an empty submission
scores 0. A failed check says why, from its last evaluation.

Plain Python (DESIGN.md, "The one rule"): no Django, no wall clock, no randomness but the seed's.
"""
from __future__ import annotations

import shlex
import traceback
from typing import Any

from lessons.checks import View, evaluate
from lessons.progress import Progress, update
from lessons.runner import home_path, lesson_session
from lessons.schema.model import Check, Lesson
from sandbox.session import Session
from sandbox.sim.durations import go_duration
from sandbox.sim.fs import FsError
from sandbox.transcripts.match import output_lines
from sandbox.transcripts.parse import TimeMove

from .result import LOG_OUTPUT_LINES, CheckGrade, Grade, LogEntry, StepGrade, percent
from .submission import Submission

INCREMENT = 10.0                 # simulated seconds between evaluations while time moves on its own
EPOCH = 1767225600.0             # 2026-01-01T00:00:00Z: the dates every grading sandbox shows
BUDGET = 2 * 3600.0             # simulated seconds a submission may take (its lines and @ moves)
GUARD_WHY = ("passed, but a sandbox left alone passes it too: it counts only when its whole step "
             "passes")


def grade(lesson: Lesson, submission: Submission, *, seed: int = 1, budget: float = BUDGET) -> Grade:
    """Grades ``submission`` against ``lesson`` (see the module's docstring). The submission may
    move simulated time by at most ``budget`` seconds: a line that would wait longer is stopped
    there (as Ctrl-C would) and nothing after it runs, so no submission costs more than its budget
    plus the lesson's grading window, however it is written."""
    run = _Run(lesson, lesson_session(lesson, seed=seed, now_wall=0.0, epoch=EPOCH), budget)
    run.observe()
    if submission.kind == "manifests":
        run.manifests(submission.files)
    else:
        run.transcript(submission)
    run.guarded(lambda: run.forward(run.session.now + lesson.grading_window))
    return run.result(submission, seed, blank_passes(lesson, seed))


def blank_passes(lesson: Lesson, seed: int = 1) -> frozenset[str]:
    """The top-level checks a sandbox left alone (setup only) passes at some evaluation of its
    grading window: they prove nothing the learner did on their own."""
    session = lesson_session(lesson, seed=seed, now_wall=0.0, epoch=EPOCH)
    checks = [check for step in lesson.steps for check in step.checks]
    passed: set[str] = set()

    def look() -> None:
        view = View.of(session)
        passed.update(check.id for check in checks if check.id not in passed and evaluate(check, view).passed)

    look()
    for instant in _instants(session.now, session.now + lesson.grading_window):
        session.advance_to(instant)
        look()
    return frozenset(passed)


def _instants(start: float, end: float) -> list[float]:
    instants, t = [], start
    while t < end:
        t = min(t + INCREMENT, end)
        instants.append(t)
    return instants


class _Run:
    """One grading run: the sandbox, the progress through the steps, what each check did."""

    def __init__(self, lesson: Lesson, session: Session, budget: float = BUDGET) -> None:
        session.screen = False          # a log, not a screen: no clear-screen codes
        self.budget = budget
        self.stopped = ""               # why the submission's lines stopped early (its budget)
        self.lesson = lesson
        self.session = session
        self.origin = session.now       # the submission's time 0
        self.progress = Progress.new(lesson, session.now, 0.0)
        self.ever: set[str] = set()     # checks that passed at some evaluation
        self.why: dict[str, str] = {}   # each check's latest why
        self.log: list[LogEntry] = []
        self.error = ""

    # -- evaluation --------------------------------------------------------------------------------
    def observe(self) -> None:
        self.progress, outcomes = update(self.lesson, self.progress, View.of(self.session), self.session.now,
                                         0.0, evaluate=evaluate)
        for check_id, outcome in outcomes.items():
            self.why[check_id] = outcome.why
            if outcome.passed:
                self.ever.add(check_id)

    def forward(self, until: float) -> None:
        """Lets time run to ``until``, evaluating every ``INCREMENT``."""
        for instant in _instants(self.session.now, until):
            self.session.advance_to(instant)
            self.observe()

    # -- the submission ------------------------------------------------------------------------------
    def manifests(self, files: tuple[tuple[str, str], ...]) -> None:
        ordered = sorted(files)
        for path, text in ordered:
            full = home_path(path)
            try:
                self.session.fs.mkdir(full.rsplit("/", 1)[0] or "/", parents=True)
                self.session.fs.write(full, text)
            except FsError as err:
                self.log.append(LogEntry(f"(write {path})", self._at(), 1, (f"cannot write {path}: {err}",)))
        self.observe()
        for path, _ in ordered:
            if self.error:
                break
            self.line(f"kubectl apply -f {shlex.quote(path)}", learners=False)

    def transcript(self, submission: Submission) -> None:
        for step in submission.parsed().steps:
            if self.error or self.stopped:
                break
            if isinstance(step, TimeMove):
                target = self.session.now + step.seconds if step.relative else self.origin + step.seconds
                self.log.append(LogEntry(step.written, self._at(), None, ()))
                self.guarded(lambda target=target: self.forward(min(max(self.session.now, target), self._deadline)))
                self._spent(step.written)
            else:
                self.line(step.text)

    def line(self, text: str, *, learners: bool = True) -> None:
        """Runs one line; the grader's own lines (``learners=False``: the applies of a manifests
        submission) leave no trace in the shell's history or the kubectl command log, so command
        checks see only what a learner typed."""
        at = self._at()
        typed, commands = len(self.session.history), len(self.session.commands)
        try:
            result = self.session.execute(text, limit=max(0.0, self._deadline - self.session.now))
        except Exception as exc:  # noqa: BLE001  (a crash is this submission's, not the batch's)
            self._crashed(text, at, exc)
            return
        finally:
            if not learners:
                del self.session.history[typed:], self.session.commands[commands:]
        lines = [line.rstrip() for line in output_lines(result.output)]
        self.log.append(LogEntry(text, at, result.exit_code, tuple(lines[:LOG_OUTPUT_LINES]),
                                 max(0, len(lines) - LOG_OUTPUT_LINES)))
        self.guarded(self.observe)
        if learners:
            self._spent(text)

    @property
    def _deadline(self) -> float:
        return self.origin + self.budget

    def _spent(self, text: str) -> None:
        """Past the budget: the submission stops here (its grading window still runs)."""
        if not self.error and not self.stopped and self.session.now >= self._deadline:
            self.stopped = (f"the submission used up its {go_duration(self.budget)} of simulated time at "
                          f"{text.splitlines()[0]!r}; later lines were not run")

    def guarded(self, action: Any) -> None:
        if self.error:
            return
        try:
            action()
        except Exception as exc:  # noqa: BLE001
            self._crashed("(time passing)", self._at(), exc)

    def _crashed(self, text: str, at: float, exc: Exception) -> None:
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f" ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" if frame else ""
        self.log.append(LogEntry(text, at, None, (f"podlab crashed: {type(exc).__name__}: {exc}{where}",)))
        self.error = (f"the sandbox crashed on {text.splitlines()[0] if text else 'a line'!r}; "
                      f"later lines were not run")

    def _at(self) -> float:
        return round(self.session.now - self.origin, 3)

    # -- the grade -----------------------------------------------------------------------------------
    def result(self, submission: Submission, seed: int, guards: frozenset[str]) -> Grade:
        steps = []
        for step in self.lesson.steps:
            state = self.progress.state(step.id)
            checks = tuple(self._check(check, state.passed, guards) for check in step.checks)
            steps.append(StepGrade(step.id, step.title.en, state.passed,
                                   None if state.passed_at is None else round(state.passed_at - self.origin, 3),
                                   step.points, sum(c.earned for c in checks), checks))
        score, total = sum(s.earned for s in steps), self.lesson.points
        return Grade(self.lesson.slug, submission.name, submission.kind, seed, score, total, percent(score, total),
                     tuple(steps), tuple(self.log), self.lesson.grading_window, self.error or self.stopped)

    def _check(self, check: Check, step_passed: bool, guards: frozenset[str]) -> CheckGrade:
        passed = step_passed or (check.id in self.ever and check.id not in guards)
        last = self.why.get(check.id, "")
        why = "" if passed else last or (GUARD_WHY if check.id in guards else "(no reason given)")
        message = check.message
        return CheckGrade(check.id, check.points, check.points if passed else 0, passed, why,
                          message.en if message else "", message.ko if message else "")
