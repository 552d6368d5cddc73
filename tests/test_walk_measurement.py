"""The plan's measurement of safety walks ("Tryghedsvandringer, der gennemføres løbende i
partnerskabsperioden") counted from the walks recorded: the activity outputs on /tryghed move
with each walk, with its participants, and the count cannot be registered by hand as well."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard.app import create_app
from dashboard.components.tryghed_views import output_status
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model.walks import WALK_INDICATOR
from dashboard.queries.activity_outputs import output_progress
from dashboard.services.errors import InvalidEdit
from dashboard.services.measurements import register_output_value
from tests.accounts import login
from tests.conftest import dump
from tests.partnerships import AMAGER, amager_id
from tests.walk_helpers import walk, walk_people


def _walk_row(url, period="2017") -> dict:
    with session_scope(url) as session:
        progress = output_progress(session, amager_id(session))
    rows = progress[(progress["indicator"] == WALK_INDICATOR) & (progress["period"] == period)]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def _outputs_on_tryghed(client) -> str:
    payload = {
        "output": "tryghed-leverancer.children",
        "outputs": {"id": "tryghed-leverancer", "property": "children"},
        "inputs": [{"id": "tryghed-tal-gemt", "property": "data", "value": 0}],
        "changedPropIds": ["tryghed-tal-gemt.data"],
        "state": [{"id": "partnerskab", "property": "data", "value": AMAGER}],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_the_safety_walk_count_on_tryghed_moves_with_the_walks_recorded(loaded_db):
    people = walk_people(loaded_db)
    app = create_app(Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False))
    client = app.server.test_client()
    login(client, "vandrestyre")
    before = _walk_row(loaded_db)
    assert before["status"] == "not_measured"
    with session_scope(loaded_db) as session:
        walk(session, people["arbejder"])  # 15 participants
    row = _walk_row(loaded_db)
    assert (row["measured"], row["status"], row["counted"]) == (1.0, "met", (1, 15))
    assert "målt: 1 (mål: mindst 1); talt fra 1 registreret tryghedsvandring med 15 " in (
        _outputs_on_tryghed(client)
    )
    with session_scope(loaded_db) as session:
        walk(session, people["arbejder"], walked_on=date(2017, 10, 3), counts={"residents": 20})
    assert _walk_row(loaded_db)["counted"] == (2, 35)
    assert "talt fra 2 registrerede tryghedsvandringer med 35 deltagere" in (
        _outputs_on_tryghed(client)
    )
    assert _walk_row(loaded_db, "2018")["status"] == "not_measured"


def test_a_year_with_walks_recorded_cannot_have_its_count_registered_as_well(loaded_db):
    people = walk_people(loaded_db)
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        walk(session, people["arbejder"])
    before = dump(loaded_db)
    with (
        session_scope(loaded_db) as session,
        pytest.raises(InvalidEdit, match="tælles fra den ene vandring, der er registreret"),
    ):
        register_output_value(
            session, people["arbejder"], WALK_INDICATOR, "2017", 4, "", 0, partnership_id=pid
        )
    assert dump(loaded_db) == before
    with session_scope(loaded_db) as session:
        walk(session, people["arbejder"], walked_on=date(2017, 10, 3))
    with session_scope(loaded_db) as session, pytest.raises(InvalidEdit, match="fra de 2 vandr"):
        register_output_value(
            session, people["arbejder"], WALK_INDICATOR, "2017", 4, "", 0, partnership_id=pid
        )


def test_one_walk_of_one_person_reads_in_the_singular():
    row = {"status": "met", "measured": 1, "min_value": 1, "max_value": None}
    assert output_status({**row, "counted": (1, 1)}).endswith(
        "talt fra 1 registreret tryghedsvandring med 1 deltager"
    )
    assert output_status({**row, "counted": (2, 1200)}).endswith(
        "talt fra 2 registrerede tryghedsvandringer med 1.200 deltagere"
    )
