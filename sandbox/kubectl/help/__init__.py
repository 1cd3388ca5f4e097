"""``kubectl <verb> --help`` texts, laid out as kubectl's templater lays them out.

Each module here holds one command's ``TEXT`` (the long description and the examples, copied from
kubectl 1.32 and trimmed to what Podlab supports) and its ``USAGE`` line. ``render`` adds what is
derived from the command itself, as kubectl's MainUsageTemplate does (k8s.io/kubectl
pkg/util/templates/templates.go): ``Available Commands:`` from its sub-commands, ``Options:`` from
its own flags (sorted by name, ``    -o, --output='':`` then the usage after a tab), the ``Usage:``
line and the pointer to ``kubectl options``.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from sandbox.kubectl.flags import Flag

if TYPE_CHECKING:
    from sandbox.kubectl.cmd.base import Command

OPTIONS_HINT = 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'
MIN_NAME_PADDING = 11  # cobra's minNamePadding

# kubectl -h: the command groups of cmd.go, restricted to the commands Podlab has.
ROOT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Basic Commands (Beginner)", ("create", "run")),
    ("Basic Commands (Intermediate)", ("explain", "get", "edit", "delete")),
    ("Cluster Management Commands", ("cluster-info", "cordon", "uncordon")),
    ("Troubleshooting and Debugging Commands", ("describe", "logs", "exec", "events")),
    ("Advanced Commands", ("apply", "patch", "replace", "wait")),
    ("Settings Commands", ("label", "annotate")),
)
ROOT_OTHER = ("api-resources", "api-versions", "config", "version")
ROOT_TEXT = ("kubectl controls the Kubernetes cluster manager.\n\n"
             " Find more information at: https://kubernetes.io/docs/reference/kubectl/\n")


def _module(topic: str) -> ModuleType:
    return importlib.import_module(f"sandbox.kubectl.help.{topic.replace('-', '_')}")


def _flag_block(flag: Flag) -> str:
    name = f"-{flag.shorthand}, --{flag.name}" if flag.shorthand else f"--{flag.name}"
    return f"    {name}={flag.default_repr()}:\n\t{flag.usage}\n\n"


def options_text(flags: tuple[Flag, ...]) -> str:
    """The command's own flags (never the global ones, which ``kubectl options`` lists)."""
    visible = sorted((f for f in flags if not f.hidden), key=lambda f: f.name)
    if not visible:
        return ""
    return "Options:\n" + "".join(_flag_block(f) for f in visible)


def commands_text(names_and_shorts: list[tuple[str, str]]) -> str:
    width = max([MIN_NAME_PADDING] + [len(n) for n, _ in names_and_shorts]) + 3
    return "".join(f"  {name.ljust(width)}{short}\n" for name, short in names_and_shorts)


def render(command: Command, path: str) -> str:
    """The whole ``--help`` text of one command."""
    topic = command.help_topic or path.split(" ", 1)[1].replace(" ", "_")
    mod = _module(topic)
    parts = [mod.TEXT, "\n"]
    if command.subcommands:
        parts.append("Available Commands:\n" + commands_text([(c.name, c.short) for c in command.subcommands]) + "\n")
    options = options_text(command.flags)
    if options:
        parts.append(options)
    parts.append(f"Usage:\n  {mod.USAGE} [options]\n\n")
    if command.subcommands:
        parts.append(f'Use "{path} <command> --help" for more information about a given command.\n')
    parts.append(OPTIONS_HINT)
    return "".join(parts)


def _root_commands(shorts: dict[str, str]) -> str:
    everything = [n for _, names in ROOT_GROUPS for n in names] + list(ROOT_OTHER)
    width = max(MIN_NAME_PADDING, *(len(n) for n in everything)) + 3
    out = []
    for title, names in ROOT_GROUPS:
        out.append(f"{title}:\n" + "".join(f"  {n.ljust(width)}{shorts[n]}\n" for n in names) + "\n")
    out.append("Subcommands provided by plugins:\n\n")
    out.append("Other Commands:\n" + "".join(f"  {n.ljust(width)}{shorts[n]}\n" for n in ROOT_OTHER) + "\n")
    return "".join(out)


def root_usage() -> str:
    """The root command's usage (what ``kubectl help nosuchtopic`` prints after its complaint)."""
    from sandbox.kubectl.cmd import COMMANDS
    shorts = {c.name: c.short for c in COMMANDS}
    return ("\n" + _root_commands(shorts) + "Usage:\n  kubectl [flags] [options]\n\n"
            'Use "kubectl <command> --help" for more information about a given command.\n' + OPTIONS_HINT)


def render_root() -> str:
    """``kubectl`` / ``kubectl --help``."""
    return ROOT_TEXT + root_usage()
