"""A volume: a small directory tree of text files, owned by a pod rather than a container.

An ``emptyDir`` is one ``Volume`` shared by every container of the pod that mounts it (writes by one
are seen by the others, as on a real node); a configMap, secret or downwardAPI volume is a
``Volume`` mounted read-only. Paths inside a volume are absolute from the volume's root ("/" is
the mount point itself). The tree is two flat collections, so it serialises as plain JSON.
Change it only through ``put``, ``make_dir`` and ``delete``: they bump ``version``, which tells
readers that keep answers derived from the files (kubelet/answers.py) that the tree changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import FsError, is_under, parent_of


@dataclass(slots=True)
class Volume:
    files: dict[str, str] = field(default_factory=dict)   # "/a/b.txt" -> text
    dirs: set[str] = field(default_factory=lambda: {"/"})  # always holds "/"
    # Bumped by every change, so a reader can tell the tree changed (FileSystem.version); not
    # part of the volume's content: never saved, never compared.
    version: int = field(default=0, compare=False, repr=False)

    @classmethod
    def with_files(cls, files: dict[str, str]) -> Volume:
        """A volume holding these files (keys like ``"/index.html"`` or ``"index.html"``)."""
        vol = cls()
        for path, text in files.items():
            path = "/" + path.lstrip("/")
            parent = parent_of(path)
            while parent not in vol.dirs:
                vol.dirs.add(parent)
                parent = parent_of(parent)
            vol.files[path] = text
        return vol

    # -- the primitive operations FileSystem delegates to (paths are volume-relative) --

    def kind(self, path: str) -> str | None:
        if path in self.files:
            return "file"
        if path in self.dirs:
            return "dir"
        return None

    def read(self, path: str) -> str:
        return self.files[path]

    def put(self, path: str, text: str) -> None:
        self.version += 1
        self.files[path] = text

    def make_dir(self, path: str) -> None:
        self.version += 1
        self.dirs.add(path)

    def children(self, path: str) -> set[str]:
        prefix = "/" if path == "/" else path + "/"
        names = set()
        for p in self.files:
            if p.startswith(prefix) and "/" not in p[len(prefix):]:
                names.add(p[len(prefix):])
        for p in self.dirs:
            if p != path and p.startswith(prefix) and "/" not in p[len(prefix):]:
                names.add(p[len(prefix):])
        return names

    def delete(self, path: str) -> None:
        """Removes a file, or a directory with everything below it."""
        self.version += 1
        if path in self.files:
            del self.files[path]
            return
        for p in [p for p in self.files if is_under(p, path)]:
            del self.files[p]
        for p in [p for p in self.dirs if is_under(p, path) and p != "/"]:
            self.dirs.discard(p)
        if path == "/":
            self.dirs.add("/")

    def require(self, path: str) -> None:
        if self.kind(path) is None:
            raise FsError("ENOENT", path)

    # -- serialisation --

    def to_json(self) -> dict[str, Any]:
        return {"files": dict(sorted(self.files.items())), "dirs": sorted(self.dirs)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Volume:
        dirs = set(data.get("dirs", [])) | {"/"}
        return cls(files=dict(data.get("files", {})), dirs=dirs)
