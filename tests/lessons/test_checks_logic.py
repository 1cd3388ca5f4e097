"""all / any / not, and evaluate's contract: a Check or a bare matcher, an Outcome with an empty why."""
from __future__ import annotations

import pytest

from lessons.checks import Outcome, View, evaluate
from lessons.schema.model import (AllOf, AnyOf, Check, CommandCheck, FileCheck, HistoryCheck, Not, ObjectCheck, Target,
                                  Text, ValueTest as V)
from sandbox.session import Session


def nested(matcher):
    return Check(id="n", matcher=matcher, message=None, points=0)


def running(name):
    return nested(ObjectCheck(Target("Pod", name), status=V("equals", "Running")))


@pytest.fixture(scope="module")
def session():
    s = Session(seed=1)
    s.execute("kubectl run a --image=nginx")
    s.execute("lab advance 30s")
    return s


def outcome(session, matcher):
    result = evaluate(Check(id="c", matcher=matcher, message=Text("메시지", "message"), points=2), View.of(session))
    assert isinstance(result, Outcome)
    return result.passed, result.why


def test_it_accepts_a_bare_matcher(session):
    assert evaluate(ObjectCheck(Target("Pod", "a")), View.of(session)) == Outcome(True, "")


def test_all_needs_every_check_and_names_the_first_failure(session):
    assert outcome(session, AllOf((running("a"), running("a")))) == (True, "")
    assert outcome(session, AllOf((running("a"), running("b"), running("c")))) == (False, 'pod "b" does not exist')


def test_any_needs_one_check_and_lists_every_failure(session):
    assert outcome(session, AnyOf((running("b"), running("a")))) == (True, "")
    assert outcome(session, AnyOf((running("b"), running("c")))) == \
        (False, 'none holds: pod "b" does not exist; pod "c" does not exist')
    assert outcome(session, AnyOf((running("b"),))) == (False, 'pod "b" does not exist')


def test_not_inverts_and_says_what_should_not_be(session):
    assert outcome(session, Not(running("b"))) == (True, "")
    assert outcome(session, Not(running("a"))) == (False, 'unwanted: pod "a" exists with status Running')
    assert outcome(session, Not(nested(CommandCheck(verb=("run",), name="a")))) == \
        (False, "unwanted: kubectl run a was run")
    assert outcome(session, Not(nested(HistoryCheck(pod="a", was=V("equals", "Running"))))) == \
        (False, 'unwanted: pod "a" was Running')
    assert outcome(session, Not(nested(FileCheck("/etc/hostname")))) == (False, "unwanted: file /etc/hostname exists")


def test_checks_nest(session):
    check = AllOf((nested(AnyOf((running("b"), running("a")))), nested(Not(running("c")))))
    assert outcome(session, check) == (True, "")
    assert outcome(session, Not(nested(check))).__getitem__(0) is False


def test_a_bad_selector_is_a_failure_not_a_crash(session):
    passed, why = outcome(session, ObjectCheck(Target("Pod", selector="app in (web")))
    assert not passed and why.startswith("the selector 'app in (web' is not valid: ")


def test_it_is_cheap_to_build_a_view_after_every_change(session):
    view = View.of(session)
    assert view.store is session.cluster.store and view.trace is session.trace
    assert view.commands is session.commands and view.history is session.history
    assert view.now == session.now
