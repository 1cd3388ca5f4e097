"""Lesson 1 in a real headless Chromium against a live Daphne: a learner types each step's
solution (read from the lesson, as `manage.py lesson test` replays it) and watches every step tick
off in the page, the progress bar reach 100 % once the quiz is answered too."""
from __future__ import annotations

from pathlib import Path

import pytest

from .browser import CHROMIUM, shot, type_line, wait_prompt, watched_page

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (make test installs it)"),
]

LESSON = "01-what-is-a-pod"


@pytest.fixture
def page(browser, server):
    with watched_page(browser, width=1500) as page:
        yield page


def step_item(page, step_id: str, state: str):
    return page.locator(f'#step-list li[data-step="{step_id}"][data-state="{state}"]')


def test_a_learner_works_through_lesson_one_and_sees_every_step_tick_off(page, server):
    from lessons.catalog import get_lesson
    lesson = get_lesson(LESSON)
    page.goto(f"{server.url}/lessons/{LESSON}/")
    page.wait_for_function("() => window.podlab && window.podlab.ready")
    wait_prompt(page)
    step_item(page, lesson.steps[0].id, "current").wait_for()
    assert page.locator("#lesson-title").inner_text() == lesson.title.en
    assert page.locator(f"#step-{lesson.steps[0].id}").is_visible()
    shot(page, "lesson-1-start")
    # Time at 60x, as a learner in a hurry sets it: deleting the pods waits out their grace period.
    page.click("button[data-speed='60']")
    page.locator("button[data-speed='60'][aria-pressed='true']").wait_for()

    for number, step in enumerate(lesson.steps, start=1):
        for line in step.solution:
            type_line(page, line)
        step_item(page, step.id, "done").wait_for(timeout=30_000)
        section = page.locator(f"#step-{step.id}")
        if number == 1:
            # The pane stays on the step just done, with its explanation, until "Next step".
            section.locator("[data-done-note]").wait_for()
            if step.explanation is not None:
                section.locator("[data-explanation]").wait_for()
            shot(page, "lesson-1-step-1-done")
        if number < len(lesson.steps):
            step_item(page, lesson.steps[number].id, "current").wait_for()
            if section.is_visible():
                section.locator("[data-next]").click()
            page.locator(f"#step-{lesson.steps[number].id}").wait_for()

    for question in lesson.quiz:
        form = page.locator(f'form[data-question="{question.id}"]')
        inputs = form.locator("input")
        for index, choice in enumerate(question.choices):
            if choice.correct:
                inputs.nth(index).check()
        form.locator("[data-answer]").click()
        page.locator(f'form[data-question="{question.id}"][data-correct="true"]').wait_for()

    page.wait_for_function("() => document.querySelector('#lesson-progress').dataset.percent === '100'")
    page.locator("#lesson-complete").wait_for()
    assert page.locator('#step-list li[data-state="done"]').count() == len(lesson.steps)
    page.locator("#lesson-title").scroll_into_view_if_needed()
    shot(page, "lesson-1-complete")

    # The list shows the lesson complete; in Korean the page reads in Korean.
    page.goto(f"{server.url}/lessons/")
    page.locator(f'li.lesson-card.is-complete[data-lesson="{LESSON}"]').wait_for()
    shot(page, "lesson-1-list")
    page.select_option("#language-select", "ko")
    page.wait_for_function("() => document.documentElement.lang === 'ko'")
    page.goto(f"{server.url}/lessons/{LESSON}/")
    page.wait_for_function("() => window.podlab && window.podlab.ready")
    assert page.locator("#lesson-title").inner_text() == lesson.title.ko
    page.wait_for_function("() => document.querySelector('#lesson-progress').dataset.percent === '100'")
    shot(page, "lesson-1-korean")
