"""WebSocket routes, mounted by sandbox.config.asgi behind the origin check and the auth stack.

Empty for now: the sandbox consumer (/ws/sandboxes/<id>/) arrives with the web-sandbox work.
"""
from __future__ import annotations

from django.urls import URLPattern

websocket_urlpatterns: list[URLPattern] = []
