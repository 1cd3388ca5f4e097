from __future__ import annotations

from django.apps import AppConfig


class SandboxConfig(AppConfig):
    """The web ring around the simulation: pages, sessions and WebSocket consumers."""

    name = "sandbox"
    verbose_name = "Sandboxes"
