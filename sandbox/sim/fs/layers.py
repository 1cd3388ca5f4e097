"""A container's root file system: a read-only image layer under a writable layer.

This imitates overlayfs as containerd sets it up: the image's files are the lower layer, shared by
every container of that image and never copied; writes go to the container's own upper layer
(copy-up on write); deleting a lower file records a *whiteout* so that it stays hidden. A directory
that was removed and made again hides what the image had below it (an overlayfs "opaque" dir):
here that falls out of the rule that a whiteout hides its path and everything under it, while the
upper layer always wins.

Every change goes through ``put``, ``make_dir``, ``delete`` or ``load``, which bump ``version``
(see FileSystem.version).
"""
from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any

from .errors import is_under, parent_of

# Per image: every directory of the lower layer and the names in each. Built once per
# (base, base_dirs) pair and shared by all the containers of the image. A pure cache, keyed by
# identity; the entry keeps the objects alive so an id can't be reused while it is cached.
_INDEX: dict[tuple[int, int], tuple[Mapping[str, str], Set[str], dict[str, set[str]]]] = {}
_INDEX_LIMIT = 256


def _index(base: Mapping[str, str], base_dirs: Set[str]) -> dict[str, set[str]]:
    key = (id(base), id(base_dirs))
    hit = _INDEX.get(key)
    if hit is not None and hit[0] is base and hit[1] is base_dirs:
        return hit[2]
    children: dict[str, set[str]] = {"/": set()}

    def add_dir(path: str) -> None:
        while path != "/" and path not in children:
            children[path] = set()
            parent = parent_of(path)
            if parent not in children:
                add_dir(parent)
            children[parent].add(path.rsplit("/", 1)[-1])
            path = parent

    for d in base_dirs:
        if d != "/":
            add_dir(d)
    for f in base:
        parent = parent_of(f)
        add_dir(parent)
        children[parent].add(f.rsplit("/", 1)[-1])
    if len(_INDEX) >= _INDEX_LIMIT:
        _INDEX.pop(next(iter(_INDEX)))
    _INDEX[key] = (base, base_dirs, children)
    return children


class Layers:
    """The lower (image) layer, the upper (container) layer and the whiteouts."""

    __slots__ = ("base", "base_dirs", "_children", "files", "dirs", "whiteouts", "chars", "version")

    def __init__(self, base: Mapping[str, str], base_dirs: Set[str]) -> None:
        self.base = base
        self.base_dirs = base_dirs
        self._children: dict[str, set[str]] | None = None  # built on first directory query
        self.files: dict[str, str] = {}
        self.dirs: set[str] = set()
        self.whiteouts: set[str] = set()
        self.chars = 0                 # the size of the upper layer's files together (limits.py)
        self.version = 0               # bumped by every change (FileSystem.version); never saved

    @property
    def entries(self) -> int:
        """Files and directories written in the upper layer."""
        return len(self.files) + len(self.dirs)

    def _lower_dirs(self) -> dict[str, set[str]]:
        if self._children is None:
            self._children = _index(self.base, self.base_dirs)
        return self._children

    def _hidden(self, path: str) -> bool:
        if not self.whiteouts:
            return False
        while True:
            if path in self.whiteouts:
                return True
            if path == "/":
                return False
            path = parent_of(path)

    def kind(self, path: str) -> str | None:
        if path in self.files:
            return "file"
        if path in self.dirs or path == "/":
            return "dir"
        if self._hidden(path):
            return None
        if path in self.base:
            return "file"
        if path in self._lower_dirs():
            return "dir"
        return None

    def read(self, path: str) -> str:
        text = self.files.get(path)
        return text if text is not None else self.base[path]

    def put(self, path: str, text: str) -> None:
        self.version += 1
        self.chars += len(text) - len(self.files.get(path, ""))
        self.files[path] = text

    def make_dir(self, path: str) -> None:
        self.version += 1
        self.dirs.add(path)

    def children(self, path: str) -> set[str]:
        prefix = "/" if path == "/" else path + "/"
        names: set[str] = set()
        for p in self.files:
            if p.startswith(prefix) and "/" not in p[len(prefix):]:
                names.add(p[len(prefix):])
        for p in self.dirs:
            if p != path and p.startswith(prefix) and "/" not in p[len(prefix):]:
                names.add(p[len(prefix):])
        lower = self._lower_dirs().get(path)
        if lower and not self._hidden(path):
            for name in lower:
                if name not in names and not self._hidden(prefix + name):
                    names.add(name)
        return names

    def delete(self, path: str) -> None:
        """Removes a file or a whole directory tree: upper entries go, lower ones get a whiteout."""
        self.version += 1
        self.chars -= len(self.files.pop(path, ""))
        for p in [p for p in self.files if is_under(p, path)]:
            self.chars -= len(self.files.pop(p))
        for p in [p for p in self.dirs if is_under(p, path)]:
            self.dirs.discard(p)
        if path in self.base or path in self._lower_dirs():
            self.whiteouts.add(path)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": dict(sorted(self.files.items())),
            "dirs": sorted(self.dirs),
            "whiteouts": sorted(self.whiteouts),
        }

    def load(self, data: Mapping[str, Any]) -> None:
        self.version += 1
        self.files = dict(data.get("files", {}))
        self.chars = sum(len(text) for text in self.files.values())
        self.dirs = set(data.get("dirs", []))
        self.whiteouts = set(data.get("whiteouts", []))
