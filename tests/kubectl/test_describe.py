"""kubectl describe: the spec's expected texts, and the rules one at a time.

Golden whole outputs are in test_describe_golden.py; here the spec §14 G1 text (with its ``...``
elisions) and the rules of spec §9 are checked piece by piece.
"""
from __future__ import annotations

import re

import pytest

from sandbox.kubectl.describe import describe_events, describe_pod, sort_events
from sandbox.kubectl.describe.containers import describe_probe
from sandbox.kubectl.describe.gosort import go_sort
from sandbox.kubectl.describe.quantity import Quantity, percent
from sandbox.kubectl.describe.writer import tabbed, print_annotations_multiline, print_tolerations_multiline
from sandbox.sim.cluster import Cluster
from sandbox.sim.timefmt import DEFAULT_EPOCH, rfc3339, rfc3339_micro

T0 = DEFAULT_EPOCH


def matches(text: str, expected: str) -> bool:
    """Conformance-transcript matching: ``...`` inside a line is any text, a ``...`` line any lines."""
    got = [line.rstrip() for line in text.splitlines()]
    want = [line.rstrip() for line in expected.strip("\n").splitlines()]

    def line_ok(line: str, pattern: str) -> bool:
        regex = ".*".join(re.escape(part) for part in pattern.split("..."))
        return re.fullmatch(regex, line) is not None

    def walk(i: int, j: int) -> bool:
        if j == len(want):
            return i == len(got)
        if want[j] == "...":
            return any(walk(k, j + 1) for k in range(i, len(got) + 1))
        return i < len(got) and line_ok(got[i], want[j]) and walk(i + 1, j + 1)
    return walk(0, 0)


# spec §14 G1, as written there; the scheduler of this sandbox picks node02, hence "node0...".
G1_EXPECTED = """
Name:             liveness-exec
...
Status:           Running
...
Containers:
  liveness:
    Container ID:  containerd://...
    Image:         registry.k8s.io/busybox:1.27.2
    Image ID:      registry.k8s.io/busybox@sha256:...
    Port:          <none>
    Host Port:     <none>
    Args:
      /bin/sh
      -c
      touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    State:          Running
      Started:      Mon, 06 Jan 2025 10:01:14 +0000
    Last State:     Terminated
      Reason:       Error
      Exit Code:    137
      Started:      Mon, 06 Jan 2025 10:00:04 +0000
      Finished:     Mon, 06 Jan 2025 10:01:14 +0000
    Ready:          True
    Restart Count:  1
    Liveness:       exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-... (ro)
...
Events:
  Type     Reason     Age                From               Message
  ----     ------     ----               ----               -------
  Normal   Scheduled  80s                default-scheduler  Successfully assigned default/liveness-exec to node0...
  Normal   Pulling    78s                kubelet            Pulling image "registry.k8s.io/busybox:1.27.2"
  Normal   Pulled     76s                kubelet            Successfully pulled image "registry.k8s.io/busybox:1.27.2" in 2s (2s including waiting). Image size: ... bytes.
  Warning  Unhealthy  36s (x3 over 46s)  kubelet            Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory
  Normal   Killing    36s                kubelet            Container liveness failed liveness probe, will be restarted
  Normal   Created    6s (x2 over 76s)   kubelet            Created container liveness
  Normal   Started    6s (x2 over 76s)   kubelet            Started container liveness
  Normal   Pulled     6s                 kubelet            Container image "registry.k8s.io/busybox:1.27.2" already present on machine
"""


def _g1_at(t: float) -> tuple[dict, list, float]:
    cluster = Cluster.default(seed=1)
    cluster.api.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "liveness-exec", "labels": {"test": "liveness"}},
                        "spec": {"containers": [{"name": "liveness", "image": "registry.k8s.io/busybox:1.27.2",
                                 "args": ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
                                 "livenessProbe": {"exec": {"command": ["cat", "/tmp/healthy"]},
                                                   "initialDelaySeconds": 5, "periodSeconds": 5}}]}})
    cluster.advance_to(t)
    pod = cluster.api.get("pods", "default", "liveness-exec")
    events = [e for e in cluster.api.list("events", "default")["items"]
              if e["involvedObject"]["uid"] == pod["metadata"]["uid"]]
    return pod, events, cluster.epoch + cluster.now


def test_it_prints_g1_at_80s_as_the_spec_shows():
    pod, events, now = _g1_at(80)
    assert matches(describe_pod(pod, events, now), G1_EXPECTED)


def test_it_aligns_the_top_block_at_column_18_and_the_container_block_at_20():
    # spec §9.1: "Service Account:" + 2; "    Restart Count:" + 2; Args splits the container block
    pod, events, now = _g1_at(80)
    text = describe_pod(pod, events, now)
    assert "\nService Account:  default\n" in text
    assert "\n    Restart Count:  1\n" in text
    assert "\n    Container ID:  containerd://" in text  # aligned on its own, above Args:
    assert "\nTolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n" in text


def test_it_leaves_events_out_when_not_asked_for():
    pod, _, now = _g1_at(10)
    assert "Events" not in describe_pod(pod, None, now)
    assert describe_pod(pod, [], now).endswith("Events:                      <none>\n")


def test_it_prints_the_conditions_with_trailing_spaces():
    pod, events, now = _g1_at(80)
    assert "\n  Ready                       True \n" in describe_pod(pod, events, now)


def test_it_says_terminating_lasts_invalid_during_the_grace_period():
    # spec §7.3: the age of a future deletionTimestamp is negative
    pod = {"metadata": {"name": "p", "namespace": "default", "deletionTimestamp": rfc3339(T0 + 30),
                        "deletionGracePeriodSeconds": 30},
           "spec": {"containers": []}, "status": {"phase": "Running"}}
    text = describe_pod(pod, None, T0)
    assert "Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n" in text


# --- events ------------------------------------------------------------------------------------
def _event(reason: str, first: float | None, last: float | None, count: int = 1, **extra) -> dict:
    return {"type": "Normal", "reason": reason, "message": f" {reason} message \n", "count": count,
            "firstTimestamp": rfc3339(T0 + first) if first is not None else None,
            "lastTimestamp": rfc3339(T0 + last) if last is not None else None,
            "source": {"component": "kubelet"}, "involvedObject": {"fieldPath": "spec.containers{c}"}, **extra}


def test_it_sorts_events_by_last_timestamp_with_scheduler_events_first():
    scheduled = {"type": "Normal", "reason": "Scheduled", "message": "m", "eventTime": rfc3339_micro(T0),
                 "firstTimestamp": None, "lastTimestamp": None, "source": {},
                 "reportingComponent": "default-scheduler"}
    started = _event("Started", 4, 74, count=2)
    pulled = _event("Pulled", 74, 74)
    text = describe_events([started, pulled, scheduled], T0 + 80)
    assert text == (
        "Events:\n"
        "  Type    Reason     Age               From               Message\n"
        "  ----    ------     ----              ----               -------\n"
        "  Normal  Scheduled  80s               default-scheduler  m\n"
        "  Normal  Started    6s (x2 over 76s)  kubelet            Started message\n"
        "  Normal  Pulled     6s                kubelet            Pulled message\n")


def test_it_prints_a_series_with_its_last_observed_time():
    event = {"type": "Warning", "reason": "BackOff", "message": "m", "eventTime": rfc3339_micro(T0 + 10),
             "series": {"count": 4, "lastObservedTime": rfc3339_micro(T0 + 50)}, "reportingComponent": "kubelet"}
    assert "  Warning  BackOff  10s (x4 over 50s)  kubelet  m\n" in describe_events([event], T0 + 60)


def test_it_prefixes_the_field_path_in_the_current_profile():
    text = describe_events([_event("Created", 1, 1)], T0 + 5, profile="current")
    assert text.endswith("  Normal  Created  4s    kubelet  spec.containers{c}: Created message\n")


def test_it_says_none_for_no_events():
    assert describe_events([], T0) == "Events:  <none>\n"


def test_it_keeps_list_order_for_equal_timestamps_up_to_twelve_events():
    # Go's sort.Sort is an insertion sort up to 12 elements, hence stable there
    events = [_event(f"R{i}", 1, 1) for i in range(12)]
    assert [e["reason"] for e in sort_events(events)] == [f"R{i}" for i in range(12)]


def test_it_sorts_more_than_twelve_items_with_pdqsort():
    # Beyond 12 items Go's order for ties is pdqsort's; the 13 tied events of the golden case
    # multi-crash-t400 come out as kubectl 1.32 printed them. Here: a sort, and ties left alone
    # when the input is already in order (partialInsertionSort).
    assert go_sort(list(range(13)), lambda a, b: False) == list(range(13))
    assert go_sort(list(range(60, 0, -1)), lambda a, b: a < b) == list(range(1, 61))
    items = [(i % 3, i) for i in range(40)]
    assert [k for k, _ in go_sort(items, lambda a, b: a[0] < b[0])] == sorted(k for k, _ in items)


# --- pieces ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("probe, text", [
    ({"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"}}, "http-get http://:8080/healthz"),
    ({"httpGet": {"path": "/healthz?x=1", "port": "http", "scheme": "HTTPS", "host": "example.com"}},
     "http-get https://example.com:http/healthz%3Fx=1"),
    ({"httpGet": {"path": "/", "port": 80, "host": "::1", "scheme": "HTTP"}}, "http-get http://[::1]:80/"),
    ({"tcpSocket": {"port": 8080}}, "tcp-socket :8080"),
    ({"exec": {"command": ["cat", "/tmp/healthy"]}}, "exec [cat /tmp/healthy]"),
    ({"grpc": {"port": 2379, "service": ""}}, "grpc <pod>:2379 "),
])
def test_it_describes_probe_handlers(probe, text):
    # spec §6.1; attrs use the defaulted fields
    probe = {**probe, "initialDelaySeconds": 0, "timeoutSeconds": 1, "periodSeconds": 10,
             "successThreshold": 1, "failureThreshold": 3}
    assert describe_probe(probe) == f"{text} delay=0s timeout=1s period=10s #success=1 #failure=3"


@pytest.mark.parametrize("text, canonical", [
    ("100m", "100m"), ("1000m", "1"), ("0.5", "500m"), ("1500", "1500"), ("2000", "2k"), ("128Mi", "128Mi"),
    ("0.5Gi", "512Mi"), ("1536Mi", "1536Mi"), ("8148156Ki", "8148156Ki"), ("0", "0"), ("1e3", "1e3"),
])
def test_it_prints_quantities_in_canonical_form(text, canonical):
    assert str(Quantity.parse(text)) == canonical


def test_it_keeps_the_first_format_when_adding_quantities():
    assert str(Quantity.parse("1Gi") + Quantity.parse("512Mi")) == "1536Mi"
    assert str(Quantity.parse("250m") + Quantity.parse("1")) == "1250m"
    assert percent(350, 2000) == 17 and percent(0, 0) == -(1 << 63)  # Go's int64(NaN) on amd64


def test_it_wraps_long_and_multi_line_annotations():
    text = tabbed(lambda w: print_annotations_multiline(
        w, "Annotations", {"short": "v", "long": "x" * 150, "multi": "a\nb\n",
                           "kubectl.kubernetes.io/last-applied-configuration": "{}"}))
    assert text == ("Annotations:  long:\n                " + "x" * 138 + "...\n"
                    "              multi:\n                a\n                b\n"
                    "              short: v\n")


def test_it_prints_tolerations_sorted_by_key():
    text = tabbed(lambda w: print_tolerations_multiline(w, "Tolerations", [
        {"key": "zeta", "operator": "Equal", "value": "v", "effect": "NoSchedule"},
        {"operator": "Exists"}, {"key": "alpha", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 5}]))
    assert text == "Tolerations:  op=Exists\n              alpha:NoExecute op=Exists for 5s\n              zeta=v:NoSchedule\n"


def test_it_escapes_terminal_control_characters():
    # printers.WriteEscaped: ESC becomes ^[ and CR becomes \r
    pod = {"metadata": {"name": "p", "namespace": "default", "labels": {"a": "b\x1b[31m\r"}},
           "spec": {"containers": []}, "status": {}}
    assert "Labels:       a=b^[[31m\\r\n" in describe_pod(pod, None, T0)
