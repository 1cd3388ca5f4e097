"""Durations written and read the way Go and Kubernetes write and read them.

* ``go_duration`` is Go's ``time.Duration.String()`` (golang/go src/time/time.go): ``0s``,
  ``512ms``, ``1.954s``, ``1m20s``, ``5m0s``, ``1h0m0s``, ``1.5µs``. The kubelet's ``Pulled``
  event truncates to milliseconds first (pkg/kubelet/images/image_manager.go:
  ``imagePullResult.pullDuration.Truncate(time.Millisecond)``).
* ``human_duration`` / ``short_human_duration`` are apimachinery ``pkg/util/duration``
  ``HumanDuration`` / ``ShortHumanDuration``, behind every AGE cell (spec §8.5).
* ``parse_go_duration`` is Go's ``time.ParseDuration`` (src/time/format.go), error texts included.

Go durations are int64 nanoseconds; the functions taking seconds convert first, so every rule
below runs on integers exactly as Go's does.
"""
from __future__ import annotations

NANOSECOND = 1
MICROSECOND = 1000 * NANOSECOND
MILLISECOND = 1000 * MICROSECOND
SECOND = 1000 * MILLISECOND
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE

_MAX = (1 << 63) - 1
_MIN = -(1 << 63)


def seconds_to_ns(seconds: float) -> int:
    """A float of seconds as Go nanoseconds (nearest), clamped to int64 like Time.Sub."""
    ns = round(seconds * 1e9)
    return max(_MIN, min(_MAX, ns))


def elapsed_ns(now: float, then: float) -> int:
    """``time.Since(then)`` at ``now``, both Unix seconds.

    The difference is rounded to whole microseconds before it becomes nanoseconds: Unix times
    near 1.7e9 carry float noise of a few tenths of a microsecond, and without this a virtual
    clock that lands exactly on 120 s could read 119.99999 s and print ``119s``.
    """
    return seconds_to_ns(round((now - then) * 1e6) / 1e6)


def _go_quot(a: int, b: int) -> int:
    """Go's integer division, truncating toward zero (Python's // floors)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _go_rem(a: int, b: int) -> int:
    """Go's %, whose sign follows the dividend."""
    return a - _go_quot(a, b) * b


def truncate_ns(ns: int, unit: int) -> int:
    """time.Duration.Truncate: round toward zero to a multiple of ``unit``."""
    if unit <= 0:
        return ns
    return ns - _go_rem(ns, unit)


# --- Duration.String -------------------------------------------------------------------------

def _fmt_frac(v: int, prec: int) -> tuple[str, int]:
    """fmtFrac: the fraction of v/10**prec without trailing zeros (``.954``), and v/10**prec."""
    digits: list[str] = []
    printing = False
    for _ in range(prec):
        digit = v % 10
        printing = printing or digit != 0
        if printing:
            digits.append(str(digit))
        v //= 10
    if not printing:
        return "", v
    return "." + "".join(reversed(digits)), v


def duration_string(ns: int) -> str:
    """time.Duration(ns).String(), e.g. ``72h3m0.5s``; the zero duration is ``0s``."""
    neg = ns < 0
    u = -ns if neg else ns
    if u < SECOND:
        # Special case: durations under a second use ms, µs or ns so the lead digit is non-zero.
        if u == 0:
            return "0s"
        if u < MICROSECOND:
            frac, u = _fmt_frac(u, 0)
            text = f"{u}{frac}ns"
        elif u < MILLISECOND:
            frac, u = _fmt_frac(u, 3)
            text = f"{u}{frac}µs"  # U+00B5 MICRO SIGN, as Go writes it
        else:
            frac, u = _fmt_frac(u, 6)
            text = f"{u}{frac}ms"
    else:
        frac, u = _fmt_frac(u, 9)
        text = f"{u % 60}{frac}s"
        u //= 60
        if u > 0:
            text = f"{u % 60}m{text}"
            u //= 60
            if u > 0:
                # Stop at hours because days can be different lengths.
                text = f"{u}h{text}"
    return "-" + text if neg else text


def go_duration(seconds: float, *, truncate_ms: bool = False) -> str:
    """Go's ``%v`` of a duration given in seconds: ``go_duration(80) == "1m20s"``.

    ``truncate_ms`` applies ``Truncate(time.Millisecond)`` first, as the kubelet does for
    ``Successfully pulled image "x" in 1.954s (1.954s including waiting)``.
    """
    ns = seconds_to_ns(seconds)
    if truncate_ms:
        ns = truncate_ns(ns, MILLISECOND)
    return duration_string(ns)


# --- HumanDuration -----------------------------------------------------------------------------

def _whole(ns: int, unit: int) -> int:
    """int(d.Seconds()) and friends: Go converts the float toward zero."""
    return int(_go_quot(ns, unit) + _go_rem(ns, unit) / unit)


def human_duration_ns(d: int) -> str:
    """apimachinery duration.HumanDuration: ~2-3 significant figures (``5m12s``, ``3d4h``)."""
    # "Allow deviation no more than 2 seconds(excluded) to tolerate machine time inconsistence."
    seconds = _whole(d, SECOND)
    if seconds < -1:
        return "<invalid>"
    if seconds < 0:
        return "0s"
    if seconds < 60 * 2:
        return f"{seconds}s"
    minutes = d // MINUTE
    if minutes < 10:
        s = (d // SECOND) % 60
        return f"{minutes}m" if s == 0 else f"{minutes}m{s}s"
    if minutes < 60 * 3:
        return f"{minutes}m"
    hours = d // HOUR
    if hours < 8:
        m = (d // MINUTE) % 60
        return f"{hours}h" if m == 0 else f"{hours}h{m}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        h = hours % 24
        return f"{hours // 24}d" if h == 0 else f"{hours // 24}d{h}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        dy = (hours // 24) % 365
        return f"{hours // 24 // 365}y" if dy == 0 else f"{hours // 24 // 365}y{dy}d"
    return f"{hours // 24 // 365}y"


def short_human_duration_ns(d: int) -> str:
    """apimachinery duration.ShortHumanDuration: one unit only (``5s``, ``12m``, ``3h``, ``4d``)."""
    seconds = _whole(d, SECOND)
    if seconds < -1:
        return "<invalid>"
    if seconds < 0:
        return "0s"
    if seconds < 60:
        return f"{seconds}s"
    minutes = _whole(d, MINUTE)
    if minutes < 60:
        return f"{minutes}m"
    hours = _whole(d, HOUR)
    if hours < 24:
        return f"{hours}h"
    if hours < 24 * 365:
        return f"{hours // 24}d"
    return f"{int((_go_quot(d, HOUR) + _go_rem(d, HOUR) / HOUR) / 24 / 365)}y"


def human_duration(seconds: float) -> str:
    """HumanDuration of a duration in seconds: ``human_duration(130) == "2m10s"``."""
    return human_duration_ns(seconds_to_ns(seconds))


def short_human_duration(seconds: float) -> str:
    return short_human_duration_ns(seconds_to_ns(seconds))


def human_since(now: float, then: float) -> str:
    """``duration.HumanDuration(time.Since(then))`` with both instants as Unix seconds."""
    return human_duration_ns(elapsed_ns(now, then))


# --- ParseDuration -------------------------------------------------------------------------------

_UNITS = {
    "ns": NANOSECOND,
    "us": MICROSECOND,
    "µs": MICROSECOND,  # U+00B5 = micro symbol
    "μs": MICROSECOND,  # U+03BC = Greek letter mu
    "ms": MILLISECOND,
    "s": SECOND,
    "m": MINUTE,
    "h": HOUR,
}


def _go_quote(text: str) -> str:
    """time's own quote(): non-ASCII and control characters become ``\\x`` escapes of UTF-8."""
    out = ['"']
    for ch in text:
        if ord(ch) >= 0x80 or ch < " ":
            out.extend(f"\\x{b:02x}" for b in ch.encode("utf-8", "surrogatepass"))
        else:
            if ch in '"\\':
                out.append("\\")
            out.append(ch)
    out.append('"')
    return "".join(out)


def _leading_int(s: str) -> tuple[int, str] | None:
    """leadingInt: the leading [0-9]*, or None on int64 overflow."""
    x = 0
    i = 0
    while i < len(s) and "0" <= s[i] <= "9":
        if x > (1 << 63) // 10:
            return None
        x = x * 10 + ord(s[i]) - 48
        if x > 1 << 63:
            return None
        i += 1
    return x, s[i:]


def _leading_fraction(s: str) -> tuple[int, float, str]:
    """leadingFraction: digits after the point; stops gaining precision on overflow."""
    x, scale, i, overflow = 0, 1.0, 0, False
    while i < len(s) and "0" <= s[i] <= "9":
        if not overflow:
            if x > ((1 << 63) - 1) // 10:
                overflow = True
            else:
                y = x * 10 + ord(s[i]) - 48
                if y > 1 << 63:
                    overflow = True
                else:
                    x = y
                    scale *= 10
        i += 1
    return x, scale, s[i:]


def parse_go_duration_ns(text: str) -> int:
    """time.ParseDuration: ``[-+]?([0-9]*(\\.[0-9]*)?[a-z]+)+`` to nanoseconds.

    Raises ValueError with Go's message, e.g. ``time: invalid duration "x"``,
    ``time: missing unit in duration "90"``, ``time: unknown unit "d" in duration "2d"``.
    """
    orig = text
    s = text
    invalid = ValueError("time: invalid duration " + _go_quote(orig))
    neg = False
    if s and s[0] in "-+":
        neg = s[0] == "-"
        s = s[1:]
    if s == "0":
        return 0
    if s == "":
        raise invalid
    d = 0
    while s:
        if not (s[0] == "." or "0" <= s[0] <= "9"):
            raise invalid
        before = len(s)
        lead = _leading_int(s)
        if lead is None:
            raise invalid
        v, s = lead
        pre = before != len(s)
        post = False
        f, scale = 0, 1.0
        if s and s[0] == ".":
            s = s[1:]
            before = len(s)
            f, scale, s = _leading_fraction(s)
            post = before != len(s)
        if not pre and not post:
            raise invalid  # no digits (e.g. ".s" or "-.s")
        i = 0
        while i < len(s) and not (s[i] == "." or "0" <= s[i] <= "9"):
            i += 1
        if i == 0:
            raise ValueError("time: missing unit in duration " + _go_quote(orig))
        unit_text, s = s[:i], s[i:]
        unit = _UNITS.get(unit_text)
        if unit is None:
            raise ValueError(f"time: unknown unit {_go_quote(unit_text)} in duration {_go_quote(orig)}")
        if v > (1 << 63) // unit:
            raise invalid
        v *= unit
        if f > 0:
            # float64 is needed to be nanosecond accurate for fractions of hours.
            v += int(float(f) * (float(unit) / scale))
            if v > 1 << 63:
                raise invalid
        d += v
        if d > 1 << 63:
            raise invalid
    if neg:
        return -d
    if d > _MAX:
        raise invalid
    return d


def parse_go_duration(text: str) -> float:
    """time.ParseDuration in seconds: ``parse_go_duration("1m30s") == 90.0``."""
    return parse_go_duration_ns(text) / SECOND
