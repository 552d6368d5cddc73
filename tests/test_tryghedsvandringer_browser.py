"""/tryghedsvandringer in headless Chromium at 375 px, as on site: a walk with three findings
entered, one action paid by a Bylivspulje grant, one finding fixed on a later walk; the map
and the table show the three with their status; the meeting pack lists the open overdue
action; an anonymous visitor sees only the public summary."""

from __future__ import annotations

import base64
from datetime import date, datetime

import pytest

from dashboard.clock import LOCAL
from dashboard.db import session_scope
from dashboard.services.bylivspulje import recommend
from dashboard.services.meetings import create_meeting
from tests.accounts import PASSWORD
from tests.axe import describe, run_axe
from tests.browser import browser_page, log_in, wait_until_settled
from tests.partnerships import AMAGER, amager_id
from tests.pool_helpers import DAY, apply, decide, pool_people
from tests.walk_helpers import INSIDE, party_id, walk_people

pytestmark = pytest.mark.browser

PAGE = f"/p/{AMAGER}/tryghedsvandringer"
PHONE = 375
FINDINGS = (
    ("Stien bag Hørgården", "lys", "Tre lamper ude; stien er mørk om aftenen."),
    ("Legepladsen", "beplantning", "Buskene skjuler stien."),
    ("Containerpladsen", "affald", "Storskrald flyder."),
)


def _grant(url) -> tuple[int, int, int]:
    """A granted Bylivspulje project; the pack's meeting next year; 3B's party id."""
    people = pool_people(url)
    with session_scope(url) as session:
        pid = amager_id(session)
        grant = apply(session, people["arbejder"], "Lys i stien", "40.000")
        rec = recommend(
            session,
            people["arbejder"],
            partnership_id=pid,
            application_ids=[grant],
            in_favour=True,
            amount="40.000",
            reason="Udpeget på tryghedsvandringen.",
            recommended_on=DAY,
        ).id
        decide(session, people["styre"], rec, {grant: "40.000"})
        meeting = create_meeting(
            session,
            people["admin"],
            pid,
            "styregruppe",
            date(datetime.now(LOCAL).year + 1, 1, 1),
            None,
            "Næste møde",
        ).id
        return grant, meeting, party_id(session, "3B")


def _saved(page, button: str, message: str) -> None:
    page.click(f"#{button}")
    page.wait_for_selector(f"text={message}")


def _walk(page, walked_on: str, route: str, residents: str) -> None:
    page.fill("#tv-vandring-dato", walked_on)
    page.fill("#tv-vandring-rute", route)
    page.fill("#tv-vandring-residents", residents)
    page.fill("#tv-vandring-staff", "3")
    page.fill("#tv-vandring-police", "2")
    _saved(page, "tv-vandring-gem", "Tryghedsvandringen er registreret.")


def _marker_statuses(page) -> list[str]:
    src = page.get_attribute("#tv-kort-billede", "src")
    svg = base64.b64decode(src.split(",", 1)[1]).decode()
    return [part.split('"', 1)[0] for part in svg.split('data-status="')[1:]]


def test_a_walk_on_a_phone_from_findings_to_the_pack_and_the_public(live_app, loaded_db):
    grant, meeting, three_b = _grant(loaded_db)
    walk_people(loaded_db)  # vandrer3b: the working group, of 3B
    with browser_page(width=PHONE) as page:
        log_in(page, live_app, "vandrer3b", PASSWORD)
        page.goto(live_app + PAGE)
        page.wait_for_selector("#tv-vandringer:has-text('Ingen tryghedsvandringer endnu.')")
        _walk(page, "20.04.2017", "Fra Hørgården ad stien til Remisevænget", "9")
        page.wait_for_selector("#tv-fund-vandring option", state="attached")
        for (place, category, description), (lon, lat) in zip(FINDINGS, INSIDE, strict=True):
            page.fill("#tv-fund-lon", str(lon).replace(".", ","))  # as a Danish phone types
            page.fill("#tv-fund-lat", str(lat).replace(".", ","))
            page.fill("#tv-fund-sted", place)
            page.select_option("#tv-fund-kategori", category)
            page.fill("#tv-fund-beskrivelse", description)
            _saved(page, "tv-fund-gem", "Fundet er registreret.")
            page.wait_for_selector(f"#tv-fund-tabel strong:text-is('{place}')")
        # A point outside the area is refused in Danish, and nothing is added.
        page.fill("#tv-fund-lat", "55,69")
        _saved(page, "tv-fund-gem", "Stedet ligger uden for partnerskabets område")
        assert page.locator("#tv-fund-tabel tbody tr").count() == 3

        page.wait_for_selector("#tv-handling-fund option", state="attached")
        for number, what, due, pool in (
            ("1", "Nye lamper langs stien", "01.06.2017", str(grant)),
            ("2", "Beskær buskene", "01.08.2017", None),
        ):
            page.select_option("#tv-handling-fund", label=_label(page, "#tv-handling-fund", number))
            page.fill("#tv-handling-hvad", what)
            page.select_option("#tv-handling-aktoer", str(three_b))
            page.fill("#tv-handling-frist", due)
            page.select_option("#tv-handling-pulje", pool or "ingen")
            _saved(page, "tv-handling-gem", "Handlingen er gemt.")
            page.wait_for_selector(f"#tv-fund-tabel td:has-text('{what}')")
        assert "Bylivspuljen: Lys i stien" in page.inner_text("#tv-fund-tabel")

        _walk(page, "14.09.2017", "Rundt om Legepladsen", "4")
        page.wait_for_selector(
            "#tv-opfoelg-vandring option:has-text('14. september 2017')", state="attached"
        )
        page.select_option(
            "#tv-opfoelg-vandring", label=_label(page, "#tv-opfoelg-vandring", "14. september")
        )
        page.select_option("#tv-opfoelg-fund", label=_label(page, "#tv-opfoelg-fund", "2"))
        page.fill("#tv-opfoelg-note", "Buskene er skåret ned.")
        _saved(page, "tv-opfoelg-gem", "Opfølgningen er registreret.")

        page.wait_for_selector("#tv-fund-tabel td:text-is('Udbedret')")
        statuses = page.locator("#tv-fund-tabel tbody tr td:nth-child(2)").all_inner_texts()
        assert [s.split(":")[0].strip() for s in statuses] == ["Åben", "Udbedret", "Åben"]
        assert _marker_statuses(page) == ["aaben", "udbedret", "aaben"]
        drawn = "document.getElementById('tv-kort-billede').naturalWidth"
        assert page.evaluate(drawn) > 0  # the image is drawn, not its alt text
        alt = page.get_attribute("#tv-kort-billede", "alt")
        assert "1: Stien bag Hørgården, åben; 2: Legepladsen, udbedret; 3: Containerpladsen" in alt
        assert "Udbedret (firkant)" in page.inner_text("#tv-signatur")
        page.select_option("#tv-filter-status", "udbedret")
        page.locator("#tv-fund-tabel strong:text-is('Containerpladsen')").wait_for(state="detached")
        assert _marker_statuses(page) == ["udbedret"]
        # Nothing wider than the phone, and nothing axe objects to.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        violations = run_axe(page)["violations"]
        assert violations == [], describe(violations)
        assert page.console_errors == []

        page.goto(f"{live_app}/p/{AMAGER}/moede/{meeting}/pakke")
        pack = page.inner_text("body")
        assert (
            "Overskredet frist hos 3B: «Nye lamper langs stien» ved Stien bag Hørgården (lys), "
            "frist 1. juni 2017, åben" in pack
        )
        assert "Beskær buskene" not in pack  # fixed: not overdue

    with browser_page(width=PHONE) as page:
        page.goto(live_app + f"/p/{AMAGER}/")
        summary = page.inner_text("section:has(#tryghedsvandringer)")
        assert "Der er holdt 2 tryghedsvandringer med i alt 23 deltagere." in summary
        assert "Legepladsen" in page.inner_text("#tryghedsvandringer-udbedret")
        assert page.evaluate("document.getElementById('tryghedsvandringer-kort').naturalWidth")
        violations = run_axe(page)["violations"]
        assert violations == [], describe(violations)
        body = page.inner_text("body")
        for internal in ("Nye lamper langs stien", "Buskene skjuler", "vandrer3b", "Tre lamper"):
            assert internal not in body
        page.goto(live_app + PAGE)
        assert "/login" in page.url  # the internal page is not the public's


def test_the_committee_reads_the_walks_without_an_error_in_the_console(live_app, loaded_db):
    """The styregruppe sees no edit forms; the callback that fills them must not fire a
    half-present set of outputs (Dash then logs a ReferenceError)."""
    walk_people(loaded_db)  # vandrestyre: the committee
    with browser_page(width=PHONE) as page:
        log_in(page, live_app, "vandrestyre", PASSWORD)
        page.goto(live_app + PAGE)
        page.wait_for_selector("#tv-vandringer:has-text('Ingen tryghedsvandringer endnu.')")
        wait_until_settled(page)
        assert page.locator("#tv-fund-vandring").count() == 0
        assert page.console_errors == []


def _label(page, select: str, starts: str) -> str:
    """The label of the select's option that starts with ``starts``."""
    labels = page.locator(f"{select} option").all_inner_texts()
    return next(label for label in labels if label.startswith(starts))
