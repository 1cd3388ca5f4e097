"""Event checks: the namespace's Events as ``kubectl get events`` lists them."""
from __future__ import annotations

import pytest

from lessons.checks import View, evaluate
from lessons.schema.model import Check, EventCheck, ValueTest as V
from sandbox.session import Session

PROBE_POD = """cat > probe.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: probe-demo
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "touch /tmp/healthy; sleep 20; rm -f /tmp/healthy; sleep 3600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 5
      periodSeconds: 5
EOF"""


def outcome(session, matcher):
    result = evaluate(Check(id="c", matcher=matcher, message=None), View.of(session))
    return result.passed, result.why


@pytest.fixture(scope="module")
def probed():
    s = Session(seed=1)
    s.execute(PROBE_POD)
    assert s.execute("kubectl apply -f probe.yaml").exit_code == 0
    s.execute('kubectl run crash --image=busybox -- sh -c "exit 1"')
    s.execute("lab advance 2m")
    return s


def test_it_finds_liveness_failures(probed):
    check = EventCheck(reason=V("equals", "Unhealthy"), object="probe-demo", type="Warning",
                       count=V("gte", 3), text=V("regex", "Liveness"))
    assert outcome(probed, check) == (True, "")


def test_it_finds_the_back_off_of_a_crashing_container(probed):
    assert outcome(probed, EventCheck(reason=V("equals", "BackOff"), object="crash", kind="Pod")) == (True, "")


def test_it_lists_the_reasons_seen_when_none_matches(probed):
    assert outcome(probed, EventCheck(reason=V("equals", "Unhealthy"), object="crash")) == \
        (False, 'no Unhealthy event about "crash" (seen: Scheduled, Pulling, Pulled, Created, Started, BackOff)')


def test_it_says_when_an_object_has_no_event_at_all(probed):
    assert outcome(probed, EventCheck(reason=V("equals", "Pulled"), object="ghost")) == \
        (False, 'no Pulled event about "ghost"')
    assert outcome(probed, EventCheck(object="ghost")) == (False, 'no event about "ghost"')


def test_it_tests_the_type(probed):
    assert outcome(probed, EventCheck(reason=V("equals", "Unhealthy"), object="probe-demo", type="Normal"))[1] \
        .startswith('no Normal Unhealthy event about "probe-demo" (seen: ')


def test_it_tests_the_message(probed):
    assert outcome(probed, EventCheck(reason=V("equals", "Unhealthy"), object="probe-demo",
                                      text=V("regex", "Readiness"))) == \
        (False, 'no Unhealthy event about "probe-demo" has a message matching "Readiness" '
                '(latest: "Liveness probe failed: cat: can\'t open \'/tmp/healthy\': No such file or directory")')


def test_it_tests_the_aggregated_count(probed):
    assert outcome(probed, EventCheck(reason=V("equals", "Unhealthy"), object="probe-demo",
                                      count=V("gte", 100)))[1].startswith(
        'the Unhealthy event about "probe-demo" has count ')


def test_it_matches_a_reason_by_regex(probed):
    assert outcome(probed, EventCheck(reason=V("regex", "^Back"), object="crash")) == (True, "")
    assert outcome(probed, EventCheck(reason=V("regex", "^Kill"), object="crash")) == \
        (False, 'no event about pod "crash" with a reason matching "^Kill" '
                '(seen: Scheduled, Pulling, Pulled, Created, Started, BackOff)'.replace('pod "crash"', '"crash"'))


def test_it_looks_in_the_checks_namespace(probed):
    assert outcome(probed, EventCheck(reason=V("equals", "BackOff"), object="crash", namespace="dev")) == \
        (False, 'no BackOff event about "crash" in namespace "dev"')
