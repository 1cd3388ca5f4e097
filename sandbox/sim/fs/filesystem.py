"""One container's view of files: the image's layers plus the pod's volumes mounted on top.

Every method takes an absolute path (normalised here: ``..``, ``.`` and ``//`` fold) and raises
``FsError`` with the errno the Linux system call would give: ENOENT for a missing parent on a
write, ENOTDIR when a path goes through a file, EISDIR for reading or writing a directory, EROFS
under a read-only mount (configMap/secret volumes, ``readOnly: true``), EBUSY for removing a mount
point. ``/dev/null`` reads as empty and swallows writes, as the real device does.

``remove(path)`` without ``recursive`` unlinks a file or removes an *empty* directory (rmdir(2)
semantics; ENOTEMPTY otherwise); utilities such as ``rm`` check for directories themselves first.
Files carry no owners, modes or times.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass
from typing import Any, Union

from ..limits import MAX_FILE_CHARS, MAX_FS_CHARS, MAX_FS_ENTRIES
from .errors import FsError, is_under, normpath, parent_of
from .layers import Layers
from .volume import Volume

DEV_NULL = "/dev/null"


@dataclass(slots=True)
class Mount:
    volume: Volume
    read_only: bool = False


MountSpec = Union[Mount, Volume, tuple]  # a Volume alone is mounted read-write


def _as_mount(spec: MountSpec) -> Mount:
    if isinstance(spec, Mount):
        return spec
    if isinstance(spec, Volume):
        return Mount(spec)
    volume, read_only = spec
    return Mount(volume, bool(read_only))


class FileSystem:
    __slots__ = ("_root", "mounts", "_mount_order", "_volumes")

    def __init__(
        self,
        base: Mapping[str, str] | None = None,
        base_dirs: Set[str] | None = None,
        mounts: Mapping[str, MountSpec] | None = None,
    ) -> None:
        self._root = Layers(base if base is not None else {}, base_dirs if base_dirs is not None else frozenset())
        self.mounts: dict[str, Mount] = {normpath(k): _as_mount(v) for k, v in (mounts or {}).items()}
        # Longest mount path first, so /data/cache wins over /data.
        self._mount_order = sorted(self.mounts, key=len, reverse=True)
        # Each volume once, however many mount points it has: what ``version`` adds up.
        self._volumes = tuple({id(m.volume): m.volume for m in self.mounts.values()}.values())

    @property
    def version(self) -> int:
        """A number that grows with every change seen through this file system: the container's
        own writes and those of any container sharing a mounted volume (an emptyDir). Equal
        numbers mean an unchanged tree, so a reader may keep what it derived from the files
        (kubelet/answers.py: nginx's static answers). Not saved: a loaded file system starts a new count."""
        version = self._root.version
        for volume in self._volumes:
            version += volume.version
        return version

    # -- resolution --

    def _resolve(self, path: str) -> tuple[Volume | Layers, str, str | None, bool]:
        for m in self._mount_order:
            if is_under(path, m):
                mount = self.mounts[m]
                rel = path[len(m):] if m != "/" else path
                return mount.volume, rel or "/", m, mount.read_only
        return self._root, path, None, False

    def _kind(self, path: str) -> str | None:
        if path == DEV_NULL:
            return "file"
        if path in self.mounts:
            return "dir"
        store, rel, _, _ = self._resolve(path)
        kind = store.kind(rel)
        if kind is None and (path == "/dev" or any(is_under(m, path) for m in self._mount_order)):
            return "dir"  # a directory leading to a mount point, or /dev for /dev/null
        return kind

    def _missing(self, path: str) -> FsError:
        """ENOTDIR when some ancestor is a file, else ENOENT: what the kernel's path walk reports."""
        parent = parent_of(path)
        while parent != "/":
            if self._kind(parent) == "file":
                return FsError("ENOTDIR", path)
            parent = parent_of(parent)
        return FsError("ENOENT", path)

    def _writable_parent(self, path: str) -> None:
        parent = parent_of(path)
        kind = self._kind(parent)
        if kind is None:
            raise self._missing(path)
        if kind != "dir":
            raise FsError("ENOTDIR", path)
        if self._resolve(path)[3]:
            raise FsError("EROFS", path)

    # -- queries --

    def exists(self, path: str) -> bool:
        return self._kind(normpath(path)) is not None

    def is_file(self, path: str) -> bool:
        return self._kind(normpath(path)) == "file"

    def is_dir(self, path: str) -> bool:
        return self._kind(normpath(path)) == "dir"

    def read(self, path: str) -> str:
        p = normpath(path)
        kind = self._kind(p)
        if kind is None:
            raise self._missing(p)
        if kind == "dir":
            raise FsError("EISDIR", p)
        if p == DEV_NULL:
            return ""
        store, rel, _, _ = self._resolve(p)
        return store.read(rel)

    def size(self, path: str) -> int:
        p = normpath(path)
        if self._kind(p) == "dir":
            return 4096
        return len(self.read(p).encode("utf-8"))

    def listdir(self, path: str) -> list[str]:
        p = normpath(path)
        kind = self._kind(p)
        if kind is None:
            raise self._missing(p)
        if kind != "dir":
            raise FsError("ENOTDIR", p)
        store, rel, _, _ = self._resolve(p)
        names = store.children(rel) if store.kind(rel) == "dir" else set()
        prefix = "/" if p == "/" else p + "/"
        for m in self._mount_order:
            if m != p and m.startswith(prefix):
                names.add(m[len(prefix):].split("/", 1)[0])
        if p == "/" and "dev" not in names:
            names.add("dev")
        if p == "/dev":
            names.add("null")
        return sorted(names)

    def walk(self, path: str = "/") -> Iterator[tuple[str, str | None]]:
        """Every path under ``path`` in sorted order: (path, text) for files, (path, None) for dirs."""
        p = normpath(path)
        if self._kind(p) == "file":
            yield p, self.read(p)
            return
        yield p, None
        for name in self.listdir(p):
            yield from self.walk(("" if p == "/" else p) + "/" + name)

    # -- changes --

    def write(self, path: str, text: str, append: bool = False) -> None:
        p = normpath(path)
        if p == DEV_NULL:
            return
        kind = self._kind(p)
        if kind == "dir":
            raise FsError("EISDIR", p)
        self._writable_parent(p)
        store, rel, _, _ = self._resolve(p)
        if append and kind == "file":
            text = store.read(rel) + text
        self._room(store, rel, p, text)
        store.put(rel, text)

    def _room(self, store: Volume | Layers, rel: str, path: str, text: str | None) -> None:
        """limits.py: one file's size (EFBIG), and what the writable layer holds (EDQUOT); a file
        or directory (``text`` None) about to be written at ``rel``."""
        if text is not None and len(text) > MAX_FILE_CHARS:
            raise FsError("EFBIG", path)
        if not isinstance(store, Layers):
            return
        old = store.files.get(rel)
        if old is None and rel not in store.dirs and store.entries >= MAX_FS_ENTRIES:
            raise FsError("EDQUOT", path)
        if text is not None and store.chars - len(old or "") + len(text) > MAX_FS_CHARS:
            raise FsError("EDQUOT", path)

    def touch(self, path: str) -> None:
        """Creates an empty file if nothing is there (files carry no times to update)."""
        p = normpath(path)
        if self._kind(p) is None:
            self.write(p, "")

    def mkdir(self, path: str, parents: bool = False) -> None:
        p = normpath(path)
        kind = self._kind(p)
        if parents:
            if kind == "dir":
                return
            if kind == "file":
                raise FsError("EEXIST", p)
            parent = parent_of(p)
            if self._kind(parent) is None:
                self.mkdir(parent, parents=True)
        elif kind is not None:
            raise FsError("EEXIST", p)
        self._writable_parent(p)
        store, rel, _, _ = self._resolve(p)
        self._room(store, rel, p, None)
        store.make_dir(rel)

    def remove(self, path: str, recursive: bool = False) -> None:
        p = normpath(path)
        kind = self._kind(p)
        if kind is None:
            raise self._missing(p)
        if p == "/" or p in self.mounts or p in ("/dev", DEV_NULL):
            raise FsError("EBUSY", p)
        if self._resolve(p)[3]:
            raise FsError("EROFS", p)
        if kind == "dir" and not recursive and self.listdir(p):
            raise FsError("ENOTEMPTY", p)
        if any(is_under(m, p) for m in self._mount_order):
            raise FsError("EBUSY", p)   # a mount point below: rm -r stops there
        store, rel, _, _ = self._resolve(p)
        store.delete(rel)

    def copy(self, src: str, dst: str) -> None:
        """Copies one file's text (cp without -r); EISDIR when ``src`` is a directory."""
        text = self.read(src)
        self.write(dst, text)

    def rename(self, src: str, dst: str) -> None:
        """rename(2): moves a file or a directory tree; replaces a file or an empty directory."""
        s, d = normpath(src), normpath(dst)
        skind = self._kind(s)
        if skind is None:
            raise self._missing(s)
        if s == d:
            return
        dkind = self._kind(d)
        if skind == "dir" and is_under(d, s):
            raise FsError("EINVAL", d)
        if dkind == "dir" and skind == "file":
            raise FsError("EISDIR", d)
        if dkind == "file" and skind == "dir":
            raise FsError("ENOTDIR", d)
        if dkind == "dir" and self.listdir(d):
            raise FsError("ENOTEMPTY", d)
        self._writable_parent(d)
        if self._resolve(s)[3]:
            raise FsError("EROFS", s)
        if dkind is not None:
            self.remove(d)
        entries = list(self.walk(s))
        for path, text in entries:
            target = d + path[len(s):]
            if text is None:
                self.mkdir(target)
            else:
                self.write(target, text)
        self.remove(s, recursive=True)

    # -- serialisation: only the container's own writes; image and volumes come from the caller --

    def to_json(self) -> dict[str, Any]:
        return self._root.to_json()

    @classmethod
    def from_json(
        cls,
        data: Mapping[str, Any],
        base: Mapping[str, str] | None = None,
        base_dirs: Set[str] | None = None,
        mounts: Mapping[str, MountSpec] | None = None,
    ) -> FileSystem:
        fs = cls(base=base, base_dirs=base_dirs, mounts=mounts)
        fs._root.load(data)
        return fs

    def __repr__(self) -> str:
        return f"FileSystem(upper={len(self._root.files)} files, mounts={sorted(self.mounts)})"


__all__ = ["FileSystem", "Mount", "DEV_NULL"]
