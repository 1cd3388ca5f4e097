from __future__ import annotations

from django.contrib import admin

from lessons.models import LessonProgress


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ("lesson", "owner", "session_key", "score", "total", "completed_at", "updated")
    list_filter = ("lesson", "completed_at")
    search_fields = ("lesson", "owner__username", "session_key")
    raw_id_fields = ("owner", "sandbox")
    readonly_fields = ("created", "updated")
