"""Bylivspuljen's decision recorded from /moede (``decide_at_meeting``): dated the meeting's
day and in its decision log, the package's grants summed; refused (writing nothing) for the
working group, a meeting not held yet, a recommendation made after the meeting, another
body's meeting and a stale version. Also the follow-up's stale refusal and the decision
text's single full stop after an amount, and the history in the page's words."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard import clock
from dashboard.components.bylivspulje_views import history_view, pool_history_words
from dashboard.db import session_scope
from dashboard.model import PoolRecommendation
from dashboard.queries.bylivspulje import (
    applications,
    package_labels,
    pool_history,
    pool_money,
    waiting_recommendations,
)
from dashboard.queries.meetings import decision_log
from dashboard.services.bylivspulje import StalePool, record_follow_up
from dashboard.services.bylivspulje_meeting import decide_at_meeting
from dashboard.services.errors import InvalidEdit, NotAllowed
from dashboard.services.meetings import create_meeting
from tests.conftest import dump
from tests.partnerships import amager_id
from tests.pool_helpers import apply, decide, new_committee_meeting, package, pool_people

MEETING_DAY = date(2017, 4, 6)


def _decide(session, user, meeting_id, rec_id, grants, **extra):
    fields = dict(
        partnership_id=amager_id(session),
        meeting_id=meeting_id,
        recommendation_id=rec_id,
        expected_version=None,
        grants=grants,
    )
    fields.update(extra)
    return decide_at_meeting(session, user, **fields)


def test_a_decision_from_the_meeting_is_dated_its_day_and_in_its_decision_log(loaded_db):
    people = pool_people(loaded_db)
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        a = apply(session, people["arbejder"], "Lys i stien", "40.000")
        b = apply(session, people["arbejder"], "Beskæring ved legepladsen", "25.000")
        rec = package(session, people["arbejder"], [a, b])
        meeting = new_committee_meeting(session, people["admin"], MEETING_DAY)
        # A recommendation made after the day is not one this meeting can decide.
        assert [w.id for w in waiting_recommendations(session, pid, recommended_by=MEETING_DAY)]
        assert waiting_recommendations(session, pid, recommended_by=date(2017, 3, 14)) == []
    with session_scope(loaded_db) as session:
        _decide(session, people["styre"], meeting, rec, {a: "30.000", b: "25.000"})
    with session_scope(loaded_db) as session:
        decided = session.get(PoolRecommendation, rec)
        assert (decided.decided_on, decided.meeting_id, decided.in_writing) == (
            MEETING_DAY,
            meeting,
            False,
        )
        (logged,) = [d for d in decision_log(session, pid) if d.meeting_id == meeting]
        assert logged.id == decided.decision_id
        assert logged.created_by == "puljestyre"
        assert logged.text == (
            "Bylivspuljen 2017: Lys i stien: 30.000 kr.; Beskæring ved legepladsen: 25.000 kr."
        )
        assert [link.label for link in logged.links] == ["Budget: Bylivspuljen 2017"]
        money = pool_money(session, pid, 2017)
        assert (money.granted, money.left) == (55_000, 178_000)
        assert {r.decided_on for r in applications(session, pid, 2017)} == {MEETING_DAY}


def test_a_raised_frame_ends_its_sentence_with_one_full_stop(loaded_db):
    people = pool_people(loaded_db)
    with session_scope(loaded_db) as session:
        a = apply(session, people["arbejder"], amount="240.000")
        rec = package(session, people["arbejder"], [a], amount="240.000")
        meeting = new_committee_meeting(session, people["admin"], MEETING_DAY)
    with session_scope(loaded_db) as session:
        _decide(
            session, people["admin"], meeting, rec, {a: "240.000"}, frame_raised=True, note="Ok."
        )
    with session_scope(loaded_db) as session:
        (logged,) = [
            d for d in decision_log(session, amager_id(session)) if d.meeting_id == meeting
        ]
    assert logged.text == (
        "Bylivspuljen 2017: Lys i stien: 240.000 kr. Rammen hæves med 7.000 kr. Ok."
    )


def _refused(url, exc, action, message_part):
    before = dump(url)
    with session_scope(url) as session, pytest.raises(exc) as refused:
        action(session)
    assert message_part in str(refused.value)
    assert "kr.." not in str(refused.value)
    assert dump(url) == before


def test_refusals_from_the_meeting_write_nothing(loaded_db):
    people = pool_people(loaded_db)
    arbejder, styre = people["arbejder"], people["styre"]
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        a = apply(session, arbejder, amount="40.000")
        rec = package(session, arbejder, [a], amount="40.000")
        held = new_committee_meeting(session, people["admin"], MEETING_DAY)
        before_it = new_committee_meeting(session, people["admin"], date(2017, 3, 1), "Marts")
        coming = new_committee_meeting(
            session, people["admin"], date(clock.today().year + 1, 1, 10), "Næste år"
        )
        working_group = create_meeting(
            session, people["admin"], pid, "arbejdsgruppe", MEETING_DAY, None, "Arbejdsgruppen"
        ).id
        version = session.get(PoolRecommendation, rec).version
    url, grant = loaded_db, {a: "40.000"}
    _refused(url, NotAllowed, lambda s: _decide(s, arbejder, held, rec, grant), "styregruppen")
    _refused(url, InvalidEdit, lambda s: _decide(s, styre, coming, rec, grant), "ikke holdt endnu")
    _refused(url, InvalidEdit, lambda s: _decide(s, styre, before_it, rec, grant), "efter mødet")
    _refused(
        url, InvalidEdit, lambda s: _decide(s, styre, working_group, rec, grant), "styregruppens"
    )
    _refused(url, InvalidEdit, lambda s: _decide(s, styre, None, rec, grant), "Vælg mødet")
    _refused(url, InvalidEdit, lambda s: _decide(s, styre, held, None, grant), "kræver en")
    _refused(url, InvalidEdit, lambda s: _decide(s, styre, held, rec, {a: "300.000"}), "tilbage")
    _refused(
        url,
        StalePool,
        lambda s: _decide(s, styre, held, rec, grant, expected_version=version + 1),
        "ændret af en anden",
    )
    with session_scope(loaded_db) as session:
        _decide(session, styre, held, rec, grant, expected_version=version)
    _refused(url, InvalidEdit, lambda s: _decide(s, styre, held, rec, grant), "allerede besluttet")


def test_a_follow_up_on_a_project_changed_since_it_was_opened_is_refused(loaded_db):
    people = pool_people(loaded_db)
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        a = apply(session, people["arbejder"], amount="40.000")
        rec = package(session, people["arbejder"], [a], amount="40.000")
        decide(session, people["styre"], rec, {a: "40.000"}, in_writing=True, meeting_id=None)
    with session_scope(loaded_db) as session:
        (opened,) = applications(session, pid, 2017)

    def follow_up(session, version, spent):
        record_follow_up(
            session,
            people["arbejder"],
            partnership_id=pid,
            application_id=a,
            expected_version=version,
            carried_out=True,
            amount_spent=spent,
            report="Lamperne er sat op.",
            reported_on=date(2017, 9, 1),
        )

    with session_scope(loaded_db) as session:
        follow_up(session, opened.version, "38.000")  # someone else, first
    _refused(
        loaded_db, StalePool, lambda s: follow_up(s, opened.version, "12.000"), "ændret af en anden"
    )
    with session_scope(loaded_db) as session:
        assert pool_money(session, pid, 2017).spent == 38_000


def test_the_history_says_what_changed_in_the_pages_words(loaded_db):
    people = pool_people(loaded_db)
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        a = apply(session, people["arbejder"], "Lys i stien", "40.000")
        rec = package(session, people["arbejder"], [a], amount="40.000")
        meeting = new_committee_meeting(session, people["admin"], MEETING_DAY)
        _decide(session, people["styre"], meeting, rec, {a: "30.000"})
    with session_scope(loaded_db) as session:
        words = pool_history_words(package_labels(session, pid))
        lines = [item.children for item in history_view(pool_history(session, pid), words).children]
    assert [line.split(": ", 1)[1] for line in lines] == [
        "Ansøgning »Lys i stien« besluttet – bevilget: 30.000 kr.",
        "Indstilling pakke 1 (2017) besluttet – besluttet den: 6. april 2017",
        "Ansøgning »Lys i stien« indstillet – samlet i: pakke 1 (2017)",
        "Indstilling pakke 1 (2017) oprettet – år: 2017; indstilling: for; indstillet beløb: "
        "40.000 kr.; begrundelse: Udpeget på tryghedsvandringen.; indstillet den: "
        "15. marts 2017",
        "Ansøgning »Lys i stien« oprettet – år: 2017; titel: Lys i stien; formål: "
        "Stien er mørk om aftenen.; brug: Mindre fysiske projekter (maling, beskæring, lys) "
        "på utrygge steder; ansøger: Beboer; organisation: Afdelingsbestyrelsen; "
        "ansøgt: 40.000 kr.; sted: Stien ved Urbanplanen; modtaget: 1. marts 2017; "
        "via: Referencegruppen",
    ]
