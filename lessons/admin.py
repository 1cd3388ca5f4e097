from __future__ import annotations

from django.contrib import admin
from django.db.models import Count

from lessons.models import ApiToken, Classroom, Enrollment, LessonProgress


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ("lesson", "owner", "session_key", "score", "total", "completed_at", "updated")
    list_filter = ("lesson", "completed_at")
    search_fields = ("lesson", "owner__username", "session_key")
    raw_id_fields = ("owner", "sandbox")
    readonly_fields = ("created", "updated")


class EnrollmentInline(admin.TabularInline):
    """The class's learners, on the class's own page."""
    model = Enrollment
    extra = 0
    raw_id_fields = ("learner",)
    readonly_fields = ("joined",)


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ("name", "instructor", "join_code", "learners", "created")
    search_fields = ("name", "join_code", "instructor__username")
    raw_id_fields = ("instructor",)
    readonly_fields = ("created",)
    inlines = [EnrollmentInline]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).annotate(learner_count=Count("enrollments"))

    @admin.display(description="learners", ordering="learner_count")
    def learners(self, obj: Classroom) -> int:
        return obj.learner_count  # type: ignore[attr-defined]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ("classroom", "learner", "joined")
    list_filter = ("classroom",)
    search_fields = ("learner__username", "classroom__name")
    raw_id_fields = ("learner",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created", "last_used", "revoked")
    list_filter = ("revoked",)
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("digest", "prefix", "created", "last_used")
    raw_id_fields = ("user",)
