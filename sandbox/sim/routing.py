"""Routing a connection on the pod network to the process that listens (or to an error).

Every pod has its own network namespace shared by its containers, so ``localhost`` inside a pod
reaches the pod's other containers. A pod IP with no pod behind it is unreachable; a port nobody
listens on is refused; a pod on a stopped node does not answer (a timeout).
"""
from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Any

from .clock import PRIO_RUNTIME
from .net import HttpRequest, HttpResponse, NetError
from .programs import ServerProcess

if TYPE_CHECKING:
    from .cluster import Cluster
    from .kubelet.state import PodState

_URL = re.compile(r"^(?:(https?)://)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^#]*)")


def parse_url(url: str) -> tuple[str, str, int, str] | None:
    m = _URL.match(url.strip())
    if not m:
        return None
    scheme = (m.group(1) or "http").lower()
    host = m.group(2)
    port = int(m.group(3)) if m.group(3) else (443 if scheme == "https" else 80)
    target = m.group(4) or "/"
    if not target.startswith("/"):
        target = "/" + target
    return scheme, host, port, target


def _pod_for(cluster: Cluster, host: str, own: PodState | None) -> tuple[PodState | None, NetError | None]:
    if host in ("localhost", "127.0.0.1", "::1", "[::1]"):
        if own is None:
            return None, NetError("refused", "Connection refused")
        return own, None
    owner = cluster.network.owner(host)
    if owner is None:
        if cluster.network.node_for_ip(host) is not None:
            return None, NetError("unreachable", "No route to host")
        if any(cluster.node_ip(n) == host for n in cluster.store.list("nodes")):
            return None, NetError("refused", "Connection refused")
        return None, NetError("timeout", "Connection timed out")
    node, uid = owner
    if cluster.node_is_down(node):
        return None, NetError("timeout", "Connection timed out")
    ps = cluster.kubelet.pods.get(uid)
    if ps is None or not ps.sandbox_ready:
        return None, NetError("unreachable", "No route to host")
    return ps, None


def _listener(cluster: Cluster, ps: PodState, port: int) -> tuple[Any, Any, Any, Any] | None:
    runtime = cluster.kubelet.runtime
    for rec in ps.containers.values():
        inst = rec.newest
        if inst is None or not inst.running:
            continue
        live = runtime.live_for(ps, rec, inst)
        if isinstance(live.proc, ServerProcess) and live.server is not None:
            listen = live.proc.listener(live.server, port)
            if listen is not None:
                return rec, inst, live, listen
    return None


def tcp(cluster: Cluster, host: str, port: int, own: PodState | None = None) -> NetError | None:
    ps, err = _pod_for(cluster, host, own)
    if err is not None:
        return err
    assert ps is not None
    if _listener(cluster, ps, port) is None:
        return NetError("refused", "Connection refused")
    return None


def http(cluster: Cluster, request: HttpRequest, own: PodState | None = None) -> HttpResponse | NetError:
    ps, err = _pod_for(cluster, request.host, own)
    if err is not None:
        return err
    assert ps is not None
    found = _listener(cluster, ps, request.port)
    if found is None:
        return NetError("refused", "Connection refused")
    rec, inst, live, listen = found
    if "http" not in listen:
        return NetError("empty", "Empty reply from server")      # a TCP server that is not HTTP
    runtime = cluster.kubelet.runtime
    now = cluster.clock.now
    extra = {"pod_ip": ps.ip, "hostname": ps.name, "client_port": "51234"}
    response, log, exit_code = live.proc.serve(live.server, request, now, cluster.epoch + now,
                                               partial(live.answers.answer, live.fs), extra, listen)
    if log:
        runtime.log(inst, "stdout", log + "\n", now)
    if exit_code is not None:
        cluster.clock.schedule(now, "runtime.exit", [ps.uid, rec.name, inst.container_id, exit_code], PRIO_RUNTIME)
    return response


def http_url(cluster: Cluster, method: str, url: str, headers: list[tuple[str, str]], body: str,
             client_ip: str, own: PodState | None = None) -> HttpResponse | NetError:
    parsed = parse_url(url)
    if parsed is None:
        return NetError("dns", f"Could not resolve host: {url}")
    scheme, host, port, target = parsed
    if not re.fullmatch(r"[0-9.]+|localhost|\[[0-9a-fA-F:]+\]", host):
        return NetError("dns", f"Could not resolve host: {host}")
    request = HttpRequest(method.upper(), host, port, target, tuple(headers), body, client_ip)
    if scheme == "https":
        answer = http(cluster, request, own)
        if isinstance(answer, HttpResponse):
            return NetError("tls", "SSL routines::wrong version number")
        return answer
    return http(cluster, request, own)
