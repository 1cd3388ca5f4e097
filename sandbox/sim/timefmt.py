"""Timestamps as the Kubernetes API writes them, computed from numbers, never from a clock.

Simulated time is a float of seconds since the cluster started; a cluster has an ``epoch`` (Unix
seconds) so that ``epoch + t`` is the instant the API shows. metav1.Time serialises as RFC 3339 in
UTC with whole seconds (apimachinery pkg/apis/meta/v1/time.go: ``t.UTC().Format(time.RFC3339)``),
metav1.MicroTime with six fractional digits (micro_time.go, ``RFC3339Micro``).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from functools import lru_cache

_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)


def _utc(unix: float) -> _dt.datetime:
    return _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=math.floor(unix))


def rfc3339(unix: float) -> str:
    """metav1.Time: ``2025-01-06T10:00:04Z`` (fraction dropped, as Go's RFC3339 layout does)."""
    return _utc(unix).strftime("%Y-%m-%dT%H:%M:%SZ")


def rfc3339_micro(unix: float) -> str:
    """metav1.MicroTime: ``2025-01-06T10:00:04.000000Z``."""
    micros = int(round((unix - math.floor(unix)) * 1_000_000))
    if micros == 1_000_000:
        return rfc3339_micro(math.floor(unix) + 1)
    return _utc(unix).strftime("%Y-%m-%dT%H:%M:%S") + f".{micros:06d}Z"


def rfc3339_nano(unix: float) -> str:
    """The kubelet's log timestamps (kuberuntime/logs: ``2006-01-02T15:04:05.000000000Z07:00``)."""
    nanos = int(round((unix - math.floor(unix)) * 1_000_000_000))
    if nanos == 1_000_000_000:
        return rfc3339_nano(math.floor(unix) + 1)
    return _utc(unix).strftime("%Y-%m-%dT%H:%M:%S") + f".{nanos:09d}Z"


def rfc1123z(unix: float) -> str:
    """kubectl describe's time layout, ``Mon, 02 Jan 2006 15:04:05 -0700``, always in UTC here."""
    return _utc(unix).strftime("%a, %d %b %Y %H:%M:%S +0000")


@lru_cache(maxsize=8192)
def parse_rfc3339(text: str) -> float:
    """Unix seconds of an RFC 3339 timestamp; raises ValueError on anything else. Remembered per
    text: the cluster view reads every pod's, container's and event's times again on each turn,
    and they are the same few strings (a time is a whole second or a microsecond, set once)."""
    m = _RFC3339.match(text)
    if not m:
        raise ValueError(f"not an RFC 3339 time: {text!r}")
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    frac = float(m.group(7)) if m.group(7) else 0.0
    unix = calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0)) + frac
    zone = m.group(8)
    if zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        unix -= sign * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)
    return unix


# The default epoch of a sandbox: the instant the spec's examples use (2025-01-06T10:00:00Z).
DEFAULT_EPOCH = float(calendar.timegm((2025, 1, 6, 10, 0, 0, 0, 0, 0)))
