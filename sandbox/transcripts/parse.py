"""Reading a transcript (the format of shared/conformance/README.md).

    # comments before the first command; "# seed: 7" sets the sandbox's seed (default 1)
    $ COMMAND            a line typed at the prompt; here-document bodies follow it, as in bash
    expected output      up to the next "$" or "@" line
    @ +30s               move simulated time forward by a Go duration
    @ 2m                 move it to 2m after the start (never backwards)

A file that does not follow the format raises ``TranscriptError`` naming the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from sandbox.sim.durations import parse_go_duration
from sandbox.terminal.input import read_command

_SEED = re.compile(r"#\s*seed:\s*(\d+)\s*$")


class TranscriptError(ValueError):
    """The text is not a transcript: ``name:line: what is wrong``."""


@dataclass(frozen=True, slots=True)
class Command:
    text: str                    # what is typed, here-document bodies included
    expected: tuple[str, ...]    # expected output lines, as written
    line: int                    # where the "$" line is (1-based)


@dataclass(frozen=True, slots=True)
class TimeMove:
    seconds: float
    relative: bool               # "@ +30s" (True) or "@ 30s" (False)
    written: str                 # the line as written
    line: int


Step = Union[Command, TimeMove]


@dataclass(frozen=True, slots=True)
class Transcript:
    name: str
    seed: int
    header: tuple[str, ...]      # the comment lines before the first step
    steps: tuple[Step, ...]


def is_command(line: str) -> bool:
    return line == "$" or line.startswith("$ ")


def is_time_move(line: str) -> bool:
    return line.startswith("@ ")


def _time_move(name: str, number: int, line: str) -> TimeMove:
    spec = line[2:].strip()
    relative = spec.startswith("+")
    try:
        seconds = parse_go_duration(spec[1:] if relative else spec)
    except ValueError as exc:
        raise TranscriptError(f"{name}:{number}: {exc}") from None
    if seconds < 0:
        raise TranscriptError(f"{name}:{number}: time only moves forward: {line!r}")
    return TimeMove(seconds, relative, line, number)


def parse_transcript(text: str, name: str = "<transcript>") -> Transcript:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()        # the newline that ends the last line
    seed, header, i = 1, [], 0
    while i < len(lines) and not (is_command(lines[i]) or is_time_move(lines[i])):
        line = lines[i]
        if line.strip() and not line.startswith("#"):
            raise TranscriptError(f"{name}:{i + 1}: expected a comment, a '$ command' or an '@ time' line, "
                                  f"found {line!r}")
        m = _SEED.match(line)
        if m:
            seed = int(m.group(1))
        header.append(line)
        i += 1
    steps: list[Step] = []
    while i < len(lines):
        number = i + 1
        line = lines[i]
        if is_time_move(line):
            steps.append(_time_move(name, number, line))
            i += 1
            while i < len(lines) and not (is_command(lines[i]) or is_time_move(lines[i])):
                if lines[i].strip():
                    raise TranscriptError(f"{name}:{i + 1}: output after an '@' line belongs to no command")
                i += 1
            continue
        typed, i, complete = read_command(lines, i, first=line[2:])
        if not complete:
            raise TranscriptError(f"{name}:{number}: the here-document of {line!r} has no terminator line")
        expected = []
        while i < len(lines) and not (is_command(lines[i]) or is_time_move(lines[i])):
            expected.append(lines[i])
            i += 1
        steps.append(Command(typed, tuple(expected), number))
    return Transcript(name, seed, tuple(header), tuple(steps))
