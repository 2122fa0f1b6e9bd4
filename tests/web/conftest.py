"""Browser fixtures for the web pages: Debian's Chromium through Playwright's sync API.

``browser`` is one Chromium per test session; ``page`` a fresh context (own cookies and
storage) per test; ``axe`` scans a page with axe-core for WCAG 2.1 A/AA violations. axe-core
comes from npm into ``tests/web/node_modules``: ``npm ci --prefix tests/web``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
AXE_SCRIPT = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(__file__).parents[1] / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}

Axe = Callable[[Page], list[dict[str, Any]]]
T = TypeVar("T")


def in_own_thread(function: Callable[..., T], *args: Any) -> T:
    """Run ``function`` in a worker thread and return its result.

    Playwright's sync API keeps an event loop marked as running in the main thread for as
    long as the browser lives, so ``asyncio.run`` (which provisioning uses) must run
    elsewhere once the session's browser has started.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


NETWORK_NOISE = ("Failed to load resource", "WebSocket connection to")
"""Chromium logs every 4xx answer and every refused connection as a console error; pages
handle those themselves, so only script errors (and CSP refusals) count."""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context; script errors in it fail the test."""
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    new_page = context.new_page()
    errors = watch_errors(new_page)
    yield new_page
    context.close()
    assert not errors, f"errors in the page: {errors}"


def watch_errors(page: Page) -> list[str]:
    """Uncaught exceptions and console errors of ``page``, collected as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith(NETWORK_NOISE):
            errors.append(message.text)

    page.on("console", console)
    return errors


@pytest.fixture(scope="session")
def axe() -> Axe:
    """``axe(page)`` returns the WCAG 2.1 A/AA violations on the page as it is now."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing: run `npm ci --prefix {AXE_SCRIPT.parents[2]}`")

    def scan(page: Page) -> list[dict[str, Any]]:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated, not added as a <script>: the pages' CSP refuses inline scripts.
            page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
        result: dict[str, Any] = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_AA,
        )
        return [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]

    return scan


def screenshot_dir(part: str) -> Path:
    path = SCREENSHOTS / part
    path.mkdir(parents=True, exist_ok=True)
    return path
