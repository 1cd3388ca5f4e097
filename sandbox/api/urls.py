"""URLs of the sandbox's Kubernetes API, mounted at ``/k8s/`` (sandbox/config/urls.py).

``/k8s/<token>/<API path>`` names the sandbox by its token; ``/k8s/<API path>`` (a path starting
with ``api``, ``apis``, ``version``, ``openapi``...) relies on a bearer token instead (access.py).
"""
from __future__ import annotations

from django.urls import re_path

from sandbox.api import views

app_name = "kubeapi"

urlpatterns = [
    re_path(r"^(?P<token>[A-Za-z0-9_-]+)/?$", views.kube, name="root"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]+)/(?P<path>.*)$", views.kube, name="api"),
]
