"""A live Daphne server and Debian's Chromium for the browser tests (see the Channels notes:
spawned server processes, Playwright's sync API with DJANGO_ALLOW_ASYNC_UNSAFE, no `playwright
install`: /usr/bin/chromium, which `make test` installs)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from channels.testing.live import make_application, set_database_connection
from daphne.testing import DaphneProcess
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

# The terminal's text, a row wrapped at the terminal's width joined to the row it continues: where a
# long line wraps depends on the width the page had (a reload may lay it out a column wider).
SCREEN_JS = """() => { const b = window.podlabTerminal.buffer.active; const out = []; let full = "";
  for (let i = 0; i < b.length; i++) {
    const row = b.getLine(i);
    if (row.isWrapped && out.length) { out[out.length - 1] = full + row.translateToString(true);
                                       full += row.translateToString(false); }
    else { out.push(row.translateToString(true)); full = row.translateToString(false); } }
  return out.join("\\n").replace(/\\s+$/, ""); }"""


class LiveServer:
    """Podlab under Daphne in a process of its own, which a test may stop and start again on
    the same port (a restarted server)."""

    def __init__(self) -> None:
        self.port = 0
        self.process: DaphneProcess | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self) -> None:
        app = partial(make_application, static_wrapper=ASGIStaticFilesHandler)
        self.process = DaphneProcess("localhost", app, setup=set_database_connection, port=self.port)
        self.process.start()
        while not self.process.ready.wait(timeout=1):
            if not self.process.is_alive():
                raise RuntimeError("the live server did not start")
        self.port = self.process.port.value

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join(10)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


def screen(page: Any) -> str:
    return page.evaluate(SCREEN_JS)


def wait_screen(page: Any, text: str, timeout: float = 15_000) -> None:
    _wait(page, f"(t) => ({SCREEN_JS})().includes(t)", text, timeout, f"{text!r} on the screen")


def wait_screen_count(page: Any, text: str, count: int, timeout: float = 15_000) -> None:
    """``text`` is on the screen ``count`` times (a line run again, not just the first run)."""
    _wait(page, f"([t, n]) => ({SCREEN_JS})().split(t).length - 1 >= n", [text, count], timeout,
          f"{text!r} {count} times on the screen")


def wait_prompt(page: Any, timeout: float = 15_000) -> None:
    """The shell is back at its prompt (the last line is an empty command line)."""
    _wait(page, f"() => ({SCREEN_JS})().endsWith('$')", None, timeout, "the prompt")


def _wait(page: Any, js: str, arg: Any, timeout: float, what: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    try:
        page.wait_for_function(js, arg=arg, timeout=timeout)
    except PlaywrightTimeout:
        raise AssertionError(f"no {what}; the terminal shows:\n{screen(page)}") from None


def type_line(page: Any, line: str) -> None:
    wait_prompt(page)
    page.click("#terminal")
    page.keyboard.type(line)
    page.keyboard.press("Enter")


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@contextmanager
def watched_page(browser: Any, *, width: int = 1400, height: int = 1000, locale: str = "en-US") -> Iterator[Any]:
    """A new visitor's page (a browser context of their own, no cookies yet) that fails the test
    on a script error or anything the Content-Security-Policy refused."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert errors == []
