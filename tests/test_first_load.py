"""A first load gets its page with the layout (the browser's Referer names the page), checked
by the same rule as the router: only a caller who may see the page gets it; the router's
first call then changes nothing, and navigation inside the app is still the router's."""

from __future__ import annotations

import json

import pytest

from dashboard.app import create_app
from dashboard.config import Config
from tests.accounts import add_user, login, router_payload
from tests.browser import browser_page, log_in
from tests.partnerships import SECOND, load_second_partnership

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
