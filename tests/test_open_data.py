"""Open data at /data: stable URLs, CSV and JSON with the same rows, the same numbers as the
front page, a licence, and an OpenAPI description that validates and matches the answers."""

from __future__ import annotations

import csv
import io
import os
import re

import pytest
from sqlalchemy import select

from dashboard.components.format import keep_together, money
from dashboard.components.spreadsheet import safe_text
from dashboard.db import session_scope
from dashboard.model import Indicator
from dashboard.public.open_data import LICENCE_NAME, TABLES
from dashboard.queries.budget import year_totals
from dashboard.queries.indicators import measurements
from dashboard.queries.plan import latest_plan
from tests.partnerships import AMAGER, partnership_id
from tests.public_helpers import public_client, set_statuses

NAMES = ["budget", "budget-aar", "leverancer", "indikatorer"]


@pytest.fixture
def client(loaded_db):
    return public_client(loaded_db)


def _csv_rows(client, name: str) -> list[dict]:
    response = client.get(f"/data/{name}.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _as_csv_cell(value) -> str:
    """What a JSON value looks like in the CSV; text Excel would run as a formula ("=22,2 pr
    1000" in a source note) gets a leading apostrophe there."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return safe_text("; ".join(value))
    return str(safe_text(value))


@pytest.mark.parametrize("name", NAMES)
def test_json_carries_licence_columns_and_rows(client, name):
    document = client.get(f"/data/{name}.json").get_json()
    assert document["table"] == name
    assert (
        document["license"]["name"] == LICENCE_NAME == "Vilkår for brug af danske offentlige data"
    )
    assert [c["name"] for c in document["columns"]] == [c.name for c in TABLES[name].columns]
    assert all(c["description"] for c in document["columns"])
    assert document["rows"], f"{name} is empty on the default data"


@pytest.mark.parametrize("name", NAMES)
def test_csv_has_the_same_rows_as_json(client, name):
    rows = client.get(f"/data/{name}.json").get_json()["rows"]
    assert _csv_rows(client, name) == [
        {key: _as_csv_cell(value) for key, value in row.items()} for row in rows
    ]


def test_budget_per_year_is_the_same_query_as_the_front_page(client, loaded_db):
    rows = client.get("/data/budget-aar.json").get_json()["rows"]
    with session_scope(loaded_db) as session:
        totals = year_totals(session, latest_plan(session, partnership_id(loaded_db, AMAGER)).id)
    assert [(r["year"], r["frame"], r["known"], r["unallocated"]) for r in rows] == [
        (t.year, t.frame, t.known, t.unallocated) for t in totals
    ]
    assert (rows[0]["year"], rows[0]["known"]) == (2017, 1_200_000)
    assert (rows[1]["year"], rows[1]["known"], rows[1]["undecided_count"]) == (2018, 640_000, 4)
    html = client.get("/").get_data(as_text=True)
    for row in rows:
        cells = [keep_together(money(row[k])) for k in ("frame", "known", "unallocated")]
        expected = f'<th scope="row">{row["year"]}</th>' + "".join(f"<td>{c}</td>" for c in cells)
        assert expected in html


def test_budget_per_activity_adds_up_to_the_known_totals_and_keeps_undecided_empty(client):
    lines = client.get("/data/budget.json").get_json()["rows"]
    per_year = {r["year"]: r for r in client.get("/data/budget-aar.json").get_json()["rows"]}
    for year, totals in per_year.items():
        year_lines = [line for line in lines if line["year"] == year]
        assert sum(line["amount"] for line in year_lines if line["decided"]) == totals["known"]
        undecided = [line for line in year_lines if not line["decided"]]
        assert len(undecided) == totals["undecided_count"]
        assert all(line["amount"] is None for line in undecided)  # unknown, never 0


def test_deliverable_counts_are_the_numbers_on_the_front_page(loaded_db):
    set_statuses(loaded_db, 3, {"done": 9, "in_progress": 10})
    client = public_client(loaded_db)
    rows = client.get("/data/leverancer.json").get_json()["rows"]
    html = client.get("/").get_data(as_text=True)
    table = html[html.index('id="leverancer-tabel"') :]
    statuses = ["not_started", "in_progress", "delayed", "done", "dropped"]
    for row in rows:
        expected = f"<td>{row['total']}</td>" + "".join(f"<td>{row[s]}</td>" for s in statuses)
        assert expected in table, row["focus_area_name"]
    area = next(r for r in rows if r["focus_area"] == 3)
    assert (area["done"], area["in_progress"], area["share_done_percent"]) == (9, 10, 38.0)


def test_indicator_figures_keep_their_sources_and_values(client, loaded_db):
    rows = client.get("/data/indikatorer.json").get_json()["rows"]
    with session_scope(loaded_db) as session:
        frame = measurements(session)
    assert len(rows) == len(frame)
    night = [
        (r["period"], r["value"], r["comparable_with_series"])
        for r in rows
        if r["indicator"] == "utrygge_aften_nat"
        and r["series_area"] == "Partnerskabsområdet (Urbanplanen og Hørgården)"
    ]
    assert night == [("2014", 34, True), ("2020", 29, True), ("2021", 27, False)]
    assert all(r["source"].startswith("http") for r in rows)


def test_a_small_count_of_persons_is_under_5_and_one_of_things_is_published(loaded_db, tmp_path):
    """Three safety walks held are published as 3; three participants, charged children or
    figures of an indicator nobody classified (the safe side) as "under 5"."""
    from data_loaders.indicator_catalogue import add_indicator
    from data_loaders.load_indicators import load_indicator_file

    add_indicator(loaded_db, "brande", "Påsatte brande", "antal", direction="neutral",
                  kind="context", source="", frequency="", definition="")  # fmt: skip
    area = "Partnerskabsområdet (Urbanplanen og Hørgården)"
    figures = tmp_path / "smaa-tal.csv"
    figures.write_text(
        "indicator;area;year;value;unit;source_url;note\n"
        + "".join(
            f"{code};{area};2018;{value};antal;https://example.org/{code};\n"
            for code, value in (
                ("tryghedsvandringer", 3),
                ("beboerblade", 4),
                ("deltagere_borgerrettede_begivenheder", 3),
                ("ung_i_job_deltagere", 4),
                ("brande", 3),
            )
        )
        + "ung_i_job_opfoelgning;"
        + area
        + ";2018;5;antal;https://example.org/fem;\n",
        encoding="utf-8",
    )
    load_indicator_file(loaded_db, figures)
    client = public_client(loaded_db)
    wanted = {
        "tryghedsvandringer": (3, True),
        "beboerblade": (4, True),
        "deltagere_borgerrettede_begivenheder": ("under 5", False),
        "ung_i_job_deltagere": ("under 5", False),
        "brande": ("under 5", False),
        "ung_i_job_opfoelgning": (5, False),  # 5 is not below 5
    }
    rows = {
        r["indicator"]: (r["value"], not r["counts_people"])
        for r in client.get("/data/indikatorer.json").get_json()["rows"]
        if r["indicator"] in wanted
    }
    assert rows == wanted
    csv_rows = {
        r["indicator"]: (r["value"], r["counts_people"])
        for r in _csv_rows(client, "indikatorer")
        if r["indicator"] in wanted
    }
    assert csv_rows == {
        code: (str(value), "false" if things else "true")
        for code, (value, things) in wanted.items()
    }
    # Counts of persons in the city's figures stay suppressed however large the others are.
    with session_scope(loaded_db) as session:
        people = set(session.scalars(select(Indicator.code).where(Indicator.counts_people)))
    assert {"sigtelser_10_14aar", "ssp_enkeltsager_niveau1_2", "borgervendt_krim_anmeldelser"} <= (
        people
    )
    assert not {"tryghedsvandringer", "beboerblade", "tryghedsfremmende_aktiviteter"} & people
    assert "bylivspulje_lokale_aktiviteter" not in people


def test_the_open_data_says_in_danish_which_counts_are_under_5_and_why(client):
    page = client.get("/data").get_data(as_text=True)
    assert "Et antal personer under 5" in page and "så ingen kan genkendes" in page
    assert "gennemførte tryghedsvandringer" in page and "<code>counts_people</code>" in page
    document = client.get("/data/indikatorer.json").get_json()
    assert "Et antal personer under 5" in document["description"]
    column = next(c for c in document["columns"] if c["name"] == "counts_people")
    assert column["type"] == "boolean" and "tæller personer" in column["description"]


def test_unknown_table_or_format_is_404(client):
    assert client.get("/data/brugere.json").status_code == 404
    assert client.get("/data/budget.xml").status_code == 404


def test_data_page_describes_every_column_and_the_licence(client):
    html = client.get("/data").get_data(as_text=True)
    assert "Vilkår for brug af danske offentlige data" in html
    for table in TABLES.values():
        assert (
            f'href="/data/{table.name}.csv"' in html and f'href="/data/{table.name}.json"' in html
        )
        for column in table.columns:
            assert f"<code>{column.name}</code>" in html


def _openapi_validator():
    try:
        from openapi_spec_validator import validate
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("openapi-spec-validator is missing; it belongs in the test extras")
        pytest.skip("openapi-spec-validator is not installed")
    return validate


def test_openapi_description_validates(client):
    validate = _openapi_validator()
    document = client.get("/data/openapi.json").get_json()
    validate(document)
    for name in NAMES:
        assert f"/data/{name}.json" in document["paths"]
        assert f"/data/{name}.csv" in document["paths"]


@pytest.mark.parametrize("name", NAMES)
def test_json_answers_match_their_openapi_schema(loaded_db, name):
    _openapi_validator()
    from jsonschema import Draft202012Validator

    set_statuses(loaded_db, 3, {"done": 9, "in_progress": 10})  # small counts among them
    client = public_client(loaded_db)
    document = client.get("/data/openapi.json").get_json()
    reference = document["paths"][f"/data/{name}.json"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    # The component references point into the document, so the document is the root schema.
    validator = Draft202012Validator({**reference, "components": document["components"]})
    errors = list(validator.iter_errors(client.get(f"/data/{name}.json").get_json()))
    assert errors == []


def test_openapi_servers_name_this_host(client):
    document = client.get("/data/openapi.json", base_url="http://data.example:8050").get_json()
    assert re.fullmatch(r"http://data\.example:8050", document["servers"][0]["url"])
