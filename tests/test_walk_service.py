"""The safety walks' services on the loaded Amager plan (period 2017–2020, outline
"Urbanplanen mv."): a walk, its findings, actions and follow-up with history; the refusals,
each writing nothing; who may move an action; stale edits; another partnership's rows."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from dashboard import clock
from dashboard.db import session_scope
from dashboard.model import Walk, WalkAction, WalkChange, WalkFinding
from dashboard.queries.walks import pool_choices
from dashboard.services import walk_input
from dashboard.services.errors import InvalidEdit, NotAllowed
from dashboard.services.walk_actions import update_action_status
from dashboard.services.walk_input import StaleWalk
from dashboard.services.walks import record_follow_up
from tests.conftest import dump
from tests.partnerships import amager_id, load_second_partnership
from tests.pool_helpers import apply, granted
from tests.walk_helpers import INSIDE, OUTSIDE, action, finding, walk, walk_people


def test_a_walk_its_findings_actions_and_follow_up_are_kept_with_history(loaded_db):
    people = walk_people(loaded_db)
    worker = people["arbejder"]
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        first = walk(session, worker)
        dark = finding(session, worker, first, INSIDE[0], "lys")
        bush = finding(session, worker, first, INSIDE[1], "beplantning", place="Legepladsen")
        grant = granted(session, worker, people["styre"], {"Lys på stien": "40.000"})[
            "Lys på stien"
        ]
        action(session, worker, dark, pool_application_id=grant)
        action(session, worker, bush, party="SOF", what="Beskær buskene")
    with session_scope(loaded_db) as session:
        w = session.get(Walk, first)
        assert (w.residents, w.staff, w.police, w.others, w.participants) == (9, 3, 2, 1, 15)
        dark_action = session.scalars(select(WalkAction).where(WalkAction.finding_id == dark)).one()
        assert (dark_action.status, dark_action.pool_application_id) == ("aaben", grant)
        update_action_status(
            session,
            worker,
            partnership_id=pid,
            action_id=dark_action.id,
            expected_version=dark_action.version,
            status="i_gang",
        )
        later = walk(session, worker, walked_on=date(2017, 9, 14))
        record_follow_up(
            session, worker, partnership_id=pid, walk_id=later, finding_id=dark, fixed=True
        )
    with session_scope(loaded_db) as session:
        dark_action = session.scalars(select(WalkAction).where(WalkAction.finding_id == dark)).one()
        assert dark_action.status == "udbedret"
        history = session.scalars(
            select(WalkChange)
            .where(WalkChange.entity == "action", WalkChange.entity_id == dark_action.id)
            .order_by(WalkChange.version)
        ).all()
        assert [(h.action, h.changed_by) for h in history] == [
            ("created", "vandrer3b"),
            ("status", "vandrer3b"),
            ("followed_up", "vandrer3b"),
        ]
        assert json.loads(history[-1].changes) == {"status": ["i_gang", "udbedret"]}
        kinds = {h.entity for h in session.scalars(select(WalkChange))}
        assert kinds == {"walk", "finding", "action", "follow_up"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(point=OUTSIDE), "uden for partnerskabets område"),
        (dict(walked_on="future"), "ude i fremtiden"),
        (
            dict(walked_on=date(2016, 12, 31)),
            "før partnerskabsperioden, der begynder 1. januar 2017\\. Ret",
        ),
        (dict(counts={"residents": -1}), "kan ikke være negativt"),
        (dict(counts={"residents": 5000}), "for mange"),
        (dict(counts={"residents": "mange"}), "helt tal"),
        (dict(counts={}), "mindst én deltager"),
        (dict(category="graffiti"), "kategorierne"),
        (dict(due_on=date(2017, 4, 19)), "Fristen ligger før tryghedsvandringen"),
        (dict(due_on=date(9999, 12, 31)), "mere end 5 år efter tryghedsvandringen.*20.04.2022"),
        (dict(due_on=date(2022, 4, 21)), "mere end 5 år efter tryghedsvandringen"),
    ],
)
def test_bad_input_is_refused_in_danish_and_nothing_is_written(loaded_db, change, message):
    worker = walk_people(loaded_db)["arbejder"]
    walked_on = change.get("walked_on", date(2017, 4, 20))
    if walked_on == "future":
        walked_on = clock.today() + timedelta(days=1)
    with session_scope(loaded_db) as session:
        earlier = walk(session, worker)
        found = finding(session, worker, earlier)
    before = dump(loaded_db)
    with session_scope(loaded_db) as session, pytest.raises(InvalidEdit, match=message):
        if "due_on" in change:
            action(session, worker, found, due_on=change["due_on"])
        elif "point" in change or "category" in change:
            point = change.get("point", INSIDE[2])
            finding(session, worker, earlier, point, change.get("category", "affald"))
        else:
            walk(session, worker, walked_on=walked_on, counts=change.get("counts", {"staff": 2}))
    assert dump(loaded_db) == before


def test_an_action_may_be_due_up_to_five_years_after_the_walk(loaded_db):
    worker = walk_people(loaded_db)["arbejder"]
    with session_scope(loaded_db) as session:
        found = finding(session, worker, walk(session, worker, walked_on=date(2017, 4, 20)))
        assert action(session, worker, found, due_on=date(2022, 4, 20)).due_on == date(2022, 4, 20)


def test_only_the_working_group_records_and_only_the_responsible_party_moves_an_action(
    loaded_db,
):
    people = walk_people(loaded_db)
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        with pytest.raises(NotAllowed):
            walk(session, people["styre"])
        first = walk(session, people["arbejder"])
        found = finding(session, people["arbejder"], first)
        act = action(session, people["arbejder"], found, party="SOF")
        act_id, version = act.id, act.version
    before = dump(loaded_db)
    for who in ("arbejder", "styre"):  # 3B is not SOF; the committee reads
        with session_scope(loaded_db) as session, pytest.raises(NotAllowed):
            update_action_status(
                session,
                people[who],
                partnership_id=pid,
                action_id=act_id,
                expected_version=version,
                status="i_gang",
            )
    assert dump(loaded_db) == before
    with session_scope(loaded_db) as session:
        with pytest.raises(InvalidEdit, match="hvorfor"):
            update_action_status(
                session,
                people["sof"],
                partnership_id=pid,
                action_id=act_id,
                expected_version=version,
                status="afvist",
            )
        update_action_status(
            session,
            people["sof"],
            partnership_id=pid,
            action_id=act_id,
            expected_version=version,
            status="afvist",
            reason="Lamperne er kommunens; sendt videre til Teknik- og Miljøforvaltningen.",
        )
    with session_scope(loaded_db) as session, pytest.raises(StaleWalk):
        update_action_status(
            session,
            people["admin"],
            partnership_id=pid,
            action_id=act_id,
            expected_version=version,
            status="i_gang",
        )


def test_a_follow_up_must_be_on_a_later_walk_and_still_a_problem_reopens(loaded_db):
    worker = walk_people(loaded_db)["arbejder"]
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        first = walk(session, worker)
        found = finding(session, worker, first)
        act = action(session, worker, found)
        same_day = walk(session, worker)
        with pytest.raises(InvalidEdit, match="senere tryghedsvandring"):
            record_follow_up(
                session, worker, partnership_id=pid, walk_id=same_day, finding_id=found, fixed=True
            )
        later = walk(session, worker, walked_on=date(2017, 8, 1))
        record_follow_up(
            session, worker, partnership_id=pid, walk_id=later, finding_id=found, fixed=True
        )
        again = walk(session, worker, walked_on=date(2017, 10, 1))
        record_follow_up(
            session, worker, partnership_id=pid, walk_id=again, finding_id=found, fixed=False
        )
        assert session.get(WalkAction, act.id).status == "aaben"


def test_another_partnerships_walks_findings_and_grants_are_unknown(loaded_db):
    people = walk_people(loaded_db)
    worker = people["arbejder"]
    second = load_second_partnership(loaded_db, map_outline="Tingbjerg/Husum")
    with session_scope(loaded_db) as session:
        first = walk(session, worker)
        found = finding(session, worker, first)
        grant = apply(session, worker, "Lys", partnership_id=second, year=2017)
    before = dump(loaded_db)
    with session_scope(loaded_db) as session:
        with pytest.raises(InvalidEdit, match="Vandringen findes ikke"):
            finding(session, people["admin"], first, partnership_id=second)
        with pytest.raises(InvalidEdit, match="Fundet findes ikke"):
            action(session, people["admin"], found, partnership_id=second)
        with pytest.raises(InvalidEdit, match="Ansøgningen til Bylivspuljen findes ikke"):
            action(session, worker, found, pool_application_id=grant)
        # Amager's point is not in the second partnership's area either.
        second_walk = walk(session, worker, partnership_id=second)
        with pytest.raises(InvalidEdit, match="uden for"):
            finding(session, worker, second_walk, partnership_id=second)
        session.rollback()
    assert dump(loaded_db) == before
    with session_scope(loaded_db) as session:
        assert session.scalars(select(WalkFinding.id)).all() == [found]


def test_only_a_grant_of_the_partnership_pays_for_an_action(loaded_db):
    """The action form offers the applications granted money, and the service takes no other:
    one refused (0 kr.) or not yet decided is refused in Danish, and nothing is written."""
    people = walk_people(loaded_db)
    worker = people["arbejder"]
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        ids = granted(session, worker, people["styre"], {"Lys": "30.000", "Maling": "0"})
        waiting = apply(session, worker, "Beskæring")
        found = finding(session, worker, walk(session, worker))
        assert pool_choices(session, pid) == [(ids["Lys"], "Lys (2017)")]
    before = dump(loaded_db)
    with session_scope(loaded_db) as session:
        for forged in (ids["Maling"], waiting):
            with pytest.raises(InvalidEdit, match="har ikke fået en bevilling fra Bylivspuljen"):
                action(session, worker, found, pool_application_id=forged)
        session.rollback()
    assert dump(loaded_db) == before
    with session_scope(loaded_db) as session:
        act = action(session, worker, found, pool_application_id=ids["Lys"])
        assert act.pool_application_id == ids["Lys"]


def test_a_walk_before_the_period_names_the_periods_own_first_day(loaded_db, monkeypatch):
    """A period that begins on another day than 1 January is named by that day, not by
    "januar" whatever the month."""
    worker = walk_people(loaded_db)["arbejder"]
    monkeypatch.setattr(walk_input, "period_start", lambda session, pid: date(2017, 8, 15))
    before = dump(loaded_db)
    with (
        session_scope(loaded_db) as session,
        pytest.raises(InvalidEdit, match="der begynder 15\\. august 2017\\. Ret datoen"),
    ):
        walk(session, worker, walked_on=date(2017, 8, 14))
    assert dump(loaded_db) == before
