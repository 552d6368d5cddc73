"""Date fields in an English (en-US) Chromium: a Bylivspulje application and a safety walk
typed as dd.mm.åååå are saved as the day typed, not as mm/dd; a date the Danish way cannot
read (an American 03/25/2017) is refused with the Danish message and writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from dashboard import clock
from dashboard.dates import dmy
from dashboard.db import session_scope
from dashboard.model.bylivspulje import PoolApplication
from dashboard.model.walks import Walk
from tests.accounts import PASSWORD, add_user
from tests.browser import browser_page, log_in
from tests.partnerships import AMAGER

pytestmark = pytest.mark.browser

ENGLISH = "en-US"
REFUSED = "Datoen »03/25/2017« kan ikke læses. Skriv datoen som dd.mm.åååå, fx 24.10.2016."


def _received(url) -> list[tuple[str, date]]:
    with session_scope(url) as session:
        rows = session.execute(select(PoolApplication.title, PoolApplication.received_on))
        return [tuple(row) for row in rows]


def _walked(url) -> list[date]:
    with session_scope(url) as session:
        return list(session.scalars(select(Walk.walked_on)))


def _apply(page, title: str, received: str) -> None:
    page.fill("#byl-ansoeg-titel", title)
    page.fill("#byl-ansoeg-formaal", f"Formålet med {title}.")
    page.fill("#byl-ansoeg-organisation", "Afdelingsbestyrelsen Hørgården")
    page.fill("#byl-ansoeg-beloeb", "40.000")
    page.fill("#byl-ansoeg-dato", received)
    page.click("#byl-ansoeg-gem")


def test_a_pool_application_dated_the_danish_way_in_an_english_browser(live_app, loaded_db):
    add_user(loaded_db, "pia", "arbejdsgruppe", "3B")
    with browser_page(locale=ENGLISH) as page:
        log_in(page, live_app, "pia", PASSWORD)
        page.goto(f"{live_app}/p/{AMAGER}/bylivspuljen")
        page.wait_for_selector("#byl-ramme")
        page.select_option("#byl-aar", "2017")
        field = page.locator("#byl-ansoeg-dato")
        assert field.get_attribute("type") == "text"
        assert field.get_attribute("placeholder") == "dd.mm.åååå"
        assert field.input_value() == dmy(clock.today())  # today, shown the Danish way

        _apply(page, "Lys i stien", "03/25/2017")
        page.wait_for_selector(f"#byl-ansoeg-besked.alert-danger:text-is('{REFUSED}')")
        assert _received(loaded_db) == []

        _apply(page, "Lys i stien", "01.03.2017")
        page.wait_for_selector("#byl-ansoeg-besked:text-is('Ansøgningen er registreret.')")
        assert _received(loaded_db) == [("Lys i stien", date(2017, 3, 1))]
        assert page.console_errors == []


def test_a_walk_dated_the_danish_way_in_an_english_browser(live_app, loaded_db):
    add_user(loaded_db, "vandrer3b", "arbejdsgruppe", "3B")
    with browser_page(locale=ENGLISH) as page:
        log_in(page, live_app, "vandrer3b", PASSWORD)
        page.goto(f"{live_app}/p/{AMAGER}/tryghedsvandringer")
        page.wait_for_selector("#tv-vandringer:has-text('Ingen tryghedsvandringer endnu.')")
        assert page.input_value("#tv-vandring-dato") == dmy(clock.today())
        page.fill("#tv-vandring-rute", "Fra Hørgården ad stien til Remisevænget")
        page.fill("#tv-vandring-residents", "9")

        page.fill("#tv-vandring-dato", "03/25/2017")
        page.click("#tv-vandring-gem")
        page.wait_for_selector(f"#tv-vandring-besked.alert-danger:text-is('{REFUSED}')")
        assert _walked(loaded_db) == []

        page.fill("#tv-vandring-dato", "20.04.2017")
        page.click("#tv-vandring-gem")
        page.wait_for_selector("text=Tryghedsvandringen er registreret.")
        assert _walked(loaded_db) == [date(2017, 4, 20)]
        page.wait_for_selector("#tv-vandringer:has-text('20. april 2017')")
        assert page.console_errors == []
