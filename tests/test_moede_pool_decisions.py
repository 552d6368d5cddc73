"""Bylivspuljen on /moede in headless Chromium: the working group sees the package waiting for
the chosen committee meeting but no form; a member of the steering committee records the
decision there, and the meeting view (its decision log) shows it at once, dated the
meeting's day; before a meeting is held, nothing can be recorded for it."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard import clock
from dashboard.db import session_scope
from dashboard.model import PoolRecommendation
from dashboard.queries.bylivspulje import pool_money
from tests.accounts import PASSWORD, add_user
from tests.axe import describe, run_axe
from tests.browser import browser_page, log_in
from tests.partnerships import amager_id
from tests.pool_helpers import apply, new_committee_meeting, package, pool_user

pytestmark = pytest.mark.browser

PAGE = "/p/amager-partnerskab/moede"
MEETING_DAY = date(2017, 4, 6)


def _open_meeting(page, base_url: str, username: str, meeting_id: int) -> None:
    log_in(page, base_url, username, PASSWORD)
    page.goto(base_url + PAGE)
    page.wait_for_selector("#moede-valg")
    page.select_option("#moede-valg", str(meeting_id))
    page.wait_for_selector("#moede-pulje-liste:has-text('Pakke')")


def test_the_committee_records_a_package_decision_from_the_meeting(live_app, loaded_db):
    worker = pool_user(loaded_db, "pia", "arbejdsgruppe")
    add_user(loaded_db, "sofie", "styregruppe")
    admin = pool_user(loaded_db, "sekretariat", "admin")
    with session_scope(loaded_db) as session:
        a = apply(session, worker, "Lys i stien", "40.000")
        b = apply(session, worker, "Beskæring ved legepladsen", "25.000")
        rec = package(session, worker, [a, b])
        meeting = new_committee_meeting(session, admin, MEETING_DAY, "Styregruppemøde april")
        coming = new_committee_meeting(session, admin, date(clock.today().year + 1, 1, 10))

    with browser_page() as page:
        _open_meeting(page, live_app, "pia", meeting)
        listed = page.inner_text("#moede-pulje-liste")
        assert "Lys i stien: ansøgt 40.000 kr." in listed
        assert "Arbejdsgruppen indstiller for: 65.000 kr. Udpeget" in listed
        assert "Tilbage i puljen for 2017: 233.000 kr." in listed
        assert page.locator("#moede-pulje-formular").count() == 0  # sees, does not decide
        assert page.console_errors == []

    with browser_page() as page:
        _open_meeting(page, live_app, "sofie", coming)  # not held yet: nothing to record
        page.wait_for_selector("#moede-pulje-liste:has-text('kan registreres her fra mødedagen')")
        assert page.locator("#moede-pulje-formular").is_hidden()
        page.select_option("#moede-valg", str(meeting))
        page.wait_for_selector("#moede-hoved:has-text('Styregruppemøde april')")
        page.locator("#moede-pulje-formular").wait_for(state="visible")
        page.locator("#moede-pulje-beloeb input").first.wait_for()
        violations = run_axe(page)["violations"]
        assert violations == [], describe(violations)
        page.get_by_label("Bevilget til »Lys i stien« (ansøgt 40.000 kr.)").fill("30.000")
        page.click("#moede-pulje-gem")
        page.wait_for_selector(
            "text=Beslutningen er registreret og skrevet i mødets beslutningslog."
        )
        page.wait_for_selector(
            "#moede-beslutninger:has-text('Bylivspuljen 2017: Lys i stien: 30.000 kr.; "
            "Beskæring ved legepladsen: 25.000 kr.')"
        )
        page.wait_for_selector("#moede-pulje-liste:has-text('Ingen indstillinger venter')")
        page.locator("#moede-pulje-formular").wait_for(state="hidden")
        assert page.locator("#moede-pulje-besked").is_visible()  # the answer stays in view
        assert "kr.." not in page.inner_text("body")
        assert page.console_errors == []

    with session_scope(loaded_db) as session:
        decided = session.get(PoolRecommendation, rec)
        assert (decided.decided_on, decided.meeting_id) == (MEETING_DAY, meeting)
        assert pool_money(session, amager_id(session), 2017).granted == 55_000
