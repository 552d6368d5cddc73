"""Page /moede in headless Chromium: what a steering-committee member reads before a
meeting, the working group recording a meeting and a decision, printing, and axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.axe import describe, run_axe
from tests.browser import browser_page, log_in


@pytest.mark.browser
def test_a_member_sees_the_briefing_and_the_pack_links(live_app, make_user):
    username, password = make_user("styregruppe")
    with browser_page() as page:
        log_in(page, live_app, username, password)
        page.goto(live_app + "/moede")
        page.wait_for_selector("#moede-hoved h2")
        # No meeting is ahead in the bundled data, so the latest one is chosen.
        assert "Borgerrepræsentationen" in page.inner_text("#moede-hoved")
        assert "Økonomiudvalgets møde 6. december 2016" in page.inner_text("#moede-periode")
        assert "Ingen ændringer i perioden." in page.inner_text("#moede-aendringer")
        attention = page.inner_text("#moede-opmaerksomhed")
        assert "leverancer ikke afsluttet" in attention  # the period 2017–2020 is over
        assert "Andel utrygge i nabolaget om aftenen og natten" in attention
        assert "seneste tal er fra" in attention
        assert page.get_attribute("#moede-pdf", "href").endswith("/pakke.pdf")
        # A member of the steering committee reads; the editor is not there for them.
        assert page.locator("#moede-opret").count() == 0

        results = run_axe(page)
        assert results["violations"] == [], describe(results["violations"])

        page.emulate_media(media="print")
        assert not page.is_visible("header.navbar")
        assert not page.is_visible("#moede-valg")
        assert page.is_visible("#moede-opmaerksomhed")
        assert page.console_errors == []


@pytest.mark.browser
def test_the_secretariat_records_a_meeting_and_a_decision(live_app, make_user):
    username, password = make_user("admin")
    with browser_page() as page:
        log_in(page, live_app, username, password)
        page.goto(live_app + "/moede")
        page.wait_for_selector("#moede-hoved h2")
        expect(page.locator("#moede-titel")).not_to_have_value("")
        # "Nyt møde" empties the form the chosen meeting filled.
        page.click("#moede-ny")
        expect(page.locator("#moede-titel")).to_have_value("")
        expect(page.locator("#moede-dagsorden")).to_have_value("")
        expect(page.locator("#moede-organ")).to_have_value("styregruppe")

        page.select_option("#moede-organ", "styregruppe")
        page.fill("#moede-klokken", "15:30")
        page.fill("#moede-titel", "Styregruppemøde marts")
        page.fill("#moede-dagsorden", "Status på leverancer\nBylivspuljen 2018")
        # Typed in the browser's English order: refused in Danish, no meeting made.
        meetings = page.locator("#moede-valg option").count()
        page.fill("#moede-dato", "03/22/2017")
        page.click("#moede-opret")
        expect(page.locator("#moede-gem-besked .alert-danger")).to_contain_text(
            "Datoen »03/22/2017« kan ikke læses. Skriv datoen som dd.mm.åååå"
        )
        assert page.locator("#moede-valg option").count() == meetings
        page.fill("#moede-dato", "02.03.2017")
        page.click("#moede-opret")
        page.wait_for_selector("#moede-gem-besked .alert-success")
        expect(page.locator("#moede-hoved")).to_contain_text("Styregruppemøde marts")
        head = page.inner_text("#moede-hoved")
        assert "2. marts 2017 kl. 15:30" in head and "Bylivspuljen 2018" in head
        assert "Styregruppens møde 24. oktober 2016" in page.inner_text("#moede-periode")

        page.fill("#beslutning-tekst", "Bylivspuljen 2018 besluttes på næste møde.")
        page.get_by_label("Budget: Bylivspuljen 2018", exact=True).check()
        page.get_by_label(
            "Leverance: Tryghedsfremmende aktiviteter: Organisering af tryghedsskabende "
            "aktiviteter fx tryghedsvandringer i 2017",
            exact=True,
        ).check()
        page.click("#beslutning-gem")
        page.wait_for_selector("#beslutning-besked .alert-success")
        expect(page.locator("#moede-beslutninger")).to_contain_text("næste møde")
        log = page.inner_text("#moede-beslutninger")
        assert "2. marts 2017, Styregruppen" in log
        assert "Vedrører Budget: Bylivspuljen 2018" in log
        # … and the decision is shown on the late deliverable it concerns.
        overdue = page.text_content("#moede-opmaerksomhed")
        assert (
            "tryghedsvandringer i 2017 (frist 31. december 2017; ikke startet) Besluttet "
            "2. marts 2017, Styregruppen: Bylivspuljen 2018 besluttes på næste møde." in overdue
        )

        results = run_axe(page)
        assert results["violations"] == [], describe(results["violations"])
        assert page.console_errors == []


@pytest.mark.browser
def test_a_committee_member_notes_a_point_and_the_working_group_only_reads(live_app, make_user):
    member, member_password = make_user("styregruppe")
    worker, worker_password = make_user("arbejdsgruppe", party="3B")
    with browser_page() as page:
        log_in(page, live_app, member, member_password)
        page.goto(live_app + "/moede")
        page.wait_for_selector("#moede-hoved h2")
        assert page.locator("#moede-titel").count() == 0  # meetings are the secretariat's
        page.fill("#moede-note-tekst", "Spørgsmål: hvordan går det med Bylivspuljen?")
        page.click("#moede-note-gem")
        page.wait_for_selector("#moede-note-besked .alert-success")
        expect(page.locator("#moede-noter")).to_contain_text("hvordan går det med Bylivspuljen")
        assert member in page.inner_text("#moede-noter")
        results = run_axe(page)
        assert results["violations"] == [], describe(results["violations"])
    with browser_page() as page:
        log_in(page, live_app, worker, worker_password)
        page.goto(live_app + "/moede")
        expect(page.locator("#moede-noter")).to_contain_text("hvordan går det med Bylivspuljen")
        assert page.locator("#moede-note-tekst").count() == 0
        assert page.locator("#beslutning-tekst").count() == 0
        assert page.console_errors == []


@pytest.mark.browser
def test_moede_is_closed_to_anonymous_visitors(live_app):
    with browser_page() as page:
        page.goto(live_app + "/moede")
        page.wait_for_url("**/login**")
        assert "/login" in page.url
