"""Golden scenarios G1 (exec liveness) and G2 (HTTP liveness) of spec §14, at the instants given.

Times are seconds after creation under the reference timing model (§13).
"""
from __future__ import annotations

EXEC_LIVENESS = "exec-liveness.yaml"        # tests/sim/manifests/
HTTP_LIVENESS = "http-liveness.yaml"

FAILED = "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"


def test_it_starts_the_exec_liveness_pod_on_the_reference_timeline(sim):
    sim.apply_file(EXEC_LIVENESS)
    assert sim.row("liveness-exec") == "0/1 Pending 0"
    assert sim.at(1).row("liveness-exec") == "0/1 ContainerCreating 0"
    sim.at(2)
    assert sim.event("liveness-exec", "Pulling") == (1, 2, 2)
    assert sim.row("liveness-exec") == "0/1 ContainerCreating 0"
    sim.at(4)
    assert sim.row("liveness-exec") == "1/1 Running 0"
    # A first pull: "in 2s (2s including waiting)", with the image size (classic profile, ~1.30+).
    assert [e[1] for e in sim.events("liveness-exec")][1:5] == [
        'Pulling image "registry.k8s.io/busybox:1.27.2"',
        'Successfully pulled image "registry.k8s.io/busybox:1.27.2" in 2s (2s including waiting). '
        "Image size: 1144547 bytes.",
        "Created container liveness", "Started container liveness"]


def test_it_fails_the_probe_thirty_seconds_in_and_kills_after_three_failures(sim):
    sim.apply_file(EXEC_LIVENESS)
    sim.at(33)
    assert [e for e in sim.events("liveness-exec") if e[0] == "Unhealthy"] == []
    sim.at(34)
    assert sim.event("liveness-exec", "Unhealthy") == (1, 34, 34)
    assert sim.row("liveness-exec") == "1/1 Running 0"
    assert sim.at(39).event("liveness-exec", "Unhealthy") == (2, 34, 39)
    sim.at(44)
    assert sim.event("liveness-exec", "Unhealthy") == (3, 34, 44)
    assert sim.event("liveness-exec", "Killing") == (1, 44, 44)
    assert [e[1] for e in sim.events("liveness-exec") if e[0] == "Killing"] == [
        "Container liveness failed liveness probe, will be restarted"]
    # The shell is PID 1 and ignores SIGTERM: it keeps running, and stays Ready, for 30 s.
    assert sim.at(73).row("liveness-exec") == "1/1 Running 0"


def test_it_sigkills_after_the_grace_period_and_restarts_at_once(sim):
    sim.apply_file(EXEC_LIVENESS)
    sim.at(74)
    assert sim.row("liveness-exec") == "1/1 Running 1 (0s ago)"
    status = sim.container("liveness-exec")
    assert status["lastState"]["terminated"]["exitCode"] == 137
    assert status["lastState"]["terminated"]["reason"] == "Error"
    assert status["restartCount"] == 1 and status["ready"] is True
    assert sim.event("liveness-exec", "Pulled", "already present") == (1, 74, 74)
    assert sim.event("liveness-exec", "Created") == (2, 4, 74)
    assert sim.event("liveness-exec", "Started") == (2, 4, 74)


def test_it_lists_the_events_describe_shows_at_eighty_seconds(sim):
    sim.apply_file(EXEC_LIVENESS)
    sim.at(80)
    assert [(reason, count, first, last) for reason, _, count, first, last in sim.events("liveness-exec")] == [
        ("Scheduled", 1, 0, 0), ("Pulling", 1, 2, 2), ("Pulled", 1, 4, 4), ("Created", 2, 4, 74),
        ("Started", 2, 4, 74), ("Unhealthy", 3, 34, 44), ("Killing", 1, 44, 44), ("Pulled", 1, 74, 74)]
    assert sim.event("liveness-exec", "Unhealthy")[0] == 3
    assert FAILED in [e[1] for e in sim.events("liveness-exec")]


def test_it_doubles_the_delay_from_the_third_restart_and_backs_off_at_424(sim):
    sim.apply_file(EXEC_LIVENESS)
    assert sim.at(114).row("liveness-exec") == "1/1 Running 1 (40s ago)"
    assert sim.event("liveness-exec", "Killing")[0] == 2
    assert sim.at(144).row("liveness-exec") == "1/1 Running 2 (0s ago)"
    assert sim.at(214).row("liveness-exec") == "1/1 Running 3 (0s ago)"
    assert sim.at(284).row("liveness-exec") == "1/1 Running 4 (0s ago)"
    assert sim.at(354).row("liveness-exec") == "1/1 Running 5 (0s ago)"
    # 424: 70 s since the last exit < the 80 s delay: CrashLoopBackOff after a second of Error.
    assert sim.at(424).row("liveness-exec") == "0/1 Error 5 (70s ago)"
    assert sim.at(425).row("liveness-exec") == "0/1 CrashLoopBackOff 5 (1s ago)"
    assert sim.at(503).row("liveness-exec") == "0/1 CrashLoopBackOff 5 (79s ago)"
    assert sim.at(504).row("liveness-exec") == "1/1 Running 6 (80s ago)"
    assert sim.at(733).container("liveness-exec")["restartCount"] == 6
    assert sim.at(734).container("liveness-exec")["restartCount"] == 7
    assert sim.at(1103).container("liveness-exec")["restartCount"] == 7
    assert sim.at(1104).container("liveness-exec")["restartCount"] == 8


def test_it_kills_the_http_liveness_pod_when_healthz_turns_500(sim):
    sim.apply_file(HTTP_LIVENESS)
    assert sim.at(4).row("liveness-http") == "1/1 Running 0"
    assert [e for e in sim.at(13).events("liveness-http") if e[0] == "Unhealthy"] == []
    sim.at(22)
    assert sim.event("liveness-http", "Unhealthy") == (3, 16, 22)
    assert [e[1] for e in sim.events("liveness-http") if e[0] == "Unhealthy"] == [
        "Liveness probe failed: HTTP probe failed with statuscode: 500"]
    assert sim.event("liveness-http", "Killing") == (1, 22, 22)
    # agnhost is a Go program as PID 1: it exits 2 on SIGTERM at once and is restarted in the same sync.
    assert sim.row("liveness-http") == "1/1 Running 1 (0s ago)"
    last = sim.container("liveness-http")["lastState"]["terminated"]
    assert (last["exitCode"], last["reason"]) == (2, "Error")


def test_it_shows_the_g2_events_at_thirty_seconds(sim):
    sim.apply_file(HTTP_LIVENESS)
    sim.at(30)
    assert [(reason, count, first, last) for reason, _, count, first, last in sim.events("liveness-http")] == [
        ("Scheduled", 1, 0, 0), ("Pulling", 1, 2, 2), ("Pulled", 1, 4, 4), ("Created", 2, 4, 22),
        ("Started", 2, 4, 22), ("Unhealthy", 3, 16, 22), ("Killing", 1, 22, 22), ("Pulled", 1, 22, 22)]


def test_it_backs_off_the_fourth_http_liveness_restart(sim):
    sim.apply_file(HTTP_LIVENESS)
    assert sim.at(40).row("liveness-http") == "1/1 Running 2 (0s ago)"
    assert sim.at(58).row("liveness-http") == "1/1 Running 3 (0s ago)"
    assert sim.at(76).row("liveness-http") == "0/1 Error 3 (18s ago)"
    assert sim.event("liveness-http", "BackOff")[1] == 76
    assert sim.at(77).row("liveness-http") == "0/1 CrashLoopBackOff 3 (1s ago)"
    assert sim.container("liveness-http")["state"]["waiting"]["message"].startswith(
        "back-off 20s restarting failed container=liveness pod=liveness-http_default(")
    assert sim.at(95).row("liveness-http") == "0/1 CrashLoopBackOff 3 (19s ago)"
    assert sim.at(96).row("liveness-http") == "1/1 Running 4 (20s ago)"
    # Derived continuation: kill at 114, restart 154 (delay 80); kill 172, restart 252 (160).
    assert sim.at(153).container("liveness-http")["restartCount"] == 4
    assert sim.at(154).container("liveness-http")["restartCount"] == 5
    assert sim.at(251).container("liveness-http")["restartCount"] == 5
    assert sim.at(252).container("liveness-http")["restartCount"] == 6
