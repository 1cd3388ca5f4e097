"""``python manage.py grade LESSON SUBMISSION...``: grade a class's submissions in batch.

    grade 04-restart-policies alice.transcript bob/ carol.yaml
    grade lessons/content/05-probes work/*.transcript --format junit --output grades.xml

LESSON is a lesson's slug (settings.LESSONS_DIR) or a lesson folder. A SUBMISSION is a manifest
(.yaml, .yml, .json), a folder of manifests, or a transcript of commands (lessons/grading/files.py).
Each is graded in a fresh sandbox with the lesson's grading window fast-forwarded
(lessons/grading/grade.py); the report goes to standard output, or to ``--output``:
``--format table`` (default, headings in ``--language``), ``json``, ``csv``, ``junit``.

Every submission is read before any is graded, so a typo in the last name costs nothing. While
grading several, a progress bar shows on standard error when it is a terminal (nothing otherwise).
Exit status: 0 when grading ran, whatever the scores (scores are data, not errors); 2 on a usage
error, named: an unknown lesson, a submission that cannot be read, an output file that cannot be
written.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lessons import catalog
from lessons.grading import FORMATS, Submission, SubmissionError, grade, render
from lessons.grading.files import read_submission
from lessons.schema.errors import LessonErrors
from lessons.schema.loader import LESSON_FILE, load_lesson
from lessons.schema.model import Lesson

BAR = 20            # characters of the progress bar


def usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def find_lesson(name: str) -> Lesson:
    """A lesson folder (it holds lesson.yaml, or is that file) or a slug of the catalogue."""
    path = Path(name)
    if path.name == LESSON_FILE and path.is_file():
        path = path.parent
    if (path / LESSON_FILE).is_file():
        try:
            return load_lesson(path, base=Path.cwd())
        except LessonErrors as err:
            raise usage_error(f"lesson {name} does not load:\n{err}") from None
    try:
        return catalog.get_lesson(name)
    except KeyError:
        pass
    broken = [str(e) for e in catalog.errors() if Path(e.file).parts[-2:-1] == (name,)]
    if broken:
        raise usage_error(f"lesson {name} does not load:\n" + "\n".join(broken))
    known = ", ".join(lesson.slug for lesson in catalog.all_lessons()) or "none"
    raise usage_error(f"unknown lesson {name!r}: not a lesson folder, nor a lesson of {catalog.lessons_dir()} "
                      f"(the lessons: {known})")


def read_all(paths: list[str]) -> list[Submission]:
    """Every submission, named by its file or folder name (by the path as given when two share a name)."""
    names = [Path(p).resolve().name or p for p in paths]
    twice = {n for n, count in Counter(names).items() if count > 1}
    submissions = []
    for path, name in zip(paths, names):
        try:
            submissions.append(read_submission(path, name=path.rstrip("/") if name in twice else name))
        except SubmissionError as err:
            raise usage_error(f"submission {err}") from None
    return submissions


class Command(BaseCommand):
    help = "Grade submissions (manifests, folders of manifests, transcripts) against a lesson."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("lesson", metavar="LESSON", help="a lesson's slug or folder")
        parser.add_argument("submissions", nargs="+", metavar="SUBMISSION",
                            help="a manifest (.yaml/.yml/.json), a folder of manifests or a transcript")
        parser.add_argument("--format", choices=FORMATS, default="table", help="the report's format (default: table)")
        parser.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
        parser.add_argument("--seed", type=int, default=1, help="the sandboxes' seed (default: 1)")
        parser.add_argument("--language", choices=("en", "ko"), default="en",
                            help="the table's headings and the authors' messages (default: en)")

    def handle(self, *args: Any, **options: Any) -> None:
        lesson = find_lesson(options["lesson"])
        submissions = read_all(list(options["submissions"]))
        show = len(submissions) > 1 and self.stderr.isatty()
        grades = []
        for number, submission in enumerate(submissions, 1):
            if show:
                self._progress(f"grading {number}/{len(submissions)}", number - 1, len(submissions),
                               submission.name)
            grades.append(grade(lesson, submission, seed=options["seed"]))
        if show:
            self._progress(f"graded {len(submissions)}/{len(submissions)}", len(submissions), len(submissions), "")
            self.stderr.write("", style_func=str)
        text = render(grades, options["format"], options["language"])
        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as err:
                raise usage_error(f"cannot write {options['output']}: {err.strerror or err}") from None
        else:
            self.stdout.write(text, ending="")

    def _progress(self, label: str, done: int, total: int, name: str) -> None:
        filled = BAR * done // total
        self.stderr.write(f"\r{label} [{'#' * filled}{'.' * (BAR - filled)}] {name[:40]:<40}", ending="",
                          style_func=str)
        self.stderr.flush()
