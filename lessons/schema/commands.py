"""Command checks: what the learner typed (model.CommandCheck), from ``command: {...}``.

Verbs, resource types and flag names are checked against what Podlab's kubectl knows
(sandbox/kubectl/cmd ``COMMANDS``, ``UNSUPPORTED``, sandbox/kubectl/resources ``resolve``,
sandbox/kubectl/flags ``GLOBAL_FLAGS``), so that a typo fails when the lesson loads rather than
making a check that can never pass.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable

from yaml.nodes import Node, ScalarNode, SequenceNode

from lessons.schema.model import CommandCheck, ValueTest
from lessons.schema.values import value_test
from lessons.schema.yamlnodes import Where, boolean, describe, fields, items, plain, string
from sandbox.kubectl.cmd import COMMANDS, UNSUPPORTED
from sandbox.kubectl.cmd.base import Command
from sandbox.kubectl.errors import ResourceTypeError
from sandbox.kubectl.flags import GLOBAL_FLAGS
from sandbox.kubectl.resources import resolve

KUBECTL_PARTS = ("verb", "resource", "name", "flags", "args")
_VERBS = {command.name: command for command in COMMANDS}


def command_check(node: Node, where: Where) -> CommandCheck | None:
    found = fields(node, where, (*KUBECTL_PARTS, "line", "succeeded", "count"),
                   what="a mapping such as {verb: describe, name: nginx}")
    if found is None:
        return None
    if not any(key in found for key in (*KUBECTL_PARTS, "line")):
        where.error(node, "command needs at least one of verb, resource, name, flags, args, line")
        return None
    if "line" in found and any(key in found for key in KUBECTL_PARTS):
        where.key("line").error(found["line"], "line tests the whole shell line (any program); it cannot be "
                                               "combined with verb, resource, name, flags or args")
        return None
    values: dict[str, object] = {}
    ok = True
    for key in (*KUBECTL_PARTS, "line", "succeeded", "count"):    # verb first: flags depend on it
        if key not in found:
            continue
        value_node, here = found[key], where.key(key)
        value: object
        if key == "verb":
            value = _verbs(value_node, here)
        elif key == "resource":
            value = _resource(value_node, here)
        elif key == "name":
            value = string(value_node, here, "an object name")
        elif key == "flags":
            verbs = values.get("verb") or ()
            value = _flags(value_node, here, verbs)  # type: ignore[arg-type]
        elif key == "succeeded":
            if isinstance(value_node, ScalarNode) and plain(value_node) is None:
                values[key] = None      # `succeeded: null`: either way
                continue
            value = boolean(value_node, here)
        else:
            value = value_test(value_node, here)
        if value is None:
            ok = False
        values[key] = value
    return CommandCheck(**values) if ok else None  # type: ignore[arg-type]


def _verbs(node: Node, where: Where) -> tuple[str, ...] | None:
    """``describe`` or ``[create, apply]``; the first word must be a verb Podlab's kubectl runs."""
    if isinstance(node, SequenceNode):
        entries = list(node.value)
        if not entries:
            where.error(node, "expected at least one verb")
            return None
    elif isinstance(node, ScalarNode):
        entries = [node]
    else:
        where.error(node, f"expected a verb or a list of verbs, not {describe(node)}")
        return None
    verbs: list[str] = []
    for i, entry in enumerate(entries):
        here = where.item(i) if isinstance(node, SequenceNode) else where
        verb = string(entry, here, "a kubectl verb such as get")
        if verb is None:
            return None
        first = verb.split()[0]
        if first in UNSUPPORTED:
            here.error(entry, f'kubectl {first} is not simulated in Podlab, so no learner can run it')
            return None
        if first not in _VERBS:
            close = difflib.get_close_matches(first, list(_VERBS), n=1)
            suggestion = f'; did you mean "{close[0]}"?' if close else ""
            here.error(entry, f'unknown kubectl verb "{first}"{suggestion}')
            return None
        verbs.append(verb)
    return tuple(verbs)


def _resource(node: Node, where: Where) -> str | None:
    value = string(node, where, "a resource type such as pod")
    if value is None:
        return None
    try:
        resolve(value)
    except ResourceTypeError:
        where.error(node, f'unknown resource type "{value}"; Podlab has pods, nodes, namespaces and events')
        return None
    return value


def _flag_names(commands: Iterable[Command]) -> set[str]:
    names = {flag.name for flag in GLOBAL_FLAGS}
    for command in commands:
        names |= {flag.name for flag in command.flags}
        names |= _flag_names(command.subcommands)
    return names


def _flags(node: Node, where: Where, verbs: tuple[str, ...]) -> tuple[tuple[str, ValueTest], ...] | None:
    """``{filename: {exists: true}, output: yaml}``: flag name (long form, no dashes) -> value test."""
    entries = items(node, where, "a mapping of flag names to tests, like {output: yaml}")
    if entries is None:
        return None
    known = _flag_names(_VERBS[v.split()[0]] for v in verbs) if verbs else _flag_names(COMMANDS)
    tests: list[tuple[str, ValueTest]] = []
    ok = True
    for flag, (key_node, value_node) in entries.items():
        here = where.key(flag)
        if flag.startswith("-"):
            here.error(key_node, f'write flag names without dashes, in their long form: "{flag.lstrip("-")}"')
            ok = False
            continue
        if flag not in known:
            close = difflib.get_close_matches(flag, sorted(known), n=1)
            suggestion = f'; did you mean "{close[0]}"?' if close else ""
            owner = f"kubectl {' / '.join(verbs)}" if verbs else "kubectl"
            here.error(key_node, f'{owner} has no flag "{flag}" (long names only: filename, not f){suggestion}')
            ok = False
            continue
        test = value_test(value_node, here)
        if test is None:
            ok = False
        else:
            tests.append((flag, test))
    return tuple(tests) if ok else None
