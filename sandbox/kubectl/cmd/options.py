"""``kubectl options``: the global flags every command accepts (those Podlab honours).

The layout is kubectl's (pkg/cmd/options/options.go with the templater's flag block); the list is
shorter than kubectl's, which also has flags for certificates, tokens and impersonation that have no
meaning in the sandbox.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.flags import GLOBAL_FLAGS
from sandbox.kubectl.help import options_text

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube


def run_options(k: Kube, inv: Invocation) -> int:
    blocks = options_text(GLOBAL_FLAGS).removeprefix("Options:\n")
    k.out("The following options can be passed to any command:\n\n" + blocks)
    return 0


COMMAND = Command("options", "Print the list of flags inherited by all commands", run=run_options)
