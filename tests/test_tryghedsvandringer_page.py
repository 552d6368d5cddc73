"""/tryghedsvandringer over HTTP: the page in the routing table (old URL redirected, in the
navbar), forms only for the working group, and the map and the table showing every finding
with its status in words (the map's shapes are read in the SVG itself), filtered."""

from __future__ import annotations

import base64
import json
from datetime import date
from xml.dom.minidom import parseString

import pytest

from dashboard.app import create_app
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.services.walks import record_follow_up
from tests.accounts import add_user, login, router_payload
from tests.partnerships import AMAGER, amager_id
from tests.walk_helpers import INSIDE, action, finding, move, walk, walk_people

PAGE = f"/p/{AMAGER}/tryghedsvandringer"


@pytest.fixture
def app(loaded_db):
    return create_app(Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False))


def _three_findings(url) -> None:
    """A walk with three findings: one with an action in progress, one fixed on a later walk,
    one with no action yet."""
    people = walk_people(url)
    worker = people["arbejder"]
    with session_scope(url) as session:
        pid = amager_id(session)
        first = walk(session, worker)
        dark = finding(session, worker, first, INSIDE[0], "lys", place="Stien bag Hørgården")
        bush = finding(session, worker, first, INSIDE[1], "beplantning", place="Legepladsen")
        finding(session, worker, first, INSIDE[2], "affald", place="Containerpladsen")
        action(session, worker, dark, what="Nye lamper")
        action(session, worker, bush, party="SOF", what="Beskær buskene")
        later = walk(session, worker, walked_on=date(2017, 9, 1))
        record_follow_up(
            session, worker, partnership_id=pid, walk_id=later, finding_id=bush, fixed=True
        )


def _show(client, **filters) -> dict:
    values = {"kategori": "alle", "status": "alle", "aktoer": "alle", **filters}
    payload = {
        "output": "..tv-kort.children...tv-fund-tabel.children...tv-vandringer.children..."
        "tv-historik.children...tv-filter-aktoer.options..",
        "outputs": [
            *(
                {"id": i, "property": "children"}
                for i in ("tv-kort", "tv-fund-tabel", "tv-vandringer", "tv-historik")
            ),
            {"id": "tv-filter-aktoer", "property": "options"},
        ],
        "inputs": [
            *({"id": f"tv-filter-{k}", "property": "value", "value": v} for k, v in values.items()),
            {"id": "tv-opdateret", "property": "data", "value": 0},
        ],
        "changedPropIds": ["tv-opdateret.data"],
        "state": [{"id": "partnerskab", "property": "data", "value": AMAGER}],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"]


def _svg(answer) -> str:
    text = json.dumps(answer["tv-kort"]["children"], ensure_ascii=False)
    uri = text.split("data:image/svg+xml;base64,", 1)[1].split('"', 1)[0]
    svg = base64.b64decode(uri).decode()
    parseString(svg)  # an image's SVG must be well-formed XML, or the browser shows nothing
    return svg


def test_the_map_and_the_table_show_each_finding_with_its_status(app, loaded_db):
    _three_findings(loaded_db)
    add_user(loaded_db, "laeser", "styregruppe")
    client = app.server.test_client()
    login(client, "laeser")
    answer = _show(client)
    svg = _svg(answer)
    # Shape and words: a triangle-less set here (åben, udbedret), each labelled.
    assert svg.count('class="fund"') == 3
    assert "<circle" in svg and "<rect x=" in svg
    for label in ("1 Åben", "2 Udbedret", "3 Åben"):
        assert label in svg
    table = json.dumps(answer["tv-fund-tabel"], ensure_ascii=False)
    for words in ("Stien bag Hørgården", "Legepladsen", "Containerpladsen", "Udbedret"):
        assert words in table
    alt = json.dumps(answer["tv-kort"], ensure_ascii=False)
    assert "2: Legepladsen, udbedret" in alt
    only_fixed = _show(client, status="udbedret")
    assert _svg(only_fixed).count('class="fund"') == 1
    assert "Containerpladsen" not in json.dumps(only_fixed["tv-fund-tabel"], ensure_ascii=False)
    lights = json.dumps(_show(client, kategori="lys")["tv-fund-tabel"], ensure_ascii=False)
    assert "Stien bag Hørgården" in lights and "Legepladsen" not in lights
    parties = [o["label"] for o in answer["tv-filter-aktoer"]["options"]]
    assert parties == ["Alle", "3B", "SOF"]
    sof = next(o["value"] for o in answer["tv-filter-aktoer"]["options"] if o["label"] == "SOF")
    by_sof = json.dumps(_show(client, aktoer=sof)["tv-fund-tabel"], ensure_ascii=False)
    assert "Legepladsen" in by_sof and "Stien bag Hørgården" not in by_sof


def test_the_page_is_routed_in_the_nav_and_forms_are_the_working_groups(app, loaded_db):
    add_user(loaded_db, "laeser", "styregruppe")
    add_user(loaded_db, "vandrer", "arbejdsgruppe", "3B")
    reader, worker = app.server.test_client(), app.server.test_client()
    login(reader, "laeser")
    login(worker, "vandrer")
    old = reader.get("/tryghedsvandringer")
    assert old.status_code == 302 and old.headers["Location"].endswith(PAGE)
    page = json.dumps(
        reader.post("/_dash-update-component", json=router_payload(PAGE)).get_json(),
        ensure_ascii=False,
    )
    assert "Tryghedsvandringer" in page and PAGE in page  # heading and navbar link
    assert "tv-vandring-gem" not in page
    page = json.dumps(
        worker.post("/_dash-update-component", json=router_payload(PAGE)).get_json(),
        ensure_ascii=False,
    )
    for form in ("tv-vandring-gem", "tv-fund-gem", "tv-handling-gem", "tv-opfoelg-gem"):
        assert form in page


def _history(answer) -> list[str]:
    return [
        item["props"]["children"] for item in answer["tv-historik"]["children"]["props"]["children"]
    ]


def test_the_history_reads_in_the_pages_words(app, loaded_db):
    """Field names in Danish, codes by their labels, the party by name, a walk by its day,
    dates and decimals the Danish way: no raw code, id or ISO date."""
    people = walk_people(loaded_db)
    worker = people["arbejder"]
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        first = walk(session, worker)
        bush = finding(session, worker, first, INSIDE[1], "beplantning", place="Legepladsen")
        act = action(session, worker, bush, what="Beskær buskene")
        move(session, worker, act, "i_gang")
        later = walk(session, worker, walked_on=date(2017, 9, 1))
        record_follow_up(
            session, worker, partnership_id=pid, walk_id=later, finding_id=bush, fixed=True
        )
    client = app.server.test_client()
    add_user(loaded_db, "laeser", "styregruppe")
    login(client, "laeser")
    lines = [line.split(": ", 1)[1] for line in _history(_show(client))]
    assert lines[0] == "Handling »Legepladsen« fulgt op – status: I gang → Udbedret"
    assert lines[1] == (
        "Opfølgning »Legepladsen« oprettet – vandring: 1. september 2017; "
        "fund: »Legepladsen«; udbedret: ja"
    )
    assert lines[3] == "Handling »Legepladsen« ny status – status: Åben → I gang"
    assert lines[4] == (
        "Handling »Legepladsen« oprettet – handling: Beskær buskene; ansvarlig: 3B; "
        "frist: 1. juni 2017"
    )
    assert lines[5] == (
        "Fund »Legepladsen« oprettet – vandring: 20. april 2017; længdegrad: 12,5917; "
        "breddegrad: 55,6468; sted: Legepladsen; kategori: Beskæring/beplantning; "
        "beskrivelse: Tre lamper ude; stien er mørk om aftenen."
    )
    assert lines[6].startswith("Vandring oprettet – dato: 20. april 2017; rute: ")
    text = " ".join(lines)
    for raw in ("aaben", "i_gang", "kategori: beplantning", "2017-", "12.59", "True"):
        assert raw not in text
