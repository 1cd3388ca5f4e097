"""The learner shell's own commands, found after the shell's builtins and before the utilities
(``host.command``; sandbox/sim/shell/commands.py ``resolve``). Each is a shell utility,
``(ctx) -> int | Effect``, registered here by name when its module is imported.
"""
from __future__ import annotations

from typing import Callable

from sandbox.sim.shell.builtins.base import Utility

COMMANDS: dict[str, Utility] = {}


def command(*names: str) -> Callable[[Utility], Utility]:
    def register(fn: Utility) -> Utility:
        for name in names:
            COMMANDS[name] = fn
        return fn
    return register


def lookup(name: str) -> Utility | None:
    return COMMANDS.get(name)
