"""/leverancer in headless Chromium: the working group edits with history; the steering
committee sees no edit control and a crafted save with its cookie changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.db import session_scope
from dashboard.model import Deliverable
from tests.accounts import PASSWORD, add_user
from tests.browser import browser_page
from tests.conftest import dump

pytestmark = pytest.mark.browser

COMMENT = "Første møde med klubberne er holdt"


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/leverancer")
    page.wait_for_url("**/login?next=/leverancer")
    page.fill("#login-brugernavn", username)
    page.fill("#login-adgangskode", PASSWORD)
    page.click("button:has-text('Log ind')")
    page.wait_for_url(base_url + "/p/amager-partnerskab/leverancer")
    page.wait_for_selector("#lev-historik")


def _first_deliverable(url: str) -> Deliverable:
    with session_scope(url) as session:
        return session.scalars(select(Deliverable).order_by(Deliverable.id)).first()


def test_working_group_edits_status_and_sees_it_with_history_after_reload(live_app, loaded_db):
    add_user(loaded_db, "anna", "arbejdsgruppe", "3B")
    with browser_page() as page:
        _log_in(page, live_app, "anna")
        form = page.locator("#lev-rediger-status")
        form.get_by_label("i gang").check()
        page.fill("#lev-rediger-kommentar", COMMENT)
        page.click("#lev-gem")
        page.wait_for_selector("text=Ændringen er gemt.")

        page.reload()
        page.wait_for_selector(f"#lev-tabel td:has-text('{COMMENT}')")
        row = page.locator(
            "#lev-tabel tbody tr", has=page.locator(f"td:has-text('{COMMENT}')")
        ).first
        assert "i gang" in row.inner_text()
        history = page.locator("#lev-historik")
        history.locator("text=anna").wait_for()
        assert "ikke startet → i gang" in history.inner_text()
        assert COMMENT in history.inner_text()
        assert page.console_errors == []
    stored = _first_deliverable(loaded_db)
    assert (stored.status, stored.comment, stored.updated_by) == ("in_progress", COMMENT, "anna")


@pytest.mark.parametrize("width", [1280, 375])
def test_a_rows_ret_chooses_it_in_the_edit_form_and_moves_focus_there(live_app, loaded_db, width):
    add_user(loaded_db, "bo", "arbejdsgruppe", "3B")
    with session_scope(loaded_db) as session:
        second = session.scalars(select(Deliverable).order_by(Deliverable.id)).all()[1]
        target = (second.id, second.text)
    with browser_page(width=width) as page:
        _log_in(page, live_app, "bo")
        row = page.locator("#lev-tabel tbody tr").nth(1)
        assert target[1] in row.inner_text()
        row.get_by_role("button", name=f"Ret: {target[1]}").click()
        page.wait_for_function(
            "(id) => document.querySelector('#lev-valgt').value === id", arg=str(target[0])
        )
        assert page.evaluate("document.activeElement.id") == "lev-rediger"
        # On a phone the table stacks its cells instead of pushing the page sideways.
        table = page.locator("#lev-tabel table")
        if width < 576:
            assert table.evaluate("(t) => t.getBoundingClientRect().right") <= width
        assert page.console_errors == []


def test_steering_committee_has_no_edit_control_and_a_crafted_save_is_refused(live_app, loaded_db):
    add_user(loaded_db, "sofie", "styregruppe")
    target = _first_deliverable(loaded_db)
    with browser_page() as page:
        _log_in(page, live_app, "sofie")
        page.wait_for_selector("#lev-tabel tbody tr")
        assert page.locator("#lev-tabel button:has-text('Ret')").count() == 0
        assert page.locator("#lev-gem").count() == 0
        assert page.locator("#lev-rediger-status").count() == 0

        dependencies = page.request.get(live_app + "/_dash-dependencies").json()
        (save,) = [d for d in dependencies if "lev-gem-besked.children" in d["output"]]
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
                {"id": "lev-valgt", "property": "value", "value": target.id},
                {"id": "lev-rediger-version", "property": "data", "value": target.version},
                {"id": "lev-rediger-status", "property": "value", "value": "dropped"},
                {"id": "lev-rediger-kommentar", "property": "value", "value": "Opgivet"},
                {"id": "lev-rediger-dato", "property": "value", "value": "2018-01-01"},
                {"id": "lev-opdateret", "property": "data", "value": 0},
                {"id": "partnerskab", "property": "data", "value": "amager-partnerskab"},
            ],
        }
        before = dump(loaded_db)
        # page.request sends this browser session's cookie, as a hand-made request would.
        response = page.request.post(live_app + "/_dash-update-component", data=payload)
        assert response.status == 204
        assert dump(loaded_db) == before
        assert page.console_errors == []
