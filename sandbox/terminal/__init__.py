"""The learner's terminal: an interactive bash on the control-plane host of a simulated cluster.

The shell is the container shell's interpreter (sandbox/sim/shell) run interactively (shell.py),
on a host that looks like a kubeadm control-plane node (host.py), with commands of its own
(commands.py): ``kubectl`` and the bridge that lets it wait in simulated time (kubectl.py),
``lab`` (lab.py), ``timeout`` and ``watch`` (timing.py), ``history``, ``help`` and ``clear``
(misc.py). The lab clock (clock.py) maps wall time to simulated time. ``sandbox/session.py`` puts
them together; like them, it is pure: no web, no wall clock, no threads.
"""
from __future__ import annotations

from . import kubectl, lab, misc, timing  # noqa: F401  (importing registers the commands)
from .clock import LabClock
from .commands import COMMANDS, lookup
from .input import heredoc_delimiters, is_complete

__all__ = ["COMMANDS", "LabClock", "heredoc_delimiters", "is_complete", "lookup"]
