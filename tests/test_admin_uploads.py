"""Uploads on /admin: the preview reads and writes nothing, "Indlæs" loads a new revision
logged with the uploader, an unchanged or a bad file writes nothing; in Chromium the whole
way from the file to the plan comparison and ``tryghed export plan``."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model import LoadLog, PlanVersion
from dashboard.queries.partnership import partnership_by_slug
from dashboard.queries.plan import latest_plan
from data_loaders.defaults import BUNDLED_PLAN, bundled_file
from data_loaders.stored_plan import plan_snapshot
from tests.accounts import PASSWORD, add_user, login, router_payload
from tests.admin_files import CHANGED, NEW_ACTIVITY, join, next_year_plan
from tests.browser import browser_page, log_in
from tests.conftest import dump
from tests.partnerships import SECOND, load_second_partnership

AMAGER = "amager-partnerskab"
ADMIN_PAGE = f"/p/{AMAGER}/admin"
PREVIEW_OUTPUTS = ("preview.children", "checked.data", "confirm.disabled", "result.children")


def _data_url(data: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(data).decode()


def _output(client, outputs) -> str:
    """The callback's output as Dash names it (with the "@…" of a duplicate output)."""
    for dep in client.get("/_dash-dependencies").get_json():
        named = [o.split("@")[0] for o in dep["output"].strip(".").split("...")]
        if named == outputs:
            return dep["output"]
    raise AssertionError(f"no callback with outputs {outputs}")


def _call(client, outputs, inputs, state):
    """A Dash callback request as the renderer sends it."""
    outs = [{"id": i, "property": p} for i, p in (o.split(".") for o in outputs)]
    body = {
        "output": _output(client, outputs),
        "outputs": outs,
        "inputs": [{"id": i, "property": p, "value": v} for (i, p), v in inputs],
        "changedPropIds": [f"{i}.{p}" for (i, p), _ in inputs],
        "state": [{"id": i, "property": p, "value": v} for (i, p), v in state],
    }
    return client.post("/_dash-update-component", json=body)


def _preview(client, kind: str, name: str, data: bytes, slug: str = AMAGER):
    response = _call(
        client,
        [f"{kind}-{o}" for o in PREVIEW_OUTPUTS] + [f"{kind}-result.className"],
        [((f"{kind}-upload", "contents"), _data_url(data))],
        [((f"{kind}-upload", "filename"), name), (("partnerskab", "data"), slug)],
    )
    return response


def _confirm(client, kind: str, name: str, data: bytes, checked, slug: str = AMAGER):
    return _call(
        client,
        [
            f"{kind}-result.children",
            f"{kind}-result.className",
            f"{kind}-upload.contents",
            "admin-indlaest.data",
        ],
        [((f"{kind}-confirm", "n_clicks"), 1)],
        [
            ((f"{kind}-upload", "contents"), _data_url(data)),
            ((f"{kind}-upload", "filename"), name),
            ((f"{kind}-checked", "data"), checked),
            (("admin-indlaest", "data"), 0),
            (("partnerskab", "data"), slug),
        ],
    )


def _text(response) -> str:
    return json.dumps(response.get_json(), ensure_ascii=False)


@pytest.fixture
def admin(loaded_db):
    add_user(loaded_db, "sekretariat", "admin")
    join(loaded_db, "sekretariat")
    app = create_app(Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False))
    client = app.server.test_client()
    assert login(client, "sekretariat").status_code == 303
    return client


def test_the_preview_names_the_changes_and_writes_nothing(admin, loaded_db):
    before = dump(loaded_db)
    response = _preview(admin, "plan", "plan-2018.txt", next_year_plan().encode())
    assert response.status_code == 200
    answer = response.get_json()["response"]
    text = _text(response)
    activity, year, old, new = CHANGED
    assert "Nye aktiviteter" in text and NEW_ACTIVITY in text
    assert activity in text and "50.000 kr." in text and "75.000 kr." in text
    assert "Ti nattevandringer" in text  # the new deliverable
    assert "Læserens advarsler" in text  # the reader's warnings, as the CLI prints them
    assert answer["plan-confirm"]["disabled"] is False
    assert dump(loaded_db) == before


def test_confirm_loads_a_new_revision_logged_with_the_uploader(admin, loaded_db):
    data = next_year_plan().encode()
    checked = _preview(admin, "plan", "plan-2018.txt", data).get_json()["response"]
    checked = checked["plan-checked"]["data"]
    response = _confirm(admin, "plan", "plan-2018.txt", data, checked)
    assert "plan-2018.txt er indlæst" in _text(response)
    with session_scope(loaded_db) as session:
        years = [v.year for v in session.scalars(select(PlanVersion).order_by(PlanVersion.id))]
        log = session.scalars(select(LoadLog).order_by(LoadLog.id.desc())).first()
        assert years == [2017, 2018]
        assert (log.file_name, log.loaded_by, log.outcome, log.kind) == (
            "plan-2018.txt",
            "sekretariat",
            "loaded",
            "plan",
        )
    # A file other than the one previewed is not loaded, and the refusal is logged.
    before = dump(loaded_db, skip=("load_log",))
    other = data.replace(b"75.000", b"76.000")
    response = _confirm(admin, "plan", "plan-2018.txt", other, checked)
    assert "ændret siden forhåndsvisningen" in _text(response)
    assert dump(loaded_db, skip=("load_log",)) == before
    with session_scope(loaded_db) as session:
        log = session.scalars(select(LoadLog).order_by(LoadLog.id.desc())).first()
        assert (log.outcome, log.loaded_by) == ("failed", "sekretariat") and log.message


def test_an_unchanged_file_says_so_and_writes_nothing(admin, loaded_db):
    before = dump(loaded_db)
    data = bundled_file(BUNDLED_PLAN).read_bytes()
    response = _preview(admin, "plan", "samme-plan.txt", data)
    answer = response.get_json()["response"]
    assert "ændrer intet" in _text(response)
    assert answer["plan-confirm"]["disabled"] is True and answer["plan-checked"]["data"] is None
    assert dump(loaded_db) == before


@pytest.mark.parametrize(
    ("kind", "name", "data", "expected"),
    [
        (
            "budget",
            "budget.csv",
            "Indsatsområde;Aktivitet;2017;2018\n2;Bylivspuljen;233.000;mange\n".encode(),
            "budget.csv, row 2, column D (2018)",
        ),
        (
            "budget",
            "ukendt.csv",
            "Indsatsområde;Aktivitet;2017\n3;Natteravne;5000\n".encode(),
            "ukendt.csv, row 2, column Aktivitet: unknown activity 'Natteravne'",
        ),
        (
            "indikator",
            "tal.csv",
            b"indicator;area;year;value\nutryghed_eget_nabolag;Urbanplanen;2019;abc\n",
            "tal.csv, row 2, column value",
        ),
        ("plan", "skadet.docx", b"PK\x03\x04 not a whole zip", "skadet.docx: not a readable"),
        ("plan", "plan.pdf", b"%PDF-1.4", "plan.pdf: unsupported file type"),
    ],
)
def test_a_bad_file_shows_the_clis_message_and_writes_nothing(
    admin, loaded_db, kind, name, data, expected
):
    before = dump(loaded_db)
    response = _preview(admin, kind, name, data)
    assert response.status_code == 200
    text = _text(response)
    assert "Filen kan ikke indlæses" in text and expected in text, text[:600]
    assert response.get_json()["response"][f"{kind}-confirm"]["disabled"] is True
    assert "tryghed-upload-" not in text  # the temporary folder is never named
    assert dump(loaded_db) == before


def test_a_budget_sheet_previews_its_changed_cells_and_loads(admin, loaded_db):
    sheet = (
        "Indsatsområde;Aktivitet;2017;2018;2019;2020\n"
        "2;Bylivspuljen;233.000;150.000;?;?\n"
        "-;Mødefacilitering;2.000;?;?;?\n"
    ).encode()
    before = dump(loaded_db)
    response = _preview(admin, "budget", "budget.csv", sheet)
    text = _text(response)
    assert "Bylivspuljen" in text and "ikke besluttet" in text and "150.000 kr." in text
    assert dump(loaded_db) == before
    checked = response.get_json()["response"]["budget-checked"]["data"]
    assert "indlæst" in _text(_confirm(admin, "budget", "budget.csv", sheet, checked))
    with session_scope(loaded_db) as session:
        log = session.scalars(select(LoadLog).order_by(LoadLog.id.desc())).first()
        assert (log.kind, log.loaded_by, log.outcome) == ("budget", "sekretariat", "loaded")


def test_the_load_log_shows_cli_and_browser_loads(admin, loaded_db):
    response = admin.post(
        "/_dash-update-component",
        json={
            "output": "admin-log.children",
            "outputs": {"id": "admin-log", "property": "children"},
            "inputs": [{"id": "admin-indlaest", "property": "data", "value": 1}],
            "changedPropIds": ["admin-indlaest.data"],
            "state": [{"id": "partnerskab", "property": "data", "value": AMAGER}],
        },
    )
    text = _text(response)
    # init's loads: the bundled plan and figures, by "tryghed init", with their hashes.
    assert "tryghedsplan-amager-partnerskab-2017.txt" in text and "tryghed init" in text
    with session_scope(loaded_db) as session:
        sha = session.scalars(select(LoadLog.sha256).where(LoadLog.kind == "plan")).first()
    assert sha[:12] in text


@pytest.mark.browser
def test_an_admin_uploads_next_years_plan_in_chromium(loaded_db, live_app, tmp_path):
    add_user(loaded_db, "sekretariat", "admin")
    join(loaded_db, "sekretariat")
    path = tmp_path / "tryghedsplan-amager-partnerskab-2018.txt"
    path.write_text(next_year_plan(), encoding="utf-8")
    with browser_page() as page:
        log_in(page, live_app, "sekretariat", PASSWORD)
        page.goto(live_app + "/admin")
        page.wait_for_url(f"**{ADMIN_PAGE}")
        page.wait_for_selector("#plan-upload")
        assert "Filen må højst fylde 10 MB" in page.inner_text("#indhold")
        page.set_input_files("#plan-upload input[type=file]", str(path))
        preview = page.locator("#plan-preview")
        preview.locator(f"text={NEW_ACTIVITY}").first.wait_for()
        text = preview.inner_text()
        assert "Ung i Job" in text and "50.000 kr." in text and "75.000 kr." in text
        before = dump(loaded_db)
        assert page.locator("#plan-confirm").is_enabled()
        assert dump(loaded_db) == before
        page.click("#plan-confirm")
        page.wait_for_selector("#plan-result:has-text('er indlæst')")
        page.locator("#admin-log", has_text="sekretariat").wait_for()
        assert "tryghedsplan-amager-partnerskab-2018.txt" in page.inner_text("#admin-log")
        # The new revision in Økonomi's plan comparison: the previous plan against it.
        page.goto(live_app + f"/p/{AMAGER}/okonomi")
        page.locator("#okonomi-sammenligning", has_text="Ung i Job").wait_for()
        comparison = page.inner_text("#okonomi-sammenligning")
        assert "50.000 kr." in comparison and "75.000 kr." in comparison
        assert NEW_ACTIVITY in comparison
        assert page.console_errors == []
    # What `tryghed export plan` prints: the newest plan's export.
    with session_scope(loaded_db) as session:
        partnership = partnership_by_slug(session, AMAGER)
        exported = plan_snapshot(session, latest_plan(session, partnership.id).id).to_export()
    assert exported["plan_year"] == 2018
    assert NEW_ACTIVITY in [a["name"] for a in exported["activities"]]
    cells = {(c["activity"], c["year"]): c["amount"] for c in exported["budget"]}
    assert cells[("Ung i Job", 2018)] == 75_000


def test_a_non_admin_gets_no_admin_page(loaded_db):
    app = create_app(Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False))
    for role in ("styregruppe", "arbejdsgruppe"):
        add_user(loaded_db, f"ikke-{role}", role, "3B" if role == "arbejdsgruppe" else None)
        join(loaded_db, f"ikke-{role}")
        client = app.server.test_client()
        login(client, f"ikke-{role}")
        assert client.get(ADMIN_PAGE).status_code == 404
        assert client.get(f"/p/{AMAGER}/okonomi").status_code == 200
        before = dump(loaded_db)
        response = _preview(client, "plan", "plan-2018.txt", next_year_plan().encode())
        assert response.status_code == 204
        assert dump(loaded_db) == before


def test_figures_for_another_partnerships_own_area_are_refused(loaded_db):
    """Indicator figures are shared, but those of a partnership's own area are its own: an
    admin of tingbjerg-husum cannot load figures for Urbanplanen (inside Amager's area), in
    the preview or by sending "Indlæs" with a made-up check; a shared area still loads."""
    load_second_partnership(loaded_db)
    add_user(loaded_db, "anden-admin", "admin", partnerships=(SECOND,))
    client = create_app(
        Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False)
    ).server.test_client()
    login(client, "anden-admin")
    before = dump(loaded_db)
    header = "indikator,område,år,værdi,enhed,kilde,note\n"
    foreign = (header + "utrygge_i_nabolaget,Urbanplanen,2018,98,pct,https://x.example,\n").encode()
    preview = _preview(client, "indikator", "tal.csv", foreign, slug=SECOND)
    text = _text(preview)
    assert "tal.csv, row 2: området »Urbanplanen« er Amager Partnerskabs eget område" in text
    assert preview.get_json()["response"]["indikator-confirm"]["disabled"] is True
    assert dump(loaded_db) == before
    forged = {"sha": hashlib.sha256(foreign).hexdigest(), "base": None}
    text = _text(_confirm(client, "indikator", "tal.csv", foreign, forged, slug=SECOND))
    assert "Intet er skrevet" in text and "Amager Partnerskabs eget område" in text
    # Only the refused load is logged.
    assert dump(loaded_db, skip=("load_log",)) == {
        k: v for k, v in before.items() if k != "load_log"
    }
    shared = (header + "utrygge_i_nabolaget,København,2018,21,pct,https://x.example,\n").encode()
    checked = _preview(client, "indikator", "kbh.csv", shared, slug=SECOND).get_json()
    checked = checked["response"]["indikator-checked"]["data"]
    loaded = _text(_confirm(client, "indikator", "kbh.csv", shared, checked, slug=SECOND))
    assert "kbh.csv er indlæst" in loaded


def test_an_admins_upload_may_exceed_the_request_limit_and_no_one_elses(admin, loaded_db):
    padded = next_year_plan() + "\nBilag.\n" + ("Ekstra tekst i bilaget. " * 40 + "\n") * 2500
    data = padded.encode()
    assert 2 * 1024 * 1024 < len(data) < 10 * 1024 * 1024
    assert _preview(admin, "plan", "stor-plan.txt", data).status_code == 200
    huge = b"x" * (10 * 1024 * 1024 + 10)
    text = _text(_preview(admin, "plan", "kæmpe.txt", huge))
    assert "kæmpe.txt: the file is larger than the limit of 10,485,760 bytes" in text
    app = create_app(Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False))
    add_user(loaded_db, "styre", "styregruppe")
    join(loaded_db, "styre")
    other = app.server.test_client()
    login(other, "styre")
    assert _preview(other, "plan", "stor-plan.txt", data).status_code == 413


def test_the_navbar_links_administration_for_admins_only(admin, loaded_db):
    page = router_payload(f"/p/{AMAGER}/okonomi")
    navbar = admin.post("/_dash-update-component", json=page).get_json()["response"]
    assert f"/p/{AMAGER}/admin" in json.dumps(navbar["sidehoved"])
    add_user(loaded_db, "arbejder", "arbejdsgruppe", "3B")
    join(loaded_db, "arbejder")
    worker = _app_client(loaded_db, "arbejder")
    navbar = worker.post("/_dash-update-component", json=page).get_json()["response"]
    assert "Administration" not in json.dumps(navbar["sidehoved"], ensure_ascii=False)


def _app_client(url, username):
    app = create_app(Config(database_url=url, secret_key="s" * 40, auto_init=False))
    client = app.server.test_client()
    login(client, username)
    return client
