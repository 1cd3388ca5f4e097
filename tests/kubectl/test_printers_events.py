"""``kubectl get events`` cells (printEvent, formatEventSource)."""
from __future__ import annotations

from sandbox.kubectl.printers.events import event_columns, event_row, format_event_source
from sandbox.sim.timefmt import DEFAULT_EPOCH, rfc3339, rfc3339_micro

T0 = DEFAULT_EPOCH


def event(**fields) -> dict:
    e = {"metadata": {"name": "nginx.181a2b3c4d5e6f70", "namespace": "default"},
         "involvedObject": {"kind": "Pod", "name": "nginx", "namespace": "default",
                            "fieldPath": "spec.containers{nginx}"},
         "reason": "Pulled", "message": 'Container image "nginx" already present on machine',
         "type": "Normal", "source": {"component": "kubelet", "host": "node01"}}
    e.update(fields)
    return e


def test_it_prints_last_seen_type_reason_object_message():
    e = event(firstTimestamp=rfc3339(T0), lastTimestamp=rfc3339(T0 + 30), count=1)
    assert event_row(e, T0 + 40) == ["10s", "Normal", "Pulled", "pod/nginx",
                                     'Container image "nginx" already present on machine']


def test_it_falls_back_to_first_seen_then_event_time():
    # Scheduler events (events.k8s.io) carry only eventTime; kubectl shows its age in LAST SEEN.
    e = event(reason="Scheduled", eventTime=rfc3339_micro(T0 + 1), source={},
              reportingComponent="default-scheduler", message="Successfully assigned default/nginx to node01")
    row = event_row(e, T0 + 61, wide=True)
    assert row[0] == "60s" and row[7] == "60s" and row[8] == 1  # count 0 prints as 1
    assert row[5] == "default-scheduler"
    e = event(firstTimestamp=rfc3339(T0))
    assert event_row(e, T0 + 5)[0] == "5s"


def test_it_prints_unknown_without_any_time():
    assert event_row(event(), T0)[0] == "<unknown>"


def test_it_uses_the_series_for_last_seen_and_count():
    e = event(eventTime=rfc3339_micro(T0), count=0,
              series={"count": 4, "lastObservedTime": rfc3339_micro(T0 + 50)})
    row = event_row(e, T0 + 60, wide=True)
    assert (row[0], row[7], row[8]) == ("10s", "60s", 4)


def test_it_prints_the_wide_columns_in_kubectl_order():
    e = event(firstTimestamp=rfc3339(T0), lastTimestamp=rfc3339(T0 + 36), count=3,
              message="  Back-off restarting failed container \n")
    assert event_row(e, T0 + 46, wide=True) == [
        "10s", "Normal", "Pulled", "pod/nginx", "spec.containers{nginx}", "kubelet, node01",
        "Back-off restarting failed container", "46s", 3, "nginx.181a2b3c4d5e6f70"]
    assert [c.name.upper() for c in event_columns(wide=True)] == [
        "LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN",
        "COUNT", "NAME"]


def test_it_formats_the_source_with_reporting_fallbacks():
    assert format_event_source(event(source={"component": "kubelet"})) == "kubelet"
    assert format_event_source(event(source={}, reportingComponent="kubelet",
                                     reportingInstance="node01")) == "kubelet, node01"
    assert format_event_source(event(source={})) == ""


def test_it_prints_the_kind_alone_without_an_object_name():
    e = event(involvedObject={"kind": "Node"}, firstTimestamp=rfc3339(T0))
    assert event_row(e, T0)[3] == "node"
