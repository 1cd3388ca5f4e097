"""An instructor's own keys for the grading API (``POST /api/grade``), at /classes/keys/.

Before this page a key came only from ``manage.py apitoken`` or the admin, so an instructor asked
an administrator for each one. Here they make and revoke their own, and nobody else's: someone
else's key, like an unknown one, is a 404, and so is the whole page for a visitor who is not an
instructor, as a class's gradebook is for anyone but its instructor.

A new key is shown once, in the answer to the POST that made it. Only its SHA-256 is stored
(lessons.models.ApiToken); it is never put in a URL or the session, and the page is never cached.
"""
from __future__ import annotations

from functools import wraps
from typing import Any, Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lessons.models import ApiToken, is_instructor


class KeyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100, strip=True,
                           error_messages={"required": gettext_lazy("Give the key a name.")})


def instructors_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Log in first; then a 404 for anyone who is not an instructor, whatever the method, so that
    the page does not exist for them (checked before ``require_POST`` could answer 405)."""
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_instructor(request.user):
            raise Http404("No such page")
        return view(request, *args, **kwargs)
    return wrapper


@instructors_only
@never_cache            # the answer to a POST holds a new key: no browser or proxy may keep it
@require_http_methods(["GET", "HEAD", "POST"])
def api_keys(request: HttpRequest) -> HttpResponse:
    """The visitor's keys, newest first, and a form to make one; the key just made, this once."""
    form = KeyForm(request.POST if request.method == "POST" else None)
    made: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        token, key = ApiToken.issue(request.user, form.cleaned_data["name"])
        made = {"token": token, "key": key, "grade_url": request.build_absolute_uri(reverse("api-grade"))}
        form = KeyForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created", "-pk")
    return render(request, "classes/keys.html", {"tokens": tokens, "form": form, "made": made})


@instructors_only
@require_POST
def revoke_api_key(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the visitor's active keys; then a redirect to the list, which a reload does not post again."""
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user, revoked=False)
    # An update filtered on revoked=False: of two revocations at once, one wins and one is a 404.
    if not ApiToken.objects.filter(pk=token.pk, revoked=False).update(revoked=True):
        raise Http404("No such key")
    messages.success(request, _("The key “%(name)s” (%(prefix)s…) is revoked: requests with it are refused.")
                     % {"name": token.name, "prefix": token.prefix})
    return redirect("api_keys")
