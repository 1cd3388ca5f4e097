"""A class's gradebook as plain data: its learners × its lessons × each lesson's steps and quiz
questions, and the CSV.

Built from the LessonProgress rows (the copy of each lesson sandbox's progress kept for queries,
lessons/live.py ``persist``), never from the sandboxes themselves: a whole class's clusters are far
too big to load for one page. A step is *done* (with the simulated instant it passed, counted from
the lesson's start, and the wall instant), *current* (the first one not done) or *todo*. A quiz
question is *correct* (sticky, lessons/progress.py ``answer``), *wrong* (answered, not right yet) or
*unanswered*, with its attempts: the points a learner lacks may be a question, not a step. A learner's
last activity is the latest ``updated`` of any sandbox of theirs, lessons and playgrounds alike.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import F, Max, Q

from lessons import catalog
from lessons.models import Classroom, LessonProgress
from lessons.progress import Progress, current_step, total
from lessons.schema.model import Lesson, Question
from sandbox.models import Sandbox

SORTS = ("name", "score")


def duration(seconds: float | None) -> str:
    """Simulated seconds as the lab clock shows them (frontend/src/clock.js ``formatDuration``)."""
    if seconds is None:
        return ""
    whole = max(0, int(seconds))
    h, m, s = whole // 3600, whole % 3600 // 60, whole % 60
    return f"{h}h{m}m{s}s" if h else f"{m}m{s}s" if m else f"{s}s"


def wall(instant: float | None) -> datetime | None:
    return None if instant is None else datetime.fromtimestamp(instant, UTC)


@dataclass(frozen=True, slots=True)
class StepCell:
    id: str
    number: int
    title: str
    points: int
    state: str                      # done, current, todo
    passed_sim: float | None        # simulated seconds from the lesson's start
    passed_wall: datetime | None

    @property
    def passed_text(self) -> str:
        return duration(self.passed_sim)


@dataclass(frozen=True, slots=True)
class QuestionCell:
    id: str
    number: int
    title: str                      # the question's text, on one line
    points: int
    state: str                      # correct, wrong, unanswered
    attempts: int
    picked: list[str]               # the texts of the choices of the latest (or the correct) answer

    @property
    def csv_state(self) -> str:
        return {"correct": "correct", "wrong": f"wrong ({self.attempts})"}.get(self.state, "")


@dataclass(frozen=True, slots=True)
class LessonCell:
    slug: str
    started: bool
    score: int
    total: int
    steps: list[StepCell]
    questions: list[QuestionCell]
    completed: datetime | None      # every step and quiz question done (wall)
    steps_sim: float | None         # simulated seconds from the start to the last step done
    updated: datetime | None

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0

    @property
    def steps_done(self) -> int:
        return sum(1 for step in self.steps if step.state == "done")

    @property
    def steps_text(self) -> str:
        return duration(self.steps_sim)

    @property
    def questions_correct(self) -> int:
        return sum(1 for question in self.questions if question.state == "correct")


@dataclass(frozen=True, slots=True)
class LearnerRow:
    user_id: int
    name: str
    cells: list[LessonCell]
    last_activity: datetime | None

    @property
    def score(self) -> int:
        return sum(cell.score for cell in self.cells)

    @property
    def total(self) -> int:
        return sum(cell.total for cell in self.cells)

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0

    @property
    def completed(self) -> int:
        return sum(1 for cell in self.cells if cell.completed is not None)


@dataclass(frozen=True, slots=True)
class LessonColumn:
    slug: str
    title: str
    total: int
    steps: list[tuple[str, str]]    # (id, title)
    questions: list[tuple[str, str]]
    started: int                    # learners who opened it
    completed: int
    average: int                    # mean percent over every learner of the class

    @property
    def span(self) -> int:
        """The table's columns under the lesson's title: its steps, its questions and the score."""
        return len(self.steps) + len(self.questions) + 1


@dataclass(frozen=True, slots=True)
class Gradebook:
    classroom: Classroom
    columns: list[LessonColumn]
    rows: list[LearnerRow]

    @property
    def average(self) -> int:
        return round(sum(row.percent for row in self.rows) / len(self.rows)) if self.rows else 0

    @property
    def has_quiz(self) -> bool:
        return any(column.questions for column in self.columns)


def class_lessons(classroom: Classroom) -> list[Lesson]:
    """The class's lessons in the course's order; every lesson when it names none. A slug whose
    lesson has left the course is left out."""
    lessons = catalog.all_lessons()
    if not classroom.lessons:
        return lessons
    chosen = set(classroom.lessons)
    return [lesson for lesson in lessons if lesson.slug in chosen]


def build(classroom: Classroom, language: str, sort: str = "name") -> Gradebook:
    lessons = class_lessons(classroom)
    learners = [(e.learner_id, e.learner.get_username())
                for e in classroom.enrollments.select_related("learner").order_by("learner__username", "learner_id")]
    ids = [user_id for user_id, _ in learners]
    found = newest_progress(ids, [lesson.slug for lesson in lessons])
    activity = dict(Sandbox.objects.filter(owner_id__in=ids).values("owner_id")
                    .annotate(last=Max("updated")).values_list("owner_id", "last"))
    rows = [LearnerRow(user_id, name, [lesson_cell(lesson, found.get((user_id, lesson.slug)), language)
                                       for lesson in lessons], activity.get(user_id))
            for user_id, name in learners]
    if sort == "score":
        rows.sort(key=lambda row: (-row.percent, -row.score, row.name))
    columns = []
    for index, lesson in enumerate(lessons):
        cells = [row.cells[index] for row in rows]
        columns.append(LessonColumn(
            lesson.slug, lesson.title.get(language), total(lesson),
            [(step.id, step.title.get(language)) for step in lesson.steps],
            [(question.id, question_title(question, language)) for question in lesson.quiz],
            sum(1 for c in cells if c.started), sum(1 for c in cells if c.completed is not None),
            round(sum(c.percent for c in cells) / len(cells)) if cells else 0))
    return Gradebook(classroom, columns, rows)


def newest_progress(user_ids: list[int], slugs: list[str]) -> dict[tuple[int, str], LessonProgress]:
    """The newest progress row per learner and lesson. A row still waiting for its owner (a sandbox
    claimed at sign-up whose lesson was not touched since: lessons/views.py ``progress_of``) counts
    for its sandbox's owner."""
    rows = (LessonProgress.objects.filter(lesson__in=slugs)
            .filter(Q(owner_id__in=user_ids) | Q(owner=None, sandbox__owner_id__in=user_ids))
            .annotate(sandbox_owner=F("sandbox__owner_id")).order_by("updated", "pk"))
    found: dict[tuple[int, str], LessonProgress] = {}
    for row in rows:
        found[(row.owner_id or row.sandbox_owner, row.lesson)] = row
    return found


def lesson_cell(lesson: Lesson, row: LessonProgress | None, language: str) -> LessonCell:
    if row is None or not row.progress:
        steps = [StepCell(step.id, n, step.title.get(language), step.points, "todo", None, None)
                 for n, step in enumerate(lesson.steps, start=1)]
        return LessonCell(lesson.slug, row is not None, 0, total(lesson), steps,
                          question_cells(lesson, None, language), None, None, row.updated if row else None)
    progress = Progress.from_json(row.progress)
    current = current_step(lesson, progress)
    steps = []
    for n, step in enumerate(lesson.steps, start=1):
        state = progress.state(step.id)
        if state.passed:
            steps.append(StepCell(step.id, n, step.title.get(language), step.points, "done",
                                  state.passed_at - progress.started_at, wall(state.passed_wall)))
        else:
            kind = "current" if current is not None and current.id == step.id else "todo"
            steps.append(StepCell(step.id, n, step.title.get(language), step.points, kind, None, None))
    steps_sim = None if progress.completed_at is None else progress.completed_at - progress.started_at
    return LessonCell(lesson.slug, True, row.score, row.total or total(lesson), steps,
                      question_cells(lesson, progress, language), row.completed_at, steps_sim, row.updated)


def question_title(question: Question, language: str) -> str:
    """The question's text as written (Markdown left as is), on one line: a header's tooltip."""
    return " ".join(question.text.get(language).split())


def question_cells(lesson: Lesson, progress: Progress | None, language: str) -> list[QuestionCell]:
    """The lesson's questions as they stand. An answer to a question no longer in the lesson is
    left out, and a picked index past a changed question's choices is skipped."""
    cells = []
    for n, question in enumerate(lesson.quiz, start=1):
        answer = progress.quiz.get(question.id) if progress is not None else None
        if answer is None:
            state, attempts, picked = "unanswered", 0, []
        else:
            state = "correct" if answer.correct else "wrong"
            attempts = answer.attempts
            picked = [question.choices[i].text.get(language) for i in answer.picked
                      if 0 <= i < len(question.choices)]
        cells.append(QuestionCell(question.id, n, question_title(question, language), question.points,
                                  state, attempts, picked))
    return cells


# -- CSV -------------------------------------------------------------------------------------------
CSV_HEADER = ["learner", "lesson", "step_number", "step", "step_points", "step_state", "step_passed_sim_s",
              "step_passed_wall", "lesson_score", "lesson_total", "lesson_completed_wall",
              "learner_score", "learner_total", "last_activity_wall"]


def iso(instant: datetime | None) -> str:
    return "" if instant is None else instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def as_csv(book: Gradebook) -> str:
    """One line per learner × lesson × step, then one per quiz question (numbered Q1, Q2…; its
    state ``correct``, ``wrong (attempts)`` or empty when unanswered, no times: an answer has
    none), learners by name, lessons, steps and questions in course order; ids rather than
    titles, and times in UTC, so the file is the same whoever downloads it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in sorted(book.rows, key=lambda r: (r.name, r.user_id)):
        for cell in row.cells:
            for step in cell.steps:
                writer.writerow([row.name, cell.slug, step.number, step.id, step.points, step.state,
                                 seconds(step.passed_sim), iso(step.passed_wall), cell.score, cell.total,
                                 iso(cell.completed), row.score, row.total, iso(row.last_activity)])
            for question in cell.questions:
                writer.writerow([row.name, cell.slug, f"Q{question.number}", question.id, question.points,
                                 question.csv_state, "", "", cell.score, cell.total, iso(cell.completed),
                                 row.score, row.total, iso(row.last_activity)])
    return out.getvalue()
