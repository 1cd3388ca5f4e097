"""What a check looks at: one sandbox at one simulated instant.

``View.of(session)`` only takes references (the store, the trace, the command log, the shell's
history, the files), so building one after every change of a live sandbox costs nothing; the
checks read them and never write.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandbox.sim.fs import FileSystem, FsError, normpath
from sandbox.sim.store import Store
from sandbox.trace import CommandRecord, Trace

if TYPE_CHECKING:
    from sandbox.session import Session

HOME = "/root"      # the learner's home on the control-plane host (sandbox/terminal/host.py)


def home_path(path: str) -> str:
    """``~`` and ``~/x`` are under /root, and so is a relative path (the shell starts in /root)."""
    if path == "~" or path.startswith("~/"):
        path = HOME + path[1:]
    return normpath(path, HOME)


@dataclass(frozen=True, slots=True)
class View:
    store: Store
    trace: Trace
    commands: list[CommandRecord]
    history: list[str]              # the shell lines typed, in order
    fs: FileSystem | None
    now: float                      # simulated seconds
    epoch: float = 0.0              # the Unix time of simulated instant 0

    @classmethod
    def of(cls, session: Session) -> View:
        cluster = session.cluster
        return cls(store=cluster.store, trace=session.trace, commands=session.commands,
                   history=session.history, fs=session.fs, now=cluster.now, epoch=cluster.epoch)

    @property
    def files(self) -> FileSystem | None:
        """The control-plane host's files (the learner's home is /root)."""
        return self.fs

    def objects(self, resource: str, namespace: str | None = None) -> list[dict[str, Any]]:
        """Stored objects of ``resource`` ("pods", "nodes", "namespaces", "events"), sorted by
        namespace and name; ``namespace`` is ignored for nodes and namespaces."""
        if resource in ("nodes", "namespaces"):
            namespace = None
        return self.store.list(resource, namespace)

    def get(self, resource: str, namespace: str, name: str) -> dict[str, Any] | None:
        return self.store.get(resource, "" if resource in ("nodes", "namespaces") else namespace, name)

    def read_file(self, path: str) -> str | None:
        """A file's text, or None when there is no such (regular) file."""
        if self.fs is None:
            return None
        full = home_path(path)
        try:
            return self.fs.read(full) if self.fs.is_file(full) else None
        except FsError:
            return None
