"""The world around a shell process: what the caller (the kubelet's container runtime, ``kubectl
exec``) implements so the process can print, reach the network, signal and list processes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ..net import HttpResponse, HttpResult, NetError

if TYPE_CHECKING:
    from ..fs import FileSystem

__all__ = ["Host", "HttpResponse", "HttpResult", "NetError"]


class Host(Protocol):
    fs: FileSystem
    hostname: str

    def write(self, stream: str, text: str, now: float) -> bool | None:
        """What the process prints on "stdout" or "stderr" at simulated instant ``now``. False:
        the text was dropped, and so will be everything the shell's main thread prints until its
        line ends (the learner's terminal past its output limit): a busy loop that only prints
        that is as silent as one that prints nothing (spin.py)."""

    def unix_time(self, now: float) -> float:
        """The wall-clock Unix time of simulated instant ``now`` (for ``date``)."""

    def http(self, method: str, url: str, headers: list[tuple[str, str]], body: str | None,
             now: float) -> HttpResult:
        """One HTTP request from this container."""

    def tcp_connect(self, host: str, port: int, now: float) -> NetError | None:
        """Opens (and closes) a TCP connection; None when it was accepted."""

    def has_program(self, name: str) -> bool:
        """Whether the image provides this executable that the shell does not implement itself
        (nginx, redis-server, agnhost...): the shell then returns ``Exec(argv)``."""

    def kill(self, pid: int, sig: str, now: float) -> bool:
        """Sends a signal to another process of the container; False when there is none."""

    def processes(self) -> list[tuple[int, list[str]]]:
        """(pid, argv) of every process in the container, for ``ps``."""

    # Optional: ``command(name) -> Callable[[Ctx], int | Effect] | None`` adds commands of the
    # host's own, found after the shell's builtins and before the image's utilities.
