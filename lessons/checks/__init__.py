"""The lessons' checks: ``evaluate(check, view) -> Outcome(passed, why)``.

A check (lessons/schema/model.py) is data; this package says whether it holds for a sandbox at
one instant (``View.of(session)``), and when it does not, why in one short English sentence
(``pod "nginx" is ContainerCreating, not Running``). One module per family: objects.py (the
cluster as it is), history.py (the pods' trace), events.py, commands.py (the kubectl command log
and shell lines), files.py; values.py and paths.py are the value tests and field paths they share.
``all``/``any``/``not`` combine checks here. Plain Python: no Django, no wall clock.
"""
from __future__ import annotations

from lessons.schema.model import (AllOf, AnyOf, Check, CommandCheck, EventCheck, FileCheck, HistoryCheck, Matcher,
                                  Not, ObjectCheck)

from .commands import describe_command, evaluate_command
from .events import describe_events, evaluate_event
from .files import evaluate_file
from .history import evaluate_history
from .objects import evaluate_object
from .outcome import PASSED, Outcome, failed
from .values import want
from .view import View


def evaluate(check: Check | Matcher, view: View) -> Outcome:
    """Does the check hold for the sandbox ``view`` shows? (A bare matcher is accepted too.)"""
    matcher = check.matcher if isinstance(check, Check) else check
    return _evaluate(matcher, view)


def _evaluate(matcher: Matcher, view: View) -> Outcome:
    if isinstance(matcher, ObjectCheck):
        return evaluate_object(matcher, view)
    if isinstance(matcher, HistoryCheck):
        return evaluate_history(matcher, view)
    if isinstance(matcher, EventCheck):
        return evaluate_event(matcher, view)
    if isinstance(matcher, CommandCheck):
        return evaluate_command(matcher, view)
    if isinstance(matcher, FileCheck):
        return evaluate_file(matcher, view)
    if isinstance(matcher, AllOf):
        for child in matcher.checks:
            outcome = evaluate(child, view)
            if not outcome.passed:
                return outcome
        return PASSED
    if isinstance(matcher, AnyOf):
        whys = []
        for child in matcher.checks:
            outcome = evaluate(child, view)
            if outcome.passed:
                return PASSED
            whys.append(outcome.why)
        whys = list(dict.fromkeys(whys))        # alternatives that fail for one reason say it once
        return failed(whys[0] if len(whys) == 1 else "none holds: " + "; ".join(whys))
    if isinstance(matcher, Not):
        if evaluate(matcher.check, view).passed:
            return failed("unwanted: " + affirm(matcher.check))
        return PASSED
    raise TypeError(f"not a check: {matcher!r}")


def affirm(check: Check | Matcher) -> str:
    """What a check that holds says, as a statement (for ``not``'s why): ``kubectl run nginx was run``."""
    matcher = check.matcher if isinstance(check, Check) else check
    if isinstance(matcher, ObjectCheck):
        target = matcher.target
        noun = target.kind.lower()
        subject = f'{noun} "{target.name}"' if target.name is not None else \
            f"a {noun} matching {target.selector}" if target.selector else f"a {noun}"
        if not matcher.exists:
            return f"{subject} does not exist" if target.name else f"no {noun} matches {target.selector or ''}".rstrip()
        tests = [f"{label} {want(test)}" for label, test in (
            ("status", matcher.status), ("ready", matcher.ready), ("restarts", matcher.restarts),
            ("phase", matcher.phase)) if test is not None]
        tests += [f"{path} {want(test)}" for path, test in matcher.conditions + matcher.fields]
        return f"{subject} exists" + (f" with {', '.join(tests)}" if tests else "")
    if isinstance(matcher, HistoryCheck):
        subject = f'pod "{matcher.pod}"' if matcher.pod else f"a pod matching {matcher.selector}"
        parts = [f"was {want(matcher.was)}" if matcher.was else "",
                 f"had phase {want(matcher.phase_was)}" if matcher.phase_was else "",
                 f"restarted {want(matcher.restarted)} times" if matcher.restarted else "",
                 f"became Ready within {matcher.ready_within:g}s" if matcher.ready_within is not None else "",
                 {True: "was deleted", False: "was never deleted", None: ""}[matcher.deleted]]
        return f"{subject} " + " and ".join(p for p in parts if p)
    if isinstance(matcher, EventCheck):
        return f"there is a {describe_events(matcher)}"
    if isinstance(matcher, CommandCheck):
        return f"{describe_command(matcher)} was run"
    if isinstance(matcher, FileCheck):
        return f"file {matcher.path} exists" if matcher.exists else f"file {matcher.path} does not exist"
    if isinstance(matcher, AllOf):
        return " and ".join(affirm(c) for c in matcher.checks)
    if isinstance(matcher, AnyOf):
        return " or ".join(affirm(c) for c in matcher.checks)
    return "not " + affirm(matcher.check)


__all__ = ["Outcome", "View", "affirm", "evaluate"]
