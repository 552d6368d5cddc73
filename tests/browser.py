"""Helpers for browser tests: the app served on a free loopback port, and one headless
Chromium for the whole test session with a fresh context per page.

Under CI=true a missing Chromium fails the run instead of skipping the test.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

from dashboard.app import create_app
from dashboard.chromium import SWITCHES, chromium_path
from dashboard.config import Config

CHROMIUM = chromium_path()
SHUTDOWN_POLL = 0.02  # seconds


def require_chromium() -> None:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run must install it")
        pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver)")


@contextmanager
def serve(db_url: str) -> Iterator[str]:
    """Serve the app on the given (already initialised) database; yields its base URL. On
    leaving, waits (up to 5 s) for the requests still being answered: on PostgreSQL the next
    test gets the same database back (conftest ``_PgWorkerDatabase``), and a late save must
    not land in it."""
    config = Config(database_url=db_url, secret_key="t" * 32, auto_init=False)
    answering = _Answering(create_app(config).server)
    server = make_server("127.0.0.1", 0, answering, threaded=True)
    # shutdown() waits for the loop to look again: by default every 0.5 s, at the end of each
    # of the suite's hundreds of served tests.
    thread = threading.Thread(target=server.serve_forever, args=(SHUTDOWN_POLL,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        answering.wait_until_done(timeout=5)


class _Answering:
    """The WSGI app, counting the requests it is answering. (Waiting for the server's
    threads instead would wait for the idle keep-alive connections too.)"""

    def __init__(self, app) -> None:
        self.app = app
        self._count = 0
        self._changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self._changed:
            self._count += 1
        try:
            return self.app(environ, start_response)
        finally:
            with self._changed:
                self._count -= 1
                self._changed.notify_all()

    def wait_until_done(self, timeout: float) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self._count == 0, timeout=timeout)


class _Chromium:
    """The test session's one Playwright and Chromium, started on first use."""

    playwright = None
    browser = None


def new_context(**options):
    """A fresh browser context (its own cookies, storage and cache) in the session's Chromium;
    the caller closes it."""
    require_chromium()
    if _Chromium.browser is None or not _Chromium.browser.is_connected():
        from playwright.sync_api import sync_playwright

        if _Chromium.playwright is None:
            _Chromium.playwright = sync_playwright().start()
        _Chromium.browser = _Chromium.playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=SWITCHES
        )
    return _Chromium.browser.new_context(**options)


def close_browser() -> None:
    """End the session's Chromium and Playwright, if they were started."""
    if _Chromium.browser is not None:
        _Chromium.browser.close()
        _Chromium.browser = None
    if _Chromium.playwright is not None:
        _Chromium.playwright.stop()
        _Chromium.playwright = None


@contextmanager
def browser_page(width: int = 1280, height: int = 900, locale: str = "da-DK"):
    """A page in a fresh context of the session's Chromium, in the browser language
    ``locale``; ``page.console_errors`` collects console errors."""
    context = new_context(viewport={"width": width, "height": height}, locale=locale)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.console_errors = errors
        yield page
    finally:
        context.close()


def log_in(page, base_url: str, username: str, password: str) -> None:
    """Log the browser in through the real login endpoint (the session cookie is shared)."""
    response = page.request.post(
        base_url + "/auth/login",
        form={"username": username, "password": password, "next": "/"},
        max_redirects=0,
    )
    assert response.status == 303 and "fejl" not in response.headers.get("location", "")


# Dash's renderer queues a callback in one of these lists from the moment it is wanted until
# its answer is drawn; the page's first callbacks are queued before it reports HYDRATED.
_SETTLED = """() => {
    const state = window.store && window.store.getState();
    if (!state || state.appLifecycle !== 'HYDRATED' || state.isLoading) return false;
    const queues = ['requested', 'prioritized', 'blocked', 'executing', 'watched', 'executed',
                    'stored'];
    return queues.every(queue => state.callbacks[queue].length === 0);
}"""


def wait_until_settled(page) -> None:
    """Wait until Dash has no callback pending: the page's first callbacks and every answer
    that arrived are drawn. A response arriving is not enough, the renderer applies it a
    moment later, and a field typed in between would be overwritten by the answer. Unlike
    Playwright's "networkidle" it waits for no quiet half second."""
    page.wait_for_function(_SETTLED)
