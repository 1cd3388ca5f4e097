"""The HTTP side of the sandbox's Kubernetes API: one async view that routes like kube-apiserver.

    /k8s/<token>/version | /api | /api/v1 | /apis | /apis/GROUP[/VERSION]   discovery
    /k8s/<token>/openapi/v2 | /openapi/v3[/api/v1 | /apis/GROUP/VERSION]     schemas
    /k8s/<token>/api/v1/... | /apis/GROUP/VERSION/...                        resources
    /k8s/api/... (and the rest)                                              the same, bearer token

The view is thin: it authenticates, parses the path, and hands the request to the verbs (reads,
writes, logs) inside one locked turn of the sandbox (access.session_for), run off the event loop
with sync_to_async; watches and ``logs -f`` stream from turns (streams.py) without holding it.
"""
from __future__ import annotations

import time
from typing import Any, Callable

from asgiref.sync import sync_to_async
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt

from sandbox.api import discovery, execution, logs, openapi, reads, timestamps, writes
from sandbox.api.access import API_ROOTS, bearer_token, request_token, sandbox_exists, save_quietly, session_for
from sandbox.api.negotiation import JSON, TABLE_CONTENT_TYPE, acceptable, discovery_version, wants_table
from sandbox.api.reads import Call, View
from sandbox.api.registry import GROUPS, UNSTORED, UnknownPath, parse_resource_path
from sandbox.api.responses import Reply, failure, method_not_allowed, not_acceptable, not_found_path, ok, unauthorized
from sandbox.api.streams import Turn, look, next_wake, run_turns
from sandbox.api.watch import Watch, timeout_of
from sandbox.sim.errors import StatusError, request_entity_too_large
from sandbox.sim.limits import MAX_REQUEST_BYTES

Verb = Callable[[View, Call], Reply]
# Simulated processes are run to completion, never attached to (kubectl prints "unable to upgrade
# connection: " and this). No ": " in it: client-go tries the body as a YAML Status first.
ATTACH_REFUSAL = "Podlab's simulated containers cannot be attached to (use kubectl logs -f or kubectl exec)"


@csrf_exempt
async def kube(request: HttpRequest, path: str = "", token: str | None = None) -> HttpResponse:
    try:
        if token in API_ROOTS:        # /k8s/api/...: no token in the path
            path, token = f"{token}/{path}".rstrip("/"), None
        who = request_token(token, bearer_token(request))
        return await _route(request, who, [p for p in path.split("/") if p])
    except StatusError as err:
        return failure(err).response()


async def _authorized(token: str) -> None:
    if not await sync_to_async(sandbox_exists)(token):
        raise unauthorized()


async def _route(request: HttpRequest, token: str, parts: list[str]) -> HttpResponse:
    accept = request.headers.get("Accept", "")
    if parts[:1] in (["api"], ["apis"]) and len(parts) <= (2 if parts[0] == "api" else 3):
        await _authorized(token)
        return _discovery(request, parts, accept).response()
    if parts[:1] == ["openapi"]:
        await _authorized(token)
        return _openapi(parts[1:], accept)
    if parts in (["version"], ["healthz"], ["livez"], ["readyz"]):
        await _authorized(token)
        if parts == ["version"]:
            return ok(discovery.version()).response()
        return HttpResponse(b"ok", content_type="text/plain")
    if parts[:2] == ["api", "v1"]:
        group, version, rest = "", "v1", parts[2:]
    elif parts[:1] == ["apis"] and len(parts) > 3:
        group, version, rest = parts[1], parts[2], parts[3:]
    else:
        raise not_found_path()
    try:
        target = parse_resource_path(group, version, rest)
    except UnknownPath:
        await _authorized(token)
        raise not_found_path() from None
    if not acceptable(accept):
        raise not_acceptable(accept)
    query = {key: request.GET.get(key, "") for key in request.GET}
    call = Call(request.method or "GET", target, query, accept, request.headers.get("Content-Type", ""),
                _body(request) if request.method in ("POST", "PUT", "PATCH", "DELETE") else b"")
    return await _resource(request, token, call)


def _body(request: HttpRequest) -> bytes:
    """The request body, refused past kube-apiserver's 3 MiB (limitedReadBody) without reading
    more than one byte beyond it: 413 ``Request entity too large: limit is 3145728``."""
    limit = MAX_REQUEST_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise request_entity_too_large(limit)
    body = request.read(limit + 1)
    if len(body) > limit:
        raise request_entity_too_large(limit)
    return body


def _discovery(request: HttpRequest, parts: list[str], accept: str) -> Reply:
    aggregated = discovery_version(accept)
    if parts == ["api"]:
        if aggregated:
            return ok(discovery.aggregated(True, aggregated),
                      content_type=discovery.AGGREGATED_CONTENT_TYPE.format(v=aggregated))
        return ok(discovery.api_versions(request.get_host()))
    if parts == ["apis"]:
        if aggregated:
            return ok(discovery.aggregated(False, aggregated),
                      content_type=discovery.AGGREGATED_CONTENT_TYPE.format(v=aggregated))
        return ok(discovery.api_group_list())
    group = "" if parts[0] == "api" else parts[1]
    if group not in GROUPS:
        raise not_found_path()
    if len(parts) == 2 and parts[0] == "apis":
        return ok(discovery.api_group(group))
    version = parts[-1]
    if version not in GROUPS[group]:
        raise not_found_path()
    return ok(discovery.api_resource_list(group, version))


def _openapi(parts: list[str], accept: str) -> HttpResponse:
    if parts == ["v2"]:
        if not acceptable(accept):       # the protobuf form is not produced: clients fall back
            raise not_acceptable(accept)
        return HttpResponse(openapi.v2_document(), content_type=JSON)
    if parts == ["v3"]:
        return ok(openapi.v3_root()).response()
    found = openapi.v3_path("/".join(parts[1:])) if parts[:1] == ["v3"] else None
    if found is None:
        raise not_found_path()
    resp = HttpResponse(openapi.v3_document(*found), content_type=JSON)
    resp.headers["Cache-Control"] = "public, immutable"
    resp.headers["Etag"] = f'"{openapi.v3_hash(*found)}"'
    return resp


def _turn(token: str, call: Call, verb: Verb) -> tuple[Reply, str]:
    """One locked turn: load, catch up with the wall clock, act, save (not on error).
    Returns the reply and the sandbox's id.

    A read saves only when catching up changed no object: the changes stay for the next writer
    to save, and meanwhile every watch recomputes them, with the instant of each, from the saved
    state (a save drops the store's history, streams.py)."""
    wall = time.time()
    reading = call.method == "GET"
    with session_for(token, wall, save=not reading) as (row, session):
        cluster = session.cluster
        reply = verb(View(session, timestamps.offset_seconds(cluster.epoch, cluster.now, wall)), call)
        if reading and cluster.store.rv == cluster.store.oldest_rv:
            save_quietly(row, session)
        return reply, str(row.pk)


async def _act(token: str, call: Call, verb: Verb) -> HttpResponse:
    reply, sandbox_id = await sync_to_async(_turn)(token, call, verb)
    if call.method != "GET" and reply.status < 400:
        await _tell_pages(sandbox_id)
    return reply.response()


async def _tell_pages(sandbox_id: str) -> None:
    """The sandbox's open pages look again (sandbox/live.py listens on this group)."""
    from channels.layers import get_channel_layer
    layer = get_channel_layer()
    if layer is not None:
        await layer.group_send(f"sandbox.{sandbox_id}", {"type": "sandbox.changed", "process": "kube-api"})


async def _resource(request: HttpRequest, token: str, call: Call) -> HttpResponse:
    target, method = call.target, call.method
    if target.subresource in ("exec", "attach"):
        return await _act(token, call, _exec_without_upgrade)
    if target.subresource == "log":
        if method != "GET":
            raise method_not_allowed(method.lower(), "pods/log")
        return await _logs(token, call)
    if method == "GET":
        if target.watch_prefix or call.flag("watch"):
            if target.served in UNSTORED:
                raise method_not_allowed("watch", target.served.plural)
            return await _watch(token, call)
        return await _act(token, call, reads.list_objects if target.is_collection else reads.get_object)
    verbs: dict[str, Verb] = {"POST": writes.create, "PUT": writes.update, "PATCH": writes.patch_object,
                              "DELETE": writes.delete}
    if method not in verbs:
        raise method_not_allowed(method.lower(), target.served.plural)
    return await _act(token, call, verbs[method])


def _exec_without_upgrade(view: View, call: Call) -> Reply:
    """exec/attach as a plain request (kubectl's SPDY fallback after a refused WebSocket): the
    refusal, or, when the command could run, the API server's answer to a non-upgrade request."""
    target = call.target
    if target.subresource == "attach":
        return Reply(400, ATTACH_REFUSAL, content_type="text/plain")
    try:
        execution.check(view.session, target.namespace or "", target.name or "", call.query.get("container") or None)
    except StatusError as err:
        return execution.refusal(err)
    return Reply(400, "Upgrade request required", content_type="text/plain")


async def _watch(token: str, call: Call) -> HttpResponse:
    watch = Watch(token, call)
    start = time.time()
    first = await sync_to_async(watch.turn)(start, True)
    stream = run_turns(token, first, watch.turn, start + timeout_of(call))
    return StreamingHttpResponse(stream, content_type=TABLE_CONTENT_TYPE if wants_table(call.accept) else JSON)


async def _logs(token: str, call: Call) -> HttpResponse:
    def first(view: View, c: Call) -> Reply:
        reply, state[0] = logs.read(view, c)
        return reply

    state: list[dict[str, Any] | None] = [None]
    reply, _ = await sync_to_async(_turn)(token, call, first)
    if state[0] is None:
        return reply.response()
    follow = state[0]

    def turn(wall: float) -> Turn:
        with look(token, wall) as (seen, _):
            cluster = seen.session.cluster
            view = View(seen.session, timestamps.offset_seconds(cluster.epoch, cluster.now, wall))
            text, done = logs.follow(view, call, follow)
        return Turn([text.encode("utf-8")] if text else [], done, next_wake(seen.session), seen.seen)

    opening = Turn([reply.body.encode("utf-8")] if reply.body else [], False, None, None)
    stream = run_turns(token, opening, turn, time.time() + timeout_of(call))
    return StreamingHttpResponse(stream, content_type=logs.TEXT)
