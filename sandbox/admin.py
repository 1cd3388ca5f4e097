from __future__ import annotations

from django.contrib import admin

from sandbox.models import Sandbox


@admin.register(Sandbox)
class SandboxAdmin(admin.ModelAdmin):
    list_display = ("id", "owner", "lesson", "seed", "created", "updated")
    list_filter = ("lesson",)
    search_fields = ("id", "owner__username", "lesson")
    readonly_fields = ("id", "token", "created", "updated")
    exclude = ("state",)          # a whole cluster: far too big for a form
