"""Bylivspuljen's writing callbacks (/bylivspuljen's four and /moede's decision) sent over
HTTP as the browser sends them, with values a user would give, by anonymous, styregruppe
and arbejdsgruppe: only the role the plan gives the step writes, the others change nothing.
The callback sweep (``test_callback_authorisation``) sends every callback with the layout's
own values, which a service mostly refuses; this proves the guard holds where the write
would go through."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from dashboard.db import session_scope
from dashboard.model import PoolApplication, PoolRecommendation
from tests import callback_sweep as sweep
from tests.accounts import login
from tests.callback_sweep import (
    AMAGER,
    all_components,
    answer_text,
    callback_payload,
)
from tests.conftest import dump

BYLIVSPULJEN = f"/p/{AMAGER}/bylivspuljen"
MOEDE = f"/p/{AMAGER}/moede"
CLIENTS = {
    "anonymous": None,
    "styregruppe": "fortrolig-styre",
    "arbejdsgruppe": "fortrolig-arbejder",
}

app = sweep.app  # the sweep's fixture (its users, walks and pool), used here by name


def _ids(url: str) -> dict[str, int]:
    """The fixture's pool: applications by title, the waiting recommendation and its version,
    the granted project's version."""
    with session_scope(url) as session:
        found = {a.title: a for a in session.scalars(select(PoolApplication))}
        waiting = session.scalars(
            select(PoolRecommendation).where(PoolRecommendation.decided_on.is_(None))
        ).one()
        return {
            **{title: a.id for title, a in found.items()},
            "waiting": waiting.id,
            "waiting_version": waiting.version,
            "granted_version": found["Lysfest"].version,
        }


def _grants(grant_type: str, amounts: dict[int, str]) -> dict:
    """The pattern-matching states (values, ids) of the grant inputs as the browser sends."""

    def matched(prop, value_of):
        return [
            {"id": {"type": grant_type, "index": i}, "property": prop, "value": value_of(i)}
            for i in amounts
        ]

    return {
        ("value", grant_type): matched("value", amounts.get),
        ("id", grant_type): matched("id", lambda i: {"type": grant_type, "index": i}),
    }


def _cases(ids: dict[str, int]):
    """(path, output, values, grants, allowed role, what the allowed role is told)."""
    return [
        (
            BYLIVSPULJEN,
            "byl-ansoeg-besked.children",
            # A point typed the Danish way, inside Amager's area (tests.walk_helpers.INSIDE).
            {
                "byl-ansoeg-beloeb": "12.000",
                "byl-ansoeg-aar": "2017",
                "byl-ansoeg-lon": "12,5966",
                "byl-ansoeg-lat": "55,6594",
            },
            {},
            "arbejdsgruppe",
            "Ansøgningen er registreret.",
        ),
        (
            BYLIVSPULJEN,
            "byl-indstil-besked.children",
            {"byl-indstil-ansoegninger": [str(ids["Beskæring"])], "byl-indstil-beloeb": "15.000"},
            {},
            "arbejdsgruppe",
            "Indstillingen er registreret",
        ),
        (
            BYLIVSPULJEN,
            "byl-beslut-besked.children",
            {
                "byl-beslut-indstilling": str(ids["waiting"]),
                "byl-beslut-version": ids["waiting_version"],
                "byl-beslut-dato": "2017-04-06",
            },
            _grants("byl-bevilling", {ids["Lys i stien"]: "40.000"}),
            "styregruppe",
            "Beslutningen er registreret.",
        ),
        (
            BYLIVSPULJEN,
            "byl-opfoelg-besked.children",
            {
                "byl-opfoelg-ansoegning": str(ids["Lysfest"]),
                "byl-opfoelg-beloeb": "18.000",
                "byl-opfoelg-dato": "2017-09-01",
                "byl-opfoelg-versioner": {str(ids["Lysfest"]): ids["granted_version"]},
            },
            {},
            "arbejdsgruppe",
            "Opfølgningen er registreret.",
        ),
        (
            MOEDE,
            "moede-pulje-besked.children",
            {
                "moede-pulje-indstilling": str(ids["waiting"]),
                "moede-pulje-version": ids["waiting_version"],
            },
            _grants("moede-pulje-bevilling", {ids["Lys i stien"]: "40.000"}),
            "styregruppe",
            "Beslutningen er registreret og skrevet i mødets beslutningslog.",
        ),
    ]


def _filled(dep, components, path, values, grants) -> dict:
    payload = callback_payload(dep, components, path)
    for entry in payload["state"]:
        if entry["id"] in values:
            entry["value"] = values[entry["id"]]
    payload["state"] = [
        grants.get((s["property"], _pattern_type(s["id"])), s) for s in payload["state"]
    ]
    return payload


def _pattern_type(dep_id: str) -> str | None:
    return dep_id.split('"type":"')[1].split('"')[0] if dep_id.startswith("{") else None


@pytest.mark.parametrize("case", range(5))
def test_each_pool_write_goes_through_for_its_role_only(app, loaded_db, case):  # noqa: F811
    admin = app.server.test_client()
    login(admin, "fortrolig-admin")
    path, output, values, grants, allowed, done = _cases(_ids(loaded_db))[case]
    components = all_components(admin, [path])
    (dep,) = [d for d in admin.get("/_dash-dependencies").get_json() if output in d["output"]]
    payload = _filled(dep, components, path, values, grants)
    # The allowed role last: its write changes what the others would be refused on.
    for who in sorted(CLIENTS, key=lambda w: w == allowed):
        client = app.server.test_client()
        if CLIENTS[who]:
            login(client, CLIENTS[who])
        before = dump(loaded_db)
        response = client.post("/_dash-update-component", json=payload)
        answer = answer_text(response)
        if who == allowed:
            assert response.status_code == 200, answer[:300]
            assert done in answer
            assert dump(loaded_db) != before
        else:
            assert response.status_code in (204, 401, 403), f"{who}: {answer[:300]}"
            assert dump(loaded_db) == before, f"{output} as {who} changed the database"
    if path == MOEDE:  # dated the meeting's day: the form asks for no date
        with session_scope(loaded_db) as session:
            decided = session.get(PoolRecommendation, int(values["moede-pulje-indstilling"]))
            assert decided.decided_on == date(2017, 4, 6)
