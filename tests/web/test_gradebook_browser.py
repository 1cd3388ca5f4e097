"""The gradebook and a learner's replay in a real headless Chromium against a live Daphne: what an
instructor sees of a class whose learners are part-way through the course (screenshots in
tests/artifacts/)."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from .browser import CHROMIUM, shot

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (make test installs it)"),
]

FIRST, SECOND = "01-what-is-a-pod", "02-pods-from-yaml"


def person(username: str, *, instructor: bool = False) -> Client:
    user = get_user_model().objects.create_user(username, password="correct horse battery")
    if instructor:
        from lessons.models import INSTRUCTORS_GROUP
        user.groups.add(Group.objects.get_or_create(name=INSTRUCTORS_GROUP)[0])
    client = Client()
    client.force_login(user)
    client.user = user          # type: ignore[attr-defined]
    return client


def work(client: Client, slug: str, lines: list[str], clock: list[float]) -> None:
    """The learner opens the lesson and types ``lines``, a little later each (simulated time
    follows the wall instants given, so a waiting line has ended before the next one)."""
    from sandbox.models import Sandbox
    from sandbox.turns import Busy, take_turn
    assert client.get(f"/lessons/{slug}/").status_code == 200
    row = Sandbox.objects.get(lesson=slug, owner=client.user)
    for line in lines:
        clock[0] += 20
        try:
            take_turn(row.pk, None, now_wall=clock[0], line=line)
        except Busy:
            take_turn(row.pk, lambda session: session.interrupt(), now_wall=clock[0])
            take_turn(row.pk, None, now_wall=clock[0], line=line)


def a_class_part_way_through() -> tuple[str, str]:
    """The instructor's session cookie and gradebook address, for a class of four learners:
    ana did lesson 1 but its exec step and began lesson 2; bo did lesson 1's first step;
    cyril took a wrong turn; dae-jung joined and did nothing yet."""
    from lessons import catalog
    from lessons.models import Classroom
    teacher = person("teacher", instructor=True)
    response = teacher.post("/classes/new/", {"name": "Pods, spring cohort", "which": "chosen",
                                              "lessons": [FIRST, SECOND]})
    classroom = Classroom.objects.get()
    first, second = catalog.get_lesson(FIRST), catalog.get_lesson(SECOND)
    clock = [time.time()]
    learners = {name: person(name) for name in ("ana", "bo", "cyril", "dae-jung")}
    for client in learners.values():
        client.post("/classes/join/", {"code": classroom.join_code})
    steps = {s.id: list(s.solution) for s in first.steps}
    work(learners["ana"], FIRST, steps["run-nginx"] + steps["look-around"] + steps["curl-pod"]
         + ["kubectl get pod nope"] + steps["two-containers"] + steps["clean-up"], clock)
    work(learners["ana"], SECOND, list(second.steps[0].solution), clock)
    work(learners["bo"], FIRST, steps["run-nginx"], clock)
    work(learners["cyril"], FIRST, ["kubectl run nginx --image=ngnix", "lab advance 1m", "kubectl get pods"], clock)
    return teacher.cookies["sessionid"].value, response["Location"]


def test_an_instructor_reads_the_gradebook_and_a_learners_replay(browser, server):
    # The test client is synchronous Django: off the thread where Playwright's loop runs.
    with ThreadPoolExecutor(1) as pool:
        cookie, gradebook_url = pool.submit(a_class_part_way_through).result()
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    context.add_cookies([{"name": "sessionid", "value": cookie,
                          "url": server.url}])
    page = context.new_page()
    page.goto(f"{server.url}{gradebook_url}")
    page.locator("#gradebook").wait_for()
    assert page.locator("tr[data-learner]").count() == 4
    assert page.locator('tr[data-learner="ana"] td.step-cell[data-state="done"]').count() >= 4
    shot(page, "gradebook")
    page.click('text=Total')
    page.wait_for_url("**?sort=score")
    assert page.locator("tr[data-learner]").first.get_attribute("data-learner") == "ana"

    page.click(f'tr[data-learner="ana"] td.score-cell[data-lesson="{FIRST}"] a')
    page.locator("#replay").wait_for()
    assert page.locator('#commands tr.failed').count() >= 1
    assert page.locator("#timeline svg .band").count() >= 1
    shot(page, "gradebook-learner")

    korean = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ko-KR")
    korean.add_cookies([{"name": "sessionid", "value": cookie, "url": server.url}])
    page = korean.new_page()
    page.goto(f"{server.url}{gradebook_url}")
    assert "학습자" in page.locator("#gradebook").inner_text()
    shot(page, "gradebook-korean")
    korean.close()
    context.close()
