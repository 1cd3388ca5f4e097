"""The Content-Security-Policy every page is served with.

Scripts come only from Podlab's own static files (the esbuild bundle, static/js/site.js): no
inline handlers, no eval, nothing from elsewhere, so an injected ``<script>`` (a lesson's Markdown,
a pod's name shown in a card) cannot run. Styles allow inline ones: xterm.js and CodeMirror add
``<style>`` elements and the pages set widths in ``style`` attributes. WebSockets and fetches go
to the page's own origin ('self' covers ws:/wss: there in CSP Level 3). Django 5.2 has no CSP
support of its own (6.0 does); this middleware is the whole of it.
"""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.deprecation import MiddlewareMixin

POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))


class ContentSecurityPolicyMiddleware(MiddlewareMixin):
    """Sync and async alike (MiddlewareMixin), so the Kubernetes API's async views and their
    streamed watches stay on the event loop."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.get("Content-Type", "").startswith("text/html"):
            response.setdefault("Content-Security-Policy", POLICY)
        return response
