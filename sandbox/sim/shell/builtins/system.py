"""Time and system utilities: ``sleep``, ``date``, ``hostname``, ``env``, ``printenv``, ``ps``,
``id``, ``whoami``, ``uname``.

``sleep`` takes simulated time only: it returns ``Block(until)`` and the process is suspended.
Durations as busybox and coreutils accept them: decimals with an optional s/m/h/d suffix, several
summed, ``infinity``.
"""
from __future__ import annotations

import datetime as _dt
import math
import re

from .base import Block, Ctx, Result, RunCode, utility

_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_LONG_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LONG_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def parse_duration(text: str) -> float | None:
    if text in ("infinity", "inf", "INF", "Infinity"):
        return math.inf
    m = re.fullmatch(r"(\d+(?:\.\d*)?|\.\d+)([smhd]?)", text)
    if not m:
        return None
    return float(m.group(1)) * _UNITS[m.group(2)]


@utility("sleep")
def sleep(ctx: Ctx) -> Result:
    if not ctx.args:
        ctx.errln(ctx.msgs.util("missing_operand", "sleep") if ctx.gnu else "Usage: sleep [N]...")
        return 1
    total = 0.0
    for arg in ctx.args:
        seconds = parse_duration(arg)
        if seconds is None:
            ctx.errln(ctx.msgs.util("sleep_bad", a=arg))
            return 1
        total += seconds
    return Block(ctx.now + total)


def _utc(unix: float) -> _dt.datetime:
    return _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=math.floor(unix))


def strftime(fmt: str, unix: float) -> str:
    """strftime(3) in the C locale and UTC, for the conversions scripts use."""
    t = _utc(unix)
    out: list[str] = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%" or i + 1 >= len(fmt):
            out.append(c)
            i += 1
            continue
        d = fmt[i + 1]
        i += 2
        hour12 = t.hour % 12 or 12
        table = {
            "Y": f"{t.year}", "m": f"{t.month:02d}", "d": f"{t.day:02d}", "e": f"{t.day:2d}",
            "H": f"{t.hour:02d}", "M": f"{t.minute:02d}", "S": f"{t.second:02d}",
            "a": _DAYS[t.weekday()], "A": _LONG_DAYS[t.weekday()], "b": _MONTHS[t.month - 1],
            "h": _MONTHS[t.month - 1], "B": _LONG_MONTHS[t.month - 1], "y": f"{t.year % 100:02d}",
            "j": f"{t.timetuple().tm_yday:03d}", "Z": "UTC", "z": "+0000", "s": str(math.floor(unix)),
            "N": f"{int(round((unix - math.floor(unix)) * 1e9)) % 1_000_000_000:09d}",
            "F": f"{t.year}-{t.month:02d}-{t.day:02d}", "T": f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}",
            "D": f"{t.month:02d}/{t.day:02d}/{t.year % 100:02d}", "R": f"{t.hour:02d}:{t.minute:02d}",
            "I": f"{hour12:02d}", "l": f"{hour12:2d}", "p": "AM" if t.hour < 12 else "PM",
            "u": str(t.isoweekday()), "w": str(t.isoweekday() % 7), "n": "\n", "t": "\t", "%": "%",
            "c": f"{_DAYS[t.weekday()]} {_MONTHS[t.month - 1]} {t.day:2d} {t.hour:02d}:{t.minute:02d}:{t.second:02d} {t.year}",
        }
        out.append(table.get(d, "%" + d))
    return "".join(out)


@utility("date")
def date(ctx: Ctx) -> Result:
    unix = ctx.host.unix_time(ctx.now)
    fmt = "%a %b %e %H:%M:%S %Z %Y"   # busybox and coreutils in the C locale
    args = list(ctx.args)
    i = 0
    while i < len(args):
        a = args[i]
        if a.startswith("+"):
            fmt = a[1:]
        elif a in ("-d", "--date") and i + 1 < len(args):
            i += 1
            if args[i].startswith("@") and re.fullmatch(r"@-?\d+(\.\d+)?", args[i]):
                unix = float(args[i][1:])
        elif a.startswith("-I") or a.startswith("--iso-8601"):
            spec = a.split("=", 1)[1] if "=" in a else a[2:]
            zone = "+00:00" if ctx.gnu else "+0000"
            fmt = "%Y-%m-%d" if spec in ("", "date") else (
                "%Y-%m-%dT%H:%M:%S" + zone if spec.startswith("s") else "%Y-%m-%dT%H:%M" + zone
                if spec.startswith("m") else "%Y-%m-%dT%H" + zone)
        elif a in ("-R", "--rfc-2822", "--rfc-email"):
            fmt = "%a, %d %b %Y %H:%M:%S +0000"
        elif a in ("-u", "--utc", "--universal"):
            pass   # the containers run in UTC anyway
        i += 1
    ctx.out(strftime(fmt, unix) + "\n")
    return 0


@utility("hostname")
def hostname(ctx: Ctx) -> Result:
    ctx.out(ctx.host.hostname + "\n")
    return 0


@utility("env")
def env(ctx: Ctx) -> Result:
    args = list(ctx.args)
    values = dict(ctx.env)
    while args and (args[0] in ("-i", "-", "--ignore-environment") or "=" in args[0]):
        a = args.pop(0)
        if a in ("-i", "-", "--ignore-environment"):
            values = {}
        else:
            name, _, value = a.partition("=")
            values[name] = value
    if not args:
        ctx.out("".join(f"{k}={v}\n" for k, v in values.items()))
        return 0
    quoted = " ".join("'" + a.replace("'", "'\\''") + "'" for a in args)
    assigns = " ".join(f"{k}='" + v.replace("'", "'\\''") + "'" for k, v in values.items()
                       if ctx.env.get(k) != v)
    return RunCode((assigns + " " if assigns else "") + quoted, "eval")


@utility("printenv")
def printenv(ctx: Ctx) -> Result:
    if not ctx.args:
        ctx.out("".join(f"{k}={v}\n" for k, v in ctx.env.items()))
        return 0
    status = 0
    for name in ctx.args:
        if name in ctx.env:
            ctx.out(ctx.env[name] + "\n")
        else:
            status = 1
    return status


@utility("ps")
def ps(ctx: Ctx) -> Result:
    rows = ctx.host.processes()
    if ctx.gnu:   # procps-ng `ps -ef`-less default: PID TTY TIME CMD
        ctx.out("    PID TTY          TIME CMD\n")
        for pid, argv in rows:
            ctx.out(f"{pid:7d} ?        00:00:00 {argv[0].rsplit('/', 1)[-1][:15] if argv else ''}\n")
        return 0
    ctx.out("PID   USER     TIME  COMMAND\n")   # busybox procps/ps.c, default columns
    for pid, argv in rows:
        ctx.out(f"{pid:5d} {'root':<8} {'0:00':>5} {' '.join(argv)}\n")
    return 0


@utility("id")
def id_(ctx: Ctx) -> Result:
    if ctx.args[:1] == ["-u"]:
        ctx.out("0\n")
    elif ctx.args[:1] == ["-un"]:
        ctx.out("root\n")
    else:
        ctx.out("uid=0(root) gid=0(root) groups=0(root)\n")
    return 0


@utility("whoami")
def whoami(ctx: Ctx) -> Result:
    ctx.out("root\n")
    return 0


@utility("uname")
def uname(ctx: Ctx) -> Result:
    release, machine = "5.15.0", "x86_64"
    flags = "".join(a[1:] for a in ctx.args if a.startswith("-"))
    if "a" in flags:
        tail = " GNU/Linux" if ctx.gnu else " GNU/Linux"
        ctx.out(f"Linux {ctx.host.hostname} {release} #1 SMP {machine}{tail}\n")
        return 0
    parts = []
    for letter, value in (("s", "Linux"), ("n", ctx.host.hostname), ("r", release), ("m", machine)):
        if letter in flags:
            parts.append(value)
    ctx.out(" ".join(parts or ["Linux"]) + "\n")
    return 0
