"""Bylivspuljen in "siden sidste møde": new applications and every recommendation still
waiting for the committee (however old), as data and as Danish lines."""

from __future__ import annotations

from datetime import date, datetime

from dashboard.clock import LOCAL
from dashboard.components.briefing_text import since_last_meeting
from dashboard.db import session_scope
from dashboard.queries.briefing import changes_since_last_meeting
from dashboard.queries.briefing_pool import PoolBriefing
from dashboard.services.bylivspulje import recommend
from dashboard.services.meetings import create_meeting
from tests.partnerships import amager_id
from tests.pool_helpers import DAY, apply, decide, pool_people


def test_new_applications_and_waiting_recommendations_are_in_the_briefing(loaded_db):
    people = pool_people(loaded_db)
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        a = apply(session, people["arbejder"], "Lys i stien", "40.000")
        apply(session, people["arbejder"], "Lysfest", "60.000", use="arrangement")
        rec = recommend(
            session,
            people["arbejder"],
            partnership_id=pid,
            application_ids=[a],
            in_favour=True,
            amount="40.000",
            reason="Udpeget på tryghedsvandringen.",
            recommended_on=DAY,
        ).id
        next_year = datetime.now(LOCAL).year + 1
        meeting = create_meeting(
            session, people["admin"], pid, "styregruppe", date(next_year, 1, 1), None, "Næste"
        ).id
    with session_scope(loaded_db) as session:
        pool = [c for c in changes_since_last_meeting(session, meeting) if c.kind == "pool"]
        lines = [line for line in since_last_meeting(session, meeting) if line.kind == "pool"]
    assert [c.what for c in pool] == [  # newest first, as every change in the briefing
        PoolBriefing(2017, ("Lys i stien",), 40_000, rec, True, "pakke 1 (2017)"),
        PoolBriefing(2017, ("Lysfest",), 60_000),
        PoolBriefing(2017, ("Lys i stien",), 40_000),
    ]
    assert {c.focus_area for c in pool} == {"2. Tryggere byliv"}
    texts = sorted(line.text for line in lines)
    assert texts == [
        "Arbejdsgruppen indstiller for pakke 1 (2017) i Bylivspuljen (40.000 kr.): "
        "«Lys i stien»; venter på styregruppen",
        "Ny ansøgning til Bylivspuljen 2017: «Lys i stien» (40.000 kr.)",
        "Ny ansøgning til Bylivspuljen 2017: «Lysfest» (60.000 kr.)",
    ]
    assert {(line.who, line.link) for line in lines} == {("puljearbejder", "/bylivspuljen")}


def _pool_lines(session, meeting_id) -> list[str]:
    return sorted(
        line.text for line in since_last_meeting(session, meeting_id) if line.kind == "pool"
    )


def test_a_recommendation_waits_in_every_briefing_until_the_committee_decides(loaded_db):
    """Made before the last meeting, a waiting recommendation is still in the next briefing;
    the applications received before the last meeting are not; once decided it is gone."""
    people = pool_people(loaded_db)
    next_year = datetime.now(LOCAL).year + 1
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        a = apply(session, people["arbejder"], "Lys i stien", "40.000")
        b = apply(session, people["arbejder"], "Beskæring", "25.000")
        rec = recommend(
            session,
            people["arbejder"],
            partnership_id=pid,
            application_ids=[a, b],
            in_favour=True,
            amount="65.000",
            reason="Begge er udpeget på tryghedsvandringen.",
            recommended_on=DAY,
        ).id
        for month in (1, 2):  # both after every change above: the changes predate the last
            meeting = create_meeting(
                session, people["admin"], pid, "styregruppe", date(next_year, month, 1), None, "M"
            ).id
    waiting = (
        "Arbejdsgruppen indstiller for pakke 1 (2017) i Bylivspuljen (65.000 kr.): "
        "«Lys i stien», «Beskæring»; venter på styregruppen"
    )
    with session_scope(loaded_db) as session:
        assert _pool_lines(session, meeting) == [waiting]
    with session_scope(loaded_db) as session:
        decide(session, people["styre"], rec, {a: "40.000", b: "25.000"})
    with session_scope(loaded_db) as session:
        assert _pool_lines(session, meeting) == []
