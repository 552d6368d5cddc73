"""The choices /moede's forms offer: the meetings, and what a decision can concern."""

from __future__ import annotations

from dashboard import clock
from dashboard.components.briefing_views import meeting_label
from dashboard.numbers import form_id
from dashboard.queries.meetings import decision_link_options, default_meeting, meeting, meetings
from dashboard.queries.plan import latest_plan


def meeting_options(session, partnership_id: int) -> tuple[list[dict], str | None]:
    found = meetings(session, partnership_id)
    chosen = default_meeting(found, clock.today())
    options = [{"label": meeting_label(m), "value": str(m.id)} for m in reversed(found)]
    return options, str(chosen.id) if chosen else None


def link_choices(session, partnership_id: int) -> list[dict]:
    """What a new decision can concern in the partnership's newest plan, as checklist options
    with ``kind:id`` values."""
    version = latest_plan(session, partnership_id)
    if version is None:
        return []
    return [
        {"label": label[:160] if kind == "deliverable" else label, "value": f"{kind}:{item_id}"}
        for kind, item_id, label in decision_link_options(session, version.id)
    ]


def meeting_id(value) -> int | None:
    """The select's value (a string in the browser) as a meeting id."""
    return form_id(value)


def chosen_meeting(session, partnership_id: int, value):
    """The meeting the select names (``value``), if it is the partnership's; else None."""
    chosen_id = meeting_id(value)
    found = meeting(session, chosen_id) if chosen_id is not None else None
    return found if found is not None and found.partnership_id == partnership_id else None
