"""History checks: what happened to a pod since the sandbox started (the session's trace)."""
from __future__ import annotations

import pytest

from lessons.checks import View, evaluate
from lessons.schema.model import Check, HistoryCheck, ValueTest as V
from sandbox.session import Session


def outcome(session, matcher):
    result = evaluate(Check(id="c", matcher=matcher, message=None), View.of(session))
    return result.passed, result.why


@pytest.fixture(scope="module")
def crashing():
    s = Session(seed=1)
    s.execute('kubectl run crash --image=busybox -- sh -c "exit 1"')
    s.execute("kubectl run nginx --image=nginx --labels=app=web")
    s.execute("lab advance 5m")
    return s


def test_it_remembers_a_crash_loop(crashing):
    assert outcome(crashing, HistoryCheck(pod="crash", was=V("equals", "CrashLoopBackOff"),
                                          restarted=V("gte", 3))) == (True, "")


def test_it_says_which_statuses_a_pod_went_through(crashing):
    assert outcome(crashing, HistoryCheck(pod="nginx", was=V("equals", "CrashLoopBackOff"))) == \
        (False, 'pod "nginx" was never CrashLoopBackOff (seen: Pending, ContainerCreating, Running)')
    assert outcome(crashing, HistoryCheck(pod="nginx", was=V("regex", "Err"))) == \
        (False, 'pod "nginx" never had a STATUS matching "Err" (seen: Pending, ContainerCreating, Running)')


def test_it_tests_past_phases(crashing):
    assert outcome(crashing, HistoryCheck(pod="crash", phase_was=V("equals", "Running"))) == (True, "")
    assert outcome(crashing, HistoryCheck(pod="crash", phase_was=V("equals", "Failed"))) == \
        (False, 'pod "crash" never had phase Failed (seen: Pending, Running)')


def test_it_tests_the_most_restarts_a_pod_showed(crashing):
    assert outcome(crashing, HistoryCheck(pod="nginx", restarted=V("gte", 1))) == \
        (False, 'pod "nginx" restarted 0 times (want >= 1)')
    assert outcome(crashing, HistoryCheck(pod="crash", restarted=V("lt", 2)))[1].startswith(
        'pod "crash" restarted ')


def test_it_measures_how_fast_a_pod_became_ready(crashing):
    assert outcome(crashing, HistoryCheck(pod="nginx", ready_within=30)) == (True, "")
    assert outcome(crashing, HistoryCheck(pod="nginx", ready_within=2)) == \
        (False, 'pod "nginx" became Ready 4s after it was created (want within 2s)')
    assert outcome(crashing, HistoryCheck(pod="crash", ready_within=60)) == \
        (False, 'pod "crash" never became Ready (want within 1m0s)')


def test_it_finds_pods_by_selector(crashing):
    assert outcome(crashing, HistoryCheck(selector="app=web", was=V("equals", "Running"))) == (True, "")
    assert outcome(crashing, HistoryCheck(selector="app=shop", was=V("equals", "Running"))) == \
        (False, "no pod matching app=shop was ever seen")


def test_it_says_when_no_pod_had_the_name(crashing):
    assert outcome(crashing, HistoryCheck(pod="ghost", was=V("equals", "Running"))) == \
        (False, 'no pod named "ghost" was ever seen')


def test_it_remembers_a_deleted_pod():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx")
    s.execute("lab advance 10s")
    assert outcome(s, HistoryCheck(pod="nginx", deleted=True)) == (False, 'pod "nginx" was never deleted')
    assert outcome(s, HistoryCheck(pod="nginx", deleted=False)) == (True, "")
    s.execute("kubectl delete pod nginx")
    assert outcome(s, HistoryCheck(pod="nginx", deleted=True, was=V("equals", "Running"))) == (True, "")
    assert outcome(s, HistoryCheck(pod="nginx", deleted=False)) == (False, 'pod "nginx" was deleted')
    assert outcome(s, HistoryCheck(pod="nginx", was=V("equals", "Terminating"))) == (True, "")


def test_it_counts_any_pod_that_had_the_name():
    s = Session(seed=1)
    s.execute('kubectl run app --image=busybox -- sh -c "exit 1"')
    s.execute("lab advance 2m")
    s.execute("kubectl delete pod app --now")
    s.execute("kubectl run app --image=nginx")
    s.execute("lab advance 30s")
    # the first "app" crash-looped and was deleted; the second runs
    assert outcome(s, HistoryCheck(pod="app", was=V("equals", "CrashLoopBackOff"), deleted=True)) == (True, "")
    assert outcome(s, HistoryCheck(pod="app", was=V("equals", "Running"), deleted=False)) == (True, "")
    # both must hold for one pod: the why speaks of the latest
    assert outcome(s, HistoryCheck(pod="app", was=V("equals", "CrashLoopBackOff"), deleted=False)) == \
        (False, 'pod "app" was never CrashLoopBackOff (seen: Pending, ContainerCreating, Running)')


def test_it_forgets_the_pods_of_a_reset_cluster():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx")
    s.execute("lab advance 10s")
    s.execute("lab reset")
    assert outcome(s, HistoryCheck(pod="nginx", was=V("equals", "Running"))) == \
        (False, 'no pod named "nginx" was ever seen')
