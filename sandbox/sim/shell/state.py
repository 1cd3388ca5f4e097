"""The whole state of a shell process as plain data, so it can be saved mid-``sleep`` and resumed.

A ``Process`` holds the source texts it runs (compiled again on restore: see compiler.py) and
its threads of control: thread 0 is the shell itself, the others are background jobs (``cmd &``),
each a forked copy of the shell with its own variables, as a subshell is. A ``Thread`` is a
program counter into one of the sources, an operand stack (outputs of ``$(...)`` and pipeline
stages waiting to be used), a stack of frames (subshells, redirections, loops, function calls,
``eval``/trap handlers), and the shell's variables, options, traps, functions, cwd and file
descriptors. Frames and descriptors are small JSON dicts; nothing holds a Python object.

Descriptor targets: ``{"t": "host", "s": "stdout"}`` (the container's log streams), ``{"t":
"file", "p": path}`` (appended to on every write), ``{"t": "cap", "i": n}`` (a capture buffer of a
``$(...)`` or pipeline stage; ``"pipe": 1`` when the stage's reader is known: pipes.py),
``{"t": "in", "i": n}`` (an input text with a read position, in ``streams``), ``{"t": "null"}``,
``{"t": "closed"}``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any


def _dump_time(t: float | None) -> float | str | None:
    if t is not None and math.isinf(t):
        return "inf"
    return t


def _load_time(t: Any) -> float | None:
    if t == "inf":
        return math.inf
    return None if t is None else float(t)


@dataclass(slots=True)
class Thread:
    tid: int
    pid: int
    vars: dict[str, str] = field(default_factory=dict)
    exported: set[str] = field(default_factory=set)
    positional: list[str] = field(default_factory=list)
    arg0: str = "sh"
    prog: int = 0
    pc: int = 0
    stack: list[str] = field(default_factory=list)
    frames: list[dict[str, Any]] = field(default_factory=list)
    status: int = 0
    funcs: dict[str, list[int]] = field(default_factory=dict)   # name -> [program, pc]
    traps: dict[str, str] = field(default_factory=dict)         # "EXIT", "TERM"... -> action
    opts: str = ""                                              # set -e / -u / -x / -f letters
    cwd: str = "/"
    fds: dict[str, dict[str, Any]] = field(default_factory=dict)
    streams: list[list[Any]] = field(default_factory=list)      # [text, read position]
    captures: list[str] = field(default_factory=list)
    wake: float | None = None            # blocked in sleep until this instant
    waiting: list[int] | None = None     # in `wait` for these job pids ([] = all jobs)
    done: bool = False
    code: int = 0
    last_bg: int | None = None
    line: int = 1
    exiting: int | None = None           # running the EXIT trap, then exits with this code
    exit_after: bool = False             # `exec utility`: exit when the utility is done
    sub_status: int | None = None        # status of the last $(...) of the current command
    pending: list[str] = field(default_factory=list)   # signals sent to itself (kill $$)
    after: dict[str, Any] | None = None  # what a Block leaves to do at wake: status, writes
    rng: int = 0                         # $RANDOM's generator state (ash, bash), seeded from the pid
    spinning: bool = False               # busy for ever (spin.py): wake is inf, yet the CPU is in use
    burst: int = 0                       # instructions run at simulated instant burst_at (run's slices)
    burst_at: float | None = None
    broken: int | None = None            # a write hit a pipe whose reader is gone: SIGPIPE is due to
                                         # the process of the sub frame at this index (pipes.py)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, set):
                value = sorted(value)
            out[f.name] = value
        out["wake"] = _dump_time(self.wake)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Thread:
        kwargs = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        kwargs["exported"] = set(kwargs.get("exported", ()))
        kwargs["wake"] = _load_time(data.get("wake"))
        return cls(**kwargs)

    def fork(self, tid: int, pid: int) -> Thread:
        """A copy for a background job, sharing nothing with this thread."""
        clone = Thread.from_json(_deep(self.to_json()))
        clone.tid, clone.pid = tid, pid
        return clone


def _deep(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep(v) for v in value]
    return value


@dataclass(slots=True)
class Process:
    pid: int
    flavour: str                     # "busybox" | "debian"
    shell: str | None                # "ash" | "dash" | "bash"; None runs one utility directly
    arg0: str                        # the name messages start with: "sh", "/bin/sh", "bash"
    sources: list[str]               # program texts; 0 is the main one
    threads: list[Thread]
    programs: frozenset[str] | None = None   # utilities the image has; None = all implemented
    tty: bool = False
    script_name: str | None = None   # $0 of `sh -c cmd name` or `sh script.sh` (for messages)
    script_path: str | None = None   # `sh script.sh`: read from the file system on first run
    started: bool = False
    next_job: int = 1
    result: dict[str, Any] | None = None     # {"exit": code} or {"exec": argv}
    argv0: str = "sh"                        # the shell's own argv[0] (`sh script.sh`: "sh")
    interactive: bool = False                # the learner's terminal shell (bash -i): see vm.py

    @property
    def main(self) -> Thread:
        return self.threads[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "pid": self.pid, "flavour": self.flavour, "shell": self.shell, "arg0": self.arg0,
            "sources": list(self.sources), "threads": [t.to_json() for t in self.threads],
            "programs": sorted(self.programs) if self.programs is not None else None,
            "tty": self.tty, "script_name": self.script_name, "script_path": self.script_path,
            "started": self.started,
            "next_job": self.next_job, "result": self.result, "argv0": self.argv0,
            "interactive": self.interactive,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Process:
        programs = data.get("programs")
        return cls(
            pid=data["pid"], flavour=data["flavour"], shell=data.get("shell"), arg0=data["arg0"],
            sources=list(data["sources"]), threads=[Thread.from_json(t) for t in data["threads"]],
            programs=frozenset(programs) if programs is not None else None,
            tty=data.get("tty", False), script_name=data.get("script_name"),
            script_path=data.get("script_path"),
            started=data.get("started", False), next_job=data.get("next_job", 1),
            result=data.get("result"), argv0=data.get("argv0", "sh"),
            interactive=data.get("interactive", False),
        )
