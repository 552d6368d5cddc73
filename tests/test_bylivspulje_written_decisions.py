"""A decision in writing between meetings is in the decision log the committee reads (on
/moede, in the pack, beside the budget line on /okonomi): listed at the steering committee's
first meeting after its day, after that meeting's own decisions; while none is planned,
under its own day. A decision at a meeting stays once in the log, as that meeting's."""

from __future__ import annotations

import json
from datetime import date

from dashboard.components.briefing_views import decisions_view
from dashboard.db import session_scope
from dashboard.queries.meetings import budget_decisions, decision_log
from dashboard.queries.plan import latest_plan
from dashboard.services.meetings import add_decision
from tests.partnerships import amager_id
from tests.pool_helpers import (
    apply,
    decide,
    decide_in_writing,
    new_committee_meeting,
    package,
    pool_people,
)

WRITTEN = (
    "Skriftlig beslutning den 12. maj 2017: Bylivspuljen 2017: Lys i stien: 30.000 kr. "
    "Hastesag før sommerferien."
)


def _written(url, people) -> None:
    """A package decided in writing on 12 May 2017."""
    with session_scope(url) as session:
        a = apply(session, people["arbejder"], "Lys i stien", "40.000")
        rec = package(session, people["arbejder"], [a], amount="40.000")
        decide_in_writing(
            session,
            people["styre"],
            rec,
            {a: "30.000"},
            date(2017, 5, 12),
            note="Hastesag før sommerferien.",
        )


def test_a_written_decision_is_listed_at_the_next_committee_meeting(loaded_db):
    people = pool_people(loaded_db)
    _written(loaded_db, people)
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        new_committee_meeting(session, people["admin"], date(2017, 5, 1), "Majmødet")
        june = new_committee_meeting(session, people["admin"], date(2017, 6, 15), "Junimødet")
        new_committee_meeting(session, people["admin"], date(2017, 9, 1), "Septembermødet")
        add_decision(session, people["admin"], june, "Planen følges.", partnership_id=pid)
    with session_scope(loaded_db) as session:
        log = decision_log(session, pid)
        at_june = [(d.text, d.meeting_id) for d in log if d.meeting_date == date(2017, 6, 15)]
        written = next(d for d in log if d.text.startswith("Skriftlig"))
        drawn = json.dumps(
            decisions_view(log, "amager-partnerskab").to_plotly_json(),
            default=lambda c: c.to_plotly_json(),
            ensure_ascii=False,
        )
        on_budget = budget_decisions(session, latest_plan(session, pid).id)
    # After the meeting's own decision, at the first committee meeting after 12 May.
    assert at_june == [("Planen følges.", june), (WRITTEN, june)]
    assert (written.body_name, written.meeting_title, written.created_by) == (
        "Styregruppen",
        "Junimødet",
        "puljestyre",
    )
    assert [link.label for link in written.links] == ["Budget: Bylivspuljen 2017"]
    assert [d.text for d in log].count(WRITTEN) == 1
    assert "15. juni 2017, Styregruppen: " in drawn and WRITTEN in drawn
    # Beside the pool's budget line, as a meeting's decision on the pool is.
    assert [(item.decision.text, item.about) for item in on_budget] == [
        (WRITTEN, ["Budget: Bylivspuljen 2017"])
    ]


def test_without_a_later_meeting_it_is_listed_under_its_own_day(loaded_db):
    people = pool_people(loaded_db)
    _written(loaded_db, people)
    with session_scope(loaded_db) as session:
        b = apply(session, people["arbejder"], "Lysfest", "20.000", use="arrangement")
        decide(session, people["styre"], package(session, people["arbejder"], [b]), {b: "20.000"})
    with session_scope(loaded_db) as session:
        log = decision_log(session, amager_id(session))
    # The decision at the plan's committee meeting is in the log once, as that meeting's.
    assert [d.text for d in log].count("Bylivspuljen 2017: Lysfest: 20.000 kr.") == 1
    written = [d for d in log if d.text.startswith("Skriftlig")]
    assert [(d.meeting_id, d.meeting_date, d.meeting_title) for d in written] == [
        (None, date(2017, 5, 12), "Skriftligt mellem møderne")
    ]
    assert log[0] == written[0]  # the newest entry: after the plan's approval meetings
