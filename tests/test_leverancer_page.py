"""/leverancer in headless Chromium: a row's "Ret" opens that deliverable's dialog with its
form, saving changes the row; the working group sees "Ret" only on its own party's rows
(the service's ownership rule) and starts on "Mine leverancer"; the steering committee sees
no edit control; crafted saves are refused; axe finds nothing with the dialog open."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from dashboard import clock
from dashboard.dates import dmy
from dashboard.db import session_scope
from dashboard.model import Deliverable, Party
from dashboard.services.ownership import covers
from tests.accounts import PASSWORD, add_user
from tests.axe import describe, run_axe
from tests.browser import browser_page, wait_until_settled
from tests.conftest import dump
from tests.svg_helpers import page_charts, segments

pytestmark = pytest.mark.browser

PERIOD_END = date(2020, 12, 31)
COMMENT = "Første møde med klubberne er holdt"


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/leverancer")
    page.wait_for_url("**/login?next=/leverancer")
    page.fill("#login-brugernavn", username)
    page.fill("#login-adgangskode", PASSWORD)
    page.click("button:has-text('Log ind')")
    # The page, not every file it loads.
    page.wait_for_url(base_url + "/p/amager-partnerskab/leverancer", wait_until="commit")
    page.wait_for_selector("#lev-tabel tbody tr")
    # The table comes with the layout: wait for the page's first callbacks before clicking.
    wait_until_settled(page)


def _deliverables(url: str) -> list[tuple[int, str, int, list]]:
    """(id, text, version, responsible parties) of every deliverable, in id order."""
    with session_scope(url) as session:
        return [
            (d.id, d.text, d.version, [link.party for link in d.responsible])
            for d in session.scalars(select(Deliverable).order_by(Deliverable.id))
        ]


def _party_id(url: str, short_name: str) -> int:
    with session_scope(url) as session:
        return session.scalars(select(Party.id).where(Party.short_name == short_name)).one()


def _owned_by(url: str, short_name: str) -> tuple[set[str], set[str]]:
    """Texts of the deliverables the party answers for (``covers``) and of the others."""
    party = _party_id(url, short_name)
    with session_scope(url) as session:
        mine, others = set(), set()
        for d in session.scalars(select(Deliverable)):
            (mine if covers(party, [link.party for link in d.responsible]) else others).add(d.text)
    return mine, others


def _open(page, word: str, text: str) -> None:
    page.get_by_role("button", name=f"{word}: {text}").click()
    page.locator("#lev-dialog").wait_for(state="visible")
    page.wait_for_function(
        "(t) => document.querySelector('#lev-dialog-titel')?.textContent === t", arg=text
    )


def _saved(page) -> None:
    page.wait_for_selector("#lev-gem-besked .alert, #lev-gem-besked.alert")


def test_ret_opens_the_rows_form_prefilled_and_saving_changes_the_row(live_app, loaded_db):
    add_user(loaded_db, "anna", "arbejdsgruppe", "3B")
    mine, _others = _owned_by(loaded_db, "3B")
    (target, text, _version, parties) = next(d for d in _deliverables(loaded_db) if d[1] in mine)
    with browser_page() as page:
        _log_in(page, live_app, "anna")
        _open(page, "Ret", text)
        assert page.input_value("#lev-valgt") == str(target)
        dialog = page.locator("#lev-dialog")
        dialog.get_by_label("ikke startet").wait_for()
        assert dialog.get_by_label("ikke startet").is_checked()  # the stored status
        # The latest day a save accepts: today while the bundled period 2017–2020 ran, its
        # last day once it has ended (today, refused, would fail the save below).
        assert page.input_value("#lev-rediger-dato") == dmy(min(clock.today(), PERIOD_END))
        assert page.get_attribute("#lev-rediger-dato", "placeholder") == "dd.mm.åååå"
        assert dialog.locator("#lev-rediger-tegn").inner_text() == "0 af 2000 tegn"
        # The focus is in the dialog, not left behind on the page under it.
        assert page.evaluate(
            "document.activeElement.closest('.modal').contains("
            "document.getElementById('lev-dialog-titel'))"
        )

        dialog.get_by_label("i gang").check()
        page.fill("#lev-rediger-kommentar", COMMENT)
        assert page.inner_text("#lev-rediger-tegn") == f"{len(COMMENT)} af 2000 tegn"
        page.click("#lev-gem")
        _saved(page)
        assert page.inner_text("#lev-gem-besked") == "Ændringen er gemt."
        history = page.locator("#lev-historik")
        history.locator("text=anna").wait_for()
        assert "ikke startet → i gang" in history.inner_text()

        page.click("#lev-dialog-luk")
        page.locator("#lev-dialog").wait_for(state="hidden")
        # The table shows the change without a reload.
        row = page.locator(
            "#lev-tabel tbody tr", has=page.get_by_role("button", name=f"Ret: {text}")
        )
        row.locator(f"td:has-text('{COMMENT}')").wait_for()
        assert "i gang" in row.inner_text()
        # The chart is redrawn with the same answer: one deliverable in progress, counted for
        # each party responsible for it (and for nothing else yet).
        page.wait_for_function(
            "() => decodeURIComponent(document.querySelector('#lev-figur img').src)"
            ".includes('data-series=\"i gang\"')"
        )
        for width, chart in page_charts(page, "#lev-figur").items():
            in_progress = [s for s in segments(chart) if s.series == "i gang"]
            assert [s.value for s in in_progress] == [1] * len(parties), width
            assert all(s.value > 0 for s in segments(chart)), width
        assert "1 i gang" in page.get_attribute("#lev-figur img", "alt")
        assert page.console_errors == []
    stored = next(d for d in _deliverables(loaded_db) if d[0] == target)
    with session_scope(loaded_db) as session:
        d = session.get(Deliverable, stored[0])
        assert (d.status, d.comment, d.updated_by) == ("in_progress", COMMENT, "anna")


def test_a_date_that_cannot_be_read_or_is_implausible_is_refused_in_danish(live_app, loaded_db):
    add_user(loaded_db, "anna", "arbejdsgruppe", "3B")
    mine, _others = _owned_by(loaded_db, "3B")
    text = next(d[1] for d in _deliverables(loaded_db) if d[1] in mine)
    with browser_page(locale="en-US") as page:
        _log_in(page, live_app, "anna")
        before = dump(loaded_db)
        _open(page, "Ret", text)
        page.locator("#lev-dialog").get_by_label("i gang").check()
        for typed, message in (
            ("31.02.2019", "Datoen »31.02.2019« kan ikke læses. Skriv datoen som dd.mm.åååå"),
            ("marts 2019", "Datoen »marts 2019« kan ikke læses"),
            ("01.01.1900", "Statusdatoen skal ligge mellem 01.01.2016 og 31.12.2020"),
            ("31.12.9999", "Statusdatoen skal ligge mellem 01.01.2016 og 31.12.2020"),
            ("01.01.2021", "Statusdatoen skal ligge mellem 01.01.2016 og 31.12.2020"),
        ):
            page.fill("#lev-rediger-dato", typed)
            page.click("#lev-gem")
            # The answer is drawn after its response arrives: wait for this date's message,
            # not the previous one still shown.
            page.locator("#lev-gem-besked", has_text=message).wait_for()
            assert message in page.inner_text("#lev-gem-besked"), typed
        assert dump(loaded_db) == before
        # Typed the Danish way, read so in an English browser too: 5 March, not 3 May.
        page.fill("#lev-rediger-dato", "05.03.2019")
        page.click("#lev-gem")
        page.wait_for_selector("#lev-gem-besked:has-text('Ændringen er gemt.')")
        assert page.console_errors == []
    with session_scope(loaded_db) as session:
        stored = session.scalars(select(Deliverable).where(Deliverable.text == text)).one()
        assert stored.status_date.isoformat() == "2019-03-05"


@pytest.mark.parametrize("width", [1280, 375])
def test_the_working_group_sees_ret_on_its_own_rows_and_starts_on_mine(live_app, loaded_db, width):
    add_user(loaded_db, "bo", "arbejdsgruppe", "3B")
    mine, others = _owned_by(loaded_db, "3B")
    assert mine and others
    with browser_page(width=width) as page:
        _log_in(page, live_app, "bo")
        # "Mine leverancer" is chosen from the start: only 3B's rows.
        assert page.get_by_label("Mine leverancer").is_checked()
        shown = page.locator("#lev-tabel tbody tr")
        assert shown.count() == len(mine)
        assert page.locator("#lev-tabel button:text-is('Vis')").count() == 0

        page.get_by_label("Mine leverancer").uncheck()
        page.wait_for_function(
            "(n) => document.querySelectorAll('#lev-tabel tbody tr').length === n",
            arg=len(mine) + len(others),
        )
        ret = page.locator("#lev-tabel button:text-is('Ret')")
        names = {
            name.removeprefix("Ret: ")
            for name in ret.evaluate_all("bs => bs.map(b => b.ariaLabel)")
        }
        assert names == mine
        vis = page.locator("#lev-tabel button:text-is('Vis')")
        assert vis.count() == len(others)

        # Another party's row opens its history, without the form.
        _open(page, "Vis", sorted(others)[0])
        page.locator("#lev-historik").wait_for()
        assert page.locator("#lev-rediger").is_hidden()
        if width < 576:
            # The table stacks its cells instead of pushing the page sideways; the dialog
            # fits the screen.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            box = page.locator("#lev-dialog .modal-content").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
        results = run_axe(page)
        assert results["violations"] == [], describe(results["violations"])
        page.click("#lev-dialog-luk")
        _open(page, "Ret", sorted(mine)[0])
        page.locator("#lev-rediger").wait_for()
        results = run_axe(page)
        assert results["violations"] == [], describe(results["violations"])
        assert page.console_errors == []


def _crafted_save(page, live_app, deliverable: int, version: int) -> dict:
    dependencies = page.request.get(live_app + "/_dash-dependencies").json()
    (save,) = [d for d in dependencies if d["inputs"][0]["id"] == "lev-gem"]
    payload = {
        "output": save["output"],
        "outputs": [
            {"id": "lev-gem-besked", "property": "children"},
            {"id": "lev-gem-besked", "property": "className"},
            {"id": "lev-opdateret", "property": "data"},
            {"id": "lev-rediger-version", "property": "data"},
        ],
        "inputs": [{"id": "lev-gem", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["lev-gem.n_clicks"],
        "state": [
            {"id": "lev-valgt", "property": "value", "value": deliverable},
            {"id": "lev-rediger-version", "property": "data", "value": version},
            {"id": "lev-rediger-status", "property": "value", "value": "dropped"},
            {"id": "lev-rediger-kommentar", "property": "value", "value": "Opgivet"},
            {"id": "lev-rediger-dato", "property": "value", "value": "01.01.2018"},
            {"id": "lev-opdateret", "property": "data", "value": 0},
            {"id": "partnerskab", "property": "data", "value": "amager-partnerskab"},
        ],
    }
    # page.request sends this browser session's cookie, as a hand-made request would.
    return page.request.post(live_app + "/_dash-update-component", data=payload)


def test_a_forged_save_of_another_partys_row_is_refused(live_app, loaded_db):
    add_user(loaded_db, "bo", "arbejdsgruppe", "3B")
    _mine, others = _owned_by(loaded_db, "3B")
    target, _text, version, _parties = next(d for d in _deliverables(loaded_db) if d[1] in others)
    with browser_page() as page:
        _log_in(page, live_app, "bo")
        before = dump(loaded_db)
        response = _crafted_save(page, live_app, target, version)
        assert response.status == 200
        answer = response.json()["response"]["lev-gem-besked"]["children"]
        assert "hører til en anden aktør" in answer
        assert dump(loaded_db) == before


def test_steering_committee_has_no_edit_control_and_a_crafted_save_is_refused(live_app, loaded_db):
    add_user(loaded_db, "sofie", "styregruppe")
    target, text, version, _parties = _deliverables(loaded_db)[0]
    with browser_page() as page:
        _log_in(page, live_app, "sofie")
        assert not page.get_by_label("Mine leverancer").is_checked()  # no party: off
        assert page.locator("#lev-tabel button:text-is('Ret')").count() == 0
        _open(page, "Vis", text)
        page.locator("#lev-historik").wait_for()
        assert page.locator("#lev-gem").count() == 0
        assert page.locator("#lev-rediger-status").count() == 0

        before = dump(loaded_db)
        response = _crafted_save(page, live_app, target, version)
        assert response.status == 204
        assert dump(loaded_db) == before
        assert page.console_errors == []


def test_a_grid_wider_than_the_screen_shows_that_it_scrolls(live_app, loaded_db):
    """On a tablet (800 px; they fit 1280 px, test_table_scroll_hint, and stack on a phone)
    the grid's columns do not fit: its box scrolls sideways, is reached by keyboard and
    named, and shows a shadow on the side where columns are hidden (CSS)."""
    add_user(loaded_db, "sofie", "styregruppe")
    with browser_page(width=800) as page:
        _log_in(page, live_app, "sofie")
        region = page.locator("#lev-tabel .table-responsive")
        box = region.evaluate(
            "(e) => ({wide: e.scrollWidth > e.clientWidth, tab: e.tabIndex,"
            " role: e.getAttribute('role'), label: e.getAttribute('aria-label'),"
            " shadows: getComputedStyle(e).backgroundImage.split('gradient(').length - 1})"
        )
        assert box["wide"] and box["tab"] == 0 and box["role"] == "region" and box["label"]
        assert box["shadows"] == 4


def test_the_vis_dialog_opens_on_its_history_with_no_blank_band(live_app, loaded_db):
    add_user(loaded_db, "sofie", "styregruppe")
    text = _deliverables(loaded_db)[0][1]
    with browser_page() as page:
        _log_in(page, live_app, "sofie")
        _open(page, "Vis", text)
        gap = page.locator("#lev-dialog .modal-body").evaluate(
            "(b) => b.querySelector('h3').getBoundingClientRect().top"
            " - b.getBoundingClientRect().top - parseFloat(getComputedStyle(b).paddingTop)"
        )
        assert abs(gap) < 1, gap
