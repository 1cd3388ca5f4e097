"""Reading a submission from the disk: the outer ring of lessons/grading (it opens files, so it is
left out of the purity test's packages; everything else in the package is pure).

``read_submission(path)`` takes:

- a manifest file (.yaml, .yml, .json): a manifests submission of that one file;
- a directory: every manifest under it (recursively, in path order; other files and hidden
  ``.names`` are skipped); a directory without any is the empty submission;
- a transcript: a ``*.transcript`` file, or any other file whose first command line starts with
  ``$ `` (shared/conformance/README.md).

A problem raises ``SubmissionError`` naming the path: not found, unreadable, not UTF-8, larger than
1 MiB (per file, and for a directory in all), or neither a manifest nor a transcript.
"""
from __future__ import annotations

import os
from pathlib import Path

from .submission import (MANIFEST_SUFFIXES, MAX_BYTES, TRANSCRIPT_SUFFIX, Submission, SubmissionError,
                         looks_like_transcript)


def read_submission(path: str | os.PathLike[str], name: str | None = None) -> Submission:
    """The submission at ``path``, named ``name`` (default: the file or folder's name)."""
    where = Path(path)
    shown = str(path)
    name = name or where.resolve().name or shown
    if where.is_dir():
        return _directory(where, shown, name)
    if not where.exists():
        raise SubmissionError(f"{shown}: no such file or directory")
    if not where.is_file():
        raise SubmissionError(f"{shown}: not a file or a directory")
    text = _read(where, shown, MAX_BYTES)
    if where.name.lower().endswith(MANIFEST_SUFFIXES):
        return _named(Submission.of_manifests, name, [(where.name, text)], shown)
    if where.name.endswith(TRANSCRIPT_SUFFIX) or looks_like_transcript(text):
        return _named(Submission.of_transcript, name, text, shown)
    raise SubmissionError(f"{shown}: not a manifest (.yaml, .yml, .json) or a transcript (a .transcript "
                          f"file, or one whose first command line starts with \"$ \")")


def _directory(root: Path, shown: str, name: str) -> Submission:
    files: list[tuple[str, str]] = []
    left = MAX_BYTES
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(names):
            if file.startswith(".") or not file.lower().endswith(MANIFEST_SUFFIXES):
                continue
            full = Path(folder) / file
            relative = full.relative_to(root).as_posix()
            text = _read(full, f"{shown.rstrip('/')}/{relative}", left, total_of=shown)
            left -= len(text.encode("utf-8"))
            files.append((relative, text))
    return _named(Submission.of_manifests, name, files, shown)


def _read(path: Path, shown: str, limit: int, total_of: str | None = None) -> str:
    try:
        size = path.stat().st_size
        if size > limit:
            raise SubmissionError(_too_big(total_of or shown, size if total_of is None else None))
        data = path.read_bytes()
    except SubmissionError:
        raise
    except OSError as err:
        raise SubmissionError(f"{shown}: cannot be read ({err.strerror or err})") from None
    if len(data) > limit:
        raise SubmissionError(_too_big(total_of or shown, len(data) if total_of is None else None))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SubmissionError(f"{shown}: not UTF-8 text (byte {err.start})") from None


def _too_big(shown: str, size: int | None) -> str:
    if size is None:
        return f"{shown}: its manifests are larger than 1 MiB in all"
    return f"{shown}: larger than 1 MiB ({size / MAX_BYTES:.1f} MiB)"


def _named(make, name: str, content, shown: str) -> Submission:  # type: ignore[no-untyped-def]
    """The submission, its errors naming the path as given rather than the submission's name."""
    try:
        return make(name, content)
    except SubmissionError as err:
        message = str(err)
        if message.startswith(f"{name}:") and name != shown:
            message = f"{shown}:" + message[len(name) + 1:]
        raise SubmissionError(message) from None
