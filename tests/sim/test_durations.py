"""Go and apimachinery duration formats (spec §8.5; golang/go src/time/time.go Duration.String,
src/time/format.go ParseDuration; apimachinery pkg/util/duration/duration.go)."""
from __future__ import annotations

import pytest

from sandbox.sim.durations import (duration_string, elapsed_ns, go_duration, human_duration,
                                   human_since, parse_go_duration, parse_go_duration_ns,
                                   short_human_duration)

MIN, HOUR, DAY, YEAR = 60, 3600, 86400, 365 * 86400


@pytest.mark.parametrize("seconds,text", [
    (0, "0s"), (0.512, "512ms"), (1.954, "1.954s"), (2, "2s"), (80, "1m20s"), (160, "2m40s"),
    (300, "5m0s"), (3600, "1h0m0s"), (1.5e-6, "1.5µs"), (1e-9, "1ns"), (0.0015, "1.5ms"),
    (62.5, "1m2.5s"), (90061.5, "25h1m1.5s"), (-1.5, "-1.5s"), (3600 + 0.000001, "1h0m0.000001s"),
])
def test_it_formats_durations_like_go(seconds, text):
    assert go_duration(seconds) == text


def test_it_truncates_to_milliseconds_as_the_kubelet_does_for_pulled_events():
    # image_manager.go: pullDuration.Truncate(time.Millisecond) -> "in 1.954s (1.954s including waiting)"
    assert go_duration(1.9545678, truncate_ms=True) == "1.954s"
    assert go_duration(0.5129, truncate_ms=True) == "512ms"
    assert go_duration(62.5009, truncate_ms=True) == "1m2.5s"
    assert go_duration(-1.9549, truncate_ms=True) == "-1.954s"  # toward zero, as Go's Truncate
    assert duration_string(999) == "999ns"


@pytest.mark.parametrize("seconds,text", [
    (0, "0s"), (5, "5s"), (119, "119s"), (119.9, "119s"), (120, "2m"), (130, "2m10s"),
    (9 * MIN + 59, "9m59s"), (10 * MIN, "10m"), (10 * MIN + 59, "10m"), (179 * MIN, "179m"),
    (3 * HOUR, "3h"), (3 * HOUR + 1 * MIN, "3h1m"), (7 * HOUR + 59 * MIN, "7h59m"), (8 * HOUR, "8h"),
    (47 * HOUR, "47h"), (2 * DAY, "2d"), (3 * DAY + 4 * HOUR, "3d4h"), (7 * DAY, "7d"),
    (7 * DAY + 23 * HOUR, "7d23h"), (8 * DAY, "8d"), (729 * DAY, "729d"), (2 * YEAR, "2y"),
    (3 * YEAR + DAY, "3y1d"), (8 * YEAR, "8y"), (9 * YEAR + 5 * DAY, "9y"),
])
def test_it_humanizes_durations_at_every_boundary(seconds, text):
    assert human_duration(seconds) == text


@pytest.mark.parametrize("seconds,text", [(-0.5, "0s"), (-1, "0s"), (-1.9, "0s"), (-2, "<invalid>"),
                                          (-300, "<invalid>")])
def test_it_tolerates_up_to_two_seconds_of_clock_skew(seconds, text):
    # int(d.Seconds()) truncates toward zero: -1.9s is "-1" and still "0s".
    assert human_duration(seconds) == text


@pytest.mark.parametrize("seconds,text", [
    (-2, "<invalid>"), (-1, "0s"), (59, "59s"), (60, "1m"), (3599, "59m"), (3600, "1h"),
    (23 * HOUR + 59 * MIN, "23h"), (DAY, "1d"), (364 * DAY, "364d"), (YEAR, "1y"), (3 * YEAR, "3y"),
])
def test_it_shortens_durations_like_short_human_duration(seconds, text):
    assert short_human_duration(seconds) == text


def test_it_measures_ages_without_float_noise():
    epoch = 1736157600.0  # 2025-01-06T10:00:00Z
    start = 1736157480.3
    now = start + 120.0  # float sums near 1.7e9 are off by ~1e-7 s
    assert human_since(now, start) == "2m"
    assert human_since(epoch + 120 - 2e-7, epoch) == "2m"  # sub-microsecond noise is ignored
    assert human_since(epoch + 120 - 1e-3, epoch) == "119s"  # a real millisecond short is not
    assert elapsed_ns(epoch + 1.5, epoch) == 1_500_000_000


@pytest.mark.parametrize("text,seconds", [
    ("90s", 90), ("1m30s", 90), ("2h", 7200), ("500ms", 0.5), ("1.5h", 5400), ("-1.5h", -5400),
    ("+5m", 300), ("0", 0), ("-0", 0), (".5s", 0.5), ("1.s", 1), ("1h2m3s4ms", 3723.004),
    ("10us", 1e-5), ("10µs", 1e-5), ("10μs", 1e-5), ("7ns", 7e-9),
])
def test_it_parses_go_durations(text, seconds):
    assert parse_go_duration(text) == pytest.approx(seconds, abs=1e-12)


def test_it_parses_fractions_of_hours_to_the_nanosecond():
    assert parse_go_duration_ns("1.000000001h") == 3_600_000_003_600
    assert parse_go_duration_ns("0.3333333333h") == 1_199_999_999_880


@pytest.mark.parametrize("text,message", [
    ("x", 'time: invalid duration "x"'),
    ("", 'time: invalid duration ""'),
    ("-", 'time: invalid duration "-"'),
    (".s", 'time: invalid duration ".s"'),
    ("90", 'time: missing unit in duration "90"'),
    ("1h30", 'time: missing unit in duration "1h30"'),
    ("2d", 'time: unknown unit "d" in duration "2d"'),
    ("3 s", 'time: unknown unit " s" in duration "3 s"'),
    ("1é", 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'),
    ("9999999999999999999s", 'time: invalid duration "9999999999999999999s"'),
    ("3000000h", 'time: invalid duration "3000000h"'),
])
def test_it_rejects_bad_durations_with_go_messages(text, message):
    with pytest.raises(ValueError) as excinfo:
        parse_go_duration(text)
    assert str(excinfo.value) == message
