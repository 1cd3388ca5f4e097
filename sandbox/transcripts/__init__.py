"""Transcripts: terminal sessions written down, run against fresh sandboxes (the acceptance tests
of shared/conformance and the format instructors test lessons with).

``parse_transcript`` reads the format (parse.py), ``matches`` compares output with the expected
lines (match.py), ``run_transcript``/``run_text`` run one and ``report`` words the result
(run.py). All pure: the caller reads the files (``manage.py transcript PATH...``).
"""
from __future__ import annotations

from .match import align, line_matches, matches, output_lines
from .parse import Command, TimeMove, Transcript, TranscriptError, parse_transcript
from .run import TranscriptRun, report, run_text, run_transcript

__all__ = [
    "Command", "TimeMove", "Transcript", "TranscriptError", "TranscriptRun", "align", "line_matches",
    "matches", "output_lines", "parse_transcript", "report", "run_text", "run_transcript",
]
