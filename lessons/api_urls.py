"""The grading API's routes (lessons/api.py), under /api/ (sandbox/config/urls.py)."""
from __future__ import annotations

from django.urls import path

from lessons import api

urlpatterns = [
    path("lessons", api.lessons_index, name="api-lessons"),
    path("lessons/<slug:slug>", api.lesson_detail, name="api-lesson"),
    path("grade", api.grade, name="api-grade"),
]
