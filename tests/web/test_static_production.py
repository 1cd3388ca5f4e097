"""With DEBUG off, Daphne serves the static files through servestatic, as a deployment would.

`manage.py collectstatic` writes hashed, compressed copies into STATIC_ROOT; the pages name the
hashed files; servestatic answers them with far-future cache headers and a compressed body to a
browser that accepts one. The development path (asgi.py's static handler, DEBUG on) is what every
other live test uses.
"""
from __future__ import annotations

import re
import sys
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from live import Live  # noqa: E402

pytestmark = pytest.mark.skipif(not (Path(__file__).resolve().parents[2] / "sandbox/static/sandbox/dist/sandbox.js").exists(),
                                reason="the front-end bundle is built by `make test`")


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("production")
    live = Live(workdir)
    live.env.update({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "test-" + "k" * 50,
                     "DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_STATIC_ROOT": str(workdir / "static")})
    live.manage("collectstatic", "--noinput", "-v0")
    live.start()
    yield live
    live.stop()


def fetch(url: str, **headers: str):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)


def test_the_home_page_names_hashed_static_files_that_servestatic_serves(production):
    html = fetch(production.url + "/").read().decode()
    css = re.search(r'href="(/static/css/podlab\.[0-9a-f]{12}\.css)"', html)
    assert css, "the page should link the hashed stylesheet"
    reply = fetch(production.url + css.group(1))
    assert reply.status == 200
    assert "max-age=315360000" in reply.headers["Cache-Control"]
    assert b"{" in reply.read()


def test_the_sandbox_bundle_is_served_compressed_to_a_browser_that_accepts_it(production):
    manifest = (Path(production.env["DJANGO_STATIC_ROOT"]) / "staticfiles.json").read_text()
    hashed = re.search(r'"sandbox/dist/sandbox.js": "([^"]+)"', manifest).group(1)
    plain = fetch(f"{production.url}/static/{hashed}")
    body = plain.read()
    squeezed = fetch(f"{production.url}/static/{hashed}", **{"Accept-Encoding": "gzip"})
    assert squeezed.headers["Content-Encoding"] == "gzip"
    assert len(squeezed.read()) < len(body) / 2
