"""/bylivspuljen in headless Chromium: a year's cycle (three applications, one package
recommendation of two, a decision at a committee meeting granting less than asked, a
follow-up with the amount spent) with frame, granted, spent and left after each step, and
the public page listing the granted projects without names; a stale follow-up refused."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.db import session_scope
from tests.accounts import PASSWORD, add_user
from tests.browser import browser_page, log_in
from tests.conftest import dump
from tests.pool_helpers import (
    apply,
    decide,
    new_committee_meeting,
    package,
    pool_user,
    report,
)

pytestmark = pytest.mark.browser

PAGE = "/p/amager-partnerskab/bylivspuljen"
ORGANISATION = "Afdelingsbestyrelsen Hørgården"
APPLICATIONS = (
    ("Lys i stien", "40.000", "fysisk", "Stien ved Urbanplanen"),
    ("Beskæring ved legepladsen", "25.000", "fysisk", "Legepladsen i Hørgården"),
    ("Lysfest", "60.000", "arrangement", ""),
)


def _open(page, base_url: str, username: str) -> None:
    log_in(page, base_url, username, PASSWORD)
    page.goto(base_url + PAGE)
    page.wait_for_selector("#byl-ramme")
    page.select_option("#byl-aar", "2017")
    page.wait_for_selector("#byl-ramme:has-text('233.000 kr.')")


def _money(page) -> tuple[str, str, str, str]:
    return tuple(
        page.inner_text(f"#byl-{cell}") for cell in ("ramme", "bevilget", "forbrugt", "tilbage")
    )


def _wait_money(page, expected: tuple[str, str, str, str]) -> None:
    page.wait_for_selector(f"#byl-tilbage:text-is('{expected[3]}')")
    page.wait_for_selector(f"#byl-forbrugt:text-is('{expected[2]}')")
    page.wait_for_selector(f"#byl-bevilget:text-is('{expected[1]}')")
    assert _money(page) == expected


def test_a_years_cycle_shows_the_money_after_each_step(live_app, loaded_db):
    add_user(loaded_db, "pia", "arbejdsgruppe", "3B")
    add_user(loaded_db, "sofie", "styregruppe")
    secretariat = pool_user(loaded_db, "sekretariat", "admin")
    with session_scope(loaded_db) as session:
        new_committee_meeting(session, secretariat, date(2017, 4, 1), "Styregruppemøde april")
    with browser_page() as page:
        _open(page, live_app, "pia")
        page.select_option("#byl-aar", "2018")  # '?' in the plan
        _wait_money(page, ("ikke besluttet", "0 kr.", "0 kr.", "ikke besluttet"))
        page.select_option("#byl-aar", "2017")
        _wait_money(page, ("233.000 kr.", "0 kr.", "0 kr.", "233.000 kr."))
        # The new application's year follows the year the page shows.
        assert page.input_value("#byl-ansoeg-aar") == "2017"
        for title, amount, use, place in APPLICATIONS:
            page.fill("#byl-ansoeg-titel", title)
            page.fill("#byl-ansoeg-formaal", f"Formålet med {title}.")
            page.select_option("#byl-ansoeg-brug", use)
            page.select_option("#byl-ansoeg-ansoeger", "forening")
            page.fill("#byl-ansoeg-organisation", ORGANISATION)
            page.fill("#byl-ansoeg-beloeb", amount)
            page.fill("#byl-ansoeg-sted", place)
            page.fill("#byl-ansoeg-dato", "01.03.2017")
            page.click("#byl-ansoeg-gem")
            page.wait_for_selector(f"#byl-ansoegninger strong:text-is('{title}')")
        assert page.locator("#byl-ansoegninger tbody tr").count() == 3
        _wait_money(page, ("233.000 kr.", "0 kr.", "0 kr.", "233.000 kr."))

        checklist = page.locator("#byl-indstil-ansoegninger")
        checklist.get_by_label("Lys i stien (40.000 kr.)").check()
        checklist.get_by_label("Beskæring ved legepladsen (25.000 kr.)").check()
        page.fill("#byl-indstil-beloeb", "65.000")
        page.fill("#byl-indstil-begrundelse", "Begge steder er udpeget på tryghedsvandringen.")
        page.fill("#byl-indstil-dato", "15.03.2017")
        page.click("#byl-indstil-gem")
        page.wait_for_selector("text=Indstillingen er registreret og venter på styregruppen.")
        page.wait_for_selector("#byl-ansoegninger td:has-text('For, pakke')")
        _wait_money(page, ("233.000 kr.", "0 kr.", "0 kr.", "233.000 kr."))
        # The working group does not decide: it has no decision form.
        assert page.locator("#byl-beslut").count() == 0
        assert page.console_errors == []

    with browser_page() as page:
        _open(page, live_app, "sofie")
        assert page.locator("#byl-ansoeg").count() == 0  # the committee registers nothing
        grants = page.locator("#byl-beslut-beloeb input")
        grants.first.wait_for()
        assert grants.count() == 2
        page.get_by_label("Bevilget til »Lys i stien« (ansøgt 40.000 kr.)").fill("30.000")
        page.get_by_label("Bevilget til »Beskæring ved legepladsen« (ansøgt 25.000 kr.)").fill(
            "25.000"
        )
        assert "Styregruppemøde april" in page.inner_text("#byl-beslut-moede option:checked")
        # At a meeting the decision is dated the meeting's day.
        page.wait_for_selector("#byl-beslut-dato[disabled]")
        assert page.input_value("#byl-beslut-dato") == "01.04.2017"
        page.click("#byl-beslut-gem")
        page.wait_for_selector("text=Beslutningen er registreret.")
        _wait_money(page, ("233.000 kr.", "55.000 kr.", "0 kr.", "178.000 kr."))
        assert page.console_errors == []

    with browser_page() as page:
        _open(page, live_app, "pia")
        page.wait_for_selector(
            "#byl-opfoelg-ansoegning option:has-text('Lys i stien')", state="attached"
        )
        page.select_option("#byl-opfoelg-ansoegning", label="Lys i stien (bevilget 30.000 kr.)")
        page.fill("#byl-opfoelg-beloeb", "28.500")
        page.fill("#byl-opfoelg-rapport", "Seks lamper er sat op langs stien.")
        page.fill("#byl-opfoelg-dato", "01.09.2017")
        page.click("#byl-opfoelg-gem")
        page.wait_for_selector("text=Opfølgningen er registreret.")
        _wait_money(page, ("233.000 kr.", "55.000 kr.", "28.500 kr.", "178.000 kr."))
        page.select_option("#byl-tilstand", "afrapporteret")
        page.locator("#byl-ansoegninger strong:text-is('Lysfest')").wait_for(state="detached")
        assert page.locator("#byl-ansoegninger tbody tr").count() == 1
        assert "Lys i stien" in page.inner_text("#byl-ansoegninger")
        assert "pia" in page.inner_text("#byl-historik")
        # The Økonomi page shows the pool's use beside its budget line.
        page.goto(live_app + "/p/amager-partnerskab/okonomi")
        row = page.locator("#okonomi-bylivspulje tr", has=page.locator("td:text-is('2017')"))
        assert row.inner_text().split("\t") == [
            "2017",
            "233.000 kr.",
            "55.000 kr.",
            "28.500 kr.",
            "178.000 kr.",
        ]
        assert page.console_errors == []

    with browser_page() as page:
        page.goto(live_app + "/p/amager-partnerskab/")
        projects = page.locator("#bylivspulje-projekter")
        text = projects.inner_text()
        assert "Lys i stien" in text and "30.000\xa0kr." in text  # kept on one line
        assert "Beskæring ved legepladsen" in text and "Legepladsen i Hørgården" in text
        assert "Lysfest" not in text  # not granted
        body = page.inner_text("body")
        for private in (ORGANISATION, "pia", "sofie", "Seks lamper"):
            assert private not in body


def test_a_follow_up_on_a_project_changed_since_the_page_was_opened_is_refused(live_app, loaded_db):
    worker = pool_user(loaded_db, "pia", "arbejdsgruppe")
    committee = pool_user(loaded_db, "sofie", "styregruppe")
    colleague = pool_user(loaded_db, "kollega", "arbejdsgruppe")
    with session_scope(loaded_db) as session:
        a = apply(session, worker, "Lys i stien", "40.000")
        rec = package(session, worker, [a], amount="40.000")
        decide(session, committee, rec, {a: "40.000"}, in_writing=True, meeting_id=None)
    with browser_page() as page:
        _open(page, live_app, "pia")
        page.wait_for_selector(
            "#byl-opfoelg-ansoegning option:has-text('Lys i stien')", state="attached"
        )
        with session_scope(loaded_db) as session:  # a colleague reports first
            report(session, colleague, a)
        before = dump(loaded_db)
        page.fill("#byl-opfoelg-beloeb", "12.000")
        page.fill("#byl-opfoelg-rapport", "Halvdelen af lamperne.")
        page.click("#byl-opfoelg-gem")
        page.wait_for_selector("#byl-opfoelg-besked.alert-danger")
        assert page.inner_text("#byl-opfoelg-besked").startswith(
            "Det er ændret af en anden, efter du åbnede siden."
        )
        assert dump(loaded_db) == before
        assert page.console_errors == []
