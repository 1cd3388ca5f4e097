"""Hypothesis profiles for the fuzz tests (issue 9, "Bad input").

- ``ci`` (the default, ``make test``): a few dozen examples per property, the folder in well
  under a minute, the same examples on every run; ``FUZZ_EXAMPLES=N`` asks for N per property instead;
- ``long`` (``make fuzz``, ``HYPOTHESIS_PROFILE=long``): 100,000 examples in all, shared by the
  properties collected (equally, unless a module takes a smaller share: ``EXAMPLES_WEIGHT``).

No deadline: a single example may legitimately run a shell loop for a while; what each example
may cost is bounded by the properties themselves (simulated time, the line limit).
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

LONG_TOTAL = 100_000
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
SUPPRESSED = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large,
              HealthCheck.filter_too_much]

# ``ci`` is derandomized (examples drawn from a hash of each test): a green CI stays green on a
# clean clone, and what it tests changes only with the code; exploring is ``long``'s job.
settings.register_profile("ci", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")), deadline=None,
                          suppress_health_check=SUPPRESSED, print_blob=True, derandomize=True)
settings.register_profile("long", max_examples=1000, deadline=None, suppress_health_check=SUPPRESSED,
                          print_blob=True)


def pytest_collection_modifyitems(config, items):
    # Hypothesis fixes a test's settings when @given is applied, before this runs: the settings
    # are applied to each property here, the long profile's share computed from their number.
    properties = [item for item in items if "tests/fuzz/" in str(item.path).replace(os.sep, "/")
                  and getattr(getattr(item, "obj", None), "is_hypothesis_test", False)]
    if not properties:
        return
    # A module may take a smaller share (EXAMPLES_WEIGHT) when its examples are slow.
    weights = [float(getattr(item.module, "EXAMPLES_WEIGHT", 1.0)) for item in properties]
    base = settings.get_profile("long" if PROFILE == "long" else "ci")
    per_unit = LONG_TOTAL / sum(weights) if PROFILE == "long" else base.max_examples
    total = 0
    for item, weight in zip(properties, weights):
        examples = max(5, round(per_unit * weight))
        settings(base, max_examples=examples)(item.obj)
        total += examples
    config._fuzz_examples = (PROFILE, len(properties), total)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    fuzz = getattr(config, "_fuzz_examples", None)
    if fuzz:
        profile, count, total = fuzz
        terminalreporter.write_line(f"fuzz: profile {profile}, {count} properties, up to {total} examples")
