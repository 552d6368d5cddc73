"""Who may change what (DESIGN.md §6): the working group its own party's deliverables and
figures, the secretariat everything, meetings and decisions only the secretariat, notes on a
meeting the steering committee too; nothing of a superseded plan revision; and figures
within plausible bounds."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from dashboard.auth import SessionUser
from dashboard.db import session_scope
from dashboard.model import Deliverable, Meeting, Party, PlanVersion, User
from dashboard.queries.partnership import only_partnership
from dashboard.services.deliverables import set_deliverable_status
from dashboard.services.errors import InvalidEdit, NotAllowed
from dashboard.services.measurements import PLAUSIBLE_MAX_COUNT, register_output_value
from dashboard.services.meetings import add_decision, add_meeting_note, create_meeting
from dashboard.services.ownership import (
    editable_deliverables,
    may_edit_deliverable,
    party_deliverables,
)
from dashboard.services.timeline import add_event, remove_event
from data_loaders.defaults import load_plan_file
from tests.accounts import add_user
from tests.conftest import PLAN_2017, dump


def _user(url: str, username: str, role: str, party: str | None = None) -> SessionUser:
    add_user(url, username, role, party)
    with session_scope(url) as session:
        u = session.scalars(select(User).where(User.username == username)).one()
        return SessionUser(u.id, u.username, u.role, u.party_id)


def _deliverable_led_by(url: str, party: str) -> tuple[int, int]:
    with session_scope(url) as session:
        for d in session.scalars(select(Deliverable).order_by(Deliverable.id)):
            if any(r.party.short_name == party and r.role == "lead" for r in d.responsible):
                return d.id, d.version
    raise AssertionError(f"no deliverable led by {party}")


def _partnership(url: str) -> int:
    """The one partnership of the bundled defaults, which every write here acts in."""
    with session_scope(url) as session:
        return only_partnership(session).id


def _set(url, user, deliverable, comment="Ændret"):
    partnership_id = _partnership(url)
    with session_scope(url) as session:
        set_deliverable_status(
            session, user, *deliverable, "in_progress", comment, date(2018, 3, 1),
            partnership_id=partnership_id,
        )  # fmt: skip


def test_the_working_group_changes_only_its_own_partys_deliverables(loaded_db):
    ssp = _user(loaded_db, "ssp1", "arbejdsgruppe", "SSP")
    three_b = _user(loaded_db, "tre-b", "arbejdsgruppe", "3B")
    admin = _user(loaded_db, "sekretariat", "admin")
    led_by_3b = _deliverable_led_by(loaded_db, "3B")
    before = dump(loaded_db)
    with pytest.raises(NotAllowed, match="anden aktør"):
        _set(loaded_db, ssp, led_by_3b, "Sat til droppet af en anden")
    assert dump(loaded_db) == before
    _set(loaded_db, three_b, led_by_3b)
    _set(loaded_db, ssp, _deliverable_led_by(loaded_db, "SSP"))
    # SOF leads with BBU co-responsible; a user of the municipality (KK) covers both.
    _set(
        loaded_db,
        _user(loaded_db, "kk1", "arbejdsgruppe", "KK"),
        _deliverable_led_by(loaded_db, "SOF"),
    )
    _set(loaded_db, admin, _deliverable_led_by(loaded_db, "Solvang Bibliotek"))


def test_a_co_responsible_party_may_change_the_deliverable(loaded_db):
    bbu = _user(loaded_db, "bbu1", "arbejdsgruppe", "BBU")  # co-responsible under SOF's lead
    _set(loaded_db, bbu, _deliverable_led_by(loaded_db, "SOF"))


def test_a_deliverable_of_a_superseded_revision_is_not_edited(loaded_db, tmp_path):
    admin = _user(loaded_db, "sekretariat", "admin")
    old = _deliverable_led_by(loaded_db, "3B")
    revised = tmp_path / "tryghedsplan-2017-revideret.txt"
    text = PLAN_2017.read_text(encoding="utf-8")
    revised.write_text(
        text.replace("\tUng i Job\t100.000\t50.000 ⁶", "\tUng i Job\t100.000\t75.000 ⁶").replace(
            "Medfinansiering af ansat\t100.000\t50.000", "Medfinansiering af ansat\t100.000\t75.000"
        ),
        encoding="utf-8",
    )
    load_plan_file(loaded_db, revised)
    with session_scope(loaded_db) as session:
        assert len(session.scalars(select(PlanVersion)).all()) == 2
    before = dump(loaded_db)
    with pytest.raises(InvalidEdit, match="ældre udgave"):
        _set(loaded_db, admin, old)
    assert dump(loaded_db) == before


def _register(url, user, code, value, period="2017"):
    partnership_id = _partnership(url)
    with session_scope(url) as session:
        return register_output_value(
            session, user, code, period, value, "", 0, partnership_id=partnership_id
        )


def test_figures_belong_to_the_parties_of_the_activity_they_measure(loaded_db):
    three_b = _user(loaded_db, "tre-b", "arbejdsgruppe", "3B")
    ssp = _user(loaded_db, "ssp1", "arbejdsgruppe", "SSP")
    before = dump(loaded_db)
    with pytest.raises(NotAllowed, match="anden aktør"):
        _register(loaded_db, three_b, "ung_i_job_deltagere", 43)  # Ung i Job is SSP's
    assert dump(loaded_db) == before
    _register(loaded_db, ssp, "ung_i_job_deltagere", 43)
    # Safety walks are measured for no one activity: the whole working group's.
    _register(loaded_db, three_b, "tryghedsvandringer", 4)


@pytest.mark.parametrize(
    ("value", "period", "message"),
    [
        (1e15, "2017", "højst være 100.000"),
        (PLAUSIBLE_MAX_COUNT + 1, "2017", "højst"),
        (40, str(date.today().year + 1), "efter i år"),
        (40, "2099", "efter i år"),
        (40, "2010", "før partnerskabets første periode"),
    ],
)
def test_implausible_figures_are_refused_in_danish(loaded_db, value, period, message):
    ssp = _user(loaded_db, "ssp1", "arbejdsgruppe", "SSP")
    before = dump(loaded_db)
    with pytest.raises(InvalidEdit, match=message):
        _register(loaded_db, ssp, "ung_i_job_deltagere", value, period)
    assert dump(loaded_db) == before


def test_only_who_added_an_event_or_the_secretariat_removes_it(loaded_db):
    anna = _user(loaded_db, "anna", "arbejdsgruppe", "3B")
    bo = _user(loaded_db, "bo", "arbejdsgruppe", "SSP")
    admin = _user(loaded_db, "sekretariat", "admin")
    with session_scope(loaded_db) as session:
        partnership = session.scalars(select(PlanVersion)).first().partnership_id
        first = add_event(session, anna, partnership, date(2018, 5, 1), "Ny belysning").id
        second = add_event(session, anna, partnership, date(2018, 6, 1), "Urbanfestival").id
    with pytest.raises(NotAllowed), session_scope(loaded_db) as session:
        remove_event(session, bo, first, partnership_id=partnership)
    with session_scope(loaded_db) as session:
        remove_event(session, anna, first, partnership_id=partnership)
        remove_event(session, admin, second, partnership_id=partnership)


def test_meetings_and_decisions_are_the_secretariats_notes_the_committees_too(loaded_db):
    worker = _user(loaded_db, "anna", "arbejdsgruppe", "3B")
    steering = _user(loaded_db, "styre", "styregruppe")
    admin = _user(loaded_db, "sekretariat", "admin")
    with session_scope(loaded_db) as session:
        meeting_id = session.scalar(select(Meeting.id).where(Meeting.body == "styregruppe"))
        partnership = session.get(Meeting, meeting_id).partnership_id
    scope = {"partnership_id": partnership}
    before = dump(loaded_db)
    for attempt in (
        lambda s: create_meeting(
            s, worker, partnership, "styregruppe", date(2018, 1, 9), None, "X", []
        ),
        lambda s: add_decision(
            s, worker, meeting_id, "Styregruppen besluttede at lukke budgettet", **scope
        ),
        lambda s: add_decision(s, steering, meeting_id, "Noget", **scope),
        lambda s: add_meeting_note(s, worker, meeting_id, "En note", **scope),
    ):
        with pytest.raises(NotAllowed), session_scope(loaded_db) as session:
            attempt(session)
    assert dump(loaded_db) == before
    with session_scope(loaded_db) as session:
        add_meeting_note(session, steering, meeting_id, "Spørgsmål til punkt 3", **scope)
        add_decision(session, admin, meeting_id, "Godkendt", **scope)
    with pytest.raises(InvalidEdit, match="Skriv noten"), session_scope(loaded_db) as session:
        add_meeting_note(session, steering, meeting_id, "   ", **scope)


def test_a_working_group_note_on_a_registered_figure_is_not_published(loaded_db):
    from dashboard.queries.public_figures import public_measurements

    ssp = _user(loaded_db, "ssp1", "arbejdsgruppe", "SSP")
    with session_scope(loaded_db) as session:
        register_output_value(
            session, ssp, "ung_i_job_deltagere", "2017", 43, "overskrevet af ssp1", 0,
            partnership_id=only_partnership(session).id,
        )  # fmt: skip
    with session_scope(loaded_db) as session:
        rows = public_measurements(session, None)
    registered = [
        r for r in rows if r["indicator"] == "ung_i_job_deltagere" and r["period"] == "2017"
    ]
    assert registered and all(r["note"] == "" for r in registered)
    assert any(r["note"] for r in rows)  # the sources' own notes stay


def test_the_rows_that_show_ret_are_the_ones_the_service_lets_through(loaded_db):
    """/leverancer's "Ret" (``editable_deliverables``) and the save's refusal
    (``editable_deliverable``) follow one rule: for every user and every deliverable they
    agree, and a save of a deliverable outside the set is refused."""
    users = [
        _user(loaded_db, "tre-b", "arbejdsgruppe", "3B"),
        _user(loaded_db, "kk1", "arbejdsgruppe", "KK"),  # covers SOF and BBU
        _user(loaded_db, "sekretariat", "admin"),
        _user(loaded_db, "styre", "styregruppe", "3B"),
    ]
    partnership_id = _partnership(loaded_db)
    with session_scope(loaded_db) as session:
        plan = session.scalars(select(PlanVersion)).one()
        ids = session.scalars(select(Deliverable.id)).all()
        shown = {u.username: editable_deliverables(session, u, plan.id) for u in users}
        for u in users:
            allowed = {
                i for i in ids if may_edit_deliverable(session, u, i, partnership_id=partnership_id)
            }
            assert shown[u.username] == allowed, u.username
    assert shown["sekretariat"] == set(ids)
    assert shown["styre"] == set()
    assert shown["tre-b"] and shown["tre-b"] < shown["sekretariat"]
    assert shown["kk1"] >= {_deliverable_led_by(loaded_db, "SOF")[0]}
    outside = next(i for i in ids if i not in shown["tre-b"])
    with session_scope(loaded_db) as session:
        version = session.get(Deliverable, outside).version
    with pytest.raises(NotAllowed, match="anden aktør"):
        _set(loaded_db, users[0], (outside, version))


def test_mine_are_the_deliverables_the_users_party_answers_for(loaded_db):
    with session_scope(loaded_db) as session:
        plan = session.scalars(select(PlanVersion)).one()
        kk, sof = (
            session.scalars(select(Party).where(Party.short_name == name)).one()
            for name in ("KK", "SOF")
        )
        of_kk = party_deliverables(session, kk.id, plan.id)
        of_sof = party_deliverables(session, sof.id, plan.id)
        assert of_sof and of_sof <= of_kk  # the municipality answers for its units' too
        assert party_deliverables(session, None, plan.id) == frozenset()
