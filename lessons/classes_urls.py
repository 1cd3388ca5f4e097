from __future__ import annotations

from django.urls import path

from lessons import classes, keys

urlpatterns = [
    path("", classes.class_list, name="classes"),
    path("new/", classes.new_class, name="new_class"),
    path("join/", classes.join_class, name="join_class"),
    path("keys/", keys.api_keys, name="api_keys"),
    path("keys/<int:token_id>/revoke/", keys.revoke_api_key, name="revoke_api_key"),
    path("<int:classroom_id>/gradebook/", classes.gradebook_page, name="gradebook"),
    path("<int:classroom_id>/gradebook.csv", classes.gradebook_csv, name="gradebook_csv"),
    path("<int:classroom_id>/learners/<int:user_id>/<slug:slug>/", classes.learner_page, name="class_learner"),
]
