"""What every verb module declares (``COMMAND``), and what a verb's run function receives.

A ``Command`` is the part of a ``cobra.Command`` Podlab needs: its name and aliases, the one-line
summary for ``kubectl -h``, its flags, the flags cobra must see set (``MarkFlagRequired``), its
sub-commands and the function that runs it. Help texts live in sandbox/kubectl/help/.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Union

from sandbox.kubectl.context import Wait
from sandbox.kubectl.flags import Flag, Parsed

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

Result = Union[int, Wait]


@dataclass(slots=True)
class Invocation:
    """One parsed command line, as a verb's Complete step starts from it."""

    path: str                    # "kubectl run", "kubectl create namespace"
    flags: Parsed
    args: list[str]
    namespace: str               # -n, else the kubeconfig context's namespace
    explicit_namespace: bool     # -n was given (kubectl's enforceNamespace)

    @property
    def dash_at(self) -> int:
        return self.flags.dash_at

    def changed(self, name: str) -> bool:
        return name in self.flags.changed


Runner = Callable[["Kube", Invocation], Result]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    short: str
    flags: tuple[Flag, ...] = ()
    run: Runner | None = None
    aliases: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    subcommands: tuple[Command, ...] = ()
    help_topic: str = ""         # the help/ module to render; defaults to the name

    def find(self, word: str) -> Command | None:
        for sub in self.subcommands:
            if word == sub.name or word in sub.aliases:
                return sub
        return None
