"""File system errors and path arithmetic.

``FsError`` carries an errno name and the path, and its ``strerror`` is the C library's text for
that errno (glibc and musl agree on these wordings), so every utility can print
``cat: /tmp/x: No such file or directory`` the way its real counterpart does.
"""
from __future__ import annotations

# errno -> strerror(3) text, as glibc's and musl's string tables have them.
STRERROR: dict[str, str] = {
    "ENOENT": "No such file or directory",
    "EEXIST": "File exists",
    "EISDIR": "Is a directory",
    "ENOTDIR": "Not a directory",
    "ENOTEMPTY": "Directory not empty",
    "EROFS": "Read-only file system",
    "EACCES": "Permission denied",
    "EBUSY": "Device or resource busy",
    "EINVAL": "Invalid argument",
    "EFBIG": "File too large",
    "EDQUOT": "Disk quota exceeded",
}


class FsError(Exception):
    """A failed file system call: ``errno`` is the symbolic name ("ENOENT"), ``path`` the path."""

    def __init__(self, errno: str, path: str) -> None:
        super().__init__(f"{path}: {STRERROR.get(errno, errno)}")
        self.errno = errno
        self.path = path

    @property
    def strerror(self) -> str:
        return STRERROR.get(self.errno, self.errno)


def normpath(path: str, cwd: str = "/") -> str:
    """An absolute, normalised path: relative paths join ``cwd``; ``.``, ``..`` and ``//`` fold.

    ``..`` at the root stays at the root, as the kernel's path walk does.
    """
    if not path.startswith("/"):
        path = cwd.rstrip("/") + "/" + path
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/" + "/".join(parts)


def parent_of(path: str) -> str:
    """The directory holding ``path`` (already normalised); the root is its own parent."""
    if path == "/":
        return "/"
    head = path.rsplit("/", 1)[0]
    return head or "/"


def base_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def is_under(path: str, top: str) -> bool:
    """True when ``path`` is ``top`` or lies below it."""
    return path == top or top == "/" or path.startswith(top + "/")
