"""The seeds the fuzz tests mutate: what learners, lessons and transcripts really type and apply.

- ``LINES``: every command line of our transcripts (tests/transcripts), the shared conformance
  transcripts and the lessons' reference solutions;
- ``KUBECTL_ARGVS``: those of them that are one ``kubectl ...`` command, split as bash splits them;
- ``MANIFESTS``: the text of every manifest in the repository: tests/sim/manifests, the grading
  submissions, and the lessons' setup files and objects (dumped as YAML and as JSON).
"""
from __future__ import annotations

import json
import os
import shlex
from functools import cache
from pathlib import Path

import yaml

from sandbox.transcripts import Command, parse_transcript

ROOT = Path(__file__).resolve().parents[2]


def _conformance_dir() -> Path | None:
    for candidate in (os.environ.get("PODLAB_CONFORMANCE", ""), str(ROOT.parent / "shared" / "conformance"),
                      "/work/shared/conformance"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def _transcripts() -> list[Path]:
    paths = sorted((ROOT / "tests" / "transcripts").glob("*.transcript"))
    conformance = _conformance_dir()
    if conformance is not None:
        paths += sorted(conformance.glob("*.transcript"))
    return paths


def _lessons() -> list[dict]:
    return [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "lessons" / "content").glob("*/lesson.yaml"))]


@cache
def lines() -> tuple[str, ...]:
    found: list[str] = []
    for path in _transcripts():
        transcript = parse_transcript(path.read_text(), path.name)
        found += [step.text for step in transcript.steps if isinstance(step, Command)]
    for lesson in _lessons():
        for step in lesson.get("steps") or []:
            found += [str(line) for line in step.get("solution") or []]
    return tuple(dict.fromkeys(found))   # unique, in a stable order


@cache
def kubectl_argvs() -> tuple[tuple[str, ...], ...]:
    argvs: list[tuple[str, ...]] = []
    for line in lines():
        try:
            words = shlex.split(line)
        except ValueError:
            continue
        if len(words) > 1 and words[0] == "kubectl" and not set(words) & {"|", ";", "&&", "||", ">", "<<"}:
            argvs.append(tuple(words[1:]))
    return tuple(dict.fromkeys(argvs))


@cache
def manifests() -> tuple[str, ...]:
    texts = [p.read_text() for p in sorted((ROOT / "tests" / "sim" / "manifests").glob("*"))]
    submissions = ROOT / "tests" / "grading" / "submissions"
    texts += [p.read_text() for p in sorted(submissions.rglob("*")) if p.suffix in (".yaml", ".yml", ".json")]
    for lesson in _lessons():
        setup = lesson.get("setup") or {}
        texts += [str(f["content"]) for f in setup.get("files") or [] if "content" in f]
        for obj in setup.get("objects") or []:
            texts += [yaml.safe_dump(obj, sort_keys=False), json.dumps(obj)]
    return tuple(dict.fromkeys(texts))
