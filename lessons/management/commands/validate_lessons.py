"""``python manage.py validate_lessons [PATH...]``: check lessons the way start-up does, and say where.

PATH is a lesson folder (it holds lesson.yaml) or a content root (a folder of lesson folders); the
default is settings.LESSONS_DIR. Every problem is one line, ``file:line: step "id": field:
message`` (files relative to the current folder), then a summary such as ``6 lessons, 0 errors``;
the exit status is 1 when there is any problem. Prerequisites are checked against the lesson's
sibling folders. No database is touched and the system checks are not run first (they would refuse
to start on the very problems this command is meant to show).
"""
from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lessons import catalog
from lessons.schema.errors import LessonError
from lessons.schema.loader import LESSON_FILE, lesson_folders, load_all
from lessons.schema.model import Lesson


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def validate(path: Path, base: Path) -> tuple[list[Path], list[Lesson], list[LessonError]]:
    """The lesson folders under ``path``, the sound lessons and every problem."""
    if (path / LESSON_FILE).is_file():
        # One lesson: read its siblings too, so that prerequisites can be resolved, and keep what
        # concerns this folder.
        lessons, errors = load_all(path.parent, base=base)
        folder = path.resolve()
        mine = [e for e in errors if (base / e.file).resolve().is_relative_to(folder)]
        return [path], [lesson for lesson in lessons if lesson.slug == path.resolve().name], mine
    lessons, errors = load_all(path, base=base)
    return lesson_folders(path), lessons, errors


class Command(BaseCommand):
    help = "Check lesson folders (lesson.yaml and its Markdown files) and list every problem."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", metavar="PATH",
                            help="a lesson folder or a folder of lessons (default: settings.LESSONS_DIR)")

    def handle(self, *args: object, **options: object) -> None:
        names = list(options["paths"]) or [str(catalog.lessons_dir())]  # type: ignore[call-overload]
        base = Path.cwd()
        folders: list[Path] = []
        problems: list[LessonError] = []
        for name in names:
            path = Path(name)
            if not path.is_dir():
                raise CommandError(f"no such folder: {name}")
            found, lessons, errors = validate(path, base)
            folders += found
            problems += errors
            if int(options.get("verbosity", 1)) >= 2:  # type: ignore[call-overload]
                for lesson in lessons:
                    self.stdout.write(f"ok {lesson.slug}: {_plural(len(lesson.steps), 'step')}, "
                                      f"{_plural(lesson.points, 'point')}, {_plural(len(lesson.quiz), 'question')}")
        for error in problems:
            self.stdout.write(str(error))
        self.stdout.write(f"{_plural(len(folders), 'lesson')}, {_plural(len(problems), 'error')}")
        if problems:
            sys.exit(1)
