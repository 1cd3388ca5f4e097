"""The sandbox's pages: the playground, the sandbox page itself, and its kubeconfig download.

Only the owner sees a sandbox (owners.py); anyone else gets a 404, as if it did not exist. The
page is a shell for the front-end bundle (frontend/src): its words, translated here, travel to the
script as JSON (``json_script``), so the terminal's and the cluster view's labels follow the
page's language like the rest of it.
"""
from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sandbox.api import kubeconfig as api_kubeconfig
from sandbox.models import Sandbox
from sandbox.owners import owns, playground


@require_safe
def playground_page(request: HttpRequest) -> HttpResponse:
    """The learner's playground: made at once for anyone, signed in or not."""
    return redirect("sandbox", sandbox_id=playground(request).pk)


def _owned(request: HttpRequest, sandbox_id: Any) -> Sandbox:
    row = Sandbox.objects.filter(pk=sandbox_id).first()
    if row is None or not owns(row, request.user, request.session.session_key):
        raise Http404("No such sandbox")
    return row


@require_safe
def sandbox_page(request: HttpRequest, sandbox_id: Any) -> HttpResponse:
    row = _owned(request, sandbox_id)
    if row.lesson:
        # A lesson's sandbox lives on its lesson's page, beside the steps it is checked against.
        return redirect("lesson", row.lesson)
    config = {"id": str(row.pk), "ws": f"/ws/sandboxes/{row.pk}/", "starter": STARTER_FILE,
              "starterText": STARTER_TEXT}
    return render(request, "sandbox.html", {"sandbox": row, "config": config, "words": page_words(),
                                            "server": api_server(request, row)})


@require_safe
def kubeconfig_download(request: HttpRequest, sandbox_id: Any) -> HttpResponse:
    row = _owned(request, sandbox_id)
    response = HttpResponse(kubeconfig(request, row), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="podlab-kubeconfig.yaml"'
    response["Cache-Control"] = "no-store"      # it holds the sandbox's secret token
    return response


def site_base(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def api_server(request: HttpRequest, row: Sandbox) -> str:
    """The sandbox's Kubernetes API (sandbox/api serves it under /k8s/<token>)."""
    return api_kubeconfig.server_url(row, site_base(request))


def kubeconfig(request: HttpRequest, row: Sandbox) -> str:
    """The kubeconfig `manage.py sandbox kubeconfig` prints, for this site's address."""
    return api_kubeconfig.kubeconfig(row, site_base(request))


STARTER_FILE = "/root/pod.yaml"
STARTER_TEXT = """apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
"""


def page_words() -> dict[str, str]:
    """Every word the script puts on the page, in the page's language."""
    return {
        "connected": _("Connected"), "connecting": _("Connecting…"), "offline": _("Offline: reconnecting…"),
        "refused": _("This sandbox belongs to someone else."),
        "paused": _("paused"), "pause": _("Pause"), "resume": _("Resume"),
        "nothingNext": _("nothing will happen by itself within an hour"),
        "noPods": _("No pods on this node."), "events": _("Events"),
        "noEvents": _("No events yet."), "timeline": _("Timeline"),
        "noBands": _("Pods you create appear here, one band each."),
        "restarts": _("%(count)s restarts"), "ready": _("ready"), "notReady": _("not ready"),
        "restart": _("restart"), "probeFailed": _("probe failed"), "exitCode": _("exit code"),
        "Pending": _("Pending"), "Ready": _("Running, ready"), "NotReady": _("Running, not ready"),
        "CrashLoopBackOff": _("CrashLoopBackOff"), "Terminating": _("Terminating"),
        "Succeeded": _("Succeeded"), "Failed": _("Failed"),
        "saved": _("Saved"), "newFile": _("New file name"),
        "Success": _("passing"), "Failure": _("failing"), "Unknown": _("not yet probed"),
        "startup": _("startup"), "liveness": _("liveness"), "readiness": _("readiness"),
        "down": _("powered off"),
    }
