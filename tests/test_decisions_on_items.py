"""The decision log on the items it concerns (issue 8, item 4): a decision linked to a
deliverable (or its activity) shows where /leverancer shows that deliverable, one linked to
a budget line or an activity shows in /okonomi's drill-down; always as text. And the
migration that indexes ``measurement.updated_at`` upgrades and downgrades."""

from __future__ import annotations

import json

import pytest
from alembic import command
from sqlalchemy import inspect, select

from dashboard.app import create_app
from dashboard.auth import SessionUser
from dashboard.config import Config
from dashboard.db import alembic_config, get_engine, migrate, session_scope
from dashboard.model import Activity, BudgetLine, Deliverable, Meeting, PlanVersion, User
from dashboard.queries.budget import focus_area_label
from dashboard.queries.meetings import budget_decisions, deliverable_decisions
from dashboard.services.meetings import add_decision
from dashboard.services.users import create_user
from tests.accounts import add_user, login, router_payload
from tests.partnerships import AMAGER, amager_id

HOSTILE = "<b>Afventer</b> <script>alert(1)</script> evalueringen"


def _editor(session) -> SessionUser:
    """The secretariat's account, created the first time it is needed."""
    user = session.scalars(select(User).where(User.username == "sekretariat")).first()
    if user is None:
        user = create_user(session, "sekretariat", "en-lang-nok-adgangskode", "admin")
        session.flush()
    return SessionUser(user.id, user.username, user.role, None)


def _decide(url: str, text: str, links: list[tuple[str, int]]) -> None:
    """Record ``text`` at the steering committee's meeting of 24 October 2016."""
    with session_scope(url) as session:
        meeting = session.scalars(select(Meeting).where(Meeting.body == "styregruppe")).first()
        add_decision(
            session,
            _editor(session),
            meeting.id,
            text,
            links,
            partnership_id=meeting.partnership_id,
        )


def _first_deliverable(url: str) -> tuple[int, int, int | None]:
    """The first deliverable: its id, its activity's id and that activity's parent's id."""
    with session_scope(url) as session:
        d = session.scalars(select(Deliverable).order_by(Deliverable.id)).first()
        return d.id, d.activity_id, d.activity.parent_id


def _budget_line(url: str, label: str, year: int) -> tuple[int, int, str]:
    """A budget line's id, its activity's id and its focus area as /okonomi labels it."""
    with session_scope(url) as session:
        line = session.scalars(
            select(BudgetLine).where(BudgetLine.label == label, BudgetLine.year == year)
        ).one()
        return line.id, line.activity_id, focus_area_label(line.focus_area)


def _meeting_title(url: str) -> str:
    with session_scope(url) as session:
        return session.scalar(select(Meeting.title).where(Meeting.body == "styregruppe"))


# --- the queries -------------------------------------------------------------------------


def test_a_deliverable_gets_its_own_decisions_and_those_about_its_activity(loaded_db):
    deliverable_id, activity_id, parent_id = _first_deliverable(loaded_db)
    assert parent_id is not None  # the bundled plan's first deliverable is in a sub-activity
    _decide(loaded_db, "Leverancen udskydes til 2018.", [("deliverable", deliverable_id)])
    _decide(loaded_db, "Aktiviteten fortsætter uændret.", [("activity", parent_id)])
    _decide(
        loaded_db,
        "Både leverancen og aktiviteten skal evalueres.",
        [("deliverable", deliverable_id), ("activity", activity_id)],
    )
    with session_scope(loaded_db) as session:
        other = session.scalars(
            select(Deliverable.id).where(Deliverable.activity_id != activity_id)
        ).first()
        activity_name = session.get(Activity, activity_id).name
        parent_name = session.get(Activity, parent_id).name
        found = deliverable_decisions(session, amager_id(session), deliverable_id)
        elsewhere = deliverable_decisions(session, amager_id(session), other)
    assert sorted(f.decision.text for f in found) == [
        "Aktiviteten fortsætter uændret.",
        "Både leverancen og aktiviteten skal evalueres.",
        "Leverancen udskydes til 2018.",
    ]
    both = next(f for f in found if f.decision.text.startswith("Både"))
    assert both.about[0].startswith(f"Leverance: {activity_name}: ")
    assert both.about[1] == f"Aktivitet: {activity_name}"
    on_parent = next(f for f in found if f.decision.text.startswith("Aktiviteten"))
    assert on_parent.about == [f"Aktivitet: {parent_name}"]
    assert on_parent.decision.meeting_title == _meeting_title(loaded_db)
    assert all(f.decision.text != "Leverancen udskydes til 2018." for f in elsewhere)


def test_budget_decisions_follow_the_focus_area(loaded_db):
    line_id, activity_id, area = _budget_line(loaded_db, "Bylivspuljen", 2018)
    other_line, _, other_area = _budget_line(loaded_db, "Ung i Job", 2018)
    assert area != other_area
    _decide(loaded_db, "Bylivspuljen 2018 afventer evalueringen.", [("budget_line", line_id)])
    _decide(loaded_db, "Bylivspuljen får en ny tovholder.", [("activity", activity_id)])
    _decide(loaded_db, "Ung i Job 2018 hæves.", [("budget_line", other_line)])
    with session_scope(loaded_db) as session:
        version_id = session.scalar(select(PlanVersion.id))
        in_area = budget_decisions(session, version_id, area)
        in_other = budget_decisions(session, version_id, other_area)
        everywhere = budget_decisions(session, version_id)
    assert [(f.decision.text, f.about) for f in in_area] == [
        ("Bylivspuljen 2018 afventer evalueringen.", ["Budget: Bylivspuljen 2018"]),
        ("Bylivspuljen får en ny tovholder.", ["Aktivitet: Bylivspuljen"]),
    ]
    assert [f.decision.text for f in in_other] == ["Ung i Job 2018 hæves."]
    assert len(everywhere) == 3


# --- the pages, through the app as the browser calls it ----------------------------------


@pytest.fixture
def client(loaded_db):
    add_user(loaded_db, "styre-beslutninger", "styregruppe")
    app = create_app(Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False))
    client = app.server.test_client()
    login(client, "styre-beslutninger")
    return client


def _call(client, output: str, inputs: list[tuple[str, str, object]], state=()) -> list:
    """POST one callback as Dash's renderer would; returns the output's children."""
    component, prop = output.split(".")
    payload = {
        "output": output,
        "outputs": {"id": component, "property": prop},
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "changedPropIds": [f"{i}.{p}" for i, p, _ in inputs],
        "state": [
            {"id": i, "property": p, "value": v}
            for i, p, v in (*state, ("partnerskab", "data", AMAGER))
        ],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"][component][prop]


def _strings(node) -> list[str]:
    """Every text node of a rendered component tree."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return _strings(node.get("props", {}).get("children"))
    if isinstance(node, list):
        return [s for child in node for s in _strings(child)]
    return []


def _types(node) -> set[str]:
    if isinstance(node, dict):
        return {node.get("type", "")} | _types(node.get("props", {}).get("children"))
    if isinstance(node, list):
        return {t for child in node for t in _types(child)}
    return set()


def _page(client, path: str) -> str:
    response = client.post("/_dash-update-component", json=router_payload(path))
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_leverancer_shows_the_decisions_about_the_chosen_deliverable(loaded_db, client):
    deliverable_id, _, parent_id = _first_deliverable(loaded_db)
    _decide(loaded_db, HOSTILE, [("deliverable", deliverable_id)])
    _decide(loaded_db, "Aktiviteten fortsætter uændret.", [("activity", parent_id)])
    assert '"lev-beslutninger"' in _page(client, f"/p/{AMAGER}/leverancer")

    shown = _call(client, "lev-beslutninger.children", [("lev-valgt", "value", deliverable_id)])
    text = _strings(shown)
    assert "24. oktober 2016, Styregruppen" in text
    assert f" – {_meeting_title(loaded_db)}" in text
    assert HOSTILE in text  # the decision's own words, as one text node
    assert "Aktiviteten fortsætter uændret." in text
    assert any(t.startswith("Vedrører Leverance: ") for t in text)
    # Text, never markup: no component that would render a string as HTML.
    assert not _types(shown) & {"Markdown", "DangerouslySetInnerHTML"}
    assert "dangerously_allow_html" not in json.dumps(shown)

    with session_scope(loaded_db) as session:
        other = session.scalars(select(Deliverable.id).order_by(Deliverable.id.desc())).first()
    none = _call(client, "lev-beslutninger.children", [("lev-valgt", "value", other)])
    assert _strings(none) == [
        "Der er ikke registreret beslutninger om leverancen eller dens aktivitet."
    ]


def test_okonomi_drill_down_shows_the_decisions_about_the_areas_budget(loaded_db, client):
    line_id, activity_id, area = _budget_line(loaded_db, "Bylivspuljen", 2018)
    _, _, other_area = _budget_line(loaded_db, "Ung i Job", 2018)
    _decide(loaded_db, "Bylivspuljen 2018 afventer evalueringen.", [("budget_line", line_id)])
    _decide(loaded_db, HOSTILE, [("activity", activity_id)])
    assert '"okonomi-beslutninger"' in _page(client, f"/p/{AMAGER}/okonomi")
    with session_scope(loaded_db) as session:
        version_id = str(session.scalar(select(PlanVersion.id)))

    shown = _call(
        client,
        "okonomi-beslutninger.children",
        [("okonomi-omraade", "value", area)],
        [("okonomi-version", "value", version_id)],
    )
    text = _strings(shown)
    assert "24. oktober 2016, Styregruppen" in text
    assert "Bylivspuljen 2018 afventer evalueringen." in text
    assert "Vedrører Budget: Bylivspuljen 2018" in text
    assert HOSTILE in text and "Vedrører Aktivitet: Bylivspuljen" in text
    assert not _types(shown) & {"Markdown", "DangerouslySetInnerHTML"}

    other = _call(
        client,
        "okonomi-beslutninger.children",
        [("okonomi-omraade", "value", other_area)],
        [("okonomi-version", "value", version_id)],
    )
    assert _strings(other) == ["Der er ikke registreret beslutninger om indsatsområdets budget."]


def test_anonymous_gets_no_decisions(loaded_db):
    deliverable_id, _, _ = _first_deliverable(loaded_db)
    _decide(loaded_db, "Fortroligt: leverancen udskydes.", [("deliverable", deliverable_id)])
    app = create_app(Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False))
    anonymous = app.server.test_client()
    response = anonymous.post(
        "/_dash-update-component",
        json={
            "output": "lev-beslutninger.children",
            "outputs": {"id": "lev-beslutninger", "property": "children"},
            "inputs": [{"id": "lev-valgt", "property": "value", "value": deliverable_id}],
            "changedPropIds": ["lev-valgt.value"],
            "state": [{"id": "partnerskab", "property": "data", "value": "amager-partnerskab"}],
        },
    )
    assert response.status_code == 401  # nobody logged in
    assert "Fortroligt" not in response.get_data(as_text=True)


# --- the migration -----------------------------------------------------------------------


def _measurement_indexes(url: str) -> set[str]:
    with get_engine(url).connect() as conn:
        return {ix["name"] for ix in inspect(conn).get_indexes("measurement")}


def _alembic(url: str, action, target: str) -> None:
    cfg = alembic_config(url)
    with get_engine(url).begin() as connection:
        cfg.attributes["connection"] = connection
        action(cfg, target)


def test_the_migration_chain_downgrades_and_upgrades_again(db_url):
    """On the test database (an empty, migrated copy; on PostgreSQL the shared one, so the
    schema is brought back to head whatever happens)."""
    try:
        assert "ix_measurement_updated_at" in _measurement_indexes(db_url)
        _alembic(db_url, command.downgrade, "0006_data_version")
        assert "ix_measurement_updated_at" not in _measurement_indexes(db_url)
        assert "ix_measurement_load_id" in _measurement_indexes(db_url)
        _alembic(db_url, command.downgrade, "base")
        with get_engine(db_url).connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        migrate(db_url)
        assert "ix_measurement_updated_at" in _measurement_indexes(db_url)
        _alembic(db_url, command.downgrade, "-1")
        _alembic(db_url, command.upgrade, "+1")
        assert "ix_measurement_updated_at" in _measurement_indexes(db_url)
    finally:
        migrate(db_url)
