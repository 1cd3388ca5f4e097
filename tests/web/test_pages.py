"""The pages around the sandbox: the playground, ownership, the kubeconfig, accounts, languages."""
from __future__ import annotations

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.test import Client

from sandbox.models import Sandbox

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def a_learner():
    return get_user_model().objects.create_user("learner", password=PASSWORD)


def playground_of(client: Client) -> Sandbox:
    response = client.get("/playground/")
    assert response.status_code == 302
    return Sandbox.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])


def test_it_gives_an_anonymous_visitor_a_playground_at_once():
    visitor = Client()
    row = playground_of(visitor)
    assert row.owner is None and row.session_key == visitor.session.session_key and row.lesson == ""
    page = visitor.get(f"/sandboxes/{row.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="terminal"' in html and 'id="editor"' in html and 'id="timeline"' in html
    assert f"/ws/sandboxes/{row.pk}/" in html and "sandbox/dist/sandbox.js" in html
    assert playground_of(visitor).pk == row.pk            # the same one next time


def test_it_hides_a_sandbox_from_everyone_but_its_owner(a_learner):
    learner = Client()
    learner.force_login(a_learner)
    row = playground_of(learner)
    assert row.owner == a_learner
    for stranger in (Client(), _other_learner()):
        assert stranger.get(f"/sandboxes/{row.pk}/").status_code == 404
        assert stranger.get(f"/sandboxes/{row.pk}/kubeconfig").status_code == 404


def _other_learner() -> Client:
    client = Client()
    client.force_login(get_user_model().objects.create_user("other", password=PASSWORD))
    return client


def test_it_offers_a_kubeconfig_for_the_sandboxs_api(a_learner):
    learner = Client()
    learner.force_login(a_learner)
    row = playground_of(learner)
    response = learner.get(f"/sandboxes/{row.pk}/kubeconfig")
    assert response["Content-Disposition"] == 'attachment; filename="podlab-kubeconfig.yaml"'
    config = yaml.safe_load(response.content)
    assert config["clusters"][0]["cluster"]["server"] == f"http://testserver/k8s/{row.token}"
    assert config["current-context"] == config["contexts"][0]["name"]
    context = config["contexts"][0]["context"]
    assert context["cluster"] == config["clusters"][0]["name"] and context["user"] == config["users"][0]["name"]


def test_it_carries_an_anonymous_playground_over_on_sign_up():
    visitor = Client()
    row = playground_of(visitor)
    response = visitor.post("/accounts/signup/", {"username": "newcomer", "password1": PASSWORD,
                                                  "password2": PASSWORD, "next": f"/sandboxes/{row.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/sandboxes/{row.pk}/"
    row.refresh_from_db()
    assert row.owner.username == "newcomer" and row.session_key == ""
    # Another browser, after logging in, finds the same playground.
    laptop = Client()
    assert laptop.login(username="newcomer", password=PASSWORD)
    assert playground_of(laptop).pk == row.pk


def test_it_carries_an_anonymous_playground_over_on_log_in(a_learner):
    visitor = Client()
    row = playground_of(visitor)
    response = visitor.post("/accounts/login/", {"username": "learner", "password": PASSWORD})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.owner == a_learner


def test_it_speaks_korean_to_a_korean_browser():
    visitor = Client()
    row = playground_of(visitor)
    html = visitor.get(f"/sandboxes/{row.pk}/", HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9").content.decode()
    assert '<html lang="ko">' in html
    for text in ("터미널", "YAML 편집기", "클러스터", "타임라인", "다음 이벤트", "일시정지", "내 kubectl 연결하기"):
        assert text in html
    assert "\\uc5f0\\uacb0\\ub428" in html or "연결됨" in html    # the script's words too (JSON)
    home = visitor.get("/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "플레이그라운드 열기" in home


def test_it_switches_language_with_the_switcher():
    visitor = Client()
    response = visitor.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    assert response.status_code == 302
    html = visitor.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()   # the choice beats the header
    assert '<html lang="ko">' in html and 'name="language"' in html


def test_it_leaves_the_lesson_list_out_until_there_are_lessons(tmp_path):
    from django.test import override_settings

    from lessons import catalog
    with override_settings(LESSONS_DIR=tmp_path):        # an empty lesson folder
        catalog.reload()
        html = Client().get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    catalog.reload()
    assert 'id="lessons"' not in html and 'href="/playground/"' in html


def test_every_page_carries_a_content_security_policy_that_allows_only_podlabs_own_scripts(client):
    from sandbox.security import POLICY

    for url in ("/", "/lessons/", "/accounts/login/"):
        reply = client.get(url)
        assert reply["Content-Security-Policy"] == POLICY
        assert "script-src 'self';" in POLICY and "unsafe-eval" not in POLICY
        assert b"onchange=" not in reply.content and b"onclick=" not in reply.content
