"""Text from plan documents, loaders and editors is shown as text, never parsed as HTML.

Payloads go into a plan document (activity name, purpose, deliverable), an indicator note,
a deliverable comment and a meeting with a decision; every page that shows them is opened in
real Chromium with the CSP bypassed, so only escaping can keep a script from running. Each
page must show the payload as literal text (so the test proves the text got there), run no
script, open no dialog and contain no element the payload could have created.
"""

from __future__ import annotations

import csv as csv_module
import io
import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from playwright.sync_api import expect
from sqlalchemy import select

from dashboard import clock
from dashboard.auth import SessionUser
from dashboard.cli import main
from dashboard.db import session_scope
from dashboard.model import Activity, Deliverable, User
from dashboard.queries.plan import latest_plan
from dashboard.services.deliverables import set_deliverable_status
from dashboard.services.indicator_notes import save_indicator_note
from dashboard.services.meetings import add_decision, create_meeting
from tests.accounts import PASSWORD, add_user
from tests.browser import log_in, new_context, serve
from tests.conftest import PLAN_2017, database_copy
from tests.partnerships import amager_id

pytestmark = pytest.mark.browser

# In the plan document: the activity heading and its overview-table row, its Formål, and
# its deliverable bullet.
NAME = 'Utryghedsgruppe <img src=x onerror="window.__xss=1;alert(1)">'
PURPOSE = (
    'At udvikle viden <script>window.__xss=1;alert(2)</script> om "><svg '
    'onload="window.__xss=1;alert(3)"> praksis'
)
DELIVERABLE = (
    "I 2017 vil arbejdsgruppen etablere en utryghedsgruppe "
    '<a href="javascript:window.__xss=1">klik</a> [klik](javascript:alert(4))'
)
PLAN_EDITS = [
    ("\tUtryghedsgruppe\t", f"\t{NAME}\t"),
    ("Aktivitet: Utryghedsgruppe\n", f"Aktivitet: {NAME}\n"),
    (
        "At udvikle viden om og ny praksis for utrygge beboeres (lokal)samfundsmæssige deltagelse",
        PURPOSE,
    ),
    (
        "- I 2017 vil arbejdsgruppen etablere en utryghedsgruppe for utrygge borgere",
        "- " + DELIVERABLE,
    ),
]
# Written by editors through the service layer.
NOTE = (
    'Faldet skyldes nye lamper <img src=x onerror="window.__xss=1;alert(5)"> '
    "<script>window.__xss=1</script> [mere](javascript:alert(6))"
)
COMMENT = (
    'Udskudt "><svg onload="window.__xss=1;alert(7)"> <img src=x onerror=alert(8)> '
    '<a href="javascript:alert(9)">se her</a>'
)
MEETING_TITLE = (
    'Styregruppemøde </style><script>window.__xss=1</script> "><img src=x onerror=alert(10)>'
)
AGENDA_ITEM = "Status <img src=x onerror=alert(11)> javascript:alert(12)"
DECISION = "Udsættes <svg onload=alert(13)> [se](javascript:alert(14))"

ADMIN = "xss-admin"
INDICATOR = "utrygge_aften_nat"  # the /tryghed page's default indicator

# Elements a payload would have created had it been parsed as HTML (or Markdown).
HOSTILE_NODES = """() => {
    const found = [];
    const add = (el) => found.push(el.outerHTML.slice(0, 200));
    document.querySelectorAll('img[src="x"], [onerror], [onload]').forEach(add);
    document.querySelectorAll('script').forEach((s) => {
        if (s.textContent.includes('__xss')) add(s);
    });
    document.querySelectorAll('a, [href], [xlink\\\\:href]').forEach((el) => {
        const href = el.getAttribute('href')
            || el.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '';
        if (/^\\s*javascript:/i.test(href)) add(el);
    });
    return found;
}"""


def _plan_with_payloads(folder):
    text = PLAN_2017.read_text(encoding="utf-8")
    for old, new in PLAN_EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "tryghedsplan-med-payloads.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def xss_data(_loaded_template, tmp_path_factory) -> Iterator[dict]:
    """One database for the module: the bundled data, the plan with payloads loaded through
    ``tryghed load plan`` (revision 2), and the editors' payloads saved via the services."""
    folder = tmp_path_factory.mktemp("xss")
    with database_copy(_loaded_template, folder) as url:
        yield _with_payloads(url, folder)


def _with_payloads(url, folder) -> dict:
    result = CliRunner().invoke(
        main,
        ["load", "plan", str(_plan_with_payloads(folder))],
        env={"DATABASE_URL": url, "TRYGHED_INSTANCE": str(folder / "instance")},
        catch_exceptions=False,
    )
    assert result.exit_code == 0 and "revision 2" in result.output, result.output

    add_user(url, ADMIN, "admin")
    with session_scope(url) as session:
        row = session.scalars(select(User).where(User.username == ADMIN)).one()
        admin = SessionUser(row.id, row.username, row.role, row.party_id)
        plan = latest_plan(session, amager_id(session))
        deliverable = session.scalars(
            select(Deliverable)
            .join(Activity)
            .where(Activity.plan_version_id == plan.id, Deliverable.text == DELIVERABLE)
        ).one()
        assert deliverable.activity.name == NAME and deliverable.activity.purpose == PURPOSE
        set_deliverable_status(
            session,
            admin,
            deliverable.id,
            deliverable.version,
            "delayed",
            COMMENT,
            date(2020, 12, 31),  # the plan period's last day: no later status date is taken
            partnership_id=plan.partnership_id,
        )
        save_indicator_note(session, admin, INDICATOR, plan.partnership_id, 0, NOTE)
        # Ahead of today, so /moede chooses it and its window covers the edits above.
        meeting = create_meeting(
            session,
            admin,
            plan.partnership_id,
            "styregruppe",
            clock.today() + timedelta(days=30),
            None,
            MEETING_TITLE,
            [AGENDA_ITEM],
        )
        add_decision(
            session,
            admin,
            meeting.id,
            DECISION,
            [("deliverable", deliverable.id)],
            partnership_id=plan.partnership_id,
        )
        meeting_id = meeting.id
    return {"url": url, "meeting_id": meeting_id}


@pytest.fixture(scope="module")
def site(xss_data):
    with serve(xss_data["url"]) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser_context(site):
    """One browser context for the module, logged in as admin (who sees every page and editor).
    The CSP is bypassed: escaping alone must keep the payloads inert."""
    context = new_context(viewport={"width": 2600, "height": 1400}, locale="da-DK", bypass_csp=True)
    try:
        page = context.new_page()
        log_in(page, site, ADMIN, PASSWORD)
        page.close()
        yield context
    finally:
        context.close()


@pytest.fixture
def xss_page(browser_context):
    page = browser_context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    page.close()


def _wait_for_text(page, text: str, selector: str = "body") -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            """([selector, text]) => {
                // A closed <details> hides its text from innerText: open them all.
                document.querySelectorAll('details').forEach((d) => { d.open = true; });
                const el = document.querySelector(selector);
                return el !== null && el.innerText.includes(text);
            }""",
            arg=[selector, text],
            timeout=10_000,
        )
    except PlaywrightTimeout:
        shown = page.evaluate(
            "(s) => document.querySelector(s) && document.querySelector(s).innerText", selector
        )
        pytest.fail(f"{text!r} not shown in {selector}; it shows:\n{shown}")


def _assert_inert(page, *shown: tuple[str, str]) -> None:
    """Each ``(selector, text)`` shows the text literally; nothing ran, nothing was made."""
    for selector, text in shown:
        _wait_for_text(page, text, selector)
    # Every image loaded or failed, so any error/load handler has fired.
    page.wait_for_function(
        """() => document.readyState === 'complete'
            && Array.from(document.images).every((img) => img.complete)"""
    )
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    assert page.evaluate(HOSTILE_NODES) == []


def test_public_overview(site, xss_page):
    xss_page.goto(site + "/")
    _assert_inert(xss_page, ("main", NAME), ("main", PURPOSE))


def test_open_data_page_and_files(site, xss_page):
    xss_page.goto(site + "/data")
    _assert_inert(xss_page)
    response = xss_page.goto(site + "/data/budget.json")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    # Chromium shows JSON as text; the name is there with its quotes JSON-escaped.
    _assert_inert(xss_page, ("body", json.dumps(NAME, ensure_ascii=False)[1:-1]))
    csv = xss_page.request.get(site + "/data/budget.csv")
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["x-content-type-options"] == "nosniff"
    assert NAME in [row["activity"] for row in csv_module.DictReader(io.StringIO(csv.text()))]


def test_plan_page(site, xss_page):
    xss_page.goto(site + "/plan")
    _assert_inert(xss_page, ("main", NAME), ("main", DELIVERABLE))


def test_okonomi_page(site, xss_page):
    xss_page.goto(site + "/okonomi")
    xss_page.wait_for_selector("#okonomi-grid tbody tr")
    _assert_inert(
        xss_page,
        ("#ikke-besluttet", NAME),
        ("#okonomi-grid", NAME),
        ("#okonomi-sammenligning", NAME),
    )


def test_leverancer_page_with_history_and_decisions(site, xss_page):
    xss_page.goto(site + "/leverancer")
    xss_page.wait_for_selector("#lev-tabel tbody tr")
    _wait_for_text(xss_page, COMMENT, "#lev-tabel")
    # Open the deliverable with the payloads by its row's "Ret", whose name shows them.
    xss_page.get_by_role("button", name=f"Ret: {DELIVERABLE}").click()
    xss_page.wait_for_selector("#lev-dialog #lev-historik")
    _assert_inert(
        xss_page,
        ("#lev-tabel", NAME),
        ("#lev-tabel", DELIVERABLE),
        ("#lev-tabel", COMMENT),
        ("#lev-dialog-titel", DELIVERABLE),
        ("#lev-historik", COMMENT),
        ("#lev-beslutninger", DECISION),
    )
    assert xss_page.input_value("#lev-rediger-kommentar") == COMMENT


def test_tryghed_note_and_its_history(site, xss_page):
    xss_page.goto(site + "/tryghed")
    _assert_inert(xss_page, ("#tryghed-note", NOTE), ("#tryghed-note-historik", NOTE))
    assert xss_page.input_value("#tryghed-note-tekst") == NOTE


def test_moede_page(site, xss_page):
    xss_page.goto(site + "/moede")
    _assert_inert(
        xss_page,
        ("#moede-hoved", MEETING_TITLE),
        ("#moede-hoved", AGENDA_ITEM),
        ("#moede-aendringer", COMMENT),
        ("#moede-aendringer", f"{NAME}: «{DELIVERABLE}»"),
        ("#moede-aendringer", NOTE),
        ("#moede-beslutninger", DECISION),
        ("#moede-opmaerksomhed", NAME),
    )
    # The form is filled by a callback of its own: wait for it rather than read at once.
    expect(xss_page.locator("#moede-titel")).to_have_value(MEETING_TITLE)


def test_meeting_pack_print_view(site, xss_page, xss_data):
    xss_page.goto(f"{site}/moede/{xss_data['meeting_id']}/pakke")
    _assert_inert(
        xss_page,
        (".meeting-title", MEETING_TITLE),
        ("body", AGENDA_ITEM),
        ("body", f"{NAME}: «{DELIVERABLE}»"),
        ("body", COMMENT),
        ("body", NOTE),
        ("body", DECISION),
    )
