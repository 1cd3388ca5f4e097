"""The WebSocket routes of the Kubernetes API (``kubectl exec``), and the front door for them.

``websocket_urlpatterns`` joins the project's WebSocket routes (sandbox/routing.py), behind the
origin check, which serves clients that send an ``Origin`` header (the Python client's
websocket-client does). kubectl sends none: its handshake (gorilla/websocket) carries no Origin,
and Channels' AllowedHostsOriginValidator refuses such a handshake. The origin check protects
cookie-authenticated pages from cross-site sockets; the Kubernetes API authenticates by the token
in the path (or a bearer token) and reads no cookie, so ``with_kube_websockets`` routes sockets
under ``/k8s/`` straight to the consumer, in front of the project's WebSocket stack.
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable

from channels.routing import URLRouter
from django.urls import URLPattern, re_path

from sandbox.api.exec_consumer import ExecConsumer

_POD = r"api/v1/namespaces/(?P<namespace>[^/]+)/pods/(?P<name>[^/]+)/(?P<verb>exec|attach)$"

websocket_urlpatterns: list[URLPattern] = [
    re_path(r"^k8s/(?P<token>[A-Za-z0-9_-]{16,})/" + _POD, ExecConsumer.as_asgi()),
    re_path(r"^k8s/" + _POD, ExecConsumer.as_asgi()),
]

ASGIApp = Callable[[dict[str, Any], Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]], Awaitable[None]]


def with_kube_websockets(application: ASGIApp) -> ASGIApp:
    """``application`` with WebSockets under ``/k8s/`` served by the exec consumer directly."""
    router = URLRouter(websocket_urlpatterns)

    async def app(scope: dict[str, Any], receive: Callable[..., Awaitable[Any]],
                  send: Callable[..., Awaitable[Any]]) -> None:
        if scope["type"] == "websocket" and scope.get("path", "").startswith("/k8s/"):
            await router(scope, receive, send)
        else:
            await application(scope, receive, send)

    return app
