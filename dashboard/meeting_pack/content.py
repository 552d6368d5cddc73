"""What goes into a meeting pack, read in one session from the queries the pages use; the
briefing already in the words /moede shows (``components.briefing_text``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.components.briefing_text import (
    Attention,
    ChangeLine,
    group_by_focus_area,
    needs_attention,
    since_last_meeting,
)
from dashboard.queries.budget import YearTotals, known_by_focus_area, year_totals
from dashboard.queries.deliverables import (
    ResponsibleParty,
    StatusMatrix,
    deliverable_table,
    responsible_parties,
    status_matrix,
)
from dashboard.queries.glance import Glance, glance
from dashboard.queries.meetings import (
    BriefingWindow,
    DecisionInfo,
    briefing_window,
    decision_log,
    decisions_by_item,
)
from dashboard.queries.plan import latest_plan
from dashboard.queries.public import Freshness, freshness
from dashboard.queries.public_figures import Trend, key_trends


@dataclass(frozen=True)
class PackContent:
    partnership: str  # the meeting's partnership, by name
    plan_title: str
    plan_revision: int
    plan_source: str
    window: BriefingWindow
    made_on: date
    data_as_of: Freshness
    totals: list[YearTotals]
    by_area: pd.DataFrame
    parties: list[ResponsibleParty]
    status_matrix: StatusMatrix
    deliverables: pd.DataFrame
    trends: list[Trend]
    changes: list[tuple[str, list[ChangeLine]]]
    attention: Attention
    decisions: list[DecisionInfo]
    decisions_by_item: dict
    glance: Glance | None  # the state at a glance, for the summary page


class NoPlan(LookupError):
    """The meeting's partnership has no plan to make a pack of."""


def pack_content(session: Session, meeting_id: int, today: date) -> PackContent:
    """Everything the pack shows for ``meeting_id``, as of ``today`` (overdue deliverables
    and stale figures are judged on that day), all of the meeting's partnership: its newest
    plan, its decisions, its key trends. Raises ``LookupError`` for an unknown meeting and
    ``NoPlan`` when the partnership has no plan."""
    window = briefing_window(session, meeting_id)
    partnership_id = window.meeting.partnership_id
    version = latest_plan(session, partnership_id)
    if version is None:
        raise NoPlan(f"partnership {partnership_id} has no plan")
    decisions = decision_log(session, partnership_id)
    return PackContent(
        partnership=version.partnership.name,
        plan_title=version.title,
        plan_revision=version.revision,
        plan_source=version.source_file,
        window=window,
        made_on=today,
        data_as_of=freshness(session, partnership_id),
        totals=year_totals(session, version.id),
        by_area=known_by_focus_area(session, version.id),
        parties=responsible_parties(session, version.id),
        status_matrix=status_matrix(session, version.id),
        deliverables=deliverable_table(session, version.id, today),
        trends=key_trends(session, partnership_id),
        changes=group_by_focus_area(since_last_meeting(session, meeting_id)),
        attention=needs_attention(session, version.id, today),
        decisions=decisions,
        decisions_by_item=decisions_by_item(decisions),
        glance=glance(session, partnership_id, today),
    )
