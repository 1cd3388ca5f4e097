"""Podlab settings, read from environment variables.

Defaults make a development machine work with no set-up at all: DEBUG on, a SQLite file at the
repository root and the in-memory channel layer (one Daphne process). A deployment turns DEBUG off,
which makes DJANGO_SECRET_KEY mandatory, and may point DATABASE_URL at PostgreSQL and REDIS_URL at
Redis to run several processes. Every helper below fails at start-up on a value it cannot read,
naming the variable, rather than guessing.
"""
from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if default is None:
        raise ImproperlyConfigured(f"{name} must be set")
    return default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE)}, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """sqlite:///relative.sqlite3, sqlite:////absolute/path or postgres://user:pw@host:port/name."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = parts.path[1:] if parts.path.startswith("/") else parts.path
        if not path:
            raise ImproperlyConfigured("DATABASE_URL sqlite:/// needs a file path")
        name = Path(path) if Path(path).is_absolute() else BASE_DIR / path
        # WAL: a commit appends to the log instead of rewriting the rollback journal, and with
        # synchronous=NORMAL it does not wait for the disk (a commit survives a crash of the
        # process, not of the machine): each turn's save went from ~4 ms to ~0.3 ms
        # (docs/performance.md). DATABASE_SQLITE_SYNCHRONOUS=FULL waits for the disk again.
        sync = env_str("DATABASE_SQLITE_SYNCHRONOUS", "NORMAL").upper()
        if sync not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
            raise ImproperlyConfigured(f"DATABASE_SQLITE_SYNCHRONOUS must be NORMAL or FULL, not {sync!r}")
        # IMMEDIATE: a transaction takes the write lock when it begins. Turns run on their own
        # thread (sandbox/turnqueue.py) beside page views and API requests; in WAL mode a deferred
        # transaction that read before another thread's commit could not write afterwards
        # (SQLITE_BUSY_SNAPSHOT, "database is locked" at once): an immediate one waits its turn.
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name,
                "OPTIONS": {"init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={sync};",
                            "transaction_mode": "IMMEDIATE"}}
    if parts.scheme in {"postgres", "postgresql"}:
        if not parts.path.strip("/"):
            raise ImproperlyConfigured("DATABASE_URL must name a database: postgres://.../NAME")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.strip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 0),
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme must be sqlite or postgres, not {parts.scheme!r}")


def channel_layer_from_url(url: str) -> dict:
    """Redis PubSub layer. redis-py 8 needs socket_timeout None and a bigger pool (see the notes).
    Redis Pub/Sub ignores the database number of the URL: two sites sharing one Redis are kept
    apart by REDIS_PREFIX, the prefix of every channel name (channels-redis' ``prefix``)."""
    if find_spec("channels_redis") is None:
        raise ImproperlyConfigured('REDIS_URL is set but channels-redis is not installed: pip install ".[redis]"')
    host = {"address": url, "socket_timeout": None, "max_connections": env_int("REDIS_MAX_CONNECTIONS", 1000)}
    return {"BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [host], "prefix": env_str("REDIS_PREFIX", "asgi")}}


DEBUG = env_bool("DJANGO_DEBUG", True)
# A development key is only acceptable while DEBUG is on; production must bring its own.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "django-insecure-podlab-development-only" if DEBUG else None)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "daphne",  # first, so that its runserver (ASGI, WebSockets) replaces Django's
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "sandbox",
    "lessons",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # after sessions, before common (Django i18n docs)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sandbox.security.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "sandbox.config.urls"
ASGI_APPLICATION = "sandbox.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite by default; the test database is a file too, because a live Daphne test server runs in
# another process and cannot see an in-memory database (ChannelsLiveServerTestCase refuses one).
DATABASES = {"default": database_from_url(env_str("DATABASE_URL", "sqlite:///db.sqlite3"))}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # DJANGO_TEST_DATABASE: another file, so that two test runs on one checkout do not share one.
    DATABASES["default"]["TEST"] = {"NAME": Path(env_str("DJANGO_TEST_DATABASE", str(BASE_DIR / "db.test.sqlite3")))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One process: the in-memory layer. Several processes must share a layer: set REDIS_URL.
_redis_url = env_str("REDIS_URL", "")
CHANNEL_LAYERS = {
    "default": channel_layer_from_url(_redis_url)
    if _redis_url
    else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Lessons are written in Korean and English; English is the fallback for any other browser.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ko", "한국어")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))

# Cookies: never readable by scripts (no page script reads the CSRF cookie: forms carry the token),
# not sent on cross-site requests other than top-level navigation (Lax), and over HTTPS only when
# not in DEBUG. The WebSocket's Origin check is in asgi.py.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes from a load balancer speak plain HTTP
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO", False):
        # Only behind a proxy that sets X-Forwarded-Proto itself (run Daphne with --proxy-headers).
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- The web sandbox (pages, accounts, static files) ---------------------------------------------
# Static files under Daphne: servestatic is WhiteNoise's ASGI-capable fork. In development the ASGI
# static handler (asgi.py) answers first; with DEBUG off, `manage.py collectstatic` fills
# STATIC_ROOT and servestatic serves it compressed, with far-future cache headers.
INSTALLED_APPS.insert(INSTALLED_APPS.index("django.contrib.staticfiles"), "servestatic")
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "servestatic.middleware.ServeStaticMiddleware")
if not DEBUG:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "servestatic.storage.CompressedManifestStaticFilesStorage"},
    }

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# The language switcher's choice lives in this cookie; Accept-Language decides until then.
LANGUAGE_COOKIE_NAME = "podlab_language"
# In development servestatic finds files where they are (no collectstatic) and sees new builds.
SERVESTATIC_USE_FINDERS = DEBUG
SERVESTATIC_AUTOREFRESH = DEBUG
LESSONS_DIR = BASE_DIR / "lessons" / "content"  # one folder per lesson (docs/authoring.md)
