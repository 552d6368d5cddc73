"""The app shell in a real browser: Danish, navigable, and free of console errors."""

from __future__ import annotations

import pytest

from tests.browser import browser_page

pytestmark = pytest.mark.browser


def test_front_page_renders_in_danish_without_console_errors(live_app):
    with browser_page() as page:
        page.goto(live_app + "/")
        page.wait_for_selector("text=Endnu ikke fordelt")
        assert page.get_attribute("html", "lang") == "da"
        nav = page.locator("header nav, header").inner_text()
        for label in ("Overblik", "Økonomi", "Leverancer", "Tryghed og kriminalitet", "Møde"):
            assert label in nav
        assert "1.200.000 kr." in page.inner_text("#indhold")
        assert "640.000 kr." in page.inner_text("#indhold")
        assert page.console_errors == []


def test_unknown_address_says_so(live_app):
    with browser_page() as page:
        page.goto(live_app + "/findes-ikke")
        page.wait_for_selector("text=Siden findes ikke")
        assert page.console_errors == []
