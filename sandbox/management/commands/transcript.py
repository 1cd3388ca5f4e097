"""``python manage.py transcript PATH...``: run transcripts and report the differences.

PATH is a ``.transcript`` file or a directory (every ``*.transcript`` under it, sorted). Each runs
in a fresh sandbox; failures are shown as unified diffs; the last line is ``N passed, M failed``
and the exit status is 0 only when all passed. No database is touched.
"""
from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sandbox.transcripts import TranscriptRun, report, run_text


def transcript_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(path.rglob("*.transcript"))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"no such file or directory: {name}")
    return files


class Command(BaseCommand):
    help = "Run transcripts (shared/conformance format) against fresh sandboxes."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a .transcript file or a directory")

    def handle(self, *args: object, **options: object) -> None:
        files = transcript_files(list(options["paths"]))  # type: ignore[call-overload]
        if not files:
            raise CommandError("no transcripts found")
        runs: list[TranscriptRun] = []
        for path in files:
            runs.append(run_text(path.read_text(encoding="utf-8"), str(path)))
        self.stdout.write(report(runs), ending="")
        if not all(run.passed for run in runs):
            sys.exit(1)
