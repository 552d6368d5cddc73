"""Writes from /tryghed: output figures the working group registers, and the notes behind
each curve. Role checked, validated, one transaction, history, stale edits refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.auth import SessionUser
from dashboard.components.tryghed_views import output_status
from dashboard.db import session_scope
from dashboard.model import Measurement, User
from dashboard.model.measurement_edits import REGISTERED_SOURCE
from dashboard.queries.activity_outputs import (
    output_history,
    output_progress,
    registered_figure,
)
from dashboard.queries.indicator_notes import indicator_note, note_history
from dashboard.queries.partnership import only_partnership
from dashboard.services.errors import InvalidEdit, NotAllowed
from dashboard.services.indicator_notes import StaleNote, save_indicator_note
from dashboard.services.measurements import StaleFigure, register_output_value
from tests.accounts import add_user
from tests.indicator_helpers import table_counts


def _user(url: str, username: str, role: str, party: str | None = None) -> SessionUser:
    add_user(url, username, role, party)
    with session_scope(url) as session:
        u = session.scalars(select(User).where(User.username == username)).one()
        return SessionUser(u.id, u.username, u.role, u.party_id)


@pytest.fixture
def worker(loaded_db):
    return _user(loaded_db, "arbejder", "arbejdsgruppe", "SSP")  # SSP leads Ung i Job


def current_partnership_id(session) -> int:
    """The one partnership of the bundled defaults, which every write here acts in."""
    return only_partnership(session).id


def _register(url, user, value, version=0, code="ung_i_job_deltagere", period="2017", note=""):
    with session_scope(url) as session:
        return register_output_value(
            session, user, code, period, value, note, version,
            partnership_id=current_partnership_id(session),
        )  # fmt: skip


def test_registered_figure_meets_the_target_and_keeps_history(loaded_db, worker):
    _register(loaded_db, worker, 43)
    with session_scope(loaded_db) as session:
        row = (
            output_progress(session, current_partnership_id(session))
            .query("indicator == 'ung_i_job_deltagere'")
            .iloc[0]
        )
        history = output_history(session, current_partnership_id(session), "ung_i_job_deltagere")
        figure = session.scalars(
            select(Measurement).where(Measurement.source == REGISTERED_SOURCE)
        ).one()
        area = figure.area.name
    assert (row["period"], row["measured"], row["status"], row["version"]) == (
        "2017",
        43.0,
        "met",
        1,
    )
    assert output_status(row) == "målt: 43 (mål: mindst 40)"
    assert area == "Partnerskabsområdet (Urbanplanen og Hørgården)"
    assert [(h.period, h.old_value, h.new_value, h.changed_by) for h in history] == [
        ("2017", None, 43.0, "arbejder")
    ]


def test_a_correction_below_target_is_below_not_unmeasured(loaded_db, worker):
    _register(loaded_db, worker, 43)
    _register(loaded_db, worker, 35, version=1, note="rettet efter optælling")
    with session_scope(loaded_db) as session:
        row = (
            output_progress(session, current_partnership_id(session))
            .query("indicator == 'ung_i_job_deltagere'")
            .iloc[0]
        )
        history = output_history(session, current_partnership_id(session), "ung_i_job_deltagere")
    assert (row["measured"], row["status"]) == (35.0, "below")
    assert [(h.old_value, h.new_value) for h in history] == [(43.0, 35.0), (None, 43.0)]


def test_a_stale_correction_is_refused_and_writes_nothing(loaded_db, worker):
    _register(loaded_db, worker, 43)
    _register(loaded_db, worker, 44, version=1)
    before = table_counts(loaded_db)
    with pytest.raises(StaleFigure) as refused:
        _register(loaded_db, worker, 45, version=1)
    assert refused.value.current.value == 44.0 and refused.value.current.version == 2
    assert table_counts(loaded_db) == before
    with session_scope(loaded_db) as session:
        assert (
            registered_figure(
                session, current_partnership_id(session), "ung_i_job_deltagere", "2017"
            ).value
            == 44.0
        )


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("ung_i_job_deltagere", -1, "negativt"),
        ("ung_i_job_deltagere", 4.5, "helt tal"),
        ("ung_i_job_deltagere", "mange", "Angiv et tal"),
        ("utrygge_aften_nat", 20, "aktiviteternes målinger"),
    ],
)
def test_invalid_figures_are_refused(loaded_db, worker, code, value, message):
    before = table_counts(loaded_db)
    with pytest.raises(InvalidEdit, match=message):
        _register(loaded_db, worker, value, code=code)
    assert table_counts(loaded_db) == before


@pytest.mark.parametrize(("typed", "stored"), [("1.200", 1200.0), ("44", 44.0), (" 45 ", 45.0)])
def test_a_figure_typed_the_danish_way_is_read_so_whatever_the_browser(
    loaded_db, worker, typed, stored
):
    _register(loaded_db, worker, typed)
    with session_scope(loaded_db) as session:
        assert (
            registered_figure(
                session, current_partnership_id(session), "ung_i_job_deltagere", "2017"
            ).value
            == stored
        )


def test_only_the_working_group_and_admin_may_register(loaded_db):
    steering = _user(loaded_db, "styre", "styregruppe")
    with pytest.raises(NotAllowed):
        _register(loaded_db, steering, 43)


def test_a_note_is_saved_with_history_and_stale_saves_are_refused(loaded_db, worker):
    markup = "<script>alert(1)</script> Faldet skyldes bl.a. nye lamper"
    with session_scope(loaded_db) as session:
        partnership = current_partnership_id(session)
        save_indicator_note(session, worker, "utrygge_aften_nat", partnership, 0, "Første udgave")
    with session_scope(loaded_db) as session:
        save_indicator_note(session, worker, "utrygge_aften_nat", partnership, 1, markup)
    with pytest.raises(StaleNote), session_scope(loaded_db) as session:
        save_indicator_note(session, worker, "utrygge_aften_nat", partnership, 1, "for sent")
    with session_scope(loaded_db) as session:
        note = indicator_note(session, "utrygge_aften_nat", partnership)
        history = note_history(session, "utrygge_aften_nat", partnership)
    assert (note.text, note.version, note.updated_by) == (markup, 2, "arbejder")
    assert [(h.version, h.old_text, h.new_text) for h in history] == [
        (2, "Første udgave", markup),
        (1, "", "Første udgave"),
    ]


def test_steering_committee_may_read_but_not_write_notes(loaded_db):
    steering = _user(loaded_db, "styre", "styregruppe")
    with pytest.raises(NotAllowed), session_scope(loaded_db) as session:
        partnership = current_partnership_id(session)
        save_indicator_note(session, steering, "utrygge_aften_nat", partnership, 0, "x")
