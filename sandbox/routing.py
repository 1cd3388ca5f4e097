"""WebSocket routes, mounted by sandbox.config.asgi behind the origin check and the auth stack."""
from __future__ import annotations

from django.urls import URLPattern, path

from sandbox.api.routing import websocket_urlpatterns as kube_api_websocket_urlpatterns
from sandbox.consumers import SandboxConsumer

websocket_urlpatterns: list[URLPattern] = [
    path("ws/sandboxes/<uuid:sandbox_id>/", SandboxConsumer.as_asgi()),
    # pods/exec for clients that send an Origin; kubectl sends none (sandbox/api/routing.py).
    *kube_api_websocket_urlpatterns,
]
