"""Tab completion for the web terminal, computed on the server where the session lives.

``complete(line, session)`` answers what bash with kubectl's completion script would offer for the
last word of ``line``: command names first, then kubectl's verbs, flags (``--image=`` for a flag
that takes a value), resource types, the names of objects of the type already typed (``-n`` is
honoured), ``-o`` formats, namespaces, node names for ``lab node``, and file names (relative to the
shell's working directory) after ``-f`` and for every other command. The answer is the offset of
the word being completed and the sorted candidates that start with it. Plain Python: reads the
session, changes nothing.
"""
from __future__ import annotations

import posixpath
import re
from typing import Any

from sandbox.kubectl.cmd import ROOT
from sandbox.kubectl.cmd.base import Command
from sandbox.kubectl.flags import BOOL, GLOBAL_FLAGS, Flag
from sandbox.kubectl.resources import RESOURCES
from sandbox.sim.fs import FsError
from sandbox.sim.shell.builtins import UTILITIES
from sandbox.terminal import COMMANDS

OUTPUT_FORMATS = ("json", "yaml", "wide", "name", "jsonpath=", "custom-columns=")
TYPED_VERBS = {"get", "describe", "delete", "edit", "label", "annotate", "patch", "explain", "wait"}
POD_VERBS = {"logs", "exec", "attach", "port-forward"}
NODE_VERBS = {"cordon", "uncordon"}
LAB_VERBS = ("time", "speed", "pause", "resume", "advance", "next", "node", "reset", "help")
SEPARATORS = re.compile(r"(\|\||&&|[|;&(])")


def complete(line: str, session: Any) -> tuple[int, list[str]]:
    start = max(line.rfind(" "), line.rfind("\t")) + 1
    word = line[start:]
    segment = SEPARATORS.split(line[:start])[-1]
    words = segment.split()
    return start, sorted({c for c in _candidates(words, word, session) if c.startswith(word) and c != word}
                         or _exact(words, word, session))


def _exact(words: list[str], word: str, session: Any) -> set[str]:
    # A complete word still completes to itself, so the terminal adds the space after it.
    return {word} if word and word in _candidates(words, word, session) else set()


def _candidates(words: list[str], word: str, session: Any) -> list[str]:
    if not words:
        return _commands() if "/" not in word else _files(session, word)
    if words[0] in ("kubectl", "k"):
        return _kubectl(words[1:], word, session)
    if words[0] == "lab":
        return _lab(words[1:], session)
    return _files(session, word)


def _commands() -> list[str]:
    return [name for name in (*COMMANDS, *UTILITIES) if not name.startswith("_") and name != "["]


def _kubectl(args: list[str], word: str, session: Any) -> list[str]:
    command, positional, previous = _walk(args)
    flags = (command.flags if command is not ROOT else ()) + GLOBAL_FLAGS
    value_of = _flag(flags, previous) if previous.startswith("-") and "=" not in previous else None
    if value_of is not None and value_of.kind != BOOL:
        return _flag_values(value_of.name, "", word, args, session)
    if word.startswith("-"):
        if "=" in word:
            name, _, _ = word.partition("=")
            flag = _flag(flags, name)
            return _flag_values(flag.name, name + "=", word, args, session) if flag else []
        return [f"--{f.name}" + ("" if f.kind == BOOL else "=") for f in flags if not f.hidden]
    if command is ROOT or (command.subcommands and not positional):
        subs = command.subcommands
        return [c.name for c in subs if c.run is not None or c.subcommands] if subs else []
    if command.name in POD_VERBS:
        return _names(session, "pods", _namespace(args, session)) if not positional else []
    if command.name in NODE_VERBS:
        return _names(session, "nodes", "")
    if command.name in TYPED_VERBS:
        if not positional:
            return _types() + _typed_names(session, word, _namespace(args, session))
        return _names(session, _plural(positional[0]), _namespace(args, session))
    return []


def _walk(args: list[str]) -> tuple[Command, list[str], str]:
    """The (sub)command the words name, its positional arguments, and the word before the last."""
    command, positional, skip = ROOT, [], False
    flags = GLOBAL_FLAGS
    for i, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg.startswith("-"):
            flag = _flag(flags + command.flags, arg)
            skip = "=" not in arg and flag is not None and flag.kind != BOOL
            continue
        sub = command.find(arg) if not positional else None
        if sub is not None:
            command = sub
        else:
            positional.append(arg)
    return command, positional, args[-1] if args else ""


def _flag(flags: tuple[Flag, ...], text: str) -> Flag | None:
    name = text.split("=", 1)[0]
    for flag in flags:
        if name == f"--{flag.name}" or (flag.shorthand and name == f"-{flag.shorthand}"):
            return flag
    return None


def _flag_values(name: str, prefix: str, word: str, args: list[str], session: Any) -> list[str]:
    if name == "output":
        values = list(OUTPUT_FORMATS)
    elif name == "namespace":
        values = _names(session, "namespaces", "")
    elif name == "filename":
        return [prefix + f for f in _files(session, word[len(prefix):])]
    else:
        values = []
    return [prefix + v for v in values]


def _types() -> list[str]:
    return [name for r in RESOURCES for name in (r.plural, r.singular, *r.short_names)]


def _plural(word: str) -> str:
    word = word.split("/", 1)[0].split(",", 1)[0].lower()
    for r in RESOURCES:
        if word in r.names():
            return r.plural
    return ""


def _typed_names(session: Any, word: str, namespace: str) -> list[str]:
    """``pod/web`` style: the names of the type before the slash."""
    if "/" not in word:
        return []
    kind = word.split("/", 1)[0]
    return [f"{kind}/{name}" for name in _names(session, _plural(kind), namespace)]


def _names(session: Any, plural: str, namespace: str) -> list[str]:
    if not plural:
        return []
    store = session.cluster.store
    namespaced = next((r.namespaced for r in RESOURCES if r.plural == plural), False)
    return [o["metadata"]["name"] for o in store.list(plural, namespace if namespaced else None)]


def _namespace(args: list[str], session: Any) -> str:
    for i, arg in enumerate(args):
        if arg in ("-n", "--namespace") and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(("--namespace=", "-n=")):
            return arg.split("=", 1)[1]
    from sandbox.terminal.host import current_namespace
    return current_namespace(session.fs, session.shell.main.vars)


def _lab(args: list[str], session: Any) -> list[str]:
    if not args:
        return list(LAB_VERBS)
    if args[0] == "node":
        if len(args) == 1:
            return ["stop", "start"]
        return _names(session, "nodes", "") if len(args) == 2 else []
    if args[0] == "speed" and len(args) == 1:
        return ["1", "10", "60"]
    return []


def _files(session: Any, word: str) -> list[str]:
    """Entries of the directory the word names, relative as typed; directories end in "/"."""
    cwd = session.shell.main.cwd
    home = session.shell.main.vars.get("HOME", "/root")
    head = word.rsplit("/", 1)[0] + "/" if "/" in word else ""
    base = head.replace("~", home, 1) if head.startswith("~") else head
    directory = posixpath.normpath(posixpath.join(cwd, base or "."))
    try:
        entries = session.fs.listdir(directory)
    except FsError:
        return []
    out = []
    for entry in entries:
        path = posixpath.join(directory, entry)
        out.append(head + entry + ("/" if session.fs.is_dir(path) else ""))
    return out
