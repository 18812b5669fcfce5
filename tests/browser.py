"""A real browser for the tests: Debian's chromium driven by Playwright.

Every request that does not go to a ``file://`` address (or, for a site served
over http, to that server) is aborted and recorded, and console errors and page
errors are collected, so a page that reaches for the network or fails a script is
caught. Without chromium or the playwright package the browser tests skip and say
why.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
except ImportError:  # the browser tests skip and say why
    PlaywrightTimeout = sync_playwright = None  # type: ignore[assignment]

# Debian's chromium by default; ARCHIVE_CHROMIUM names another build (CI points it at
# the Chromium that Playwright installs on GitHub's runners).
CHROMIUM = Path(os.environ.get("ARCHIVE_CHROMIUM") or "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous: CI machines have two cores and the browser starts cold.
NAV_TIMEOUT_MS = 60_000
ACTION_TIMEOUT_MS = 30_000
SEARCH_TIMEOUT_MS = 20_000


class Watched:
    """A browser page whose outside requests and errors are recorded."""

    def __init__(self, context, allowed: tuple[str, ...] = ("file://",)):
        self.allowed = allowed  # the addresses a page may load (only the site's own)
        self.external: list[str] = []
        self.errors: list[str] = []
        # On the context, so requests from frames (the search worker's
        # stand-in iframe) are caught too.
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.allowed):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def _console(self, message):
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            self.errors.append(f"console error: {message.text} ({where})")

    def open(self, path: Path | str):
        """Open a page of the site (a file, or an address) and wait until search is ready."""
        address = path if isinstance(path, str) else path.resolve().as_uri()
        self.page.goto(address, wait_until="load")
        # The theme's bundle has run once it swaps the no-js class.
        self.page.wait_for_selector("html.js", state="attached")
        # The search's manifest has loaded (a <script>, not a fetch: file:// allows it).
        try:
            self.page.wait_for_function(
                "window.__archiveSearch && window.__archiveSearch.ready === true",
                timeout=SEARCH_TIMEOUT_MS,
            )
        except PlaywrightTimeout:
            pytest.fail(
                f"{address}: search/manifest.js never loaded; "
                f"outside requests: {self.external}; errors: {self.errors}"
            )
        return self.page

    def search(self, term: str):
        """Type ``term`` into the theme's search box as a reader would; the result items."""
        page = self.page
        if page.eval_on_selector(".md-search", "e => e.hidden"):
            pytest.fail("the search is hidden; "
                        f"outside requests: {self.external}; errors: {self.errors}")
        search_box = page.locator("input.md-search__input")
        header_button = page.locator('label.md-header__button[for="__search"]')
        if header_button.is_visible():
            # Narrow layouts: the header's search button opens the search overlay.
            header_button.click()
        else:
            search_box.click()
        page.wait_for_function(
            "document.activeElement && document.activeElement.matches('input.md-search__input')"
        )
        # The theme reads the query on key events: type it, do not fill it in.
        page.keyboard.type(term, delay=50)
        assert search_box.input_value() == term
        results = page.locator(".md-search-result__item")
        try:
            results.first.wait_for(state="visible", timeout=SEARCH_TIMEOUT_MS)
        except PlaywrightTimeout:
            pytest.fail(
                f"no search results for {term!r} within {SEARCH_TIMEOUT_MS // 1000} s; the theme "
                f"says {page.inner_text('.md-search-result__meta')!r}; "
                f"outside requests: {self.external}; errors: {self.errors}"
            )
        return results

    def assert_clean(self, what: str):
        assert self.external == [], f"{what} asked for outside addresses: {self.external}"
        assert self.errors == [], f"{what} logged errors: {self.errors}"


@contextmanager
def watched_context(browser, allowed: tuple[str, ...] = ("file://",),
                    **options) -> Iterator[Watched]:
    """A new browser context (``options`` as Playwright's ``new_context`` takes them) with
    the generous timeouts of these tests, its requests and errors watched (every address
    not beginning with one of ``allowed`` is refused and recorded); closed after."""
    context = browser.new_context(**options)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAV_TIMEOUT_MS)
    try:
        yield Watched(context, allowed)
    finally:
        context.close()
