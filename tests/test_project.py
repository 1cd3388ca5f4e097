"""The Django project itself: configuration, the home page, the health check, the ASGI app."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.util import find_spec
from io import StringIO
from pathlib import Path

import pytest
from channels.routing import ProtocolTypeRouter
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def test_it_passes_the_system_checks():
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


def test_it_renders_the_home_page_in_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    # What a learner must take away from the first screen.
    for text in ("Podlab", "simulated Kubernetes cluster", "kubectl", "Restart policies", "Probes"):
        assert text in html


def test_it_shows_a_session_computed_by_the_simulated_cluster(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # The spec's G4 row at t=60 (a command exiting 1 under restartPolicy Always), printed by
    # kubectl's printer from the engine's state: proof the example is not hand-written.
    assert "crash   0/1     CrashLoopBackOff   3 (27s ago)   60s" in html
    assert "web     1/1     Running            0             60s" in html


def test_it_renders_the_home_page_for_a_korean_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9,en;q=0.8")
    assert response.status_code == 200
    # The Korean catalogue arrives later; the page already declares the language it is served in.
    assert '<html lang="ko">' in response.content.decode()


def test_it_falls_back_to_english_for_other_languages(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert '<html lang="en">' in response.content.decode()


def test_it_answers_the_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"ok"


def test_it_refuses_to_post_to_the_health_check(client):
    assert client.post("/healthz").status_code == 405


def test_it_serves_http_and_websockets_from_one_asgi_application():
    from sandbox.config.asgi import site

    assert isinstance(site, ProtocolTypeRouter)
    assert {"http", "websocket"} <= set(site.application_mapping)


def _settings_in_a_fresh_process(**env: str) -> subprocess.CompletedProcess:
    """Import the settings with exactly these DJANGO_* / URL variables, and print a few as JSON."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and not k.endswith("_URL")}
    code = (
        "import json; from sandbox.config import settings as s; "
        "print(json.dumps({'DEBUG': s.DEBUG, 'LAYER': s.CHANNEL_LAYERS['default'], "
        "'DB': s.DATABASES['default']['ENGINE'], 'COOKIE_SECURE': getattr(s, 'SESSION_COOKIE_SECURE', False)}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def _settings(**env: str) -> dict:
    result = _settings_in_a_fresh_process(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_it_defaults_to_a_development_setup():
    settings = _settings()
    assert settings["DEBUG"] is True
    assert settings["DB"] == "django.db.backends.sqlite3"
    assert settings["LAYER"] == {"BACKEND": "channels.layers.InMemoryChannelLayer"}


def test_it_requires_a_secret_key_in_production():
    result = _settings_in_a_fresh_process(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_it_secures_cookies_in_production():
    settings = _settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50)
    assert settings["DEBUG"] is False
    assert settings["COOKIE_SECURE"] is True


def test_it_rejects_a_value_it_cannot_read():
    result = _settings_in_a_fresh_process(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_it_reads_a_postgres_database_url():
    assert _settings(DATABASE_URL="postgres://u:p@127.0.0.1:5432/podlab")["DB"] == "django.db.backends.postgresql"


@pytest.mark.skipif(find_spec("channels_redis") is None, reason="channels-redis is an optional extra")
def test_it_uses_the_redis_pubsub_layer_when_redis_url_is_set():
    layer = _settings(REDIS_URL="redis://127.0.0.1:6379/0")["LAYER"]
    assert layer["BACKEND"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    # redis-py 8 otherwise times out idle consumers after 5 s and caps the pool at 100.
    assert layer["CONFIG"]["hosts"] == [
        {"address": "redis://127.0.0.1:6379/0", "socket_timeout": None, "max_connections": 1000}
    ]


@pytest.mark.skipif(find_spec("channels_redis") is not None, reason="channels-redis is installed")
def test_it_names_the_missing_extra_when_redis_url_is_set():
    result = _settings_in_a_fresh_process(REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode != 0
    assert 'pip install ".[redis]"' in result.stderr
