"""``HistoryCheck``: what happened to a pod since the sandbox (or its last ``lab reset``) started,
read from the session's trace (sandbox/trace.py): the STATUS column and phase it showed, the most
restarts it reached, how long it took to become Ready, whether it was deleted.

A name means every pod that ever had that name (a pod deleted and created again is two pods); a
selector every pod whose labels (as last seen) match. The tests must all hold for one of them;
when none passes, the why speaks of the most recent one.
"""
from __future__ import annotations

from lessons.schema.model import HistoryCheck, ValueTest
from sandbox.sim.apiserver.selectors import SelectorError
from sandbox.sim.durations import go_duration
from sandbox.trace import PodRecord

from .outcome import PASSED, Outcome, failed
from .values import described, passes, text, want
from .view import View

MAX_SEEN = 6        # statuses listed in a why


def _seen(values: list[str]) -> str:
    distinct = list(dict.fromkeys(values))
    listed = ", ".join(distinct[:MAX_SEEN]) + (", ..." if len(distinct) > MAX_SEEN else "")
    return f"seen: {listed}" if listed else "nothing seen"


def _never(label: str, what: str, test: ValueTest, values: list[str]) -> str:
    if test.op == "equals":
        phrase = f"was never {want(test)}" if what == "STATUS" else f"never had phase {want(test)}"
    else:
        phrase = f"never had a {what} {described(test)}"
    return f"{label} {phrase} ({_seen(values)})"


def record_mismatch(check: HistoryCheck, record: PodRecord) -> str:
    """Why this pod's history fails the check ("" when it passes)."""
    label = f'pod "{record.name}"'
    if check.was is not None:
        statuses = [s.status for s in record.samples]
        if not any(passes(check.was, status) for status in statuses):
            return _never(label, "STATUS", check.was, statuses)
    if check.phase_was is not None:
        phases = [s.phase for s in record.samples]
        if not any(passes(check.phase_was, phase) for phase in phases):
            return _never(label, "phase", check.phase_was, phases)
    if check.restarted is not None:
        most = record.max_restarts
        if not passes(check.restarted, most):
            times = "time" if most == 1 else "times"
            return f"{label} restarted {most} {times}" + (
                f" (want {want(check.restarted)})" if check.restarted.op != "equals" else f", not {text(check.restarted.value)}")
    if check.ready_within is not None:
        limit = go_duration(check.ready_within)
        if record.ready_at is None:
            return f"{label} never became Ready (want within {limit})"
        took = record.ready_at - record.created
        if took > check.ready_within:
            return f"{label} became Ready {go_duration(took)} after it was created (want within {limit})"
    if check.deleted is True and record.deleted is None:
        return f"{label} was never deleted"
    if check.deleted is False and record.deleted is not None:
        return f"{label} was deleted"
    return ""


def evaluate_history(check: HistoryCheck, view: View) -> Outcome:
    try:
        records = view.trace.pods(name=check.pod, namespace=check.namespace, selector=check.selector)
    except SelectorError as err:
        return failed(f"the selector {check.selector!r} is not valid: {err}")
    if not records:
        where = "" if check.namespace == "default" else f' in namespace "{check.namespace}"'
        if check.pod is not None and check.selector is None:
            return failed(f'no pod named "{check.pod}" was ever seen{where}')
        if check.pod is not None:
            return failed(f'no pod named "{check.pod}" matching {check.selector} was ever seen{where}')
        return failed(f"no pod matching {check.selector or '(any)'} was ever seen{where}")
    whys = [record_mismatch(check, record) for record in records]
    if "" in whys:
        return PASSED
    return failed(whys[-1])


__all__ = ["evaluate_history", "record_mismatch"]
