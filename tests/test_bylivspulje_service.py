"""Bylivspuljen's services and queries on the loaded Amager plan (233.000 kr. in 2017, '?'
for 2018–2020): the cycle, the refusals (each writing nothing), ownership and the money."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from dashboard.components.bylivspulje_views import money_view
from dashboard.db import session_scope
from dashboard.model import Decision
from dashboard.queries.bylivspulje import (
    applications,
    granted_projects,
    pool_money,
    pool_money_by_year,
    waiting_recommendations,
)
from dashboard.services.bylivspulje import (
    StalePool,
    recommend,
)
from dashboard.services.errors import InvalidEdit, NotAllowed
from tests.conftest import dump
from tests.partnerships import amager_id, load_second_partnership
from tests.pool_helpers import DAY, apply, decide, package, pool_people, report


def test_a_years_cycle_moves_the_money_and_the_states(loaded_db):
    people = pool_people(loaded_db)
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        a = apply(session, people["arbejder"], "Lys i stien", "40.000")
        b = apply(session, people["arbejder"], "Beskæring ved legepladsen", "25.000")
        c = apply(session, people["arbejder"], "Lysfest", "60.000", use="arrangement")
    with session_scope(loaded_db) as session:
        money = pool_money(session, pid, 2017)
        assert (money.frame, money.granted, money.spent, money.left) == (233_000, 0, 0, 233_000)
        assert {r.state for r in applications(session, pid, 2017)} == {"modtaget"}
        rec = recommend(
            session,
            people["arbejder"],
            partnership_id=pid,
            application_ids=[a, b],
            in_favour=True,
            amount="65.000",
            reason="Begge steder er udpeget på tryghedsvandringen.",
            recommended_on=date(2017, 3, 15),
        ).id
    with session_scope(loaded_db) as session:
        states = {r.id: r.state for r in applications(session, pid, 2017)}
        assert states == {a: "indstillet", b: "indstillet", c: "modtaget"}
        assert [w.id for w in waiting_recommendations(session, pid)] == [rec]
        decide(session, people["styre"], rec, {a: "30.000", b: 25_000})
    with session_scope(loaded_db) as session:
        money = pool_money(session, pid, 2017)
        assert (money.granted, money.left) == (55_000, 178_000)
        assert waiting_recommendations(session, pid) == []
        decision = session.scalars(select(Decision).order_by(Decision.id.desc())).first()
        assert "Lys i stien: 30.000 kr." in decision.text
        assert [link.label for link in decision.links] == ["Budget: Bylivspuljen 2017"]
        report(session, people["arbejder"], a, amount_spent="28.500")
    with session_scope(loaded_db) as session:
        money = pool_money(session, pid, 2017)
        assert (money.frame, money.granted, money.spent, money.left) == (
            233_000,
            55_000,
            28_500,
            178_000,
        )
        states = {r.id: r.state for r in applications(session, pid, 2017)}
        assert states == {a: "afrapporteret", b: "besluttet", c: "modtaget"}
        public = granted_projects(session, pid)
        assert [(p["title"], p["amount"]) for p in public] == [
            ("Lys i stien", 30_000),
            ("Beskæring ved legepladsen", 25_000),
        ]
        assert "Afdelingsbestyrelsen" not in str(public)


def test_an_undecided_frame_is_ikke_besluttet_and_grants_are_still_summed(loaded_db):
    people = pool_people(loaded_db)
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        assert pool_money(session, pid, 2018).frame is None
        a = apply(session, people["arbejder"], year=2018, amount="500.000")
        rec = recommend(
            session,
            people["arbejder"],
            partnership_id=pid,
            application_ids=[a],
            in_favour=True,
            amount="500.000",
            reason="Akut.",
            recommended_on=DAY,
        ).id
        decide(session, people["admin"], rec, {a: "450.000"}, in_writing=True, meeting_id=None)
    with session_scope(loaded_db) as session:
        money = pool_money(session, pid, 2018)
        assert (money.frame, money.left, money.granted) == (None, None, 450_000)
    # The page's money view (the helper /bylivspuljen draws "Årets penge" with): the frame and
    # what is left are "ikke besluttet", the grant is still counted as granted.
    cells = _cells(money_view(money))
    assert cells == {
        "byl-ramme": "ikke besluttet",
        "byl-bevilget": "450.000 kr.",
        "byl-forbrugt": "0 kr.",
        "byl-tilbage": "ikke besluttet",
    }


def _cells(component) -> dict[str, str]:
    """The text of every element with an id under ``component``, by id."""
    found = {}
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, list | tuple):
            stack.extend(node)
            continue
        if node is None or isinstance(node, str):
            continue
        children = getattr(node, "children", None)
        if getattr(node, "id", None) and isinstance(children, str):
            found[node.id] = children
        stack.append(children)
    return found


def _refused(url, exc, action, message_part):
    before = dump(url)
    with session_scope(url) as session, pytest.raises(exc) as refused:
        action(session)
    assert message_part in str(refused.value)
    assert dump(url) == before


def test_refusals_write_nothing(loaded_db):
    people = pool_people(loaded_db)
    arbejder, styre = people["arbejder"], people["styre"]
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        a = apply(session, arbejder, amount="200.000")
        b = apply(session, arbejder, title="Ikke indstillet")
        rec = recommend(
            session,
            arbejder,
            partnership_id=pid,
            application_ids=[a],
            in_favour=True,
            amount="200.000",
            reason="Stort behov.",
            recommended_on=DAY,
        ).id
    url = loaded_db
    _refused(url, NotAllowed, lambda s: apply(s, styre), "arbejdsgruppen")
    _refused(url, InvalidEdit, lambda s: apply(s, arbejder, amount="-5"), "større end 0")
    _refused(url, InvalidEdit, lambda s: apply(s, arbejder, amount="9.000.000.000"), "over")
    _refused(url, InvalidEdit, lambda s: apply(s, arbejder, amount="12,5"), "hele kroner")
    _refused(url, InvalidEdit, lambda s: apply(s, arbejder, use="fest"), "planens formål")
    _refused(url, InvalidEdit, lambda s: apply(s, arbejder, applicant_kind="x"), "ansøgertype")
    _refused(url, NotAllowed, lambda s: decide(s, arbejder, rec, {a: 1}), "styregruppen")
    _refused(url, InvalidEdit, lambda s: decide(s, styre, None, {}), "kræver en indstilling")
    _refused(url, InvalidEdit, lambda s: decide(s, styre, rec, {a: "-1"}), "større end 0")
    # 200.000 of 233.000 is fine; 240.000 is above what is left unless the frame is raised.
    _refused(url, InvalidEdit, lambda s: decide(s, styre, rec, {a: "240.000"}), "tilbage")
    _refused(url, InvalidEdit, lambda s: decide(s, styre, rec, {}), "beløbet til")
    _refused(
        url,
        InvalidEdit,
        lambda s: decide(s, styre, rec, {a: 1}, meeting_id=None),
        "Vælg mødet",
    )
    _refused(
        url,
        InvalidEdit,
        lambda s: report(s, arbejder, b, amount_spent="1"),
        "bevilling",
    )
    _refused(
        url,
        StalePool,
        lambda s: decide(s, styre, rec, {a: 1}, expected_version=99),
        "ændret af en anden",
    )
    with session_scope(loaded_db) as session:
        decide(session, styre, rec, {a: "240.000"}, frame_raised=True)
    with session_scope(loaded_db) as session:
        money = pool_money(session, pid, 2017)
        assert (money.frame, money.granted, money.left, money.raised) == (
            240_000,
            240_000,
            0,
            7_000,
        )
    _refused(url, InvalidEdit, lambda s: decide(s, styre, rec, {a: 1}), "allerede besluttet")


def test_another_partnerships_application_is_unknown(loaded_db):
    people = pool_people(loaded_db)
    second = load_second_partnership(loaded_db)
    with session_scope(loaded_db) as session:
        a = apply(session, people["arbejder"])

    def recommend_elsewhere(session):
        recommend(
            session,
            people["arbejder"],
            partnership_id=second,
            application_ids=[a],
            in_favour=True,
            amount="1",
            reason="x",
            recommended_on=DAY,
        )

    _refused(loaded_db, InvalidEdit, recommend_elsewhere, "Ansøgningen findes ikke")
    with session_scope(loaded_db) as session:
        assert applications(session, second) == []
        assert pool_money(session, second, 2017).frame == 433_000


def test_the_money_of_several_years_is_summed_year_by_year(loaded_db):
    """/okonomi and /moede ask for every year at once: the same money as year by year, no
    year's grants in another's, the '?' years and a year outside the plan without a frame."""
    people = pool_people(loaded_db)
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        a = apply(session, people["arbejder"], "Lys i stien", "40.000")
        apply(session, people["arbejder"], "Bænke ved søen", "20.000", year=2018)
        rec = package(session, people["arbejder"], [a], amount="30.000")
        decide(session, people["styre"], rec, {a: "30.000"})
    with session_scope(loaded_db) as session:
        years = [2017, 2018, 2019, 2021]
        together = pool_money_by_year(session, pid, years)
        assert together == {year: pool_money(session, pid, year) for year in years}
        assert (together[2017].frame, together[2017].granted) == (233_000, 30_000)
        assert (together[2018].frame, together[2018].granted) == (None, 0)
        assert (together[2021].has_line, together[2021].frame) == (False, None)
