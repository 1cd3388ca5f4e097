"""``kubectl get pods`` cells, ported from printPod (spec §8.1-8.4). Every STATUS branch of §8.3
has a small pod here; whole tables live in tests/golden/printers."""
from __future__ import annotations

from typing import Any

import pytest

from sandbox.kubectl.printers.pods import (pod_columns, pod_row, pod_row_conditions, pod_status,
                                           summarize_pod)
from sandbox.kubectl.printers.table import render_table
from sandbox.sim.timefmt import DEFAULT_EPOCH, rfc3339

T0 = DEFAULT_EPOCH  # 2025-01-06T10:00:00Z


def ts(seconds: float) -> str:
    return rfc3339(T0 + seconds)


def running(ready: bool = True, restarts: int = 0, last: dict | None = None, name: str = "app") -> dict:
    cs: dict[str, Any] = {"name": name, "ready": ready, "restartCount": restarts, "started": True,
                          "state": {"running": {"startedAt": ts(4)}}}
    if last is not None:
        cs["lastState"] = {"terminated": last}
    return cs


def waiting(reason: str, restarts: int = 0, last: dict | None = None, name: str = "app") -> dict:
    cs: dict[str, Any] = {"name": name, "ready": False, "restartCount": restarts, "started": False,
                          "state": {"waiting": {"reason": reason}}}
    if last is not None:
        cs["lastState"] = {"terminated": last}
    return cs


def terminated(exit_code: int, reason: str = "", signal: int = 0, name: str = "app",
               restarts: int = 0) -> dict:
    t: dict[str, Any] = {"exitCode": exit_code, "startedAt": ts(4), "finishedAt": ts(9)}
    if reason:
        t["reason"] = reason
    if signal:
        t["signal"] = signal
    return {"name": name, "ready": False, "restartCount": restarts, "started": False,
            "state": {"terminated": t}}


def pod(statuses: list[dict] | None = None, *, phase: str = "Running", init: list[dict] | None = None,
        init_specs: list[dict] | None = None, conditions: list[dict] | None = None,
        name: str = "p", **extra: Any) -> dict:
    statuses = statuses or []
    spec: dict[str, Any] = {"containers": [{"name": s["name"], "image": "busybox"} for s in statuses]
                            or [{"name": "app", "image": "busybox"}]}
    if init is not None or init_specs is not None:
        spec["initContainers"] = init_specs or [{"name": s["name"], "image": "busybox"} for s in init]
    status: dict[str, Any] = {"phase": phase, "conditions": conditions or []}
    if statuses:
        status["containerStatuses"] = statuses
    if init:
        status["initContainerStatuses"] = init
    out = {"metadata": {"name": name, "namespace": "default", "creationTimestamp": ts(0)},
           "spec": spec, "status": status}
    for key, value in extra.items():
        section, field = key.split("__")
        out[section][field] = value
    return out


def cond(kind: str, status: str = "True", reason: str = "") -> dict:
    c = {"type": kind, "status": status}
    if reason:
        c["reason"] = reason
    return c


# --- STATUS -----------------------------------------------------------------------------------

def test_it_shows_the_phase_when_nothing_else_is_known():
    assert pod_status(pod(phase="Pending")) == "Pending"


def test_it_prefers_status_reason_over_the_phase():
    assert pod_status(pod(phase="Failed", status__reason="Evicted")) == "Evicted"


def test_it_shows_scheduling_gated_from_the_pod_scheduled_condition():
    p = pod(phase="Pending", conditions=[cond("PodScheduled", "False", "SchedulingGated")])
    assert pod_status(p) == "SchedulingGated"


def test_it_counts_init_containers_done_while_one_runs():
    done = terminated(0, "Completed", name="init-a")
    run = running(ready=False, name="init-b")
    assert pod_status(pod([waiting("PodInitializing")], phase="Pending", init=[done, run])) == "Init:1/2"
    creating = waiting("PodInitializing", name="init-a")  # PodInitializing is not a failure
    assert pod_status(pod([waiting("PodInitializing")], phase="Pending", init=[creating])) == "Init:0/1"
    empty_waiting = {"name": "init-a", "restartCount": 0, "state": {"waiting": {}}}
    assert pod_status(pod([], phase="Pending", init=[empty_waiting])) == "Init:0/1"


@pytest.mark.parametrize("init_state,status", [
    (terminated(1, "Error", name="i"), "Init:Error"),
    (terminated(137, "", signal=9, name="i"), "Init:Signal:9"),
    (terminated(3, "", name="i"), "Init:ExitCode:3"),
    (waiting("CrashLoopBackOff", name="i"), "Init:CrashLoopBackOff"),
    (waiting("ErrImagePull", name="i"), "Init:ErrImagePull"),
])
def test_it_prefixes_init_failures_with_init(init_state, status):
    assert pod_status(pod([waiting("PodInitializing")], phase="Pending", init=[init_state])) == status


def test_it_shows_pod_initializing_once_init_containers_are_done():
    p = pod([waiting("PodInitializing")], phase="Pending", init=[terminated(0, "Completed", name="i")],
            conditions=[cond("Initialized")])
    assert pod_status(p) == "PodInitializing"


def test_it_looks_at_app_containers_when_initialized_even_if_an_init_container_failed():
    # Initialized=True sends printPod on to the app containers (READY, RESTARTS), but a running
    # container sets no reason, so the init failure stays in STATUS: Go prints "Init:Error 1/1".
    p = pod([running()], init=[terminated(1, "Error", name="i", restarts=2)],
            conditions=[cond("Initialized"), cond("Ready")])
    summary = summarize_pod(p)
    assert (summary.status, summary.ready_text(), summary.restarts) == ("Init:Error", "1/1", 0)
    p = pod([waiting("CrashLoopBackOff")], init=[terminated(1, "Error", name="i")],
            conditions=[cond("Initialized")])
    assert pod_status(p) == "CrashLoopBackOff"


@pytest.mark.parametrize("state,status", [
    (waiting("ContainerCreating"), "ContainerCreating"),
    (waiting("CrashLoopBackOff"), "CrashLoopBackOff"),
    (waiting("ErrImagePull"), "ErrImagePull"),
    (waiting("ImagePullBackOff"), "ImagePullBackOff"),
    (waiting("CreateContainerConfigError"), "CreateContainerConfigError"),
    (terminated(0, "Completed"), "Completed"),
    (terminated(1, "Error"), "Error"),
    (terminated(137, "OOMKilled"), "OOMKilled"),
    (terminated(137, "", signal=9), "Signal:9"),
    (terminated(2, ""), "ExitCode:2"),
    (terminated(0, ""), "ExitCode:0"),
])
def test_it_shows_the_app_container_reason(state, status):
    assert pod_status(pod([state])) == status


def test_it_shows_running_for_a_running_container_that_is_not_ready():
    summary = summarize_pod(pod([running(ready=False)]))
    assert (summary.status, summary.ready_text()) == ("Running", "0/1")


def test_it_lets_the_first_container_win():
    p = pod([waiting("CrashLoopBackOff", name="a"), waiting("ErrImagePull", name="b")])
    assert pod_status(p) == "CrashLoopBackOff"
    p = pod([running(name="a"), terminated(1, "Error", name="b")])
    assert pod_status(p) == "Error"  # a running container sets no reason


def test_it_turns_completed_back_into_running_when_a_container_still_runs_and_the_pod_is_ready():
    p = pod([terminated(0, "Completed", name="a"), running(name="b")], conditions=[cond("Ready")])
    assert pod_status(p) == "Running"


def test_it_shows_not_ready_when_completed_with_a_running_container_and_no_ready_condition():
    p = pod([terminated(0, "Completed", name="a"), running(name="b")], conditions=[cond("Ready", "False")])
    assert pod_status(p) == "NotReady"


def test_it_shows_the_error_reason_when_completed_beside_a_failed_container():
    p = pod([terminated(0, "Completed", name="a"), terminated(1, "Error", name="b"), running(name="c")])
    assert pod_status(p) == "Error"


def test_it_shows_terminating_for_a_deleted_pod_that_has_not_finished():
    p = pod([running()], metadata__deletionTimestamp=ts(60))
    assert pod_status(p) == "Terminating"
    finished = pod([terminated(0, "Completed")], phase="Succeeded", metadata__deletionTimestamp=ts(60))
    assert pod_status(finished) == "Completed"  # terminal phases keep their status


def test_it_shows_unknown_for_a_deleted_pod_on_a_lost_node():
    p = pod([running()], metadata__deletionTimestamp=ts(60), status__reason="NodeLost")
    assert pod_status(p) == "Unknown"


# --- READY --------------------------------------------------------------------------------------

def test_it_counts_sidecars_in_ready_and_total():
    specs = [{"name": "log", "image": "busybox", "restartPolicy": "Always"}]
    side = running(name="log")
    p = pod([running(name="a"), running(ready=False, name="b")], init=[side], init_specs=specs,
            conditions=[cond("Initialized")])
    assert summarize_pod(p).ready_text() == "2/3"


def test_it_does_not_count_a_sidecar_that_has_not_started():
    specs = [{"name": "log", "image": "busybox", "restartPolicy": "Always"}]
    side = {**waiting("ContainerCreating", name="log")}
    p = pod([waiting("PodInitializing", name="a")], phase="Pending", init=[side], init_specs=specs)
    summary = summarize_pod(p)
    assert (summary.ready_text(), summary.status) == ("0/2", "Init:ContainerCreating")


# --- RESTARTS -----------------------------------------------------------------------------------

def test_it_prints_restarts_with_the_age_of_the_last_termination():
    last = {"exitCode": 1, "reason": "Error", "startedAt": ts(20), "finishedAt": ts(33)}
    p = pod([waiting("CrashLoopBackOff", restarts=3, last=last)])
    assert pod_row(p, T0 + 60) == ["p", "0/1", "CrashLoopBackOff", "3 (27s ago)", "60s"]
    assert pod_row(p, T0 + 163) == ["p", "0/1", "CrashLoopBackOff", "3 (2m10s ago)", "2m43s"]


def test_it_prints_a_bare_count_without_a_last_termination():
    assert pod_row(pod([running(restarts=0)]), T0 + 5)[3] == "0"
    assert pod_row(pod([running(restarts=2)]), T0 + 5)[3] == "2"


def test_it_uses_the_latest_finish_among_counted_containers():
    a = running(name="a", restarts=1, last={"exitCode": 1, "finishedAt": ts(10)})
    b = running(name="b", restarts=4, last={"exitCode": 1, "finishedAt": ts(50)})
    assert pod_row(pod([a, b]), T0 + 60)[3] == "5 (10s ago)"


def test_it_counts_init_restarts_only_while_initializing():
    failing = waiting("CrashLoopBackOff", name="i", restarts=2,
                      last={"exitCode": 1, "finishedAt": ts(30)})
    p = pod([waiting("PodInitializing")], phase="Pending", init=[failing])
    assert pod_row(p, T0 + 40)[2:4] == ["Init:CrashLoopBackOff", "2 (10s ago)"]
    done = {**terminated(0, "Completed", name="i"), "restartCount": 2,
            "lastState": {"terminated": {"exitCode": 1, "finishedAt": ts(30)}}}
    p = pod([running()], init=[done], conditions=[cond("Initialized"), cond("Ready")])
    assert pod_row(p, T0 + 40)[2:4] == ["Running", "0"]


def test_it_always_counts_sidecar_restarts():
    specs = [{"name": "log", "image": "busybox", "restartPolicy": "Always"}]
    side = running(name="log", restarts=1, last={"exitCode": 1, "finishedAt": ts(20)})
    p = pod([running()], init=[side], init_specs=specs, conditions=[cond("Initialized"), cond("Ready")])
    assert pod_row(p, T0 + 25)[1:4] == ["2/2", "Running", "1 (5s ago)"]


# --- AGE, wide columns, table ------------------------------------------------------------------

def test_it_prints_unknown_age_without_a_creation_timestamp():
    p = pod([running()])
    del p["metadata"]["creationTimestamp"]
    assert pod_row(p, T0)[4] == "<unknown>"


def test_it_prints_wide_columns_with_none_for_missing_values():
    p = pod([running()])
    assert pod_row(p, T0 + 5, wide=True)[5:] == ["<none>", "<none>", "<none>", "<none>"]
    p["status"]["podIP"] = "10.244.0.5"  # printPod reads only podIPs
    p["status"]["podIPs"] = [{"ip": "10.244.0.5"}]
    p["spec"]["nodeName"] = "node01"
    p["status"]["nominatedNodeName"] = "node02"
    p["spec"]["readinessGates"] = [{"conditionType": "example.com/a"}, {"conditionType": "example.com/b"}]
    p["status"]["conditions"] = [cond("example.com/a"), cond("example.com/b", "False")]
    assert pod_row(p, T0 + 5, wide=True)[5:] == ["10.244.0.5", "node01", "node02", "1/2"]


def test_it_marks_finished_pods_completed_in_row_conditions():
    assert pod_row_conditions(pod(phase="Succeeded"))[0]["message"] == "The pod has completed successfully."
    assert pod_row_conditions(pod(phase="Failed"))[0]["reason"] == "Failed"
    assert pod_row_conditions(pod()) == []


def test_it_lays_out_the_spec_example():
    # spec §8.1: minwidth 6, tabwidth 4, padding 3; the last column is not padded.
    crash_last = {"exitCode": 1, "reason": "Error", "finishedAt": ts(33)}
    crash = pod([waiting("CrashLoopBackOff", restarts=3, last=crash_last)], name="crash")
    nginx = pod([running()], name="nginx", metadata__creationTimestamp=ts(60 - 312))
    rows = [pod_row(crash, T0 + 60), pod_row(nginx, T0 + 60)]
    assert render_table(pod_columns(), rows) == (
        "NAME    READY   STATUS             RESTARTS      AGE\n"
        "crash   0/1     CrashLoopBackOff   3 (27s ago)   60s\n"
        "nginx   1/1     Running            0             5m12s\n")


def test_it_names_the_wide_columns_in_kubectl_order():
    assert [c.name.upper() for c in pod_columns(wide=True)] == [
        "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
