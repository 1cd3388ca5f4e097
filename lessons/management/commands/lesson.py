"""``python manage.py lesson ...``: the course's self-test and a plain-text view for instructors.

    lesson test [SLUG ...] [--seed N]     replay each lesson's solution in a fresh sandbox (every step
                                          must pass) and leave another alone (no step may pass)
    lesson show SLUG [--language ko|en]   the lesson's setup, steps, checks, hints and solution

    ok   01-what-is-a-pod  5 steps, 12 checks
    FAIL 02-pod-lifecycle  4 steps, 9 checks
        step "watch": passes on a blank sandbox (setup only) at 0s: every check passes ("watch-1")

Lessons come from settings.LESSONS_DIR (default lessons/content). ``lesson test`` exits with 1
when a lesson fails or does not load.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lessons.runner import self_test
from lessons.schema.model import Check, Lesson, Text, ValueTest
from sandbox.sim.durations import go_duration


def lessons_dir() -> Path:
    configured = getattr(settings, "LESSONS_DIR", None)
    return Path(configured) if configured else Path(settings.BASE_DIR) / "lessons" / "content"


def load_lessons() -> tuple[list[Lesson], list[Any]]:
    from lessons.schema.loader import load_all
    return load_all(lessons_dir())


def describe(value: Any) -> str:
    """A matcher, value test or target in one line: its fields that differ from their defaults."""
    if isinstance(value, ValueTest):
        return f"{value.op} {value.value!r}" if value.op != "equals" else repr(value.value)
    if isinstance(value, Check):
        return describe(value.matcher)
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) and len(v) == 2 for v in value):
        return "{" + ", ".join(f"{k}: {describe(v)}" for k, v in value) + "}"
    if isinstance(value, tuple):
        return "[" + ", ".join(describe(v) for v in value) + "]"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = []
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            default = f.default if f.default is not dataclasses.MISSING else None
            if v != default and v != ():
                parts.append(f"{f.name}={describe(v)}")
        return f"{type(value).__name__}(" + ", ".join(parts) + ")"
    return repr(value)


def _text(text: Text | None, language: str) -> str:
    return "" if text is None else text.get(language).strip()


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.splitlines())


def show(lesson: Lesson, language: str) -> str:
    """The lesson in plain text, in ``language`` (ko or en)."""
    out = [f"{lesson.slug}: {_text(lesson.title, language)} ({lesson.minutes} min, {lesson.points} points)",
           _indent(_text(lesson.summary, language), "  "), ""]
    setup = lesson.setup
    out.append(f"setup: speed {setup.speed:g}x, grading window {go_duration(lesson.grading_window)}")
    for obj in setup.objects:
        meta = obj.get("metadata") or {}
        out.append(f"  object {str(obj.get('kind', '?')).lower()}/{meta.get('name', '?')}"
                   + (f" -n {meta['namespace']}" if meta.get("namespace") else ""))
    out += [f"  file {f.path} ({len(f.content.splitlines())} lines)" for f in setup.files]
    out += [f"  image {i.get('repository', '?')}" for i in setup.images]
    out += [f"  fault at {go_duration(f.at)}: {f.action} {f.node}" for f in setup.faults]
    out += [f"  $ {line}" for line in setup.commands]
    for number, step in enumerate(lesson.steps, 1):
        out += ["", f"{number}. {step.id}: {_text(step.title, language)} ({step.points} points)",
                _indent(_text(step.text, language), "   | "), "   checks:"]
        for check in step.checks:
            out.append(f"     - {check.id} ({check.points} pt): {describe(check)}")
            if check.message is not None:
                out.append(f"       message: {_text(check.message, language)}")
        for index, hint in enumerate(step.hints, 1):
            trigger = ", ".join(t for t in (
                f"after {go_duration(hint.after)}" if hint.after is not None else "",
                f"after {go_duration(hint.after_real)} real" if hint.after_real is not None else "",
                f"when {describe(hint.when)}" if hint.when is not None else "") if t) or "on request"
            out.append(f"   hint {index} ({trigger}): {_text(hint.text, language)}")
        out.append("   solution:")
        out += [f"     $ {line}" for line in step.solution] or ["     (none)"]
        if step.explanation is not None:
            out.append(f"   explanation: {_text(step.explanation, language)}")
    for question in lesson.quiz:
        out += ["", f"quiz {question.id} ({question.points} pt{', several answers' if question.multiple else ''}):"
                    f" {_text(question.text, language)}"]
        out += [f"   [{'x' if c.correct else ' '}] {_text(c.text, language)}" for c in question.choices]
    return "\n".join(out) + "\n"


class Command(BaseCommand):
    help = "Self-test the course's lessons, or show one in plain text."
    # The command reports broken lessons itself (the system check would stop it before it starts).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{test,show}")
        test = actions.add_parser("test", help="replay each lesson's solution; a blank sandbox must pass no step")
        test.add_argument("slugs", nargs="*", metavar="SLUG", help="lessons to test (default: all)")
        test.add_argument("--seed", type=int, default=1, help="the simulation's seed (default 1)")
        view = actions.add_parser("show", help="print a lesson's steps, checks and solution")
        view.add_argument("slug", metavar="SLUG")
        view.add_argument("--language", choices=("ko", "en"), default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        lessons, errors = load_lessons()
        by_slug = {lesson.slug: lesson for lesson in lessons}
        if options["action"] == "show":
            if options["slug"] not in by_slug:
                raise CommandError(f"no lesson {options['slug']!r} in {lessons_dir()}"
                                   + "".join(f"\n  {e}" for e in errors))
            self.stdout.write(show(by_slug[options["slug"]], options["language"]), ending="")
            return
        self._test(lessons, errors, options["slugs"], options["seed"])

    def _test(self, lessons: list[Lesson], errors: list[Any], slugs: list[str], seed: int) -> None:
        for error in errors:
            self.stdout.write(f"error {error}")
        unknown = [s for s in slugs if s not in {lesson.slug for lesson in lessons}]
        for slug in unknown:
            self.stdout.write(f"error no lesson {slug!r} in {lessons_dir()}")
        chosen = [lesson for lesson in lessons if not slugs or lesson.slug in slugs]
        if not chosen and not errors and not unknown:
            raise CommandError(f"no lessons in {lessons_dir()}")
        width = max((len(lesson.slug) for lesson in chosen), default=0)
        failed = 0
        for lesson in chosen:
            result = self_test(lesson, seed=seed)
            checks = sum(len(step.checks) for step in lesson.steps)
            self.stdout.write(f"{'ok  ' if result.passed else 'FAIL'} {lesson.slug:<{width}}  "
                              f"{len(lesson.steps)} steps, {checks} checks")
            for problem in result.problems:
                self.stdout.write(f"    {problem}")
            failed += not result.passed
        if failed or errors or unknown:
            raise CommandError(f"{failed} of {len(chosen)} lessons failed"
                               + (f"; {len(errors)} loading errors" if errors else "")
                               + (f"; unknown: {', '.join(unknown)}" if unknown else ""), returncode=1)
