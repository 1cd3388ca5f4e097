from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from sandbox import accounts, pages, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("playground/", pages.playground_page, name="playground"),
    path("lessons/", include("lessons.urls")),
    path("classes/", include("lessons.classes_urls")),
    path("sandboxes/<uuid:sandbox_id>/", pages.sandbox_page, name="sandbox"),
    path("sandboxes/<uuid:sandbox_id>/kubeconfig", pages.kubeconfig_download, name="kubeconfig"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/login/", accounts.PodlabLoginView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("lessons.api_urls")),  # the grading API (lessons/api.py, docs/api)
    path("k8s/", include("sandbox.api.urls")),  # each sandbox as a Kubernetes API (sandbox/api)
]
