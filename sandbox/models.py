"""A learner's sandbox as the database keeps it: who owns it, its API token, its whole state.

The state is ``Session.to_json()`` (the cluster, the learner's files, the shell, the lab clock):
any process can load it, bring it up to the wall clock, act and save it back under a row lock
(sandbox/sandboxes.py), so no process has to own a sandbox. The terminal's recent text lives in a
column of its own (``screen``): it only ever grows at its end, which the database does by itself,
so no process keeps it in memory or rewrites it inside the state.
"""
from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models

from sandbox.statejson import StateDecoder, StateEncoder


def new_token() -> str:
    """The secret that names a sandbox in its Kubernetes API path: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


class Sandbox(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="sandboxes")
    session_key = models.CharField(max_length=40, blank=True, db_index=True,
                                   help_text="The anonymous owner's Django session, until they sign up.")
    lesson = models.CharField(max_length=100, blank=True, help_text="The lesson's slug; empty: a playground.")
    seed = models.PositiveIntegerField(default=1)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    state = models.JSONField(default=dict, encoder=StateEncoder, decoder=StateDecoder)
    screen = models.TextField(
        blank=True, default="", editable=False,
        help_text="The terminal's recent text, drawn again for a tab that connects (appended by the "
                  "database itself: sandbox/turns.py).")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    version = models.PositiveBigIntegerField(
        default=0, editable=False,
        help_text="Counts the saves of the state: a process's copy of the sandbox is current while it matches.")

    class Meta:
        ordering = ["-updated"]

    def __str__(self) -> str:
        return f"sandbox {self.id} ({self.lesson or 'playground'})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Every save of the state counts (``version``): the runner of a process keeps the sandbox
        it last saved in memory (sandbox/hot.py) and trusts it only while no one saved since.
        Saves happen under the row lock (sandboxes.open_sandbox), so the count cannot race."""
        fields = kwargs.get("update_fields")
        if fields is None or "state" in fields:
            self.version += 1
            if fields is not None and "version" not in fields:
                kwargs["update_fields"] = [*fields, "version"]
        super().save(*args, **kwargs)

    def rotate_token(self) -> str:
        """Revoke the API token: the old one answers 404 from now on."""
        self.token = new_token()
        self.save(update_fields=["token", "updated"])
        return self.token
