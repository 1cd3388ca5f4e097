"""Running transcripts in fresh sandboxes and reporting the differences.

Each transcript gets a new ``Session`` with its seed, the clock at 0 and the wall clock standing
still: simulated time moves only at ``@`` lines and while a command waits (``Session.execute``).
Every command is run even after one fails, so a report shows all the differences. A failing
transcript is reported as a unified diff of the transcript as written against the transcript as
it happened, the commands and ``@`` lines being the context; where the output agrees with a
pattern the pattern is shown, so only real differences stand out.
"""
from __future__ import annotations

import difflib
import traceback
from dataclasses import dataclass, field
from typing import Callable

from sandbox.session import Session

from .match import align, matches, output_lines
from .parse import Command, TimeMove, Transcript, TranscriptError, parse_transcript

CRASH_LINES = 8     # the innermost frames of a crash's traceback, shown in the diff


@dataclass(slots=True)
class TranscriptRun:
    name: str
    passed: bool
    expected: list[str] = field(default_factory=list)   # the transcript as written
    actual: list[str] = field(default_factory=list)     # as it happened
    error: str = ""                                     # a format error or a crash

    def diff(self) -> str:
        if self.passed:
            return ""
        if self.error and not self.actual:
            return self.error + "\n"
        lines = difflib.unified_diff(self.expected, self.actual, f"{self.name} (expected)",
                                     f"{self.name} (actual)", lineterm="")
        return "\n".join(lines) + "\n" + (self.error + "\n" if self.error else "")


def _typed(command: Command) -> list[str]:
    first, *rest = command.text.split("\n")
    return [f"$ {first}".rstrip() if first else "$"] + rest


def run_transcript(transcript: Transcript, session_factory: Callable[[int], Session] | None = None) -> TranscriptRun:
    make = session_factory or (lambda seed: Session(seed, screen=False))
    session = make(transcript.seed)
    run = TranscriptRun(transcript.name, True, list(transcript.header), list(transcript.header))
    for step in transcript.steps:
        if isinstance(step, TimeMove):
            run.expected.append(step.written)
            run.actual.append(step.written)
            target = session.now + step.seconds if step.relative else max(session.now, step.seconds)
            session.advance_to(target)
            continue
        typed = _typed(step)
        run.expected += typed + list(step.expected)
        run.actual += typed
        try:
            lines = output_lines(session.execute(step.text).output)
        except Exception:  # noqa: BLE001  (a crash fails this transcript, not the whole run)
            run.passed = False
            run.actual.append("!! podlab crashed:")
            run.actual += ["!! " + line for line in traceback.format_exc().rstrip().split("\n")[-CRASH_LINES:]]
            run.error = f"{transcript.name}:{step.line}: the sandbox crashed on this command"
            return run
        if matches(step.expected, lines):
            run.actual += [line.rstrip() for line in step.expected]
        else:
            run.passed = False
            run.actual += align(step.expected, lines)
    return run


def run_text(text: str, name: str) -> TranscriptRun:
    try:
        transcript = parse_transcript(text, name)
    except TranscriptError as exc:
        return TranscriptRun(name, False, error=str(exc))
    return run_transcript(transcript)


def report(runs: list[TranscriptRun]) -> str:
    """A line per transcript, the diffs of those that failed, and ``N passed, M failed``."""
    out = []
    for run in runs:
        out.append(f"{'ok  ' if run.passed else 'FAIL'} {run.name}")
    failed = [run for run in runs if not run.passed]
    for run in failed:
        out.append("")
        out.append(run.diff().rstrip("\n"))
    out.append("")
    out.append(f"{len(runs) - len(failed)} passed, {len(failed)} failed")
    return "\n".join(out) + "\n"
