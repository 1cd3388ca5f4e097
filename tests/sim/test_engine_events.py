"""The event recorder: dedup counts, similar-event aggregation and the one-hour TTL (spec §10.2)."""
from __future__ import annotations


def noisy(sim) -> None:
    sim.apply({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "noisy"}, "spec": {"containers": [{
        "name": "c", "image": "busybox:1.36", "command": ["sleep", "3600"],
        "livenessProbe": {"exec": {"command": ["sh", "-c", "date +%s; exit 1"]}, "periodSeconds": 1,
                          "failureThreshold": 100}}]}})


def test_it_combines_the_tenth_distinct_message_into_one_event(sim):
    noisy(sim)
    sim.at(10)
    unhealthy = [e for e in sim.events("noisy") if e[0] == "Unhealthy"]
    assert len(unhealthy) == 9 and all(e[2] == 1 for e in unhealthy)
    sim.at(11)
    unhealthy = [e for e in sim.events("noisy") if e[0] == "Unhealthy"]
    assert unhealthy[-1][1] == "(combined from similar events): Liveness probe failed: 1736157611"
    sim.at(14)
    combined = [e for e in sim.events("noisy") if e[1].startswith("(combined")]
    assert len(combined) == 1 and combined[0][2] == 4
    assert combined[0][1] == "(combined from similar events): Liveness probe failed: 1736157614"


def test_it_expires_events_an_hour_after_their_last_update(sim):
    sim.run("once", "busybox:1.36", "true", restart="Never", command=True)
    sim.at(3599)
    assert [e[0] for e in sim.events("once")] == ["Scheduled", "Pulled", "Created", "Started"]
    sim.at(3602)
    assert sim.events("once") == []


def test_it_keeps_an_event_that_is_still_being_updated(sim):
    sim.run("crash", "busybox:1.36", "sh", "-c", "exit 1", command=True)
    sim.at(3700)
    # First written at 4, updated every back-off since: it lives an hour past its last update.
    count, first, last = sim.event("crash", "BackOff")
    assert first == 4 and last > 3600 and count > 20
    timers = [t for t in sim.cluster.clock.heap if t[3] == "events.expire"]
    assert len(timers) == len(sim.cluster.store.list("events", "default"))     # one timer per event
