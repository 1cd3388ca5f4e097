"""A kubeconfig that points a real kubectl (or any client) at one sandbox's Kubernetes API.

The token travels in the server URL's path (``/k8s/<token>``): kubectl sends no bearer token to a
plain-HTTP server, so the user entry needs nothing. One cluster, one user and one context, all
named ``podlab-<first 8 characters of the sandbox id>``, namespace ``default``; the same text
the sandbox page offers as a download.
"""
from __future__ import annotations

from sandbox.models import Sandbox

DEFAULT_SERVER = "http://127.0.0.1:8000"


def server_url(row: Sandbox, base: str = DEFAULT_SERVER) -> str:
    return f"{base.rstrip('/')}/k8s/{row.token}"


def kubeconfig(row: Sandbox, base: str = DEFAULT_SERVER) -> str:
    name = f"podlab-{str(row.pk)[:8]}"
    return (
        "apiVersion: v1\nkind: Config\n"
        f"clusters:\n- name: {name}\n  cluster:\n    server: {server_url(row, base)}\n"
        f"contexts:\n- name: {name}\n  context:\n    cluster: {name}\n    user: {name}\n    namespace: default\n"
        f"current-context: {name}\npreferences: {{}}\n"
        f"users:\n- name: {name}\n  user: {{}}\n"
    )
