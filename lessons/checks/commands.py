"""``CommandCheck``: the learner's kubectl invocations (session.commands, sandbox/trace.py) and shell lines.

An invocation's words are read the way kubectl reads them, with kubectl's own definitions: the
command is found as cobra finds it (``sandbox.kubectl.main.find``: ``create namespace`` is one
command path) and the flags are parsed by that command's pflag ``FlagSet`` (sandbox/kubectl/flags.py),
so ``-f pod.yaml``, ``--filename=pod.yaml`` and ``-oyaml`` all land on their long names
(``filename``, ``output``) and ``-it`` is ``stdin`` and ``tty``. Nothing is run.

The resource and names come from the arguments: ``TYPE NAME...``, ``TYPE/NAME...``, ``run NAME``
(a pod), ``exec``/``logs`` ``POD`` (a pod), ``create namespace NAME``, ``events --for TYPE/NAME``.
Objects created from files (``apply -f``) are not looked into: a file check does that.

``line`` alone tests the shell lines typed (the session's history: any program, ``curl``,
``cat pod.yaml``; their exit status is not known, so ``succeeded`` is not tested); with other
fields it tests the line each kubectl invocation was part of.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lessons.schema.model import CommandCheck
from sandbox.kubectl.errors import KubectlError
from sandbox.kubectl.flags import BOOL, DURATION, GLOBAL_FLAGS, FlagError, FlagSet
from sandbox.kubectl.main import find
from sandbox.kubectl.resources import resolve
from sandbox.sim.durations import go_duration
from sandbox.trace import CommandRecord

from .outcome import PASSED, Outcome, failed
from .values import described, passes, text, want
from .view import View

TYPE_FIRST = frozenset({"get", "describe", "delete", "label", "annotate", "patch", "edit", "wait", "explain"})
POD_FIRST = frozenset({"exec", "logs", "attach", "port-forward"})
NOT_NAMES = frozenset({"label", "annotate"})     # their KEY=VALUE / KEY- arguments are not names


@dataclass(frozen=True, slots=True)
class Invocation:
    """One kubectl command line, read: ``kubectl exec -it nginx -- sh`` is verb ``exec``,
    resource ``pod``, names ``("nginx",)``, flags ``{"stdin": ("true",), "tty": ("true",)}``,
    args ``"sh"``."""
    path: tuple[str, ...]                       # the command path: ("create", "namespace")
    resources: tuple[str, ...] = ()             # as typed: "po", "pods", "namespace"
    names: tuple[str, ...] = ()
    flags: tuple[tuple[str, tuple[str, ...]], ...] = ()
    args: str | None = None                     # the words after ``--``, joined by spaces

    @property
    def verb(self) -> str:
        return self.path[0] if self.path else ""

    def flag(self, name: str) -> tuple[str, ...] | None:
        return dict(self.flags).get(name)


def _flag_text(kind: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    if kind == BOOL:
        return ("true" if value else "false",)
    if kind == DURATION:
        return (go_duration(float(value)),)
    return (str(value),)


def _split_typed(words: list[str]) -> tuple[list[str], list[str]]:
    """``pod/nginx`` forms, or ``TYPE NAME...``: (resources, names)."""
    if not words:
        return [], []
    if "/" in words[0]:
        pairs = [w.split("/", 1) for w in words if "/" in w]
        return [p[0] for p in pairs], [p[1] for p in pairs]
    return [w for w in words[0].split(",") if w], words[1:]


@lru_cache(maxsize=1024)
def _parse(argv: tuple[str, ...]) -> Invocation:
    try:
        chain, rest = find(list(argv))
    except (KubectlError, ValueError):
        chain, rest = [], list(argv)
    commands = chain[1:]
    command = commands[-1] if commands else None
    flagset = FlagSet((command.flags if command else ()) + GLOBAL_FLAGS)
    try:
        parsed = flagset.parse(rest)
        words, dash_at = parsed.args, parsed.dash_at
        flags = tuple((name, _flag_text(flagset.flags[name].kind, parsed.values[name]))
                      for name in sorted(parsed.changed))
    except FlagError:          # a mistyped flag: keep what can be read
        words = [w for w in rest if not w.startswith("-")]
        dash_at, flags = -1, ()
    positional = words if dash_at < 0 else words[:dash_at]
    args = " ".join(words[dash_at:]) if dash_at >= 0 else None
    path = tuple(c.name for c in commands)
    if not path and positional:        # an unknown or unsupported verb
        path, positional = (positional[0],), positional[1:]
    resources: list[str] = []
    names: list[str] = list(positional)
    verb = path[0] if path else ""
    if len(path) > 1:                   # create namespace NAME, config use-context NAME
        resources = [path[-1]]
    elif verb in TYPE_FIRST:
        resources, names = _split_typed(positional)
        if verb in NOT_NAMES:
            names = [n for n in names if "=" not in n and not n.endswith("-")]
    elif verb == "run":
        resources, names = ["pod"], positional[:1]
    elif verb in POD_FIRST:
        first = positional[:1]
        if first and "/" in first[0]:
            resources, names = _split_typed(first)
        else:
            resources, names = ["pod"], first
    elif verb == "events":
        target = dict(flags).get("for")
        if target:
            resources, names = _split_typed(list(target))
    return Invocation(path, tuple(resources), tuple(names), flags, args)


def parse_invocation(argv: list[str]) -> Invocation:
    """``argv`` as recorded (``argv[0]`` is ``kubectl`` or ``k``)."""
    return _parse(tuple(argv[1:]))


def _canonical(resource: str) -> str:
    try:
        return resolve(resource).plural
    except KubectlError:
        return resource.lower()


def _flag_name(name: str) -> str:
    """A flag named in a check: its long name (``f`` and ``-f`` are ``filename``)."""
    bare = name.lstrip("-")
    if len(bare) == 1:
        for flag in GLOBAL_FLAGS + tuple(f for c in _all_commands() for f in c.flags):
            if flag.shorthand == bare:
                return flag.name
    return bare


@lru_cache(maxsize=1)
def _all_commands() -> tuple[Any, ...]:
    from sandbox.kubectl.cmd import COMMANDS
    return COMMANDS


def invocation_matches(check: CommandCheck, inv: Invocation) -> bool:
    """Every kubectl field of the check (not ``succeeded``, ``count``, ``line``) holds."""
    if check.verb and not any(v in (inv.verb, " ".join(inv.path)) for v in check.verb):
        return False
    resource, name = check.resource, check.name
    if name is not None and "/" in name:
        resource, name = name.split("/", 1)
    if resource is not None and _canonical(resource) not in {_canonical(r) for r in inv.resources}:
        return False
    if name is not None and name not in inv.names:
        return False
    for flag, test in check.flags:
        values = inv.flag(_flag_name(flag))
        if values is None or not values:
            if not passes(test, None):
                return False
        elif test.op == "not":
            if not all(passes(test, v) for v in values):
                return False
        elif not any(passes(test, v) for v in values):
            return False
    if check.args is not None and not passes(check.args, inv.args):
        return False
    return True


def describe_command(check: CommandCheck) -> str:
    """``kubectl describe pod nginx``, ``kubectl create/apply --filename``: what the check looks for."""
    words = ["kubectl"]
    if check.verb:
        words.append("/".join(check.verb))
    if check.resource and not (check.name and "/" in check.name):
        words.append(check.resource)
    if check.name:
        words.append(check.name)
    for flag, test in check.flags:
        long = _flag_name(flag)
        if test.op == "exists":
            words.append(f"--{long}" if test.value else f"(without --{long})")
        elif test.op == "equals":
            words.append(f"--{long}={text(test.value)}")
        else:
            words.append(f"--{long} <{want(test)}>")
    if check.args is not None:
        words.append(f"-- {text(check.args.value)}" if check.args.op == "equals" else f"-- <{want(check.args)}>")
    if check.line is not None:
        words.append(f"(in a line {described(check.line)})")
    return " ".join(words)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _only_line(check: CommandCheck) -> bool:
    return check.line is not None and not (check.verb or check.resource or check.name or check.flags
                                           or check.args is not None)


def evaluate_command(check: CommandCheck, view: View) -> Outcome:
    if _only_line(check):
        assert check.line is not None
        lines = [line for line in view.history if passes(check.line, line)]
        what = f'the line "{text(check.line.value)}"' if check.line.op == "equals" else \
            f"a shell line {described(check.line)}"
        if check.count is None:
            return PASSED if lines else failed(f"{what} was never typed")
        if passes(check.count, len(lines)):
            return PASSED
        return failed(f"{what} was typed {_times(len(lines)) if lines else 'never'} (want count {want(check.count)})")
    matched: list[CommandRecord] = [r for r in view.commands
                                    if (check.line is None or passes(check.line, r.line))
                                    and invocation_matches(check, parse_invocation(r.argv))]
    desc = describe_command(check)
    if check.succeeded is None:
        counted, done = matched, "was run"
    elif check.succeeded:
        counted, done = [r for r in matched if r.status == 0], "succeeded"
    else:
        counted, done = [r for r in matched if r.status != 0], "failed"
    if check.count is None:
        if counted:
            return PASSED
        if not matched:
            return failed(f"{desc} was never run")
        if check.succeeded:
            return failed(f"{desc} was run but failed (exit status {matched[-1].status})")
        return failed(f"{desc} never failed")
    if passes(check.count, len(counted)):
        return PASSED
    never = {"was run": "was never run", "succeeded": "never succeeded", "failed": "never failed"}[done]
    happened = f"{done} {_times(len(counted))}" if counted else never
    return failed(f"{desc} {happened} (want count {want(check.count)})")


__all__ = ["Invocation", "describe_command", "evaluate_command", "invocation_matches", "parse_invocation"]
