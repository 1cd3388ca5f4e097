"""The grading API's input, read and checked at the edge (lessons/api.py calls ``read_grade_request``).

Everything a client can get wrong is found here, before a sandbox is built, and raised as
``Refused(status, message, field)``; lessons/api.py turns it into the one error response. Two bodies
are understood (docs/api/grading.openapi.yaml):

- ``application/json``: ``{"lesson": slug, "submission": {"kind": "manifests", "files": [{"path",
  "content"}]} | {"kind": "transcript", "transcript": text}, "name": str?, "seed": int?}``;
- ``multipart/form-data``: fields ``lesson``, ``kind``, ``name``, ``seed``; every uploaded file is a
  manifest (its filename is its path), or ``transcript`` (a field or a file) is the transcript.

The limits keep one request's grading short: grading replays a whole lesson in pure Python on the
request's thread, and simulated time costs real time (about a third of a second per simulated hour
for twenty pods, measured with sandbox.session on a development machine).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.http import HttpRequest
from django.http.multipartparser import MultiPartParser, MultiPartParserError

from lessons.grading.submission import Submission, SubmissionError
from lessons.schema.model import Lesson
from sandbox.session import LINE_LIMIT     # the longest any one line runs before ^C
from sandbox.sim.durations import go_duration, parse_go_duration
from sandbox.transcripts.parse import Command, TimeMove, TranscriptError, parse_transcript

MAX_BODY = 1024 * 1024          # bytes: 413 beyond
MAX_FILES = 50
MAX_PATH = 200
MAX_NAME = 200
MAX_SEED = 2**31 - 1
MAX_COMMANDS = 500              # "$" lines in a transcript
MAX_SIMULATED = 2 * 3600.0      # simulated seconds a transcript may ask for ("@" lines, lab advance, sleep)
KINDS = ("manifests", "transcript")

# What a typed line may ask of the simulated clock (see ``line_time``).
_ADVANCE = re.compile(r"(?:^|[\s;&|(])lab\s+advance\s+['\"]?([0-9][0-9a-zµ.]*)")
_TIMED = re.compile(r"(?:^|[\s;&|(])(?:sleep|timeout)\s+['\"]?([0-9][0-9a-zµ.]*)")
_ENDLESS = re.compile(r"(?:^|[\s;&|(])(?:watch|--watch(?:-only)?|-w|--follow|wait)(?=$|[\s;&|)=])"
                      r"|(?:^|[\s;&|(])(?:logs|tail)\s(?:[^;&|]*\s)?-f(?=$|[\s;&|)])")
_LOOP = re.compile(r"(?:^|[\s;&|(])(?:for|while|until)\s")


class Refused(Exception):
    """A request the API will not grade: the HTTP status, what is wrong, and the field when one is."""

    def __init__(self, status: int, message: str, field: str | None = None):
        super().__init__(message)
        self.status = status
        self.message = f"{field}: {message}" if field else message
        self.field = field


@dataclass(frozen=True, slots=True)
class GradeRequest:
    lesson: str
    submission: Submission
    seed: int


# -- the body ------------------------------------------------------------------------------------
def media_type(request: HttpRequest) -> str:
    return request.content_type.split(";")[0].strip().lower() if request.content_type else ""


def read_body(request: HttpRequest) -> bytes:
    """The raw body, refused (413) past MAX_BODY without reading more than one byte beyond it."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise Refused(400, "Content-Length is not a number") from None
    if declared > MAX_BODY:
        raise Refused(413, f"the body is {declared} bytes; the limit is {MAX_BODY}")
    body = request.read(MAX_BODY + 1)
    if len(body) > MAX_BODY:
        raise Refused(413, f"the body is over {MAX_BODY} bytes")
    if not body:
        raise Refused(400, "the body is empty")
    return body


def read_grade_request(request: HttpRequest) -> GradeRequest:
    """The grade request in ``request``, checked; ``Refused`` names what is wrong."""
    kind = media_type(request)
    if kind not in ("application/json", "multipart/form-data"):
        raise Refused(415, f"send application/json or multipart/form-data, not {kind or 'no Content-Type'}")
    body = read_body(request)
    data = _from_json(body) if kind == "application/json" else _from_multipart(request, body)
    return _checked(data)


def _from_json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except UnicodeDecodeError:
        raise Refused(400, "the body is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise Refused(400, f"the body is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise Refused(400, "the body must be a JSON object")
    return data


def _from_multipart(request: HttpRequest, body: bytes) -> dict[str, Any]:
    """The same shape as the JSON body: form fields as strings, uploads as files or the transcript."""
    try:
        fields, uploads = MultiPartParser(request.META, BytesIO(body), request.upload_handlers,
                                          request.encoding).parse()
    except MultiPartParserError as exc:
        raise Refused(400, f"the multipart body cannot be read: {exc}") from None
    data: dict[str, Any] = {key: fields.get(key) for key in ("lesson", "name", "seed") if key in fields}
    if "seed" in data:
        try:
            data["seed"] = int(data["seed"])
        except ValueError:
            raise Refused(400, "must be an integer", "seed") from None
    files, transcript = [], fields.get("transcript")
    for key, upload in uploads.lists():
        for item in upload:
            text = _text(item.read(), f"submission.files[{item.name}]")
            if key == "transcript":
                transcript = text
            else:
                files.append({"path": item.name, "content": text})
    # No kind given: a transcript field, or one upload named *.transcript, is a transcript.
    lone_transcript = len(files) == 1 and files[0]["path"].endswith(".transcript")
    if lone_transcript and transcript is None:
        transcript = files.pop()["content"]
    submission_kind = fields.get("kind") or ("transcript" if transcript is not None else "manifests")
    submission: dict[str, Any] = {"kind": submission_kind}
    if transcript is not None:
        submission["transcript"] = transcript
    if files or submission_kind == "manifests":
        submission["files"] = files
    data["submission"] = submission
    return data


def _text(raw: bytes, field: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "is not UTF-8 text", field) from None


# -- the fields ----------------------------------------------------------------------------------
def _string(data: dict[str, Any], key: str, field: str, *, required: bool = True, limit: int = MAX_NAME) -> str | None:
    if key not in data or data[key] is None:
        if required:
            raise Refused(400, "is required", field)
        return None
    value = data[key]
    if not isinstance(value, str):
        raise Refused(400, f"must be a string, not {_json_type(value)}", field)
    if required and not value.strip():
        raise Refused(400, "is empty", field)
    if len(value) > limit:
        raise Refused(400, f"is longer than {limit} characters", field)
    return value


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array",
            dict: "an object"}.get(type(value), type(value).__name__)


def _checked(data: dict[str, Any]) -> GradeRequest:
    unknown = sorted(set(data) - {"lesson", "submission", "name", "seed"})
    if unknown:
        raise Refused(400, "is not a field of a grade request", unknown[0])
    lesson = _string(data, "lesson", "lesson", limit=100)
    name = _string(data, "name", "name", required=False) or "submission"
    seed = data.get("seed", 1)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise Refused(400, f"must be an integer, not {_json_type(seed)}", "seed")
    if not 0 <= seed <= MAX_SEED:
        raise Refused(400, f"must be between 0 and {MAX_SEED}", "seed")
    submission = data.get("submission")
    if submission is None:
        raise Refused(400, "is required", "submission")
    if not isinstance(submission, dict):
        raise Refused(400, f"must be an object, not {_json_type(submission)}", "submission")
    kind = _string(submission, "kind", "submission.kind")
    if kind not in KINDS:
        raise Refused(400, f"must be one of {', '.join(KINDS)}, not {kind!r}", "submission.kind")
    if kind == "manifests":
        extra = sorted(set(submission) - {"kind", "files"})
        if extra:
            raise Refused(400, "belongs to a transcript submission" if extra[0] == "transcript"
                          else "is not a field of a submission", f"submission.{extra[0]}")
        return GradeRequest(lesson, _submission(Submission.of_manifests, name, _files(submission.get("files")),  # type: ignore[arg-type]
                                                "submission.files"), seed)
    extra = sorted(set(submission) - {"kind", "transcript"})
    if extra:
        raise Refused(400, "belongs to a manifests submission" if extra[0] == "files"
                      else "is not a field of a submission", f"submission.{extra[0]}")
    transcript = _string(submission, "transcript", "submission.transcript", required=False, limit=MAX_BODY)
    if transcript is None:
        raise Refused(400, "is required", "submission.transcript")
    return GradeRequest(lesson, _submission(Submission.of_transcript, name, transcript, "submission.transcript"),  # type: ignore[arg-type]
                        seed)


def _submission(make: Any, name: str, content: Any, field: str) -> Submission:
    """lessons.grading's own rules (manifest suffixes, paths, the transcript format), at the edge."""
    try:
        return make(name, content)
    except SubmissionError as err:
        raise Refused(400, str(err), field) from None


def _files(files: Any) -> tuple[tuple[str, str], ...]:
    field = "submission.files"
    if files is None:
        raise Refused(400, "is required", field)
    if not isinstance(files, list):
        raise Refused(400, f"must be an array, not {_json_type(files)}", field)
    if len(files) > MAX_FILES:
        raise Refused(400, f"has {len(files)} files; the limit is {MAX_FILES}", field)
    out = []
    for i, item in enumerate(files):
        where = f"{field}[{i}]"
        if not isinstance(item, dict):
            raise Refused(400, f"must be an object, not {_json_type(item)}", where)
        path = _string(item, "path", f"{where}.path", limit=MAX_PATH)
        content = _string(item, "content", f"{where}.content", required=False, limit=MAX_BODY)
        if content is None:
            raise Refused(400, "is required", f"{where}.content")
        out.append((path, content))
    return tuple(out)  # type: ignore[return-value]


# -- what a transcript asks of the clock ---------------------------------------------------------
def check_transcript(text: str, lesson: Lesson) -> None:
    """Refuses a transcript that cannot be read, has more than MAX_COMMANDS commands, or may take
    simulated time past MAX_SIMULATED ("@" lines, and each line as ``line_time`` reads it); the
    lesson's grading window comes after."""
    field = "submission.transcript"
    try:
        transcript = parse_transcript(text, "transcript")
    except TranscriptError as exc:
        raise Refused(400, str(exc), field) from None
    commands = [step for step in transcript.steps if isinstance(step, Command)]
    if len(commands) > MAX_COMMANDS:
        raise Refused(400, f"has {len(commands)} commands; the limit is {MAX_COMMANDS}", field)
    now = 0.0
    for step in transcript.steps:
        if isinstance(step, TimeMove):
            now = now + step.seconds if step.relative else max(now, step.seconds)
        else:
            now += line_time(step.text, step.line)
        if now > MAX_SIMULATED:
            raise Refused(400, f"line {step.line} may take simulated time to {go_duration(now)}; a submission may "
                          f"use at most {go_duration(MAX_SIMULATED)} (then the lesson observes "
                          f"{go_duration(lesson.grading_window)} more). A line that waits until stopped "
                          f"(watch, -w, -f, wait) counts as {go_duration(LINE_LIMIT)}, the most it may run: "
                          f"write `timeout 30s kubectl get pods -w` instead", field)


def line_time(typed: str, number: int) -> float:
    """The most simulated time a typed line may take, read from its words: ``lab advance D`` moves the
    clock at once (any amount: counted in full); otherwise a line runs until it ends or is cut at
    LINE_LIMIT, and ``sleep D``/``timeout D`` say how long it waits, a line that waits until stopped
    (``watch``, ``-w``, ``-f``, ``kubectl wait``) waits LINE_LIMIT. Shell loops could repeat
    ``lab advance`` without bound, so the two are refused together."""
    advances = [_seconds(word) for word in _ADVANCE.findall(typed)]
    if advances and _LOOP.search(typed):
        raise Refused(400, f"line {number}: `lab advance` inside a shell loop cannot be bounded; "
                      f"advance the total once", "submission.transcript")
    waits = sum(_seconds(word) for word in _TIMED.findall(typed))
    if not waits and _ENDLESS.search(typed):
        waits = LINE_LIMIT
    return sum(advances) + min(waits, LINE_LIMIT)


def _seconds(word: str) -> float:
    """``30`` (sleep's seconds) or a Go duration; 0 for what the command itself will refuse."""
    try:
        return float(word) if re.fullmatch(r"[0-9.]+", word) else parse_go_duration(word)
    except ValueError:
        return 0.0
