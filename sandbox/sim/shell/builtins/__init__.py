"""The shell's builtins and the utilities of the images (busybox applets, coreutils, curl...).

Importing the modules registers them in ``SHELL_BUILTINS`` and ``UTILITIES`` (see base.py).
"""
from __future__ import annotations

from . import (  # noqa: F401  (importing registers them)
    core, curl, files, filters, jobs, ls, network, printing, session, system, test, text,
)
from .base import SHELL_BUILTINS, UTILITIES

# XCU 2.14: special builtins are found before functions, and their assignments persist.
SPECIAL_BUILTINS = frozenset({":", ".", "source", "break", "continue", "eval", "exit", "export",
                              "readonly", "return", "set", "shift", "trap", "unset", "local"})

__all__ = ["SHELL_BUILTINS", "SPECIAL_BUILTINS", "UTILITIES"]
