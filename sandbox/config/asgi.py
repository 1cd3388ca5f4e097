"""The one ASGI application: Django for HTTP, Channels for WebSockets, both served by Daphne.

    daphne -b 127.0.0.1 -p 8000 sandbox.config.asgi:application
"""
from __future__ import annotations

import gc
import os

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sandbox.config.settings")

# Populate the app registry before anything imports models (consumers do, through the routing).
django_asgi_app = get_asgi_application()
if settings.DEBUG:
    # Daphne, unlike runserver, does not serve static files; in development this handler does.
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    django_asgi_app = ASGIStaticFilesHandler(django_asgi_app)

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from sandbox.api.routing import with_kube_websockets  # noqa: E402
from sandbox.routing import websocket_urlpatterns  # noqa: E402

site = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Browsers always send Origin; it must match ALLOWED_HOSTS (test clients must send one too).
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
# kubectl's exec WebSocket sends no Origin and no cookies: WebSockets under /k8s/ skip the origin
# check and go to the Kubernetes API, where the token in the path is the credential.
application = with_kube_websockets(site)

# What exists now (Django's apps, settings and URL patterns, every module imported) lives as long
# as the process: frozen out of the garbage collector's full collections, which otherwise walk all
# of it each time beside the sandboxes the runners keep (docs/performance.md, section 9).
gc.freeze()

# The collector's thresholds, for a server that keeps hundreds of sandboxes' sessions alive:
# CPython's defaults (700, 10, 10) collect the youngest generation every 700 net allocations, and
# a turn makes thousands; each collection walks what survived, and the older generations' walks
# grow with the sandboxes kept, up to 72 ms (gen 1) and 200 ms (gen 2) pauses of the whole
# process on a slow machine. A turn makes no cyclic garbage (measured: 0 objects per kubectl
# line), so collections can be rarer: every 50,000 net allocations, the middle generation every
# 20 of those, a full collection considered every 200 (docs/performance.md, section 11).
GC_THRESHOLDS = (50_000, 20, 10)
gc.set_threshold(*GC_THRESHOLDS)
