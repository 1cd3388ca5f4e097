from __future__ import annotations

from django.urls import path

from lessons import views

urlpatterns = [
    path("", views.lesson_list, name="lessons"),
    path("<slug:slug>/", views.lesson_page, name="lesson"),
    path("<slug:slug>/restart", views.lesson_restart, name="lesson-restart"),
]
