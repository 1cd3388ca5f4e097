"""kubectl replace and replace --force. Messages compared with kubectl 1.32.5;
tests/api/test_kubectl_differential.py runs replace lines through the real kubectl against
Podlab's API and compares every byte."""
from __future__ import annotations

import json

import pytest

from tests.kubectl.test_cmd_support import Term

SLEEPER = """\
apiVersion: v1
kind: Pod
metadata:
  name: sleeper
spec:
  restartPolicy: {policy}
  containers:
  - name: sleeper
    image: busybox:1.36
    command: ["sleep", "3600"]
"""


@pytest.fixture
def term() -> Term:
    t = Term()
    t.write("sleeper.yaml", SLEEPER.format(policy="Always"))
    assert t.kubectl("create -f sleeper.yaml").code == 0
    t.at(30)
    return t


def _pod(term: Term, name: str = "sleeper") -> dict:
    return json.loads(term.kubectl(f"get pod {name} -o json").out)


def test_replacing_with_the_live_object_changes_what_a_pod_may_change(term: Term) -> None:
    live = term.kubectl("get pod sleeper -o yaml").out
    term.write("live.yaml", live.replace("image: busybox:1.36", "image: busybox:1.37", 1))
    done = term.kubectl("replace -f live.yaml")
    assert (done.out, done.err, done.code) == ("pod/sleeper replaced\n", "", 0)
    assert _pod(term)["spec"]["containers"][0]["image"] == "busybox:1.37"


def test_a_hand_written_manifest_of_a_running_pod_is_refused_and_changes_nothing(term: Term) -> None:
    before = _pod(term)
    term.write("never.yaml", SLEEPER.format(policy="Never"))
    done = term.kubectl("replace -f never.yaml")
    assert done.code == 1 and done.out == ""
    assert done.err.startswith('The Pod "sleeper" is invalid: \n* spec.tolerations: Forbidden:')
    assert '- \trestartPolicy: "Always"\n+ \trestartPolicy: "Never"' in done.err
    assert _pod(term) == before


def test_force_deletes_waits_out_the_grace_period_and_creates_the_pod_again(term: Term) -> None:
    uid = _pod(term)["metadata"]["uid"]
    term.write("never.yaml", SLEEPER.format(policy="Never"))
    done = term.kubectl("replace --force -f never.yaml")
    # sleep ignores SIGTERM as PID 1: the default 30 s grace period runs out, then SIGKILL
    assert (done.out, done.err, done.code) == ('pod "sleeper" deleted\npod/sleeper replaced\n', "", 0)
    assert term.cluster.now == 61                   # 30 s, then the object goes a second later
    pod = _pod(term)
    assert pod["metadata"]["uid"] != uid and pod["spec"]["restartPolicy"] == "Never"


def test_force_with_grace_period_zero_is_a_one_second_grace_period(term: Term) -> None:
    done = term.kubectl("replace --force --grace-period=0 -f sleeper.yaml")
    assert done.out == 'pod "sleeper" deleted\npod/sleeper replaced\n'
    # 0 becomes 1, the kubelet gives at least 2 s, and the object goes a second after its container
    assert term.cluster.now == 33


def test_force_gives_up_at_its_timeout_and_creates_nothing(term: Term) -> None:
    done = term.kubectl("replace --force --timeout=5s -f sleeper.yaml")
    assert (done.out, done.err, done.code) == ('pod "sleeper" deleted\n', "error: timed out waiting for the condition\n", 1)
    assert _pod(term)["metadata"].get("deletionTimestamp")


def test_force_creates_what_did_not_exist() -> None:
    term = Term()
    term.write("sleeper.yaml", SLEEPER.format(policy="Never"))
    done = term.kubectl("replace --force -f sleeper.yaml")
    assert (done.out, done.code) == ("pod/sleeper replaced\n", 0)


@pytest.mark.parametrize(("line", "message"), [
    ("replace", "error: must specify one of -f and -k\n"),
    ("replace -f sleeper.yaml --grace-period=5", "error: --grace-period must have --force specified\n"),
    ("replace -f sleeper.yaml --timeout=5s", "error: --timeout must have --force specified\n"),
    ("replace --force -f sleeper.yaml --dry-run=client", "error: --dry-run can not be used when --force is set\n"),
    ("replace -f nope.yaml", 'error: the path "nope.yaml" does not exist\n'),
])
def test_mistakes_get_kubectls_errors_and_change_nothing(term: Term, line: str, message: str) -> None:
    before = _pod(term)
    done = term.kubectl(line)
    assert (done.out, done.err, done.code) == ("", message, 1)
    assert _pod(term) == before
