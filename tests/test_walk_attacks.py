"""The safety walks as an attacker tries them: forged callback values over HTTP (digits that
are not ASCII, ids and counts too large for any column, numbers beyond a float) are refused
with a Danish message or ignored, never a 500, and write nothing; hostile place text stays
text on the public page, in its map and in the open-data CSV."""

from __future__ import annotations

import base64
import csv
import io
import json
from datetime import date

import pytest
from dash._utils import split_callback_id
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.auth import SessionUser
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model import User
from dashboard.services.walks import record_follow_up
from tests.accounts import add_user, login
from tests.conftest import dump
from tests.partnerships import AMAGER, SECOND, amager_id, load_second_partnership
from tests.public_helpers import public_client
from tests.walk_helpers import INSIDE, action, finding, walk, walk_people

# Digits Python's str.isdigit() takes but int() does not ("²"), or that no id column holds.
NOT_AN_ID = ("²", "9" * 5000, str(2**63), "99999999999")
NOT_AN_ID_NAMES = ("superscript", "5000-digits", "2-to-the-63", "over-int4")


def world_admin(session):
    """The secretariat user ``walk_people`` made, as the services take a user."""
    user = session.scalars(select(User).where(User.username == "vandreadmin")).one()
    return SessionUser(user.id, user.username, user.role, user.party_id)


@pytest.fixture
def world(loaded_db):
    people = walk_people(loaded_db)
    with session_scope(loaded_db) as session:
        walk_id = walk(session, people["arbejder"])
        finding_id = finding(session, people["arbejder"], walk_id)
        action_id = action(session, people["arbejder"], finding_id).id
    app = create_app(Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False))
    client = app.server.test_client()
    login(client, "vandrer3b")
    return client, {"walk": walk_id, "finding": finding_id, "action": action_id}


def call(client, output: str, values: dict, slug: str = AMAGER):
    """POST the callback whose output names ``output``, its inputs and states from
    ``values`` by component id (the others None), in partnership ``slug``."""
    (dep,) = [d for d in client.get("/_dash-dependencies").get_json() if output in d["output"]]
    outputs = split_callback_id(dep["output"])
    outputs = [{"id": o["id"], "property": o["property"].split("@")[0]} for o in outputs]

    def value(item):
        return slug if item["id"] == "partnerskab" else values.get(item["id"])

    return client.post(
        "/_dash-update-component",
        json={
            "output": dep["output"],
            "outputs": outputs,
            "inputs": [{**i, "value": value(i)} for i in dep["inputs"]],
            "state": [{**s, "value": value(s)} for s in dep["state"]],
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in dep["inputs"]],
        },
    )


def _message(response, element: str) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"][element]["children"]


def _walk(**fields) -> dict:
    return {
        "tv-vandring-gem": 1,
        "tv-vandring-dato": "2017-05-01",
        "tv-vandring-rute": "Rundt om Hørgården",
        "tv-vandring-residents": 3,
        **fields,
    }


def _finding(walk_id, **fields) -> dict:
    return {
        "tv-fund-gem": 1,
        "tv-fund-vandring": str(walk_id),
        "tv-fund-lon": str(INSIDE[1][0]),
        "tv-fund-lat": str(INSIDE[1][1]),
        "tv-fund-sted": "Legepladsen",
        "tv-fund-kategori": "lys",
        "tv-fund-beskrivelse": "Mørkt",
        **fields,
    }


@pytest.mark.parametrize("count", ["²", "٣", "9" * 5000], ids=["superscript", "arabic", "5000"])
def test_a_count_in_other_digits_or_of_thousands_of_digits_is_refused(world, loaded_db, count):
    client, _ = world
    before = dump(loaded_db)
    answer = _message(
        call(client, "tv-vandring-besked", _walk(**{"tv-vandring-staff": count})),
        "tv-vandring-besked",
    )
    assert "personale" in answer and "helt tal" in answer or "for mange" in answer
    assert dump(loaded_db) == before


@pytest.mark.parametrize("count", [1e300, 10**400, 10**7], ids=["1e300", "10**400", "10**7"])
def test_an_absurd_count_is_refused_without_repeating_it(world, loaded_db, count):
    client, _ = world
    before = dump(loaded_db)
    answer = _message(
        call(client, "tv-vandring-besked", _walk(**{"tv-vandring-police": count})),
        "tv-vandring-besked",
    )
    assert "for mange" in answer and "højst 200" in answer
    assert len(answer) < 200
    assert dump(loaded_db) == before


@pytest.mark.parametrize("walk_id", NOT_AN_ID, ids=NOT_AN_ID_NAMES)
def test_a_walk_id_no_walk_can_have_is_an_unknown_walk(world, loaded_db, walk_id):
    client, _ = world
    before = dump(loaded_db)
    answer = _message(call(client, "tv-fund-besked", _finding(walk_id)), "tv-fund-besked")
    assert answer == "Vandringen findes ikke."
    assert dump(loaded_db) == before


@pytest.mark.parametrize("lon", [10**400, "1e400", "-inf"], ids=["10**400", "1e400", "-inf"])
def test_a_coordinate_beyond_a_float_is_refused(world, loaded_db, lon):
    client, ids = world
    before = dump(loaded_db)
    answer = _message(
        call(client, "tv-fund-besked", _finding(ids["walk"], **{"tv-fund-lon": lon})),
        "tv-fund-besked",
    )
    assert "længde- og breddegrad som tal" in answer
    assert dump(loaded_db) == before


@pytest.mark.parametrize("action_id", NOT_AN_ID, ids=NOT_AN_ID_NAMES)
def test_an_action_id_no_action_can_have_is_an_unknown_action(world, loaded_db, action_id):
    client, _ = world
    before = dump(loaded_db)
    values = {
        "tv-status-gem": 1,
        "tv-status-handling": action_id,
        "tv-status-status": "i_gang",
        "tv-handling-versioner": {action_id: 1},
    }
    answer = _message(call(client, "tv-status-besked", values), "tv-status-besked")
    assert answer == "Handlingen findes ikke."
    assert dump(loaded_db) == before


@pytest.mark.parametrize("party", NOT_AN_ID, ids=NOT_AN_ID_NAMES)
def test_the_filter_by_a_party_id_no_party_can_have_shows_every_finding(world, party):
    client, _ = world
    response = call(client, "tv-kort.children", {"tv-filter-aktoer": party})
    assert response.status_code == 200
    assert "Stien bag Hørgården" in json.dumps(response.get_json(), ensure_ascii=False)


HOSTILE_PLACE = '=HYPERLINK("http://x.example","a")"><script>alert(1)</script>'


def test_hostile_place_text_stays_text_on_the_public_page_the_map_and_in_the_csv(loaded_db):
    people = walk_people(loaded_db)
    with session_scope(loaded_db) as session:
        walk_id = walk(session, people["arbejder"])
        found = finding(session, people["arbejder"], walk_id, place=HOSTILE_PLACE)
        later = walk(session, people["arbejder"], walked_on=date(2017, 9, 1))
        record_follow_up(
            session,
            people["arbejder"],
            partnership_id=amager_id(session),
            walk_id=later,
            finding_id=found,
            fixed=True,
        )
    client = public_client(loaded_db)
    page = client.get(f"/p/{AMAGER}/").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    uri = page.split('id="tryghedsvandringer-kort" class="area-map" src="', 1)[1].split('"')[0]
    assert "script" not in base64.b64decode(uri.split(",", 1)[1]).decode()
    text = client.get("/data/tryghedsvandringer.csv").get_data(as_text=True)
    (row,) = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    assert row["place"] == "'" + HOSTILE_PLACE  # Excel shows it, does not run it
    assert client.get("/data/tryghedsvandringer.json").get_json()["rows"][0]["place"] == (
        HOSTILE_PLACE
    )


def test_the_ids_of_another_partnerships_walk_finding_and_action_are_unknown(world, loaded_db):
    """The secretariat of the second partnership, in its own partnership's page, names
    Amager's walk, finding and action: each is refused as unknown, nothing written."""
    _, ids = world
    second = load_second_partnership(loaded_db)
    add_user(loaded_db, "fremmed-admin", "admin", partnerships=(SECOND,))
    foreign = create_app(
        Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False)
    ).server.test_client()
    login(foreign, "fremmed-admin")
    with session_scope(loaded_db) as session:
        own_walk = walk(session, world_admin(session), date(2017, 9, 1), partnership_id=second)
    before = dump(loaded_db)
    calls = {
        "tv-fund-besked": (_finding(ids["walk"]), "Vandringen findes ikke."),
        "tv-handling-besked": (
            {
                "tv-handling-gem": 1,
                "tv-handling-fund": str(ids["finding"]),
                "tv-handling-hvad": "Flyt lamperne",
                "tv-handling-aktoer": "1",
                "tv-handling-frist": "2017-10-01",
            },
            "Fundet findes ikke.",
        ),
        "tv-status-besked": (
            {
                "tv-status-gem": 1,
                "tv-status-handling": str(ids["action"]),
                "tv-status-status": "udbedret",
                "tv-handling-versioner": {str(ids["action"]): 1},
            },
            "Handlingen findes ikke.",
        ),
        "tv-opfoelg-besked": (
            {
                "tv-opfoelg-gem": 1,
                "tv-opfoelg-vandring": str(own_walk),
                "tv-opfoelg-fund": str(ids["finding"]),
                "tv-opfoelg-udbedret": "ja",
            },
            "Fundet findes ikke.",
        ),
    }
    for element, (values, refusal) in calls.items():
        assert _message(call(foreign, element, values, slug=SECOND), element) == refusal
    assert dump(loaded_db) == before


def _choices(client) -> dict:
    """The forms' choices as the page has them when the user opens it."""
    response = call(client, "tv-fund-vandring.options", {"tv-opdateret": 0})
    return response.get_json()["response"]


def test_an_action_or_follow_up_on_a_stale_view_of_the_action_is_refused(world, loaded_db):
    """3B opens the page; the secretariat then changes the finding's action. 3B's change of
    the action and a follow-up that would move it are refused as stale, nothing written."""
    client, ids = world
    seen = _choices(client)["tv-fund-versioner"]["data"]
    with session_scope(loaded_db) as session:
        action(session, world_admin(session), ids["finding"], what="Sæt fire nye lamper op")
        later = walk(session, world_admin(session), date(2017, 9, 1))
    before = dump(loaded_db)
    change = {
        "tv-handling-gem": 1,
        "tv-handling-fund": str(ids["finding"]),
        "tv-handling-hvad": "Udskift lamperne og beskær hækken",
        "tv-handling-aktoer": "1",
        "tv-handling-frist": "2017-10-01",
        "tv-fund-versioner": seen,
    }
    follow_up = {
        "tv-opfoelg-gem": 1,
        "tv-opfoelg-vandring": str(later),
        "tv-opfoelg-fund": str(ids["finding"]),
        "tv-opfoelg-udbedret": "ja",
        "tv-fund-versioner": seen,
    }
    for element, values in (("tv-handling-besked", change), ("tv-opfoelg-besked", follow_up)):
        assert "ændret af en anden" in _message(call(client, element, values), element)
    assert dump(loaded_db) == before
    # A finding without an action when the page was opened: an action made since is news.
    with session_scope(loaded_db) as session:
        fresh = finding(session, world_admin(session), ids["walk"], point=INSIDE[2])
    seen = _choices(client)["tv-fund-versioner"]["data"]
    with session_scope(loaded_db) as session:
        action(session, world_admin(session), fresh)
    before = dump(loaded_db)
    change.update({"tv-handling-fund": str(fresh), "tv-fund-versioner": seen})
    assert "ændret af en anden" in _message(
        call(client, "tv-handling-besked", change), "tv-handling-besked"
    )
    assert dump(loaded_db) == before


def test_a_nul_character_is_refused_before_it_reaches_the_database(world, loaded_db):
    """PostgreSQL cannot store or even compare a text with NUL in it (a 500 there): a forged
    walk's route, a partnership's page or open data and a login name with one are
    refused with 400, nothing written."""
    client, _ = world
    before = dump(loaded_db)
    route = call(client, "tv-vandring-besked", _walk(**{"tv-vandring-rute": "Stien\x00"}))
    assert route.status_code == 400
    assert client.get("/p/a%00b/tryghedsvandringer").status_code == 400
    assert dump(loaded_db) == before
    anonymous = public_client(loaded_db)
    assert anonymous.get("/data/tryghedsvandringer.json?partnerskab=a%00b").status_code == 400
    assert anonymous.get("/p/a%00b/").status_code == 400
    login_with_nul = anonymous.post("/auth/login", data={"username": "x\x00", "password": "y"})
    assert login_with_nul.status_code == 400
