"""Internal pages belong to a partnership: ``/p/<slug>/…`` answers its members only, the old
unprefixed URLs lead to the user's partnership, and a callback acts in the partnership its
page sent, checked on the server against the user's memberships."""

from __future__ import annotations

import json

import pytest

from dashboard.app import DASH_PAGES, create_app
from dashboard.config import Config
from tests.accounts import add_user, login, router_payload
from tests.partnerships import SECOND, load_second_partnership

AMAGER = "amager-partnerskab"


@pytest.fixture
def app(loaded_db):
    load_second_partnership(loaded_db)
    for username, role, slug in (
        ("amager-styre", "styregruppe", AMAGER),
        ("amager-arbejder", "arbejdsgruppe", AMAGER),
        ("anden-admin", "admin", SECOND),
    ):
        party = "3B" if role == "arbejdsgruppe" else None
        add_user(loaded_db, username, role, party, partnerships=(slug,))
    return create_app(Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False))


def _client(app, username: str):
    client = app.server.test_client()
    assert login(client, username).status_code == 303
    return client


def test_a_partnerships_pages_answer_its_members_and_no_one_else(app):
    amager = _client(app, "amager-styre")
    other = _client(app, "anden-admin")
    for page in DASH_PAGES:
        if page.public:
            continue
        # A page for other roles (Administration) is not found for a styregruppe member.
        assert amager.get(page.url(AMAGER)).status_code == (
            200 if "styregruppe" in page.roles else 404
        )
        assert amager.get(page.url(SECOND)).status_code == 404
        assert other.get(page.url(SECOND)).status_code == 200
        assert other.get(page.url(AMAGER)).status_code == 404
    # A partnership that does not exist looks the same as one the user is not in.
    missing = amager.get("/p/findes-ikke/okonomi")
    assert missing.status_code == 404
    # ... and is said in Danish, not Flask's "Not Found" (the whole app's 404).
    assert "<h1>Siden findes ikke</h1>" in missing.get_data(as_text=True)
    assert "Not Found" not in amager.get(f"/p/{AMAGER}/admin").get_data(as_text=True)
    anonymous = app.server.test_client()
    response = anonymous.get(f"/p/{AMAGER}/leverancer")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/p/amager-partnerskab/leverancer")


def test_the_old_urls_lead_to_the_users_partnership(app):
    amager = _client(app, "amager-styre")
    other = _client(app, "anden-admin")
    for page in DASH_PAGES:
        if page.public:
            continue
        assert amager.get(page.path).headers["Location"] == page.url(AMAGER)
        assert other.get(page.path).headers["Location"] == page.url(SECOND)
    assert amager.get("/leverancer?x=1").headers["Location"] == f"/p/{AMAGER}/leverancer?x=1"


def test_a_global_admin_with_several_partnerships_chooses_on_the_front_page(app, loaded_db):
    add_user(loaded_db, "sekretariat", "admin", all_partnerships=True)
    admin = _client(app, "sekretariat")
    assert admin.get("/okonomi").headers["Location"] == "/"
    assert admin.get(f"/p/{AMAGER}/okonomi").status_code == 200
    assert admin.get(f"/p/{SECOND}/okonomi").status_code == 200


def _text(response) -> str:
    return json.dumps(response.get_json(), ensure_ascii=False) if response.get_data() else ""


def test_the_router_shows_another_partnerships_page_to_no_one(app):
    amager = _client(app, "amager-styre")
    own = amager.post("/_dash-update-component", json=router_payload(f"/p/{AMAGER}/okonomi"))
    assert "Amager Partnerskab" in _text(own)
    assert '"partnerskab"' in _text(own) and AMAGER in _text(own)
    foreign = amager.post("/_dash-update-component", json=router_payload(f"/p/{SECOND}/okonomi"))
    assert "Siden findes ikke" in _text(foreign)
    assert "Planversion" not in _text(foreign)


def _history_payload(slug: str | None, deliverable_id: int) -> dict:
    return {
        "output": "lev-historik.children",
        "outputs": {"id": "lev-historik", "property": "children"},
        "inputs": [
            {"id": "lev-valgt", "property": "value", "value": str(deliverable_id)},
            {"id": "lev-opdateret", "property": "data", "value": 0},
        ],
        "changedPropIds": ["lev-valgt.value"],
        "state": [{"id": "partnerskab", "property": "data", "value": slug}],
    }


def test_a_callback_acts_only_in_a_partnership_of_the_user(app):
    amager = _client(app, "amager-styre")
    assert (
        amager.post("/_dash-update-component", json=_history_payload(AMAGER, 1)).status_code == 200
    )
    for slug in (SECOND, "findes-ikke", None, ["amager-partnerskab"]):
        refused = amager.post("/_dash-update-component", json=_history_payload(slug, 1))
        assert refused.status_code == 204, slug
