"""A scripted ``Host`` for tests and experiments: it records what the process prints (with the
instant), answers HTTP and TCP from tables, and lists the processes and kills it is told about.

    host = FakeHost(routes={"http://10.244.1.2/": HttpResponse(200, "OK", body="hi\\n")})
    proc = spawn(["sh", "-c", "wget -qO- http://10.244.1.2/"], {})
    run_to_end(proc, host)      # -> Exited(0); host.stdout == "hi\\n"
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..fs import FileSystem
from ..timefmt import DEFAULT_EPOCH
from .host import HttpResponse, NetError
from .state import Process
from .vm import Blocked, Outcome, run


def _default_fs() -> FileSystem:
    return FileSystem({"/etc/hostname": "pod-a\n"}, frozenset({"/tmp", "/root", "/var/log", "/bin"}))


@dataclass
class FakeHost:
    fs: FileSystem = field(default_factory=_default_fs)
    hostname: str = "pod-a"
    epoch: float = DEFAULT_EPOCH
    # URL, "host:port" or host -> the answer; anything else is refused
    routes: dict[str, HttpResponse | NetError] = field(default_factory=dict)
    programs: set[str] = field(default_factory=set)          # image programs not implemented
    procs: list[tuple[int, list[str]]] = field(default_factory=lambda: [(1, ["sh"])])
    killed: list[tuple[int, str, float]] = field(default_factory=list)
    requests: list[tuple[str, str, list[tuple[str, str]], str | None]] = field(default_factory=list)
    writes: list[tuple[float, str, str]] = field(default_factory=list)

    # -- Host --

    def write(self, stream: str, text: str, now: float) -> None:
        self.writes.append((now, stream, text))

    def unix_time(self, now: float) -> float:
        return self.epoch + now

    def _answer(self, host: str, port: int, url: str | None) -> HttpResponse | NetError:
        for key in ([url] if url else []) + [f"{host}:{port}", host]:
            if key in self.routes:
                return self.routes[key]
        return NetError("refused", address=f"{host}:{port}")

    def http(self, method: str, url: str, headers: list[tuple[str, str]], body: str | None,
             now: float) -> HttpResponse | NetError:
        from .builtins.network import split_url
        self.requests.append((method, url, list(headers), body))
        parts = split_url(url)
        if parts is None:
            return NetError("dns")
        return self._answer(parts[1], parts[2], url)

    def tcp_connect(self, host: str, port: int, now: float) -> NetError | None:
        answer = self._answer(host, port, None)
        return answer if isinstance(answer, NetError) else None

    def has_program(self, name: str) -> bool:
        return name in self.programs

    def kill(self, pid: int, sig: str, now: float) -> bool:
        if not any(p == pid for p, _ in self.procs):
            return False
        self.killed.append((pid, sig, now))
        return True

    def processes(self) -> list[tuple[int, list[str]]]:
        return list(self.procs)

    # -- reading what was printed --

    def text(self, stream: str | None = None) -> str:
        return "".join(t for _, s, t in self.writes if stream is None or s == stream)

    @property
    def stdout(self) -> str:
        return self.text("stdout")

    @property
    def stderr(self) -> str:
        return self.text("stderr")


def run_to_end(proc: Process, host: FakeHost, start: float = 0.0, limit: int = 1000) -> Outcome:
    """Runs the process, waking it whenever it asks, until it exits, execs or sleeps for ever."""
    outcome = run(proc, host, start)
    for _ in range(limit):
        if not isinstance(outcome, Blocked) or math.isinf(outcome.until):
            return outcome
        outcome = run(proc, host, outcome.until)
    return outcome
