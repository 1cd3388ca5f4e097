"""A lesson's sandbox, its reference solution replayed, and the lesson's self-test.

Pure (DESIGN.md, "The one rule"): no Django, no wall clock. ``lesson_session`` builds the sandbox
a learner starts the lesson in: a fresh default cluster whose image catalogue has the lesson's extra
images, then the setup in order (lessons/schema/model.py ``Setup``):

1. objects, created as ``kubectl create -f`` creates them: through the cluster's API server, so
   decoding, defaulting, admission and validation are the real ones; a failure names the object;
2. files, written in the learner's home on the control-plane host;
3. faults, timers on the simulated clock (``lab.fault``: plain data, the sandbox still serialises);
4. commands, run silently with ``Session.execute``; a failing command is the lesson's error;

then the shell's history and the kubectl command log are cleared (setup is not the learner's
doing), and the lab clock gets the lesson's speed. Simulated time spent by the setup stays spent.

``self_test`` is what ``manage.py lesson test`` and tests/lessons/test_course.py run: the reference
solution must pass every step, through the same progress engine as the page (sticky passes), and a
sandbox left alone through the grading window must pass no step (DESIGN.md, "Lessons and grading").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from lessons.progress import Progress, update
from lessons.schema.model import Check, Lesson, Step
from sandbox.session import Result, Session
from sandbox.sim.cluster import Cluster
from sandbox.sim.durations import go_duration
from sandbox.sim.errors import StatusError
from sandbox.sim.fs import FsError
from sandbox.sim.server import RESOURCE_OF
from sandbox.terminal.host import HOME

GRADING_INCREMENT = 30.0    # simulated seconds between evaluations while fast-forwarding


class LessonSetupError(Exception):
    """The lesson's setup cannot be applied (an object the API server refuses, a failing command)."""


@dataclass(frozen=True, slots=True)
class SolutionLine:
    step: str
    line: str
    result: Result


@dataclass(frozen=True, slots=True)
class SelfTest:
    slug: str
    passed: bool
    problems: list[str]


# -- the lesson's sandbox ------------------------------------------------------------------------
def home_path(path: str) -> str:
    """A lesson's file path on the control-plane host: relative paths and ``~/`` are under /root."""
    if path == "~" or path.startswith("~/"):
        return HOME + path[1:]
    return path if path.startswith("/") else f"{HOME}/{path}"


def lesson_session(lesson: Lesson, *, seed: int = 1, now_wall: float = 0.0, epoch: float | None = None) -> Session:
    """A fresh sandbox for ``lesson`` with its setup applied (see the module's docstring)."""
    setup = lesson.setup
    kwargs: dict[str, Any] = {"extra_images": setup.images}
    if epoch is not None:
        kwargs["epoch"] = epoch
    session = Session(seed, now_wall=now_wall, cluster=Cluster.default(seed, **kwargs))
    for index, obj in enumerate(setup.objects):
        _create(session, index, obj)
    session.step(session.now)       # what is due at once (the scheduler's binds) happens, as after a line
    for file in setup.files:
        path = home_path(file.path)
        try:
            session.fs.mkdir(path.rsplit("/", 1)[0] or "/", parents=True)
            session.fs.write(path, file.content)
        except FsError as err:
            raise LessonSetupError(f"{lesson.slug}: setup file {file.path}: {err}") from None
    for fault in setup.faults:
        try:
            session.cluster.schedule_fault(fault.at, fault.action, fault.node)
        except ValueError as err:
            raise LessonSetupError(f"{lesson.slug}: setup fault at {go_duration(fault.at)}: {err}") from None
    for line in setup.commands:
        result = session.execute(line)
        if result.exit_code != 0 or result.interrupted:
            raise LessonSetupError(f"{lesson.slug}: setup command {line!r} failed (exit status "
                                   f"{result.exit_code}): {result.output.strip()}")
    _forget_setup(session)
    session.mark_origin()           # `lab reset` comes back here, not to an empty cluster
    if setup.speed <= 0:
        session.clock.pause(session.wall)
    else:
        session.clock.set_speed(float(setup.speed), session.wall)
    return session


def _create(session: Session, index: int, obj: dict[str, Any]) -> None:
    kind = obj.get("kind") if isinstance(obj, dict) else None
    meta = (obj.get("metadata") or {}) if isinstance(obj, dict) else {}
    label = f"{str(kind).lower()}/{meta.get('name') or meta.get('generateName') or '?'}"
    resource = RESOURCE_OF.get(kind) if isinstance(kind, str) else None
    if resource is None:
        raise LessonSetupError(f"setup object {index} ({label}): kind {kind!r} cannot be created "
                               f"(expected one of {', '.join(sorted(RESOURCE_OF))})")
    namespace = (meta.get("namespace") or "default") if resource in ("pods", "events") else None
    try:
        session.cluster.api.create(dict(obj), namespace=namespace, resource=resource)
    except StatusError as err:
        raise LessonSetupError(f"setup object {index} ({label}): {err}") from None


def _forget_setup(session: Session) -> None:
    """What the setup typed is not the learner's: no history, no command log, no output, ``$?`` 0."""
    session.history.clear()
    commands = getattr(session, "commands", None)
    if isinstance(commands, list):
        commands.clear()
    session.take_output()
    session.status = 0
    session.shell.main.status = 0


# -- the reference solution ----------------------------------------------------------------------
def run_solution(lesson: Lesson, session: Session, steps: Iterable[str] | None = None) -> list[SolutionLine]:
    """Runs the solution lines of ``steps`` (ids; all steps when None) in lesson order."""
    wanted = None if steps is None else set(steps)
    return [SolutionLine(step.id, line, session.execute(line))
            for step in lesson.steps if wanted is None or step.id in wanted
            for line in step.solution]


# -- the self-test -------------------------------------------------------------------------------
def self_test(lesson: Lesson, seed: int = 1) -> SelfTest:
    """The solution passes every step; a blank sandbox passes none (problems name step and check)."""
    try:
        problems = _solution_problems(lesson, seed) + _blank_problems(lesson, seed)
    except LessonSetupError as err:
        problems = [str(err)]
    return SelfTest(lesson.slug, not problems, problems)


def _checks() -> tuple[Any, Any]:
    from lessons.checks import View, evaluate   # the evaluator, imported when first needed
    return View, evaluate


def _failing(step: Step, view: Any, evaluate: Any) -> list[tuple[Check, str]]:
    failing = []
    for check in step.checks:
        outcome = evaluate(check, view)
        if not outcome.passed:
            failing.append((check, outcome.why))
    return failing


def _describe_failures(failing: list[tuple[Check, str]]) -> str:
    return "; ".join(f'check "{check.id}" fails: {why or "(no reason given)"}' for check, why in failing)


def _grading_instants(start: float, window: float) -> list[float]:
    instants, t = [], start
    while t < start + window:
        t = min(t + GRADING_INCREMENT, start + window)
        instants.append(t)
    return instants


def _solution_problems(lesson: Lesson, seed: int) -> list[str]:
    View, evaluate = _checks()
    session = lesson_session(lesson, seed=seed)
    progress = Progress.new(lesson, session.now, session.now)
    problems: list[str] = []
    reported: set[str] = set()

    def tick() -> None:
        nonlocal progress
        progress, _ = update(lesson, progress, View.of(session), session.now, session.now, evaluate=evaluate)

    tick()
    for step in lesson.steps:
        for line in step.solution:
            result = session.execute(line)
            if result.interrupted:
                problems.append(f'step "{step.id}": solution line {line!r} never ended (interrupted after '
                                f'{go_duration(result.waited)})')
            tick()
        if not progress.state(step.id).passed:
            reported.add(step.id)
            failing = _failing(step, View.of(session), evaluate)
            problems.append(f'step "{step.id}": not passed after its solution (at {go_duration(session.now)}): '
                            + (_describe_failures(failing) or "its checks never passed at one moment"))
    for instant in _grading_instants(session.now, lesson.grading_window):
        session.advance_to(instant)
        tick()
    for step in lesson.steps:
        if step.id not in reported and not progress.state(step.id).passed:
            failing = _failing(step, View.of(session), evaluate)
            problems.append(f'step "{step.id}": not passed after the grading window '
                            f'({go_duration(lesson.grading_window)}): ' + _describe_failures(failing))
    return problems


def _blank_problems(lesson: Lesson, seed: int) -> list[str]:
    """Setup only, left alone through the grading window: every step keeps a failing check."""
    View, evaluate = _checks()
    session = lesson_session(lesson, seed=seed)
    problems: list[str] = []
    passed: set[str] = set()
    for instant in [session.now] + _grading_instants(session.now, lesson.grading_window):
        session.advance_to(instant)
        view = View.of(session)
        for step in lesson.steps:
            if step.id in passed or _failing(step, view, evaluate):
                continue
            passed.add(step.id)
            names = ", ".join(f'"{check.id}"' for check in step.checks)
            problems.append(f'step "{step.id}": passes on a blank sandbox (setup only) at '
                            f'{go_duration(instant)}: every check passes ({names}); at least one must fail '
                            f'until the learner acts')
    return problems
