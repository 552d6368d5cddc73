"""The safety walks in public: the summary on /p/<slug>/ (walks held, findings fixed and open
by category, the fixed ones on a map) and /data/tryghedsvandringer.json|csv (category,
status, place, dates), with nothing internal: no description, action, party or user."""

from __future__ import annotations

import base64
import csv
import io
import re
from datetime import date

from dashboard import clock
from dashboard.db import session_scope
from dashboard.public.open_data import TABLES
from dashboard.services.walks import record_follow_up
from tests.partnerships import AMAGER, SECOND, amager_id, load_second_partnership
from tests.public_helpers import public_client
from tests.walk_helpers import INSIDE, action, finding, move, walk, walk_people

COLUMNS = ["category", "status", "place", "found_on", "fixed_on", "partnership"]
INTERNAL = ("Tre lamper ude", "Udskift lamperne", "vandrer3b", "Beskær buskene")


def _walked(url) -> None:
    people = walk_people(url)
    worker = people["arbejder"]
    with session_scope(url) as session:
        pid = amager_id(session)
        first = walk(session, worker)
        dark = finding(session, worker, first, INSIDE[0], "lys")
        bush = finding(session, worker, first, INSIDE[1], "beplantning", place="Legepladsen")
        finding(session, worker, first, INSIDE[2], "lys", place="Parkeringspladsen")
        action(session, worker, dark)
        action(session, worker, bush, party="SOF", what="Beskær buskene")
        later = walk(session, worker, walked_on=date(2017, 9, 1), counts={"residents": 5})
        record_follow_up(
            session, worker, partnership_id=pid, walk_id=later, finding_id=bush, fixed=True
        )


def test_the_public_page_summarises_the_walks_without_anything_internal(loaded_db):
    client = public_client(loaded_db)
    page = client.get(f"/p/{AMAGER}/").get_data(as_text=True)
    assert "Der er endnu ikke registreret nogen tryghedsvandringer." in page
    _walked(loaded_db)
    page = client.get(f"/p/{AMAGER}/").get_data(as_text=True)
    assert "Der er holdt 2 tryghedsvandringer med i alt 20 deltagere." in page
    table = page.split('id="tryghedsvandringer-fund"', 1)[1].split("</table>", 1)[0]
    assert re.sub(r"\s+", "", table).count('<tr><thscope="row">') == 2
    assert '<th scope="row">Lys</th><td>0</td><td>2</td>' in table
    assert '<th scope="row">Beskæring/beplantning</th><td>1</td><td>0</td>' in table
    fixed = page.split('id="tryghedsvandringer-udbedret"', 1)[1].split("</ol>", 1)[0]
    assert "Legepladsen" in fixed and "Stien bag" not in fixed
    uri = page.split('id="tryghedsvandringer-kort" class="area-map" src="', 1)[1].split('"')[0]
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    assert svg.count('class="fund"') == 1 and 'data-status="udbedret"' in svg
    for private in INTERNAL:
        assert private not in page


def test_the_walks_held_are_a_count_of_things_and_their_participants_one_of_persons(loaded_db):
    """One walk of three people: the walk is published, its three participants are not."""
    worker = walk_people(loaded_db)["arbejder"]
    with session_scope(loaded_db) as session:
        walk(session, worker, counts={"residents": 2, "staff": 1})
    page = public_client(loaded_db).get(f"/p/{AMAGER}/").get_data(as_text=True)
    assert "Der er holdt 1 tryghedsvandring med i alt under 5 deltagere." in page


def test_open_data_lists_the_findings_with_category_status_place_and_dates(loaded_db):
    _walked(loaded_db)
    load_second_partnership(loaded_db)
    client = public_client(loaded_db)
    document = client.get("/data/tryghedsvandringer.json").get_json()
    assert [c["name"] for c in document["columns"]] == COLUMNS
    assert [c.name for c in TABLES["tryghedsvandringer"].columns] == COLUMNS
    assert document["rows"] == [
        {
            "category": "Lys",
            "status": "Åben",
            "place": "Stien bag Hørgården",
            "found_on": "2017-04-20",
            "fixed_on": None,
            "partnership": AMAGER,
        },
        {
            "category": "Beskæring/beplantning",
            "status": "Udbedret",
            "place": "Legepladsen",
            "found_on": "2017-04-20",
            "fixed_on": "2017-09-01",
            "partnership": AMAGER,
        },
        {
            "category": "Lys",
            "status": "Åben",
            "place": "Parkeringspladsen",
            "found_on": "2017-04-20",
            "fixed_on": None,
            "partnership": AMAGER,
        },
    ]
    text = client.get("/data/tryghedsvandringer.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["status"] for r in rows] == ["Åben", "Udbedret", "Åben"]
    for private in INTERNAL:
        assert private not in text
    second = client.get(f"/data/tryghedsvandringer.json?partnerskab={SECOND}").get_json()
    assert second["rows"] == []
    assert "/data/tryghedsvandringer.json" in client.get("/data/openapi.json").get_data(
        as_text=True
    )
    assert "Tryghedsvandringer: fund og status" in client.get("/data").get_data(as_text=True)


def test_a_finding_marked_fixed_by_its_party_is_fixed_on_the_day_of_the_change(loaded_db):
    """The status form asks for no date: an action set "udbedret" is fixed on the day it was
    set so (in Copenhagen), a later walk finding it fixed as well does not move that day; a
    walk finding it broken again reopens it, and the next walk that finds it fixed dates it."""
    worker = walk_people(loaded_db)["arbejder"]
    before = clock.today()
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        first = walk(session, worker)
        dark = finding(session, worker, first, INSIDE[0], "lys")
        bush = finding(session, worker, first, INSIDE[1], "beplantning", place="Legepladsen")
        move(session, worker, action(session, worker, dark), "udbedret")
        move(session, worker, action(session, worker, bush), "udbedret")
        later = walk(session, worker, walked_on=date(2017, 9, 1))
        for found, fixed in ((dark, True), (bush, False)):
            record_follow_up(
                session, worker, partnership_id=pid, walk_id=later, finding_id=found, fixed=fixed
            )
    client = public_client(loaded_db)
    rows = client.get("/data/tryghedsvandringer.json").get_json()["rows"]
    assert [r["status"] for r in rows] == ["Udbedret", "Åben"]
    assert rows[0]["fixed_on"] in {before.isoformat(), clock.today().isoformat()}
    assert rows[1]["fixed_on"] is None
    with session_scope(loaded_db) as session:
        again = walk(session, worker, walked_on=date(2017, 10, 2))
        record_follow_up(
            session, worker, partnership_id=pid, walk_id=again, finding_id=bush, fixed=True
        )
    text = client.get("/data/tryghedsvandringer.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["status"], r["fixed_on"]) for r in rows][1] == ("Udbedret", "2017-10-02")
