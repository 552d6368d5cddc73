"""/data/bylivspulje.json|csv and the public overview's list: the granted projects only,
with title, use, amount, place, year and partnership, and nothing about the applicants."""

from __future__ import annotations

import csv
import io
from datetime import date

from dashboard.db import session_scope
from dashboard.public.open_data import TABLES
from dashboard.services.bylivspulje import recommend
from tests.partnerships import AMAGER, SECOND, amager_id, load_second_partnership
from tests.pool_helpers import DAY, apply, decide, pool_people
from tests.public_helpers import public_client
from tests.walk_helpers import INSIDE

# The point on the map came later: its columns follow the ones a CSV reader may count on.
COLUMNS = ["year", "title", "use", "amount", "place", "partnership", "lon", "lat"]


def _grant_two_of_three(url: str) -> None:
    people = pool_people(url)
    with session_scope(url) as session:
        a = apply(
            session, people["arbejder"], "Lys i stien", "40.000", lon=INSIDE[0][0], lat=INSIDE[0][1]
        )
        b = apply(session, people["arbejder"], "Maling af tunnelen", "20.000", place=None)
        lon, lat = INSIDE[2]
        apply(session, people["arbejder"], "Ikke bevilget", "10.000", lon=lon, lat=lat)
        rec = recommend(
            session,
            people["arbejder"],
            partnership_id=amager_id(session),
            application_ids=[a, b],
            in_favour=True,
            amount="60.000",
            reason="Pakke fra tryghedsvandringen.",
            recommended_on=DAY,
        ).id
        decide(session, people["styre"], rec, {a: "35.000", b: "0"}, decided_on=date(2017, 4, 2))


def test_open_data_lists_granted_projects_without_applicants(loaded_db):
    _grant_two_of_three(loaded_db)
    load_second_partnership(loaded_db)
    client = public_client(loaded_db)
    document = client.get("/data/bylivspulje.json").get_json()
    assert [c["name"] for c in document["columns"]] == COLUMNS
    assert [c.name for c in TABLES["bylivspulje"].columns] == COLUMNS
    # Refused (0 kr.) and undecided applications are not granted projects.
    assert document["rows"] == [
        {
            "year": 2017,
            "title": "Lys i stien",
            "use": document["rows"][0]["use"],
            "amount": 35_000,
            "place": "Stien ved Urbanplanen",
            "partnership": AMAGER,
            # rounded to about 100 m: no applicant's home can be pointed out
            "lon": round(INSIDE[0][0], 3),
            "lat": round(INSIDE[0][1], 3),
        }
    ]
    assert "Mindre fysiske projekter" in document["rows"][0]["use"]
    text = client.get("/data/bylivspulje.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["title"] for r in rows] == ["Lys i stien"] and rows[0]["amount"] == "35000"
    assert list(rows[0]) == COLUMNS
    assert (rows[0]["lon"], rows[0]["lat"]) == ("12.597", "55.659")
    for private in ("Afdelingsbestyrelsen", "puljearbejder", "Stien er mørk"):
        assert private not in text
    assert client.get(f"/data/bylivspulje.json?partnerskab={SECOND}").get_json()["rows"] == []
    openapi = client.get("/data/openapi.json").get_json()
    assert "/data/bylivspulje.json" in openapi["paths"]
    row_schema = openapi["components"]["schemas"]["BylivspuljeRow"]["properties"]
    assert (
        row_schema["lon"]["type"] == ["number", "null"]
        and "længdegrad" in (row_schema["lon"]["description"])
    )
    assert row_schema["lat"]["type"] == ["number", "null"]
    assert "Bylivspuljen: bevilgede projekter" in client.get("/data").get_data(as_text=True)


def test_the_public_overview_lists_the_granted_projects(loaded_db):
    client = public_client(loaded_db)
    page = client.get(f"/p/{AMAGER}/").get_data(as_text=True)
    # What the dashboard holds, not a claim about the world ("endnu ikke" after a finished period).
    assert "Der er ikke registreret nogen bevillinger fra Bylivspuljen på dashboardet." in page
    _grant_two_of_three(loaded_db)
    page = client.get(f"/p/{AMAGER}/").get_data(as_text=True)
    assert 'id="bylivspulje-projekter"' in page
    assert "Lys i stien" in page and "35.000\xa0kr." in page
    assert "Maling af tunnelen" not in page and "Ikke bevilget" not in page
    assert "Afdelingsbestyrelsen" not in page
