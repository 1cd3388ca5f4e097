"""The lesson folder the web tests use (tests/web/fixtures/lessons), in place of the course."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client, override_settings

FIXTURE_LESSONS = Path(__file__).resolve().parent / "fixtures" / "lessons"
FIRST = "01-practice-pod"
SECOND = "02-second-pod"


@pytest.fixture
def fixture_lessons():
    from lessons import catalog
    with override_settings(LESSONS_DIR=FIXTURE_LESSONS):
        catalog.reload()
        yield
    catalog.reload()


def client_of(visitor) -> Client:
    """A browser with the visitor's session cookie (tests/web/conftest.py's cast)."""
    client = Client()
    client.cookies["sessionid"] = visitor.cookie
    return client
