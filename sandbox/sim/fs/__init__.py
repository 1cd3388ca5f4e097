"""Simulated file systems: a container's layered root (``FileSystem``) and pod volumes (``Volume``).

Nothing here touches the real disk; files hold ``str`` text.
"""
from __future__ import annotations

from .errors import STRERROR, FsError, base_name, normpath, parent_of
from .filesystem import DEV_NULL, FileSystem, Mount
from .volume import Volume

__all__ = [
    "DEV_NULL", "FileSystem", "FsError", "Mount", "STRERROR", "Volume",
    "base_name", "normpath", "parent_of",
]
