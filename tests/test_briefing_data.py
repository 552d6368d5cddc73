"""The briefing's queries return values, not words; their totals add up; the newest figure
per indicator comes from one grouped query and agrees with reading every figure."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from sqlalchemy import select

from dashboard.auth import SessionUser
from dashboard.clock import LOCAL
from dashboard.components.briefing_text import attention_text, change_line
from dashboard.db import session_scope
from dashboard.model import Area, Deliverable, Measurement
from dashboard.model.meetings import link_label
from dashboard.queries.attention import _newest_figures, needs_attention
from dashboard.queries.briefing import StatusChange, changes_since_last_meeting
from dashboard.queries.deliverables import (
    STATUS_LABELS,
    EditableState,
    deliverable_table,
    editable_state,
    status_counts_by_party,
    status_matrix,
    status_summary,
)
from dashboard.queries.meetings import decision_link_options
from dashboard.queries.plan import latest_plan
from dashboard.services.deliverables import set_deliverable_status
from dashboard.services.meetings import create_meeting
from dashboard.services.users import create_user
from tests.partnerships import amager_id


def _editor(url: str) -> SessionUser:
    with session_scope(url) as session:
        user = create_user(session, "briefing-editor", "en-lang-nok-adgangskode", "admin")
        session.flush()
        return SessionUser(user.id, user.username, user.role, None)


def test_a_status_change_is_data_and_the_line_says_it_in_danish(loaded_db):
    editor = _editor(loaded_db)
    with session_scope(loaded_db) as session:
        deliverable = session.scalars(select(Deliverable).order_by(Deliverable.id)).first()
        target = (deliverable.id, deliverable.version, deliverable.activity.name)
        text = deliverable.text
        set_deliverable_status(
            session,
            editor,
            target[0],
            target[1],
            "delayed",
            "Venter",
            date(2020, 12, 31),
            partnership_id=amager_id(session),
        )
        now = datetime.now(LOCAL)
        meeting_id = create_meeting(
            session, editor, 1, "arbejdsgruppe", date(now.year + 1, 1, 1), None, "Næste", []
        ).id
    with session_scope(loaded_db) as session:
        changes = changes_since_last_meeting(session, meeting_id)
    status = next(c for c in changes if c.kind == "deliverable")
    assert status.what == StatusChange(
        target[0], target[2], text, "not_started", "delayed", "Venter"
    )
    line = change_line(status)
    assert line.text == f"{target[2]}: «{text}»: ikke startet → forsinket. Kommentar: «Venter»"
    assert (line.who, line.link) == (editor.username, "/leverancer")
    # An edit of the comment alone does not read as a change of status.
    same = dataclasses.replace(status.what, old_status="delayed", comment="Nu med dato")
    assert change_line(dataclasses.replace(status, what=same)).text == (
        f"{target[2]}: «{text}»: fortsat forsinket. Kommentar: «Nu med dato»"
    )


def test_the_status_matrix_adds_up_to_the_counts_it_is_made_of(loaded_db):
    with session_scope(loaded_db) as session:
        version = latest_plan(session, amager_id(session)).id
        counts = status_counts_by_party(session, version)
        matrix = status_matrix(session, version)
        table = deliverable_table(session, version, today=date(2030, 1, 1))
        some = [int(i) for i in table["id"][:5]]
        part = status_matrix(session, version, some)
        nothing = status_matrix(session, version, [])
    assert sum(row.total for row in matrix.rows) == int(counts["count"].sum())
    assert all(len(row.counts) == len(STATUS_LABELS) for row in matrix.rows)
    assert [(r.party, r.role) for r in matrix.rows] == sorted(
        {(r.party, r.role) for r in matrix.rows}
    )
    for party, per_status in matrix.by_party.items():
        assert sum(per_status) == sum(r.total for r in matrix.rows if r.party == party)
    assert sum(r.total for r in part.rows) < sum(r.total for r in matrix.rows)
    assert nothing.rows == [] and nothing.by_party == {}
    summary = status_summary(table)
    assert summary.deliverables == len(table)
    assert summary.by_status == {"not_started": len(table)}
    assert summary.overdue == int(table["due_date"].notna().sum())


def test_the_newest_figure_per_indicator_agrees_with_reading_them_all(loaded_db):
    with session_scope(loaded_db) as session:
        every = session.execute(
            select(Measurement, Area.name)
            .join(Area, Area.id == Measurement.area_id)
            .order_by(Measurement.period_start, Measurement.id)
        ).all()
        grouped = _newest_figures(session)
    expected = {}
    for measurement, area in every:
        expected[measurement.indicator_id] = (
            measurement.period,
            measurement.period_kind,
            measurement.period_start,
            area,
        )
    assert grouped == expected and grouped


def test_needs_attention_is_data_and_its_lines_are_words(loaded_db):
    with session_scope(loaded_db) as session:
        data = needs_attention(
            session, latest_plan(session, amager_id(session)).id, date(2026, 11, 26)
        )
    assert data.overdue and all(d.status == "not_started" for d in data.overdue)
    shown = attention_text(data)
    assert sum(len(rows) for _, rows in shown.overdue_by_party) == len(data.overdue)
    first = data.stale_indicators[0]
    assert shown.stale_indicators[0].sentence == (
        f"{first.name} ({first.source}): seneste tal er fra {first.latest_period} ({first.area})"
    )


def test_a_decision_can_concern_what_the_newest_plan_holds_named_like_its_links(loaded_db):
    with session_scope(loaded_db) as session:
        options = decision_link_options(session, latest_plan(session, amager_id(session)).id)
        deliverable = session.scalars(select(Deliverable).order_by(Deliverable.id)).first()
        expected = link_label("deliverable", deliverable.activity.name, deliverable.text)
    assert ("deliverable", deliverable.id, expected) in options
    assert {kind for kind, _, _ in options} == {
        "activity",
        "deliverable",
        "handover",
        "budget_line",
    }


def test_the_edit_form_starts_from_the_stored_state_of_a_deliverable_of_the_newest_plan(
    loaded_db,
):
    with session_scope(loaded_db) as session:
        deliverable = session.scalars(select(Deliverable).order_by(Deliverable.id)).first()
        version = latest_plan(session, amager_id(session)).id
        state = editable_state(session, version, deliverable.id)
        missing = editable_state(session, version, 10**9)
    assert state == EditableState(
        "not_started", deliverable.comment, deliverable.version, deliverable.text
    )
    assert missing is None


def test_a_load_of_the_bundled_figures_reads_without_a_path():
    from dashboard.components.briefing_text import _load_text
    from dashboard.queries.briefing import LoadChange

    bundled = LoadChange("bundled: data_loaders/data/reference_figures.csv", 75, 0)
    assert (
        _load_text(bundled) == "Indlæsning af dashboardets medfølgende tal: 75 nye og 0 ændrede tal"
    )
    assert _load_text(LoadChange("straf11.csv", 2, 1)).startswith("Indlæsning af straf11.csv:")


def test_several_edits_of_one_deliverable_are_one_net_change(loaded_db):
    """Three edits in the window (status twice, then the comment) are one line: the status
    before the first → after the last, the last comment, who, and how many edits."""
    editor = _editor(loaded_db)
    with session_scope(loaded_db) as session:
        deliverable = session.scalars(select(Deliverable).order_by(Deliverable.id)).first()
        target, name, text = deliverable.id, deliverable.activity.name, deliverable.text
        partnership = amager_id(session)
    for status, comment in (("in_progress", ""), ("delayed", "Venter"), ("delayed", "Maj")):
        with session_scope(loaded_db) as session:
            version = session.get(Deliverable, target).version
            set_deliverable_status(
                session, editor, target, version, status, comment, date(2020, 12, 31),
                partnership_id=partnership,
            )  # fmt: skip
    with session_scope(loaded_db) as session:
        now = datetime.now(LOCAL)
        meeting_id = create_meeting(
            session, editor, partnership, "arbejdsgruppe", date(now.year + 1, 1, 1), None, "N", []
        ).id
    with session_scope(loaded_db) as session:
        changes = [
            c for c in changes_since_last_meeting(session, meeting_id) if c.kind == "deliverable"
        ]
    assert len(changes) == 1
    assert changes[0].what == StatusChange(target, name, text, "not_started", "delayed", "Maj", 3)
    assert change_line(changes[0]).text == (
        f"{name}: «{text}»: ikke startet → forsinket (3 ændringer). Kommentar: «Maj»"
    )


def test_another_partnerships_own_figures_are_not_this_ones_newest(loaded_db):
    """What "Kræver opmærksomhed" reads as an indicator's newest figure leaves out the areas
    other partnerships own (Amager's, seen from another partnership), not the shared ones."""
    from dashboard.queries.areas import own_area_codes

    with session_scope(loaded_db) as session:
        amager = own_area_codes(session, amager_id(session))
        names = {
            name for code, name in session.execute(select(Area.code, Area.name)) if code in amager
        }
        everyone = _newest_figures(session)
        elsewhere = _newest_figures(session, amager)
    assert any(area in names for *_rest, area in everyone.values())
    assert not any(area in names for *_rest, area in elsewhere.values())
    assert 0 < len(elsewhere) < len(everyone)
