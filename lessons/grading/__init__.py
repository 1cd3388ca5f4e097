"""Batch grading (issue 7): a submission (manifests or a transcript) in a fresh lesson sandbox,
time fast-forwarded through the lesson's grading window, points per check, reports.

    from lessons.grading import Submission, grade, as_table
    grade(lesson, Submission.of_transcript("alice", text), seed=1).to_json()

Pure, like the lessons' core: reading files is lessons/grading/files.py's job (the outer ring).
"""
from __future__ import annotations

from .formats import FORMATS, as_csv, as_json, as_junit, as_table, render
from .grade import EPOCH, INCREMENT, blank_passes, grade
from .result import CheckGrade, Grade, LogEntry, StepGrade
from .submission import MAX_BYTES, Submission, SubmissionError, looks_like_transcript, submission_from_text

__all__ = ["EPOCH", "FORMATS", "INCREMENT", "MAX_BYTES", "CheckGrade", "Grade", "LogEntry", "StepGrade",
           "Submission", "SubmissionError", "as_csv", "as_json", "as_junit", "as_table", "blank_passes", "grade",
           "looks_like_transcript", "render", "submission_from_text"]
