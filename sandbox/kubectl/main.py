"""``kubectl``'s entry point: find the command as cobra does, parse its flags as pflag does, run it.

``run(k, argv)`` is what the learner's shell calls for ``kubectl ARGS...`` (argv without the word
``kubectl``). It returns the exit status, or a ``Wait`` (context.py) when simulated time has to
pass. Importing this module imports every verb (sandbox.kubectl.cmd), which registers the waiters.

The order of operations is cobra's (``Command.ExecuteC``): ``Find`` strips flags to find the
sub-command (``stripFlags``/``argsMinusFirstX``), an unknown first word is ``unknown command "x"
for "kubectl"`` with cobra's suggestions, flags are parsed (errors end with ``See 'kubectl get
--help' for usage.``), ``-h`` prints help, required flags are checked, then the verb runs and
``cmdutil.CheckErr`` prints whatever it failed with (errors.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.kubectl import help as helptext
from sandbox.kubectl.cmd import COMMANDS, ROOT, UNSUPPORTED
from sandbox.kubectl.cmd.base import Command, Invocation, Result
from sandbox.kubectl.cmd.kubeconfig import check_selection
from sandbox.kubectl.errors import CmdError, FlagUsageError, KubectlError, RawError, check_err
from sandbox.kubectl.flags import GLOBAL_FLAGS, FlagError, FlagSet, strip_flags
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

# Every top-level kubectl 1.32 command, in the order kubectl registers them (cmd.go): cobra's
# suggestions ("Did you mean this?") come out in this order.
REGISTRATION_ORDER = (
    "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale",
    "certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach",
    "exec", "port-forward", "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace", "wait",
    "kustomize", "label", "annotate", "completion", "config", "plugin", "version", "api-versions",
    "api-resources", "options",
)
SUGGEST_FOR = {"delete": ("rm",), "get": ("list", "ps"), "wait": ("list", "ps")}


def _flagset(command: Command | None) -> FlagSet:
    return FlagSet((command.flags if command else ()) + GLOBAL_FLAGS)


def _args_minus_first(args: list[str], word: str, flags: FlagSet) -> list[str]:
    """cobra's argsMinusFirstX: ``args`` without the first ``word`` that is not a flag value."""
    pos = 0
    while pos < len(args):
        s = args[pos]
        if s == "--":
            break
        if s.startswith("--") and "=" not in s:
            flag = flags.lookup(s[2:])
            if flag is None or not flag.no_opt:
                pos += 2
                continue
        elif s.startswith("-") and "=" not in s and len(s) == 2:
            flag = flags.shorthands.get(s[1])
            if flag is None or not flag.no_opt:
                pos += 2
                continue
        elif not s.startswith("-") and s == word:
            return args[:pos] + args[pos + 1:]
        pos += 1
    return args


def _levenshtein(a: str, b: str) -> int:
    a, b = a.lower(), b.lower()
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def suggestions(word: str) -> list[str]:
    """cobra's SuggestionsFor: distance <= 2, a prefix, or an explicit SuggestFor."""
    out = []
    for name in REGISTRATION_ORDER:
        if name == "options":
            continue
        if _levenshtein(word, name) <= 2 or name.lower().startswith(word.lower()) \
                or word.lower() in SUGGEST_FOR.get(name, ()):
            out.append(name)
    return out


def _unknown_command(word: str) -> RawError:
    found = suggestions(word)
    hint = "\n\nDid you mean this?\n" + "".join(f"\t{s}\n" for s in found) if found else ""
    return RawError(f'error: unknown command "{word}" for "kubectl"{hint}')


def find(argv: list[str]) -> tuple[list[Command], list[str]]:
    """cobra's Find: the chain of commands named by argv, and the rest of argv for the last one."""
    chain: list[Command] = [ROOT]
    args = list(argv)
    while True:
        current = chain[-1]
        words = strip_flags(args, _flagset(current if current is not ROOT else None))
        if not words:
            return chain, args
        nxt = current.find(words[0])
        if nxt is None:
            return chain, args
        args = _args_minus_first(args, words[0], _flagset(current if current is not ROOT else None))
        chain.append(nxt)


def _path(chain: list[Command]) -> str:
    return " ".join(["kubectl"] + [c.name for c in chain[1:]])


def run(k: Kube, argv: list[str]) -> Result:
    """Run one ``kubectl`` command line; the exit status or a Wait."""
    try:
        return _run(k, argv)
    except (KubectlError, StatusError) as err:
        return check_err(k, err)


def _run(k: Kube, argv: list[str]) -> Result:
    chain, args = find(argv)
    command = chain[-1]
    path = _path(chain)
    if command is ROOT:
        words = strip_flags(args, _flagset(None))
        if words and words[0] in UNSUPPORTED:
            raise CmdError(_unsupported_text(words[0]))
        if words and words[0] != "help":
            raise _unknown_command(words[0])
    try:
        parsed = _flagset(command if command is not ROOT else None).parse(args)
    except FlagError as err:
        raise FlagUsageError(path, str(err)) from None
    if command is ROOT:
        return _run_root(k, parsed.args)
    if parsed.values["help"]:
        k.out(helptext.render(command, path))
        return 0
    missing = [name for name in command.required if name not in parsed.changed]
    if missing:
        raise CmdError("required flag(s) " + ", ".join(f'"{m}"' for m in missing) + " not set")
    check_selection(k, parsed, {f.name for f in command.flags})
    namespace = parsed.values["namespace"] or k.namespace
    inv = Invocation(path, parsed, parsed.args, namespace, bool(parsed.values["namespace"]))
    if command.run is None:
        return _group_without_subcommand(k, command, path, parsed.args)
    return command.run(k, inv)


def _run_root(k: Kube, args: list[str]) -> int:
    if args and args[0] == "help" and len(args) > 1:
        chain, _ = find(args[1:])
        if len(chain) == 1:
            if args[1] in UNSUPPORTED:
                raise CmdError(_unsupported_text(args[1]))
            k.out(f"Unknown help topic [`{' '.join(args[1:])}`]\n\n" + helptext.root_usage())
            return 0
        k.out(helptext.render(chain[-1], _path(chain)))
        return 0
    k.out(helptext.render_root())
    return 0


def _group_without_subcommand(k: Kube, command: Command, path: str, args: list[str]) -> int:
    """cmdutil.DefaultSubCommandRun: an unknown word is a usage error, none prints help (on
    standard error) and exits 1."""
    if args:
        raise CmdError(f"unknown command \"{args[0]}\"\nSee '{path} -h' for help and examples")
    k.err(helptext.render(command, path))
    return 1


def _unsupported_text(name: str) -> str:
    return (f'"kubectl {name}" is not available in Podlab. This sandbox simulates pods, nodes, namespaces '
            f"and events; see \"kubectl --help\" for the commands it supports")


__all__ = ["COMMANDS", "find", "run", "suggestions"]
