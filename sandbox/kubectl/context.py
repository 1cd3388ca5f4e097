"""What one kubectl invocation may use, and how a command that waits asks for time to pass.

``Kube`` is built by the learner's shell (sandbox/session.py) for every ``kubectl ...`` it runs and
handed to the verb (sandbox/kubectl/cmd/<verb>.py). Verbs write through ``out``/``err`` and return
an exit status, or a ``Wait`` when they must let simulated time pass before they are done
(``kubectl delete`` waiting for the object to go, ``kubectl wait``, ``get -w``, ``logs -f``).

A ``Wait`` names a *waiter* registered in ``WAITERS`` and carries plain-data ``args`` (JSON-able:
strings, numbers, lists, dicts). The shell then repeatedly calls the waiter's ``poll`` at the
instants the cluster changes (and at the deadline), until ``poll`` says it is done; a waiter may
print while it polls (a watch prints a row per change). Keeping the state as data is what lets a
sandbox be saved in the middle of ``kubectl get -w`` and resumed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Protocol

if TYPE_CHECKING:
    from sandbox.sim.cluster import Cluster
    from sandbox.sim.fs import FileSystem
    from sandbox.sim.server import ApiServer


@dataclass(slots=True)
class Kube:
    cluster: Cluster
    fs: FileSystem                   # the learner's files on the control-plane host
    cwd: str                         # the shell's working directory (relative -f paths)
    stdin: str                       # everything on standard input (``-f -``, heredocs, pipes)
    out: Callable[[str], None]       # standard output
    err: Callable[[str], None]       # standard error
    namespace: str = "default"       # the kubeconfig context's namespace
    env: dict[str, str] = field(default_factory=dict)
    tty: bool = False                # standard output is the terminal (``-it``, colours: never)

    @property
    def api(self) -> ApiServer:
        return self.cluster.api

    @property
    def now(self) -> float:
        """Simulated seconds since the cluster started."""
        return self.cluster.now

    @property
    def unix_now(self) -> float:
        """The instant as Unix seconds, for AGE columns and event ages."""
        return self.cluster.epoch + self.cluster.now


@dataclass(slots=True)
class Wait:
    """Returned by a verb that is not done yet: poll ``waiter`` with ``args`` until it finishes.

    ``deadline`` is an absolute simulated instant (None: no limit, as ``kubectl delete`` without
    ``--timeout``); when it passes, ``poll`` is called with ``expired=True`` one last time."""

    waiter: str
    args: dict[str, Any]
    deadline: float | None = None


@dataclass(slots=True)
class Poll:
    """A waiter's answer: done with ``status``, or keep waiting (``args`` may carry new state)."""

    done: bool
    status: int = 0
    args: dict[str, Any] | None = None


class Waiter(Protocol):
    def __call__(self, k: Kube, args: dict[str, Any], expired: bool) -> Poll: ...


# name -> poll function; filled by the verbs' modules when sandbox.kubectl.cmd is imported.
WAITERS: dict[str, Waiter] = {}


def waiter(name: str) -> Callable[[Waiter], Waiter]:
    """Decorator registering a poll function under ``name``."""
    def register(fn: Waiter) -> Waiter:
        WAITERS[name] = fn
        return fn
    return register
