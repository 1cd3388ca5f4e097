"""Signing up and logging in with Django's auth; an anonymous playground carries over.

Both views log the learner in and then ``claim`` (owners.py) the sandboxes this browser session
made before, so nothing typed before signing up is lost, and the same playground opens on any
other browser or device the learner signs in with.
"""
from __future__ import annotations

from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from sandbox.owners import SESSION_KEY, claim


class PodlabLoginView(LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        # Read before login(): a session that belonged to another user is flushed by it.
        carried = list(self.request.session.get(SESSION_KEY, []))
        response = super().form_valid(form)
        self.request.session[SESSION_KEY] = carried
        claim(self.request, form.get_user())
        return response


def signup(request: HttpRequest) -> HttpResponse:
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        carried = list(request.session.get(SESSION_KEY, []))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[SESSION_KEY] = carried
        claim(request, user)
        return redirect(_next(request))
    return render(request, "registration/signup.html", {"form": form, "next": _next(request)})


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return "/"
    return target
