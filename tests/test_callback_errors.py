"""When a callback fails the page tells the user, in Danish, instead of silently showing
stale data: a session that ran out (a real 401 from the server), a database that cannot be
reached (503) and a lost connection; the message goes once a callback succeeds again."""

from __future__ import annotations

import pytest

from tests.accounts import PASSWORD, add_user
from tests.browser import browser_page, log_in, wait_until_settled

pytestmark = pytest.mark.browser

BANNER = "#callback-fejl"


def _toggle_overdue_filter(page) -> None:
    page.get_by_label("Kun overskredne").click()


def _open_leverancer(page, base_url: str, username: str) -> None:
    log_in(page, base_url, username, PASSWORD)
    page.goto(base_url + "/leverancer")
    page.wait_for_selector("#lev-tabel tbody tr")
    # The table comes with the layout; the page's own first callbacks must have answered
    # before the test changes what the next one meets.
    wait_until_settled(page)


def test_a_session_that_ran_out_asks_to_log_in_again(live_app, loaded_db):
    add_user(loaded_db, "anna", "arbejdsgruppe")
    with browser_page() as page:
        _open_leverancer(page, live_app, "anna")
        assert page.locator(BANNER).count() == 0 or not page.locator(BANNER).is_visible()
        page.context.clear_cookies()  # the session ends while the page is open
        _toggle_overdue_filter(page)
        banner = page.locator(BANNER)
        banner.wait_for(state="visible")
        assert banner.get_attribute("role") == "alert"
        assert "Du er ikke længere logget ind" in banner.inner_text()
        assert (
            banner.locator("a").get_attribute("href")
            == "/login?next=%2Fp%2Famager-partnerskab%2Fleverancer"
        )


def test_database_outage_and_lost_connection_are_said_until_it_works_again(live_app, loaded_db):
    add_user(loaded_db, "bo", "styregruppe")
    with browser_page() as page:
        _open_leverancer(page, live_app, "bo")
        banner = page.locator(BANNER)

        page.route("**/_dash-update-component*", lambda route: route.fulfill(status=503))
        _toggle_overdue_filter(page)
        banner.wait_for(state="visible")
        assert "Databasen kan ikke nås lige nu" in banner.inner_text()

        page.unroute("**/_dash-update-component*")
        page.route("**/_dash-update-component*", lambda route: route.abort())
        _toggle_overdue_filter(page)
        page.wait_for_selector(f"{BANNER}:has-text('Forbindelsen til serveren svigtede')")

        page.unroute("**/_dash-update-component*")
        _toggle_overdue_filter(page)
        banner.wait_for(state="hidden")
