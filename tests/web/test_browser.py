"""The sandbox page in a real headless Chromium against a live Daphne: what a learner does."""
from __future__ import annotations

from pathlib import Path

import pytest

from .browser import (
    CHROMIUM,
    screen,
    shot,
    type_line,
    wait_prompt,
    wait_screen,
    wait_screen_count,
    watched_page,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (make test installs it)"),
]

CRASHING_POD = """apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: crash
    image: busybox
    command: ["sh", "-c", "echo starting; exit 1"]
"""


@pytest.fixture
def page(browser, server):
    with watched_page(browser, width=1400) as page:
        yield page


def open_playground(page, server) -> None:
    page.goto(server.url + "/playground/")
    page.wait_for_function("() => window.podlab && window.podlab.ready")
    wait_prompt(page)


def test_it_runs_a_learners_session_from_the_terminal_and_the_editor(page, server):
    open_playground(page, server)
    assert screen(page) == "controlplane:~$"

    type_line(page, "kubectl run nginx --image=nginx")
    wait_screen(page, "pod/nginx created")
    card = page.locator('article.pod[data-pod="default/nginx"]')
    card.and_(page.locator('[data-status="Running"]')).wait_for(timeout=20_000)
    assert "1/1" in card.inner_text()

    # Tab completes the verb, then the pod's name; Enter runs the completed line.
    wait_prompt(page)
    page.keyboard.type("kubectl desc")
    page.keyboard.press("Tab")
    wait_screen(page, "controlplane:~$ kubectl describe")      # the server's answer arrives
    page.keyboard.type("pods ng")
    page.keyboard.press("Tab")
    wait_screen(page, "controlplane:~$ kubectl describe pods nginx")
    page.keyboard.press("Enter")
    wait_screen(page, "controlplane:~$ kubectl describe pods nginx")
    wait_screen(page, "Name:             nginx")

    # Up recalls the last line; `history` lists them all.
    wait_prompt(page)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    # (the screen already ended at a prompt: wait for the line's second echo, then for its end)
    wait_screen_count(page, "controlplane:~$ kubectl describe pods nginx", 2)
    wait_prompt(page)
    assert screen(page).count("controlplane:~$ kubectl describe pods nginx") == 2
    type_line(page, "history")
    wait_screen(page, "    4  history")
    assert "    2  kubectl describe pods nginx \n    3  kubectl describe pods nginx \n" in screen(page)

    page.click("button[data-speed='60']")
    page.locator("button[data-speed='60'][aria-pressed='true']").wait_for()

    page.evaluate("(text) => window.podlabEditor.setText(text)", CRASHING_POD)
    page.click("#apply")
    wait_screen(page, "controlplane:~$ kubectl apply -f pod.yaml\npod/crash created")
    page.locator('article.pod[data-pod="default/crash"][data-status="CrashLoopBackOff"]').wait_for(timeout=20_000)
    page.locator('.band[data-pod="default/crash"] rect[data-state="CrashLoopBackOff"]').first.wait_for()
    page.locator('.band[data-pod="default/crash"] [data-mark="restart"]').first.wait_for()
    # At 60x the pod spends a moment in Error between two back-offs: watch until the terminal
    # shows the loop, then Ctrl-C.
    type_line(page, "kubectl get pods crash -w")
    wait_screen(page, "CrashLoopBackOff")
    page.keyboard.press("Control+c")
    wait_prompt(page)
    shot(page, "1-crashloop")

    # A reload finds everything where it was: the screen, the cards, the picture, the speed.
    before = screen(page)
    page.reload()
    page.wait_for_function("() => window.podlab && window.podlab.ready")
    wait_prompt(page)
    assert screen(page) == before
    page.locator('article.pod[data-pod="default/crash"][data-status="CrashLoopBackOff"]').wait_for()
    page.locator('.band[data-pod="default/nginx"] rect[data-state="Ready"]').first.wait_for()
    page.locator("button[data-speed='60'][aria-pressed='true']").wait_for()
    page.keyboard.press("ArrowUp")            # the history came back too
    wait_screen(page, "controlplane:~$ kubectl get pods crash -w")
    shot(page, "2-reloaded")

    page.select_option("#language-select", "ko")
    page.wait_for_function("() => document.documentElement.lang === 'ko'")
    page.wait_for_function("() => window.podlab && window.podlab.ready")
    assert page.locator("#terminal-title").inner_text() == "터미널"
    assert page.locator("#apply").inner_text() == "적용"
    page.locator('article.pod[data-pod="default/crash"]').wait_for()
    shot(page, "3-korean")


def test_it_interrupts_a_waiting_command_with_ctrl_c(page, server):
    open_playground(page, server)
    type_line(page, "kubectl run web --image=nginx")
    type_line(page, "kubectl get pods -w")
    wait_screen(page, "NAME   READY   STATUS")
    page.keyboard.press("Control+c")
    wait_screen(page, "^C\ncontrolplane:~$")
    type_line(page, "sleep 600")
    page.wait_for_timeout(300)
    page.keyboard.press("Control+c")
    wait_screen(page, "controlplane:~$ sleep 600\n^C\ncontrolplane:~$")


def test_it_loses_nothing_when_the_server_restarts_between_two_commands(page, server):
    open_playground(page, server)
    type_line(page, "kubectl run web --image=nginx")
    wait_screen(page, "pod/web created")
    type_line(page, "echo kept > notes.txt")
    wait_prompt(page)

    opened = page.evaluate("window.podlab.connections")
    server.restart()                            # a new process: nothing survives but the database
    # The tab may already be back by the time the new server is up, so wait for a newer
    # connection, not for a moment of being offline that can come and go between two polls.
    page.wait_for_function("(n) => window.podlab.connections > n && window.podlab.ready",
                           arg=opened, timeout=20_000)
    wait_prompt(page)

    type_line(page, "kubectl get pods --no-headers -o custom-columns=NAME:.metadata.name; cat notes.txt")
    wait_screen(page, "\nweb\nkept")
    page.locator('article.pod[data-pod="default/web"]').wait_for()
    shot(page, "4-after-restart")
