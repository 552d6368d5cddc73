"""A first load gets its page with the layout (the browser's Referer names the page), checked
by the same rule as the router: only a caller who may see the page gets it; the router's
first call then changes nothing, and navigation inside the app is still the router's."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard.app import create_app
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.pages.tryghed.trend_chart import DEFAULT_INDICATOR
from dashboard.queries.bylivspulje import pool_years
from dashboard.queries.meetings import meeting
from dashboard.services.indicator_notes import save_indicator_note
from dashboard.services.meetings import add_meeting_note
from dashboard.services.timeline import add_event
from tests.accounts import add_user, login, router_payload
from tests.browser import browser_page, log_in
from tests.partnerships import SECOND, amager_id, load_second_partnership
from tests.pool_helpers import apply, new_committee_meeting, package, pool_user
from tests.walk_helpers import finding, walk, walk_people

PLAN = "/p/amager-partnerskab/plan"
PLAN_TEXT = "Ung i Job (14-18 år)"


@pytest.fixture
def app(loaded_db):
    add_user(loaded_db, "udvalg", "styregruppe")
    return create_app(Config(database_url=loaded_db, secret_key="s" * 32, auto_init=False))


def _text(response) -> str:
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)  # æøå as they are


def _layout(client, referrer: str | None) -> str:
    headers = {"Referer": referrer} if referrer else {}
    return _text(client.get("/_dash-layout", headers=headers))


def _first_router_call(client, path: str):
    """The router's call as the renderer makes it right after the layout: nothing changed."""
    return client.post(
        "/_dash-update-component",
        json={**router_payload(path), "changedPropIds": []},
        headers={"Referer": f"http://localhost{path}"},
    )


def test_a_members_first_load_has_the_page_in_its_layout_and_the_router_adds_nothing(app):
    client = app.server.test_client()
    login(client, "udvalg")
    layout = _layout(client, f"http://localhost{PLAN}")
    assert PLAN_TEXT in layout
    assert "Planen · Amager Partnerskab · Tryghedsdashboard" in layout  # the tab's title
    assert _first_router_call(client, PLAN).get_json()["response"] == {}  # it is there
    # Navigation inside the app (the pathname changed) is rendered by the router.
    moved = client.post("/_dash-update-component", json=router_payload(PLAN))
    assert PLAN_TEXT in _text(moved)


def test_without_a_referrer_or_from_elsewhere_the_router_renders_the_page(app):
    client = app.server.test_client()
    login(client, "udvalg")
    for referrer in (None, f"http://elsewhere.example{PLAN}"):
        assert PLAN_TEXT not in _layout(client, referrer)
    answer = client.post("/_dash-update-component", json=router_payload(PLAN))
    assert PLAN_TEXT in _text(answer)


def test_who_may_not_see_the_page_gets_an_empty_frame(app, loaded_db):
    anonymous = app.server.test_client()
    assert PLAN_TEXT not in _layout(anonymous, f"http://localhost{PLAN}")
    assert "Amager Partnerskab" not in _layout(anonymous, f"http://localhost{PLAN}")
    load_second_partnership(loaded_db)
    add_user(loaded_db, "fremmed", "admin", partnerships=(SECOND,))
    foreign = app.server.test_client()
    login(foreign, "fremmed")
    assert PLAN_TEXT not in _layout(foreign, f"http://localhost{PLAN}")
    assert "Siden findes ikke" in _text(_first_router_call(foreign, PLAN))


@pytest.mark.parametrize(
    "referrer",
    ["http://[::1/p/amager-partnerskab/plan", "http://localhost:99999/p/amager-partnerskab/plan"],
    ids=["unclosed-ipv6-host", "port-out-of-range"],
)
def test_a_referrer_that_is_no_url_gets_the_empty_frame_not_an_error(app, referrer):
    client = app.server.test_client()
    login(client, "udvalg")
    assert PLAN_TEXT not in _layout(client, referrer)
    answer = client.post(
        "/_dash-update-component", json=router_payload(PLAN), headers={"Referer": referrer}
    )
    assert PLAN_TEXT in _text(answer)


@pytest.mark.parametrize(
    "path",
    [
        PLAN,
        "//p/amager-partnerskab/plan",
        f"{PLAN}/",
        "/p/amager-partnerskab%2Fplan",
        "/plan",
        "/p/AMAGER-PARTNERSKAB/plan",
        "/p/tingbjerg-husum/../amager-partnerskab/plan",
    ],
)
def test_no_spelling_of_a_pages_path_renders_it_for_who_may_not_see_it(app, loaded_db, path):
    load_second_partnership(loaded_db)
    add_user(loaded_db, "fremmed", "admin", partnerships=(SECOND,))
    foreign = app.server.test_client()
    login(foreign, "fremmed")
    for client in (app.server.test_client(), foreign):
        for host in ("localhost", "localhost:80", "u@localhost"):
            layout = _layout(client, f"http://{host}{path}?x=1")
            assert PLAN_TEXT not in layout and "Amager Partnerskab" not in layout


def test_bylivspuljen_comes_with_its_money_applications_and_filled_forms(app, loaded_db):
    """Drawn as the callbacks would draw it, so a first load waits for none of them and
    nothing typed before they would have answered is overwritten."""
    admin = pool_user(loaded_db, "puljeadmin", "admin")  # every form: works and decides
    with session_scope(loaded_db) as session:
        year = max(pool_years(session, amager_id(session)))  # the page's year, no pool later
        lights = apply(session, admin, year=year)
        apply(session, admin, title="Beskæring ved legepladsen", amount="25.000", year=year)
        package(session, admin, [lights])
    client = app.server.test_client()
    login(client, "puljeadmin")
    layout = _layout(client, "http://localhost/p/amager-partnerskab/bylivspuljen")
    assert '"byl-ramme"' in layout and '"byl-tilbage"' in layout  # the year's money
    assert "Beskæring ved legepladsen" in layout  # the applications, and a choice to recommend
    assert "Bevilget til »Lys i stien« (ansøgt 40.000 kr.)" in layout  # the waiting package
    assert '"disabled": true' in layout  # a decision at the meeting: dated the meeting's day


def test_tryghedsvandringer_comes_with_its_findings_and_the_forms_choices(app, loaded_db):
    people = walk_people(loaded_db)
    with session_scope(loaded_db) as session:
        finding(session, people["arbejder"], walk(session, people["arbejder"]))
    client = app.server.test_client()
    login(client, "vandrer3b")
    layout = _layout(client, "http://localhost/p/amager-partnerskab/tryghedsvandringer")
    assert "Fund fra tryghedsvandringerne" in layout and "Stien bag Hørgården" in layout
    assert "20. april 2017: Fra Hørgården ad stien til Remisevænget" in layout  # a choice


def test_the_page_says_it_is_loading_in_danish(app):
    html = app.server.test_client().get("/login").get_data(as_text=True)
    assert "Indlæser …" in html and "Loading..." not in html


@pytest.mark.browser
def test_in_the_browser_the_first_page_and_the_way_back_to_it_show_their_content(
    live_app, make_user
):
    username, password = make_user("styregruppe")
    with browser_page() as page:
        log_in(page, live_app, username, password)
        routed = []  # the router's answers, in order

        def note_router(response):
            if "_dash-update-component" in response.url and '"indhold"' in (
                response.request.post_data or ""
            ):
                routed.append(response.json()["response"])

        page.on("response", note_router)
        page.goto(live_app + PLAN)
        page.wait_for_selector(f"text={PLAN_TEXT}")
        page.wait_for_function("() => document.title.startsWith('Planen · ')")
        page.wait_for_load_state("networkidle")
        assert routed == [{}]  # the first load's page came with the layout
        page.get_by_role("link", name="Møde").click()  # inside the app: the router's
        page.wait_for_function("() => document.title.startsWith('Møde · ')")
        assert page.inner_text("#indhold h1") == "Møde"
        page.go_back()
        page.wait_for_function("() => document.title.startsWith('Planen · ')")
        assert "Tryghedsplan for Amager Partnerskab 2017" in page.inner_text("#indhold h1")
        assert len(routed) == 3 and routed[-1]["indhold"]
        assert page.console_errors == []


def _component(tree, component_id: str) -> dict | None:
    """The props of the component with ``component_id`` in a layout as JSON."""
    if isinstance(tree, list):
        found = (_component(child, component_id) for child in tree)
        return next((props for props in found if props is not None), None)
    if not isinstance(tree, dict):
        return None
    props = tree.get("props", {})
    if props.get("id") == component_id:
        return props
    return _component(props.get("children"), component_id)


def _drawn(client, path: str) -> dict:
    response = client.get("/_dash-layout", headers={"Referer": f"http://localhost{path}"})
    assert response.status_code == 200
    return response.get_json()


def _texts(props) -> str:
    return json.dumps(props, ensure_ascii=False)


def test_tryghed_comes_with_its_note_and_events_filled_in(app, loaded_db):
    editor = pool_user(loaded_db, "gruppe", "arbejdsgruppe")
    with session_scope(loaded_db) as session:
        partnership = amager_id(session)
        save_indicator_note(session, editor, DEFAULT_INDICATOR, partnership, 0, "Mørke stier")
        event = add_event(session, editor, partnership, date(2018, 7, 1), "Ny belysning").id
    client = app.server.test_client()
    login(client, "gruppe")
    layout = _drawn(client, "/p/amager-partnerskab/tryghed")
    assert "Mørke stier" in _texts(_component(layout, "tryghed-note"))
    assert "gruppe" in _texts(_component(layout, "tryghed-note-historik"))
    assert _component(layout, "tryghed-note-tekst")["value"] == "Mørke stier"
    assert _component(layout, "tryghed-note-version")["data"] == 1
    assert "Ny belysning" in _texts(_component(layout, "tryghed-begivenheder"))
    choice = _component(layout, "tryghed-begivenhed-valg")
    assert choice["value"] == str(event) and "Ny belysning" in choice["options"][0]["label"]


def test_moede_comes_with_its_notes_pool_and_meeting_form_filled(app, loaded_db):
    worker = pool_user(loaded_db, "pia", "arbejdsgruppe")
    admin = pool_user(loaded_db, "sekretariat", "admin")
    with session_scope(loaded_db) as session:
        rec = package(session, worker, [apply(session, worker, "Lys i stien", "40.000")])
        # The latest meeting, so the one the page shows first (none is planned ahead).
        chosen = new_committee_meeting(session, admin, date(2017, 4, 6), "Styregruppemøde april")
        add_meeting_note(session, admin, chosen, "Husk stien", partnership_id=amager_id(session))
        version = meeting(session, chosen).version
    client = app.server.test_client()
    login(client, "sekretariat")
    layout = _drawn(client, "/p/amager-partnerskab/moede")
    assert _component(layout, "moede-valg")["value"] == str(chosen)
    assert "Husk stien" in _texts(_component(layout, "moede-noter"))
    assert "Pakke 1 (2017)" in _texts(_component(layout, "moede-pulje-liste"))
    assert _component(layout, "moede-pulje-indstilling")["value"] == str(rec)
    assert _component(layout, "moede-pulje-formular")["hidden"] is False
    assert "moede-pulje-bevilling" in _texts(_component(layout, "moede-pulje-beloeb"))
    assert _component(layout, "moede-pulje-version")["data"] is not None
    assert _component(layout, "moede-titel")["value"] == "Styregruppemøde april"
    assert _component(layout, "moede-dato")["value"] == "06.04.2017"
    assert _component(layout, "moede-organ")["value"] == "styregruppe"
    assert _component(layout, "moede-version")["data"] == version
