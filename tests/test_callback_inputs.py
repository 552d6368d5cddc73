"""Malformed callback requests get 400, never a 500 with a traceback: the body's shape is
checked before Dash reads it, and each input against the type its callback declares."""

from __future__ import annotations

import json

import pytest

from dashboard.app import create_app
from dashboard.config import Config
from tests.accounts import router_payload


@pytest.fixture
def client(loaded_db):
    config = Config(database_url=loaded_db, secret_key="g" * 40, auto_init=False)
    return create_app(config).server.test_client()


def _with_pathname(value) -> dict:
    payload = router_payload("/login")
    payload["inputs"][0]["value"] = value
    return payload


@pytest.mark.parametrize(
    "body",
    [
        "null",
        "[]",
        '"text"',
        "{not json",
        json.dumps({"output": "findes-ikke.children", "inputs": [], "state": []}),
        json.dumps({**router_payload("/login"), "inputs": "url"}),
        json.dumps({**router_payload("/login"), "state": [1, 2]}),
        json.dumps(_with_pathname(["/login"])),
        json.dumps(_with_pathname({"path": "/login"})),
        json.dumps({**router_payload("/login"), "inputs": []}),
        json.dumps({**router_payload("/login"), "state": [{"id": "x", "property": "y"}]}),
    ],
    ids=[
        "null",
        "list",
        "string",
        "not-json",
        "unknown-output",
        "inputs-not-a-list",
        "state-of-numbers",
        "pathname-as-list",
        "pathname-as-object",
        "too-few-inputs",
        "a-state-it-does-not-declare",
    ],
)
def test_a_malformed_callback_request_gets_400(client, body):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400


def test_a_well_formed_request_still_gets_its_answer(client):
    response = client.post("/_dash-update-component", json=router_payload("/login"))
    assert response.status_code == 200
    assert "Log ind" in response.get_data(as_text=True)


def test_a_deliverable_id_that_is_not_a_number_gets_400(client, loaded_db):
    from tests.accounts import add_user, login

    add_user(loaded_db, "styre", "styregruppe")
    login(client, "styre")
    payload = {
        "output": "lev-historik.children",
        "outputs": {"id": "lev-historik", "property": "children"},
        "inputs": [
            {"id": "lev-valgt", "property": "value", "value": "abc"},
            {"id": "lev-opdateret", "property": "data", "value": None},
        ],
        "changedPropIds": ["lev-valgt.value"],
        "state": [{"id": "partnerskab", "property": "data", "value": "amager-partnerskab"}],
    }
    assert client.post("/_dash-update-component", json=payload).status_code == 400
    payload["inputs"][0]["value"] = "1"  # as the select sends a chosen id
    assert client.post("/_dash-update-component", json=payload).status_code == 200
