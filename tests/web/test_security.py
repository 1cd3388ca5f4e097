"""Issue 9's security settings: cookies when not in DEBUG, CSRF on every form and every POST
view (the two token-authenticated APIs excepted), and lesson Markdown sanitised."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]
COOKIE_SETTINGS = ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY",
                   "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE")


def test_cookies_are_secure_httponly_and_samesite_when_not_in_debug():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and not k.endswith("_URL")}
    env.update(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="test-" + "k" * 50)
    code = ("import json; from django.conf import settings; import django; "
            "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'sandbox.config.settings'; django.setup(); "
            f"print(json.dumps({{k: getattr(settings, k) for k in {COOKIE_SETTINGS!r}}}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
                                       "SESSION_COOKIE_HTTPONLY": True, "CSRF_COOKIE_HTTPONLY": True,
                                       "SESSION_COOKIE_SAMESITE": "Lax", "CSRF_COOKIE_SAMESITE": "Lax"}


# -- CSRF --------------------------------------------------------------------------------------------
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)


def test_every_post_form_in_the_templates_carries_a_csrf_token():
    forms = 0
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        for form in FORM.findall(template.read_text()):
            if re.search(r"method=[\"']post[\"']", form, re.I):
                forms += 1
                assert "{% csrf_token %}" in form, f"{template.relative_to(ROOT)}: a POST form without {{% csrf_token %}}"
    assert forms >= 7


def _views(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_only_the_token_authenticated_apis_are_exempt_from_csrf():
    exempt = sorted({f"{view.__module__}.{view.__name__}" for _, view in _views(get_resolver())
                     if getattr(view, "csrf_exempt", False)})
    assert exempt == ["lessons.api.grade", "sandbox.api.views.kube"]   # bearer tokens, never cookies


POSTS = ["/accounts/signup/", "/accounts/login/", "/accounts/logout/", "/i18n/setlang/", "/classes/new/",
         "/classes/join/", "/lessons/01-what-is-a-pod/restart", "/admin/login/"]


@pytest.mark.parametrize("url", POSTS)
def test_a_post_without_the_csrf_token_is_rejected(transactional_db, url):
    user = get_user_model().objects.create_user("csrf-learner", password="correct horse battery")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(url, {"username": "x", "password": "y", "name": "z", "code": "c", "language": "ko"})
    assert response.status_code == 403, f"{url} answered {response.status_code} to a POST without a CSRF token"


# -- Markdown ----------------------------------------------------------------------------------------
HOSTILE = """# Title <script>alert(1)</script>

<script>document.cookie</script>

<img src=x onerror=alert(1)>

[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://kubernetes.io "docs")

<a href="javascript:alert(2)" onclick="alert(3)">raw link</a> <iframe src="https://evil.example"></iframe>

![pic](x" onerror="alert(4)) <div style="background:url(javascript:alert(5))">x</div>

| a | b |
|--:|---|
| <b onmouseover=alert(6)>1</b> | `<script>` |
"""


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def _assert_harmless(html: str) -> None:
    for tag, attrs in _Elements(html).found:
        assert tag not in ("script", "iframe", "object", "embed", "style", "div"), html
        assert not [a for a in attrs if a.startswith("on")], html
        for name in ("href", "src"):
            assert not attrs.get(name, "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), html
        assert "url(" not in attrs.get("style", ""), html


def test_hostile_markdown_renders_without_scripts_handlers_or_javascript_urls():
    from lessons.markup import markdown, markdown_inline
    html = markdown(HOSTILE)
    _assert_harmless(html)
    _assert_harmless(markdown_inline("<img src=x onerror=alert(1)> [x](javascript:alert(1))"))
    assert '<a href="https://kubernetes.io" title="docs">ok</a>' in html
    assert '<th style="text-align:right">a</th>' in html and "<code>&lt;script&gt;</code>" in html


def test_raw_html_that_got_past_markdown_is_sanitised_by_the_allow_list():
    from lessons.markup import sanitize
    raw = ('<p onclick="x()">t<script>alert(1)</script><img src=x onerror=alert(1)>'
           '<a href="javascript:alert(2)">j</a><a href="https://ok.example/">ok</a>'
           '<iframe src="https://evil.example"></iframe><td style="background:url(javascript:x)">c</td></p>')
    clean = sanitize(raw)
    _assert_harmless(clean)
    assert "alert(1)" not in clean                     # a script's content goes with it
    assert '<a href="https://ok.example/">ok</a>' in clean and '<img src="x">' in clean
