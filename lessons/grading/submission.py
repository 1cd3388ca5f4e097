"""What a learner hands in for batch grading: manifests, or a transcript of commands.

A ``Submission`` is plain data (names and texts), so the grader never touches the disk: the
management command reads files with lessons/grading/files.py, the HTTP API builds one from a
request body (``submission_from_text``). Building one validates it, so an invalid submission
never reaches the grader:

- ``manifests``: ``files`` is a tuple of ``(relative path, text)``; paths are relative, use ``/``,
  contain no ``..`` and end in .yaml, .yml or .json (each is applied with ``kubectl apply -f``);
  no two are the same. No files at all is allowed: the empty submission (it scores 0).
- ``transcript``: ``transcript`` is the text of a conformance transcript
  (shared/conformance/README.md: ``$ command`` lines, ``@ +30s`` time moves); it must parse, and a
  format error names the submission and the line.

Either kind is at most ``MAX_BYTES`` of text in all. Plain Python: no Django, no clock.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sandbox.transcripts.parse import Transcript, TranscriptError, is_command, is_time_move, parse_transcript

Kind = Literal["manifests", "transcript"]
KINDS = ("manifests", "transcript")
MAX_BYTES = 1 << 20                      # 1 MiB of text per submission
MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")
TRANSCRIPT_SUFFIX = ".transcript"


class SubmissionError(ValueError):
    """The submission cannot be graded: unreadable, too large, or not a manifest or transcript.
    The message names it: ``alice.yaml: larger than 1 MiB (1.4 MiB)``."""


@dataclass(frozen=True, slots=True)
class Submission:
    name: str
    kind: Kind
    files: tuple[tuple[str, str], ...] = ()
    transcript: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise SubmissionError(f"{self.name}: kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        if self.kind == "manifests":
            if self.transcript is not None:
                raise SubmissionError(f"{self.name}: a manifests submission has no transcript")
            _check_files(self.name, self.files)
            size = sum(len(text.encode("utf-8")) for _, text in self.files)
        else:
            if self.files or not isinstance(self.transcript, str):
                raise SubmissionError(f"{self.name}: a transcript submission has its text in `transcript` "
                                      f"and no files")
            size = len(self.transcript.encode("utf-8"))
            self.parsed()       # a format error is the submission's error, found now
        if size > MAX_BYTES:
            raise SubmissionError(f"{self.name}: larger than 1 MiB ({size / MAX_BYTES:.1f} MiB)")

    @classmethod
    def of_manifests(cls, name: str, files: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> Submission:
        """Manifests, kept in path order (the order they are applied in)."""
        return cls(name, "manifests", tuple(sorted((str(p), str(t)) for p, t in files)))

    @classmethod
    def of_transcript(cls, name: str, text: str) -> Submission:
        return cls(name, "transcript", (), text)

    def parsed(self) -> Transcript:
        """The transcript, parsed (a transcript submission only)."""
        try:
            return parse_transcript(self.transcript or "", self.name)
        except TranscriptError as err:
            raise SubmissionError(str(err)) from None


def _check_files(name: str, files: tuple[tuple[str, str], ...]) -> None:
    seen: set[str] = set()
    for entry in files:
        if not (isinstance(entry, tuple) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise SubmissionError(f"{name}: each file is a (relative path, text) pair, not {entry!r}")
        path = entry[0]
        parts = path.split("/")
        if not path or path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts):
            raise SubmissionError(f"{name}: {path!r} is not a relative path such as pod.yaml or dir/pod.yaml")
        if not path.lower().endswith(MANIFEST_SUFFIXES):
            raise SubmissionError(f"{name}: {path} is not a manifest (.yaml, .yml or .json)")
        if path in seen:
            raise SubmissionError(f"{name}: {path} is given twice")
        seen.add(path)


def looks_like_transcript(text: str) -> bool:
    """A transcript's first line that is not blank and not a ``#`` comment is a ``$ `` command or an
    ``@ `` time move (a YAML file's is a key, or ``---``)."""
    for line in text.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        return is_command(line) or is_time_move(line)
    return False


def submission_from_text(name: str, text: str, filename: str | None = None) -> Submission:
    """One text, as an upload or a request body brings it: a transcript when ``filename`` ends in
    .transcript or the text looks like one, else a single manifest (``filename``, default
    ``<name>.yaml`` when the name has no manifest suffix)."""
    filename = filename or name
    if filename.endswith(TRANSCRIPT_SUFFIX) or (not filename.lower().endswith(MANIFEST_SUFFIXES)
                                                  and looks_like_transcript(text)):
        return Submission.of_transcript(name, text)
    path = filename.rsplit("/", 1)[-1]
    if not path.lower().endswith(MANIFEST_SUFFIXES):
        path = f"{path or 'submission'}.yaml"
    return Submission.of_manifests(name, [(path, text)])
