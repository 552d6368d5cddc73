"""A package is named as users can place it, "pakke 1 (2017)" (numbered within the
partnership and year in the order made), never by its database id: on the page's table and
choices, on /moede, in the briefing and in the history."""

from __future__ import annotations

import json

from dashboard.components.briefing_text import since_last_meeting
from dashboard.components.bylivspulje_forms import recommendation_options
from dashboard.components.bylivspulje_views import (
    applications_table,
    history_view,
    pool_history_words,
)
from dashboard.components.pool_meeting_views import waiting_list
from dashboard.db import session_scope
from dashboard.queries.bylivspulje import (
    applications,
    package_labels,
    pool_history,
    waiting_recommendations,
)
from dashboard.queries.meetings import meeting
from tests.partnerships import amager_id
from tests.pool_helpers import DAY, apply, new_committee_meeting, package, pool_people


def _text(component) -> str:
    plain = component.to_plotly_json()
    return json.dumps(plain, default=lambda c: c.to_plotly_json(), ensure_ascii=False)


def test_packages_are_numbered_within_their_year_not_by_id(loaded_db):
    people = pool_people(loaded_db)
    worker = people["arbejder"]
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        # Two 2018 packages first: the 2017 one gets database id 3 but is 2017's first.
        for title in ("Akut lys", "Akut maling"):
            package(session, worker, [apply(session, worker, title, "10.000", year=2018)], "10.000")
        first_2017 = package(session, worker, [apply(session, worker, "Lys i stien")], "40.000")
        chosen = new_committee_meeting(session, people["admin"], DAY.replace(year=2030))
    assert first_2017 == 3
    with session_scope(loaded_db) as session:
        table = _text(applications_table(applications(session, pid, 2017)))
        waiting = waiting_recommendations(session, pid)
        options = [o["label"] for o in recommendation_options(waiting)]
        listed = _text(waiting_list(meeting(session, chosen), waiting, {}, DAY))
        briefing = [line.text for line in since_last_meeting(session, chosen)]
        words = pool_history_words(package_labels(session, pid))
        history = _text(history_view(pool_history(session, pid), words))
    assert "For, pakke 1 (2017)" in table and "pakke 3" not in table
    assert options == [
        "Pakke 1 (2018): Akut lys",
        "Pakke 2 (2018): Akut maling",
        "Pakke 1 (2017): Lys i stien",
    ]
    assert "Pakke 1 (2017), indstillet 15. marts 2017" in listed and "Pakke 3" not in listed
    assert any(line.startswith("Arbejdsgruppen indstiller for pakke 1 (2017)") for line in briefing)
    assert "Indstilling pakke 1 (2017) oprettet" in history
    assert "samlet i: pakke 2 (2018)" in history and "samlet i: 3" not in history
