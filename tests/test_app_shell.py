"""The app shell in a real browser: Danish, navigable, and free of console errors."""

from __future__ import annotations

import pytest

from tests.browser import browser_page, log_in

pytestmark = pytest.mark.browser


def test_public_front_page_renders_in_danish_without_console_errors(live_app):
    with browser_page() as page:
        page.goto(live_app + "/")
        assert page.get_attribute("html", "lang") == "da"
        nav = page.locator("nav").first.inner_text()
        # An anonymous visitor: the internal pages only once logged in.
        for label in ("Overblik", "Åbne data", "Log ind"):
            assert label in nav
        assert "1.200.000\xa0kr." in page.inner_text("main")
        assert page.console_errors == []


def test_internal_page_renders_in_the_dash_shell_without_console_errors(live_app, make_user):
    username, password = make_user("styregruppe")
    with browser_page() as page:
        log_in(page, live_app, username, password)
        page.goto(live_app + "/plan")
        page.wait_for_selector("text=Tryghedsplan for Amager Partnerskab 2017")
        assert page.get_attribute("html", "lang") == "da"
        assert "Ung i Job (14-18 år)" in page.inner_text("#indhold")
        assert page.console_errors == []


def test_unknown_address_says_so(live_app, make_user):
    username, password = make_user("styregruppe")
    with browser_page() as page:
        log_in(page, live_app, username, password)
        page.goto(live_app + "/findes-ikke")
        page.wait_for_selector("text=Siden findes ikke")
        assert page.console_errors == []
