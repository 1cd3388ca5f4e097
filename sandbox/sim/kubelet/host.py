"""What a process in a container sees of the world (the shell's Host protocol), and the result of
an exec. The runtime (runtime.py) creates these; nothing here keeps state of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..catalogue import ImageSpec, ServerSpec
from ..fs import FileSystem
from ..programs import ServerProcess
from .answers import StaticAnswers
from .state import ContainerRecord, Instance, PodState

if TYPE_CHECKING:
    from .runtime import Runtime


@dataclass(slots=True)
class Live:
    fs: FileSystem
    proc: Any                       # shell.Process | ServerProcess | None
    server: ServerSpec | None
    image: ImageSpec
    flavour: str
    programs: frozenset[str] | None
    env: dict[str, str]
    # What the container's web server answered from its files, while they stay unchanged.
    answers: StaticAnswers = field(default_factory=StaticAnswers, repr=False)


@dataclass(slots=True)
class ExecResult:
    output: list[tuple[str, str]] = field(default_factory=list)   # (stream, text) in order
    exit_code: int = 0
    elapsed: float = 0.0
    timed_out: bool = False
    start_error: str = ""

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.output)


class ContainerHost:
    """The world as a process in one container sees it (the shell's Host protocol)."""

    def __init__(self, runtime: Runtime, ps: PodState, rec: ContainerRecord, inst: Instance,
                 live: Live, sink: ExecResult | None = None) -> None:
        self.runtime, self.ps, self.rec, self.inst, self.live, self.sink = runtime, ps, rec, inst, live, sink
        self.fs = live.fs
        self.hostname = ps.name

    def write(self, stream: str, text: str, now: float) -> None:
        if self.sink is not None:
            self.sink.output.append((stream, text))
        else:
            self.runtime.log(self.inst, stream, text, now)

    def unix_time(self, now: float) -> float:
        return self.runtime.cluster.epoch + now

    def http(self, method: str, url: str, headers: list[tuple[str, str]], body: str | None, now: float) -> Any:
        return self.runtime.cluster.http_from_pod(self.ps, method, url, headers, body or "")

    def tcp_connect(self, host: str, port: int, now: float) -> Any:
        return self.runtime.cluster.tcp_from_pod(self.ps, host, port)

    def has_program(self, name: str) -> bool:
        return self.runtime.catalogue.provides_binary(self.live.image, name)

    def kill(self, pid: int, sig: str, now: float) -> bool:
        if pid != 1:
            return False
        self.runtime.signal_later(self.ps, self.rec, self.inst, sig)
        return True

    def processes(self) -> list[tuple[int, list[str]]]:
        proc = self.live.proc
        if isinstance(proc, ServerProcess):
            return [(1, list(proc.argv))]
        argv0 = getattr(proc, "argv0", "") or getattr(proc, "arg0", "") or "sh"
        if getattr(proc, "shell", None) and proc.sources and proc.sources[0]:
            return [(1, [argv0, "-c", proc.sources[0]])]
        return [(1, [argv0] + ([proc.sources[0]] if proc.sources else []))]
