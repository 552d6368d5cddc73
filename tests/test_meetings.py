"""Meetings as data: the plan's approvals become meetings, the briefing lists exactly what
changed since the last meeting, needs-attention finds what is late or open, and the
meeting service checks roles and keeps history."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from dashboard.auth import SessionUser
from dashboard.components.briefing_text import needs_attention, since_last_meeting
from dashboard.components.briefing_views import handover_line
from dashboard.db import session_scope
from dashboard.model import Deliverable, Meeting, MeetingChange, PlanVersion
from dashboard.queries.meetings import (
    LOCAL,
    briefing_window,
    decision_log,
    decisions_by_item,
    default_meeting,
    meetings,
)
from dashboard.queries.partnership import only_partnership
from dashboard.queries.plan import latest_plan
from dashboard.services.deliverables import set_deliverable_status
from dashboard.services.errors import InvalidEdit, NotAllowed
from dashboard.services.measurements import register_output_value
from dashboard.services.meetings import (
    StaleMeeting,
    add_decision,
    create_meeting,
    update_meeting,
)
from dashboard.services.users import create_user
from data_loaders.defaults import init_database, load_plan_file
from tests.conftest import PLAN_2017, dump
from tests.partnerships import amager_id


def _user(url: str, role: str, username: str | None = None) -> SessionUser:
    with session_scope(url) as session:
        user = create_user(session, username or f"{role}-moede", "en-lang-nok-adgangskode", role)
        session.flush()
        return SessionUser(user.id, user.username, user.role, None)


def _revised_plan_with_one_changed_amount(tmp_path):
    """The bundled plan with Ung i Job 2018 at 75.000 kr. instead of 50.000 kr. (the overview
    table and the activity's own Økonomi section, so the two still agree)."""
    text = PLAN_2017.read_text(encoding="utf-8")
    text = text.replace("\tUng i Job\t100.000\t50.000 ⁶", "\tUng i Job\t100.000\t75.000 ⁶")
    text = text.replace(
        "Medfinansiering af ansat\t100.000\t50.000", "Medfinansiering af ansat\t100.000\t75.000"
    )
    path = tmp_path / "tryghedsplan-2017-revideret.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _deliverables(url: str, count: int) -> list[tuple[int, int]]:
    with session_scope(url) as session:
        return [
            (d.id, d.version)
            for d in session.scalars(select(Deliverable).order_by(Deliverable.id).limit(count))
        ]


def _partnership(session) -> int:
    """The one partnership of the bundled defaults, which every write here acts in."""
    return only_partnership(session).id


def _set_status(url, user, deliverable, status, comment):
    with session_scope(url) as session:
        set_deliverable_status(
            session, user, deliverable[0], deliverable[1], status, comment, date(2020, 12, 31),
            partnership_id=_partnership(session),
        )  # fmt: skip


def test_the_plans_approvals_become_meetings_once(loaded_db, tmp_path):
    with session_scope(loaded_db) as session:
        found = [(m.body, m.date) for m in meetings(session, amager_id(session))]
    assert found == [
        ("styregruppe", date(2016, 10, 24)),
        ("okonomiudvalget", date(2016, 12, 6)),
        ("borgerrepraesentationen", date(2016, 12, 15)),
    ]
    init_database(loaded_db)
    load_plan_file(loaded_db, _revised_plan_with_one_changed_amount(tmp_path))
    with session_scope(loaded_db) as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 3


def test_briefing_lists_exactly_the_changes_since_the_last_meeting(loaded_db, tmp_path):
    editor = _user(loaded_db, "admin")
    first, second, earlier = _deliverables(loaded_db, 3)
    # Before the meeting: a change the meeting already knew about.
    _set_status(loaded_db, editor, earlier, "in_progress", "Drøftet på mødet")

    now = datetime.now(LOCAL)
    with session_scope(loaded_db) as session:
        partnership_id = _partnership(session)
        held = create_meeting(
            session,
            editor,
            partnership_id,
            "styregruppe",
            now.date(),
            now.time(),
            "Styregruppemøde",
            ["Status"],
        ).id
        coming = create_meeting(
            session,
            editor,
            partnership_id,
            "styregruppe",
            now.date() + timedelta(days=30),
            time(14, 0),
            "Næste styregruppemøde",
        ).id

    _set_status(loaded_db, editor, first, "delayed", "Venter på lokaler")
    _set_status(loaded_db, editor, second, "done", "")
    with session_scope(loaded_db) as session:
        register_output_value(
            session, editor, "ung_i_job_deltagere", "2017", 42, "", 0,
            partnership_id=partnership_id,
        )  # fmt: skip
    load_plan_file(
        loaded_db, _revised_plan_with_one_changed_amount(tmp_path), loaded_by="sekretariatet"
    )

    with session_scope(loaded_db) as session:
        window = briefing_window(session, coming)
        items = since_last_meeting(session, coming)
    assert window.previous.id == held
    assert sorted(item.kind for item in items) == [
        "budget",
        "deliverable",
        "deliverable",
        "measurement",
    ]
    texts = "\n".join(item.text for item in items)
    assert "ikke startet → forsinket. Kommentar: «Venter på lokaler»" in texts
    assert "ikke startet → afsluttet" in texts
    assert "Drøftet på mødet" not in texts  # from before the meeting
    assert "Nyt tal: Unge i Ung i Job" in texts and ": 42" in texts
    assert "Budget: Ung i Job 2018: 50.000 kr. → 75.000 kr. (ændret)" in texts
    budget = next(item for item in items if item.kind == "budget")
    assert (budget.who, budget.link) == ("sekretariatet", "/okonomi")
    assert {item.who for item in items if item.kind == "deliverable"} == {editor.username}
    # Grouped by focus area, newest first inside each group.
    for area in {item.focus_area for item in items}:
        stamps = [item.when for item in items if item.focus_area == area]
        assert stamps == sorted(stamps, reverse=True)


def test_default_meeting_is_the_next_one_else_the_latest(loaded_db):
    with session_scope(loaded_db) as session:
        found = meetings(session, amager_id(session))
    assert default_meeting(found, date(2016, 11, 1)).body == "okonomiudvalget"
    assert default_meeting(found, date(2025, 1, 1)).body == "borgerrepraesentationen"


def test_needs_attention_finds_late_open_and_stale_items(loaded_db):
    with session_scope(loaded_db) as session:
        version = latest_plan(session, _partnership(session)).id
        in_2017 = needs_attention(session, version, date(2017, 6, 1))
        now = needs_attention(session, version, date(2026, 11, 26))
    # In mid-2017 the coming year is 2018, with its four undecided cells.
    assert in_2017.undecided == [
        (2018, ["Bylivspuljen", "Skolefravær", "Utryghedsgruppe", "Mødefacilitering"])
    ]
    with session_scope(loaded_db) as session:
        dated = session.scalar(
            select(func.count()).select_from(Deliverable).where(Deliverable.due_date.is_not(None))
        )
    # Nothing has been reported done, so by 2026 every deliverable with a deadline is late.
    assert sum(len(rows) for _, rows in now.overdue_by_party) == dated
    assert {p for p, _ in now.overdue_by_party} >= {"SOF", "3B"}
    assert all(r.status == "ikke startet" for _, rows in now.overdue_by_party for r in rows)
    assert "Ung i Job (14-18 år)" in [h["activity"] for h in now.open_handovers]
    assert all(h["status"] == "planned" for h in now.open_handovers)
    street = next(h for h in now.open_handovers if h["activity"].startswith("Streetaktiv"))
    # The plan names no one to take over street work: said so, not "overgår til ikke afklaret".
    assert handover_line(street).startswith(
        "Streetaktiviteter og gadeplan: hvem der overtager, er ikke afklaret – "
    )
    sentences = [s.sentence for s in now.stale_indicators]
    assert any(
        s.startswith(
            "Andel utrygge i nabolaget om aftenen og natten (Københavns Kommune, "
            "Tryghedsundersøgelsen): seneste tal er fra 20"
        )
        for s in sentences
    ), sentences


def test_only_the_working_group_and_admin_may_add_meetings(loaded_db):
    viewer = _user(loaded_db, "styregruppe")
    before = dump(loaded_db, skip=("login_attempt",))
    with session_scope(loaded_db) as session, pytest.raises(NotAllowed):
        create_meeting(session, viewer, 1, "styregruppe", date(2017, 3, 1), None, "Møde", ["Punkt"])
    assert dump(loaded_db, skip=("login_attempt",)) == before


def test_editing_a_meeting_keeps_history_and_refuses_a_stale_edit(loaded_db):
    editor = _user(loaded_db, "admin")
    with session_scope(loaded_db) as session:
        meeting = session.scalars(select(Meeting).where(Meeting.body == "styregruppe")).one()
        meeting_id, version = meeting.id, meeting.version
        update_meeting(
            session,
            editor,
            meeting_id,
            version,
            "styregruppe",
            date(2016, 10, 24),
            time(15, 0),
            "Godkendelse af tryghedsplanen",
            ["Godkendelse af planen", "Eventuelt"],
            partnership_id=meeting.partnership_id,
        )
    with session_scope(loaded_db) as session:
        change = session.scalars(
            select(MeetingChange).where(MeetingChange.meeting_id == meeting_id)
        ).one()
        assert change.changed_by == editor.username
        changes = json.loads(change.changes)
        assert changes["start_time"] == [None, "15:00"]
        assert changes["agenda"][1] == ["Godkendelse af planen", "Eventuelt"]
        with pytest.raises(StaleMeeting):
            update_meeting(
                session, editor, meeting_id, version, "styregruppe", date(2016, 10, 25),
                None, "Forældet", [], partnership_id=_partnership(session),
            )  # fmt: skip
    with session_scope(loaded_db) as session:
        assert session.get(Meeting, meeting_id).date == date(2016, 10, 24)
        with pytest.raises(InvalidEdit, match="allerede et møde"):
            create_meeting(
                session, editor, 1, "okonomiudvalget", date(2016, 12, 6), None, "Igen", []
            )


def test_a_decision_is_linked_to_what_it_concerns_and_shown_there(loaded_db):
    editor = _user(loaded_db, "admin")
    with session_scope(loaded_db) as session:
        meeting_id = session.scalar(select(Meeting.id).where(Meeting.body == "styregruppe"))
        version = session.scalar(select(PlanVersion))
        deliverable = session.scalars(select(Deliverable).order_by(Deliverable.id)).first()
        line = next(b for b in version.budget_lines if b.label == "Bylivspuljen" and b.year == 2018)
        add_decision(
            session,
            editor,
            meeting_id,
            "Bylivspuljen 2018 afventer evalueringen.",
            [("budget_line", line.id), ("deliverable", deliverable.id)],
            partnership_id=version.partnership_id,
        )
        deliverable_id, line_id = deliverable.id, line.id
    with session_scope(loaded_db) as session:
        log = decision_log(session, amager_id(session))
        assert session.scalar(select(func.count()).select_from(MeetingChange)) == 1
    assert [d.text for d in log] == ["Bylivspuljen 2018 afventer evalueringen."]
    assert [link.label for link in log[0].links][0] == "Budget: Bylivspuljen 2018"
    by_item = decisions_by_item(log)
    assert by_item[("deliverable", deliverable_id)] == log
    assert by_item[("budget_line", line_id)] == log


def test_an_anonymous_caller_cannot_record_a_decision(loaded_db):
    ghost = SessionUser(999, "ukendt", "anonymous", None)
    with session_scope(loaded_db) as session, pytest.raises(NotAllowed):
        add_decision(session, ghost, 1, "Noget", [], partnership_id=_partnership(session))
