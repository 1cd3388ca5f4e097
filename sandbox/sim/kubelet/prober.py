"""Probe workers (pkg/kubelet/prober/worker.go, prober.go) on the reference timing model (§6.2, §13):
a container started at S is probed at S + initialDelaySeconds + k * periodSeconds.

Workers keep their counters across instances; a new instance resets the stored result (readiness
Failure, liveness Success, startup Unknown) and takes the worker off hold. Before startup succeeds
only the startup worker probes. Every failed probe emits ``Unhealthy``; liveness or startup reaching
Failure kills the container. Also here: lifecycle hooks, which run the same handlers.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..clock import PRIO_PROBE
from ..net import HttpRequest, HttpResponse, NetError
from . import lifecycle, worker
from .state import ContainerRecord, Instance, PodState, ProbeWorker

if TYPE_CHECKING:
    from . import Kubelet

KINDS = ("startup", "readiness", "liveness")      # prober_manager AddPod's order
SPEC_KEY = {"startup": "startupProbe", "readiness": "readinessProbe", "liveness": "livenessProbe"}
INITIAL = {"readiness": "Failure", "liveness": "Success", "startup": "Unknown"}
TITLE = {"readiness": "Readiness", "liveness": "Liveness", "startup": "Startup"}
OUTPUT_CAP = 10 * 1024
KUBE_PROBE_AGENT = "kube-probe/1.32"


def _probe(cspec: dict[str, Any], kind: str) -> dict[str, Any]:
    p = dict(cspec[SPEC_KEY[kind]])
    p.setdefault("initialDelaySeconds", 0)
    p["periodSeconds"] = p.get("periodSeconds") or 10
    p["timeoutSeconds"] = p.get("timeoutSeconds") or 1
    p["successThreshold"] = p.get("successThreshold") or 1
    p["failureThreshold"] = p.get("failureThreshold") or 3
    return p


def instance_started(k: Kubelet, ps: PodState, rec: ContainerRecord, inst: Instance, cspec: dict[str, Any]) -> None:
    for kind in KINDS:
        if SPEC_KEY[kind] not in cspec:
            continue
        w = rec.probes.get(kind)
        if w is None:
            w = rec.probes[kind] = ProbeWorker(kind, INITIAL[kind])
        w.result, w.on_hold, w.instance = INITIAL[kind], False, inst.number
        p = _probe(cspec, kind)
        start = inst.started_at + p["initialDelaySeconds"]
        k.cluster.clock.schedule(start, "prober.probe", [ps.uid, rec.name, kind, inst.number, 0], PRIO_PROBE)


def stop_all(ps: PodState) -> None:
    for rec in ps.containers.values():
        for w in rec.probes.values():
            w.instance = -1


def pod_deleting(ps: PodState) -> None:
    """Liveness and startup stop on deletion (set to Success); readiness goes on (§7.2)."""
    for rec in ps.containers.values():
        for kind in ("liveness", "startup"):
            w = rec.probes.get(kind)
            if w is not None:
                w.result, w.instance = "Success", -1


def fire(k: Kubelet, uid: str, name: str, kind: str, number: int, step: int) -> None:
    ps = k.pods.get(uid)
    if ps is None or ps.node_down or ps.terminal or ps.orphaned:
        return
    rec = ps.containers.get(name)
    w = rec.probes.get(kind) if rec is not None else None
    inst = rec.newest if rec is not None else None
    if w is None or inst is None or inst.number != number or w.instance != number:
        return                                  # a worker of an older instance, or stopped
    if not inst.running:
        if kind == "readiness":
            w.result = "Failure"
        return
    pod = k.pod_object(ps)
    cspec = k.container_spec(pod, name)
    p = _probe(cspec, kind)
    k.cluster.clock.schedule(inst.started_at + p["initialDelaySeconds"] + (step + 1) * p["periodSeconds"],
                             "prober.probe", [uid, name, kind, number, step + 1], PRIO_PROBE)
    if w.on_hold:
        return
    if kind != "startup" and not rec.started:
        return
    if kind == "startup" and rec.started:
        w.instance = -1                          # startup succeeded: this worker is done
        return
    probe_once(k, ps, rec, inst, w, pod, cspec, p)


def probe_once(k: Kubelet, ps: PodState, rec: ContainerRecord, inst: Instance, w: ProbeWorker,
               pod: dict[str, Any], cspec: dict[str, Any], p: dict[str, Any]) -> None:
    result, output = run_handler(k, ps, rec, inst, cspec, p, w.kind)
    if result == "Error":
        return                                   # could not run the probe: discarded
    if result == "Warning":
        worker.event(k, ps, pod, "Warning", "ProbeWarning", f"{TITLE[w.kind]} probe warning: {output}", rec)
        result = "Success"
    if result == "Failure":
        worker.event(k, ps, pod, "Warning", "Unhealthy", f"{TITLE[w.kind]} probe failed: {output}", rec)
    w.run = w.run + 1 if w.last == result else 1
    w.last = result
    threshold = p["failureThreshold"] if result == "Failure" else p["successThreshold"]
    if w.run < threshold or w.result == result:
        return
    w.result = result
    if w.kind == "readiness":
        rec.ready = result == "Success"
        k.write_status(ps)
    elif w.kind == "startup":
        w.on_hold = True
        if result == "Success":
            rec.started = True
            k.write_status(ps)
            _readiness_now(k, ps, rec, inst, pod, cspec)
        else:
            _kill_for(k, ps, rec, pod, "startup")
    elif result == "Failure":
        w.on_hold = True
        _kill_for(k, ps, rec, pod, "liveness")


def _readiness_now(k: Kubelet, ps: PodState, rec: ContainerRecord, inst: Instance, pod: dict[str, Any],
                   cspec: dict[str, Any]) -> None:
    """The manual trigger: readiness is probed as soon as startup succeeds (past its initial delay)."""
    w = rec.probes.get("readiness")
    if w is None or w.instance != inst.number:
        return
    p = _probe(cspec, "readiness")
    if k.cluster.clock.now >= inst.started_at + p["initialDelaySeconds"]:
        probe_once(k, ps, rec, inst, w, pod, cspec, p)


def _kill_for(k: Kubelet, ps: PodState, rec: ContainerRecord, pod: dict[str, Any], kind: str) -> None:
    restart = pod["spec"].get("restartPolicy", "Always") != "Never"
    message = f"Container {rec.name} failed {kind} probe"
    if restart:
        message += ", will be restarted"
    lifecycle.kill(k, ps, rec, kind, message, restart=restart)


# -- handlers -------------------------------------------------------------------------------------
def _port(cspec: dict[str, Any], port: Any) -> int | None:
    if isinstance(port, int):
        return port
    if isinstance(port, str) and port.isdigit():
        return int(port)
    for cp in cspec.get("ports", []):
        if cp.get("name") == port:
            return int(cp["containerPort"])
    return None


def run_handler(k: Kubelet, ps: PodState, rec: ContainerRecord, inst: Instance, cspec: dict[str, Any],
                p: dict[str, Any], kind: str = "") -> tuple[str, str]:
    """Run one probe or hook handler: ("Success"|"Failure"|"Warning"|"Error", output)."""
    timeout = float(p.get("timeoutSeconds") or 1)
    if "exec" in p:
        argv = list((p["exec"] or {}).get("command") or [])
        res = k.runtime.exec(ps, rec, inst, argv, timeout=timeout)
        if res.start_error:
            return "Failure", res.start_error
        output = res.text[:OUTPUT_CAP]
        if res.timed_out:
            return "Failure", output
        return ("Success" if res.exit_code == 0 else "Failure"), output
    if "httpGet" in p:
        return _http(k, ps, cspec, p["httpGet"], timeout)
    if "tcpSocket" in p:
        h = p["tcpSocket"]
        host = h.get("host") or ps.ip
        port = _port(cspec, h.get("port"))
        if port is None:
            return "Error", f"unknown port {h.get('port')}"
        err = k.cluster.tcp_from_kubelet(host, port)
        if err is None:
            return "Success", ""
        if err.kind == "refused":
            return "Failure", f"dial tcp {host}:{port}: connect: connection refused"
        return "Failure", f"dial tcp {host}:{port}: i/o timeout"
    if "grpc" in p:
        g = p["grpc"]
        addr = f"{ps.ip}:{g.get('port')}"
        err = k.cluster.tcp_from_kubelet(ps.ip, int(g.get("port", 0)))
        if err is not None:
            return "Failure", f'timeout: failed to connect service "{addr}" within {int(timeout)}s: context deadline exceeded'
        return "Failure", ("error: this server does not implement the grpc health protocol "
                           "(grpc.health.v1.Health): rpc error: code = Unimplemented desc = unknown service "
                           "grpc.health.v1.Health")
    if "sleep" in p:
        return "Success", ""
    return "Error", "no handler"


def _http(k: Kubelet, ps: PodState, cspec: dict[str, Any], h: dict[str, Any], timeout: float) -> tuple[str, str]:
    host = h.get("host") or ps.ip
    port = _port(cspec, h.get("port"))
    if port is None:
        return "Error", f"unknown port {h.get('port')}"
    scheme = (h.get("scheme") or "HTTP").lower()
    path = h.get("path") or "/"
    if not path.startswith("/"):
        path = "/" + path
    headers = [("User-Agent", KUBE_PROBE_AGENT), ("Accept", "*/*")]
    for hv in h.get("httpHeaders") or []:
        headers = [(n, v) for n, v in headers if n.lower() != hv["name"].lower()]
        if hv.get("value"):
            headers.append((hv["name"], hv["value"]))
    url = f"{scheme}://{host}:{port}{path}"
    # The kubelet dials from the node: a pod on the node's bridge sees the bridge's address
    # (10.244.1.1), which is what nginx writes first in its access log.
    client = k.cluster.network.bridge_ip(ps.node)
    for _ in range(11):                          # at most 10 redirects, to the same host only
        answer = k.cluster.http_from_kubelet(HttpRequest("GET", host, port, path, tuple(headers), client_ip=client))
        if isinstance(answer, NetError):
            if answer.kind == "refused":
                return "Failure", f'Get "{url}": dial tcp {host}:{port}: connect: connection refused'
            return "Failure", (f'Get "{url}": context deadline exceeded '
                               "(Client.Timeout exceeded while awaiting headers)")
        assert isinstance(answer, HttpResponse)
        location = (dict((n.lower(), v) for n, v in answer.headers).get("location")
                    if answer.status in (301, 302, 303, 307, 308) else None)
        if location:
            if location.startswith("/"):
                path = location
                url = f"{scheme}://{host}:{port}{path}"
                continue
            return "Warning", f"Probe terminated redirects, Response body: {answer.body}"
        if 200 <= answer.status < 400:
            return "Success", ""
        return "Failure", f"HTTP probe failed with statuscode: {answer.status}"
    return "Failure", f'Get "{url}": stopped after 10 redirects'


def run_pre_stop(k: Kubelet, ps: PodState, rec: ContainerRecord, inst: Instance, pod: dict[str, Any],
                 cspec: dict[str, Any], grace: float) -> float:
    """Run the preStop hook (if any) and return how long it took, in simulated seconds."""
    hook = ((cspec.get("lifecycle") or {}).get("preStop")) or None
    if not hook:
        return 0.0
    if "sleep" in hook:
        return float((hook["sleep"] or {}).get("seconds", 0))
    if "exec" in hook:
        res = k.runtime.exec(ps, rec, inst, list(hook["exec"].get("command") or []), timeout=grace)
        if res.start_error or res.exit_code != 0:
            worker.event(k, ps, pod, "Warning", "FailedPreStopHook", "PreStopHook failed", rec)
        return min(res.elapsed, grace)
    result, _ = run_handler(k, ps, rec, inst, cspec, {**hook, "timeoutSeconds": grace})
    if result == "Failure":
        worker.event(k, ps, pod, "Warning", "FailedPreStopHook", "PreStopHook failed", rec)
    return 0.0
