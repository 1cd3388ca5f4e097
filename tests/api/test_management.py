"""``manage.py sandbox``: create, kubeconfig, revoke."""
from __future__ import annotations

import io
import uuid

import pytest
import yaml
from django.core.management import CommandError, call_command

from sandbox.models import Sandbox

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("sandbox", *args, stdout=out)
    return out.getvalue()


def test_it_creates_a_sandbox_and_prints_its_id() -> None:
    sandbox_id = _run("create", "--seed", "7").strip()
    row = Sandbox.objects.get(pk=uuid.UUID(sandbox_id))
    assert row.seed == 7 and row.state["seed"] == 7


def test_it_prints_a_kubeconfig_pointing_at_the_sandbox() -> None:
    sandbox_id = _run("create").strip()
    token = Sandbox.objects.get(pk=sandbox_id).token
    config = yaml.safe_load(_run("kubeconfig", sandbox_id))
    name = f"podlab-{sandbox_id[:8]}"
    assert config["clusters"] == [{"name": name, "cluster": {"server": f"http://127.0.0.1:8000/k8s/{token}"}}]
    assert config["current-context"] == name
    assert config["contexts"][0]["context"] == {"cluster": name, "user": name, "namespace": "default"}
    other = yaml.safe_load(_run("kubeconfig", sandbox_id, "--server", "https://podlab.example/"))
    assert other["clusters"][0]["cluster"]["server"] == f"https://podlab.example/k8s/{token}"


def test_it_revokes_the_api_token() -> None:
    sandbox_id = _run("create").strip()
    before = Sandbox.objects.get(pk=sandbox_id).token
    _run("revoke", sandbox_id)
    assert Sandbox.objects.get(pk=sandbox_id).token != before


def test_it_names_a_sandbox_it_cannot_find() -> None:
    with pytest.raises(CommandError, match="no sandbox"):
        _run("kubeconfig", str(uuid.uuid4()))
    with pytest.raises(CommandError, match="not a sandbox id"):
        _run("kubeconfig", "nope")


def test_it_creates_a_lessons_sandbox_with_the_lessons_setup_and_progress() -> None:
    from lessons.models import LessonProgress
    from sandbox.session import Session

    sandbox_id = _run("create", "--lesson", "06-troubleshooting").strip()
    row = Sandbox.objects.get(pk=sandbox_id)
    pods = Session.from_json(row.state).cluster.store.list("pods")
    assert row.lesson == "06-troubleshooting" and len(pods) == 4     # the lesson's broken pods
    assert LessonProgress.objects.get(sandbox=row).score == 0


def test_it_refuses_an_unknown_lesson() -> None:
    with pytest.raises(CommandError, match="no lesson 'nope': try one of 01-what-is-a-pod"):
        _run("create", "--lesson", "nope")
