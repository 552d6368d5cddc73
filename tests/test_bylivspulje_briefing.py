"""Bylivspuljen in "siden sidste møde": new applications and the working group's
recommendations (still waiting for the committee, or decided) as data and as Danish lines."""

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
from tests.pool_helpers import DAY, apply, pool_people


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
        PoolBriefing(2017, ("Lys i stien",), 40_000, rec, True, waiting=True),
        PoolBriefing(2017, ("Lysfest",), 60_000),
        PoolBriefing(2017, ("Lys i stien",), 40_000),
    ]
    assert {c.focus_area for c in pool} == {"2. Tryggere byliv"}
    texts = sorted(line.text for line in lines)
    assert texts == [
        "Arbejdsgruppen indstiller for (Bylivspuljen 2017, 40.000 kr.): «Lys i stien»; "
        "venter på styregruppen",
        "Ny ansøgning til Bylivspuljen 2017: «Lys i stien» (40.000 kr.)",
        "Ny ansøgning til Bylivspuljen 2017: «Lysfest» (60.000 kr.)",
    ]
    assert {(line.who, line.link) for line in lines} == {("puljearbejder", "/bylivspuljen")}
