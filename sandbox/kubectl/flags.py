"""Command-line flags the way spf13/pflag parses them and spf13/cobra finds commands.

``FlagSet.parse(argv)`` follows pflag's ``parseArgs``: flags and arguments may be interspersed,
``--`` ends the flags (``dash_at`` is pflag's ``ArgsLenAtDash``), ``-abc`` is a run of
shorthands, ``-oyaml``/``-o=yaml``/``-o yaml`` all give ``-o`` a value, and a bool flag takes a
value only as ``--flag=value``. Errors are worded as pflag words them (``unknown flag: --foo``,
``unknown shorthand flag: 'x' in -x``, ``flag needs an argument: --image``, ``invalid argument
"abc" for "--grace-period" flag: strconv.ParseInt: parsing "abc": invalid syntax``); the caller
adds cobra's ``See 'kubectl get --help' for usage.``.

``strip_flags`` is cobra's ``stripFlags``, used to find the sub-command before any flag is parsed.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import Any, Iterable

from sandbox.sim.durations import go_duration, parse_go_duration_ns
from sandbox.sim.errors import go_quote

BOOL, STRING, INT, DURATION, STRING_ARRAY, STRING_SLICE = (
    "bool", "string", "int", "duration", "stringArray", "stringSlice")
_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
_INT32_MIN, _INT32_MAX = -(1 << 31), (1 << 31) - 1


class FlagError(Exception):
    """A flag could not be parsed; the message is pflag's."""


@dataclass(frozen=True, slots=True)
class Flag:
    """One flag definition: what ``cmd.Flags().StringP(name, shorthand, default, usage)`` declares."""

    name: str
    kind: str = STRING
    default: Any = None
    usage: str = ""
    shorthand: str = ""
    no_opt: str = ""          # pflag NoOptDefVal: the value of a bare ``--flag`` (bools: "true")
    bits: int = 64            # int flags: Go's int32 (``-v``) or int/int64
    hidden: bool = False
    default_text: str = ""    # how help prints the default, when not derivable

    def initial(self) -> Any:
        if self.default is not None:
            return list(self.default) if isinstance(self.default, (list, tuple)) else self.default
        return {BOOL: False, STRING: "", INT: 0, DURATION: 0.0, STRING_ARRAY: [], STRING_SLICE: []}[self.kind]

    @property
    def display_name(self) -> str:
        """How pflag names the flag in ``invalid argument`` errors: ``-w, --watch`` or ``--tail``."""
        return f"-{self.shorthand}, --{self.name}" if self.shorthand else f"--{self.name}"

    def default_repr(self) -> str:
        """The ``=default`` text kubectl's help template prints after the flag name."""
        if self.default_text:
            return self.default_text
        value = self.initial()
        if self.kind == BOOL:
            return "true" if value else "false"
        if self.kind == STRING:
            return f"'{value}'"
        if self.kind == DURATION:
            return _go_duration_text(value)
        if self.kind in (STRING_ARRAY, STRING_SLICE):
            return "[" + ",".join(value) + "]"
        return str(value)


def _go_duration_text(seconds: float) -> str:
    return go_duration(seconds)


def _parse_bool(text: str) -> bool:
    """strconv.ParseBool."""
    if text in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if text in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise ValueError(f'strconv.ParseBool: parsing "{text}": invalid syntax')


def parse_go_int(text: str, bits: int = 64) -> int:
    """strconv.ParseInt(text, 0, bits): sign, 0x/0o/0b/0 prefixes, underscores only with a prefix."""
    where = f'strconv.ParseInt: parsing "{text}"'
    body = text[1:] if text[:1] in "+-" else text
    neg = text.startswith("-")
    base, digits = 10, body
    low = body.lower()
    if low.startswith("0x"):
        base, digits = 16, body[2:]
    elif low.startswith("0o"):
        base, digits = 8, body[2:]
    elif low.startswith("0b"):
        base, digits = 2, body[2:]
    elif body.startswith("0") and len(body) > 1:
        base, digits = 8, body[1:]
    if base != 10:
        if digits.startswith("_") or digits.endswith("_") or "__" in digits:
            raise ValueError(f"{where}: invalid syntax")
        digits = digits.replace("_", "")
    allowed = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}[base]
    if not digits or not all(c in allowed for c in digits):
        raise ValueError(f"{where}: invalid syntax")
    value = int(digits, base) * (-1 if neg else 1)
    lo, hi = (_INT32_MIN, _INT32_MAX) if bits == 32 else (_INT64_MIN, _INT64_MAX)
    if not lo <= value <= hi:
        raise ValueError(f"{where}: value out of range")
    return value


def _read_csv(text: str) -> list[str]:
    """pflag's readAsCSV: one CSV record; an empty string is no values."""
    if text == "":
        return []
    return next(csv.reader([text]))


@dataclass(slots=True)
class Parsed:
    """The outcome of parsing: values by flag name, which flags were given, and the arguments."""

    values: dict[str, Any]
    changed: set[str] = field(default_factory=set)
    args: list[str] = field(default_factory=list)
    dash_at: int = -1          # pflag ArgsLenAtDash: how many args came before ``--``, -1 without

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


class FlagSet:
    """A command's flags (its own and the inherited global ones) and the pflag parser."""

    def __init__(self, flags: Iterable[Flag]) -> None:
        self.flags: dict[str, Flag] = {}
        self.shorthands: dict[str, Flag] = {}
        for flag in flags:
            # cobra adds inherited (persistent) flags only when the command has no flag of that name
            if flag.name in self.flags:
                continue
            self.flags[flag.name] = flag
            if flag.shorthand and flag.shorthand not in self.shorthands:
                self.shorthands[flag.shorthand] = flag

    def lookup(self, name: str) -> Flag | None:
        return self.flags.get(name.replace("_", "-"))

    # -- parseArgs ------------------------------------------------------------------------------
    def parse(self, argv: list[str]) -> Parsed:
        parsed = Parsed({name: f.initial() for name, f in self.flags.items()})
        args = list(argv)
        while args:
            s = args.pop(0)
            if len(s) < 2 or s[0] != "-":
                parsed.args.append(s)
                continue
            if s[1] == "-":
                if len(s) == 2:
                    parsed.dash_at = len(parsed.args)
                    parsed.args.extend(args)
                    break
                args = self._long(s, args, parsed)
            else:
                args = self._short(s, args, parsed)
        return parsed

    def _long(self, s: str, args: list[str], parsed: Parsed) -> list[str]:
        name = s[2:]
        if not name or name[0] in "-=":
            raise FlagError(f"bad flag syntax: {s}")
        name, eq, value = name.partition("=")
        flag = self.lookup(name)
        if flag is None:
            raise FlagError(f"unknown flag: --{name}")
        if eq:
            pass
        elif flag.no_opt:
            value = flag.no_opt
        elif args:
            value = args.pop(0)
        else:
            raise FlagError(f"flag needs an argument: {s}")
        self._set(flag, value, parsed)
        return args

    def _short(self, s: str, args: list[str], parsed: Parsed) -> list[str]:
        shorthands = s[1:]
        while shorthands:
            c = shorthands[0]
            rest = shorthands[1:]
            flag = self.shorthands.get(c)
            if flag is None:
                raise FlagError(f"unknown shorthand flag: {_go_quote_rune(c)} in -{shorthands}")
            if len(shorthands) > 2 and shorthands[1] == "=":
                value, rest = shorthands[2:], ""
            elif flag.no_opt:
                value = flag.no_opt
            elif len(shorthands) > 1:
                value, rest = shorthands[1:], ""
            elif args:
                value = args.pop(0)
            else:
                raise FlagError(f"flag needs an argument: {_go_quote_rune(c)} in -{shorthands}")
            self._set(flag, value, parsed)
            shorthands = rest
        return args

    def _set(self, flag: Flag, value: str, parsed: Parsed) -> None:
        try:
            converted = _convert(flag, value, parsed.values[flag.name], flag.name in parsed.changed)
        except ValueError as err:
            raise FlagError(f'invalid argument {_go_quote(value)} for "{flag.display_name}" flag: {err}') from None
        parsed.values[flag.name] = converted
        parsed.changed.add(flag.name)


def _convert(flag: Flag, value: str, current: Any, changed: bool) -> Any:
    if flag.kind == BOOL:
        return _parse_bool(value)
    if flag.kind == INT:
        return parse_go_int(value, flag.bits)
    if flag.kind == DURATION:
        return parse_go_duration_ns(value) / 1e9
    if flag.kind == STRING_ARRAY:
        return (list(current) if changed else []) + [value]
    if flag.kind == STRING_SLICE:
        try:
            values = _read_csv(value)
        except csv.Error as err:
            raise ValueError(str(err)) from None
        return (list(current) if changed else []) + values
    return value


def _go_quote(text: str) -> str:
    return go_quote(text)


def _go_quote_rune(c: str) -> str:
    """Go's %q of a byte: ``'x'``."""
    if c == "'":
        return "'\\''"
    if c == "\\":
        return "'\\\\'"
    return f"'{c}'"


def strip_flags(args: list[str], flags: FlagSet) -> list[str]:
    """cobra's stripFlags: the words of ``args`` that are not flags or flag values."""
    commands: list[str] = []
    rest = list(args)
    while rest:
        s = rest.pop(0)
        if s == "--":
            break
        takes_value = False
        if s.startswith("--") and "=" not in s:
            flag = flags.lookup(s[2:])
            takes_value = flag is None or not flag.no_opt
        elif s.startswith("-") and "=" not in s and len(s) == 2:
            flag = flags.shorthands.get(s[1])
            takes_value = flag is None or not flag.no_opt
        if takes_value:
            if len(rest) <= 1:
                break
            rest.pop(0)
            continue
        if s and not s.startswith("-"):
            commands.append(s)
    return commands


def bool_flag(name: str, usage: str, shorthand: str = "", default: bool = False, hidden: bool = False) -> Flag:
    return Flag(name, BOOL, default, usage, shorthand, no_opt="true", hidden=hidden)


def string_flag(name: str, usage: str, shorthand: str = "", default: str = "", no_opt: str = "") -> Flag:
    return Flag(name, STRING, default, usage, shorthand, no_opt=no_opt)


def int_flag(name: str, usage: str, shorthand: str = "", default: int = 0, bits: int = 64) -> Flag:
    return Flag(name, INT, default, usage, shorthand, bits=bits)


def duration_flag(name: str, usage: str, default: float = 0.0) -> Flag:
    return Flag(name, DURATION, default, usage)


def array_flag(name: str, usage: str, shorthand: str = "") -> Flag:
    return Flag(name, STRING_ARRAY, (), usage, shorthand)


def slice_flag(name: str, usage: str, shorthand: str = "") -> Flag:
    return Flag(name, STRING_SLICE, (), usage, shorthand)


# kubectl's global (persistent) flags that Podlab honours or accepts (``kubectl options``).
GLOBAL_FLAGS: tuple[Flag, ...] = (
    string_flag("namespace", "If present, the namespace scope for this CLI request", "n"),
    string_flag("context", "The name of the kubeconfig context to use"),
    string_flag("cluster", "The name of the kubeconfig cluster to use"),
    string_flag("user", "The name of the kubeconfig user to use"),
    string_flag("kubeconfig", "Path to the kubeconfig file to use for CLI requests."),
    string_flag("request-timeout", "The length of time to wait before giving up on a single server request. "
                "Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero "
                "means don't timeout requests.", default="0"),
    int_flag("v", "number for the log level verbosity", "v", bits=32),
    bool_flag("warnings-as-errors", "Treat warnings received from the server as errors and exit with a "
              "non-zero exit code"),
    bool_flag("match-server-version", "Require server version to match client version"),
    bool_flag("help", "help for kubectl", "h", hidden=True),
)
