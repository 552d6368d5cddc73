"""/moede's reading part: the chosen meeting, what changed since the last one, what needs
attention, and the decision log."""

from __future__ import annotations

from dash import Input, Output, State, html

from dashboard import clock
from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Counter, Text
from dashboard.components.briefing_text import needs_attention, since_last_meeting
from dashboard.components.briefing_views import (
    attention_view,
    changes_view,
    decisions_view,
    meeting_head,
    period_text,
)
from dashboard.db import request_session
from dashboard.pages.moede.choices import meeting_id
from dashboard.queries.meetings import briefing_window, decision_log, decisions_by_item, meeting
from dashboard.queries.plan import latest_plan
from dashboard.roles import READ_ROLES
from dashboard.urls import partnership_path


def sections(session, scope: Scope, chosen: int | None) -> list:
    """The reading part, drawn for the meeting chosen first: the callback answers only when
    the user chooses another meeting or saves (a first load waits for no callback)."""
    head, period, changes, attention, decisions = _briefing(session, scope, chosen)
    return [
        html.Div(head, id="moede-hoved"),
        html.Section(
            [
                html.H2("Siden sidste møde", className="h3"),
                html.P(period, id="moede-periode"),
                html.Div(changes, id="moede-aendringer", **{"aria-live": "polite"}),
            ],
            className="mb-4",
        ),
        html.Section(
            [
                html.H2("Kræver opmærksomhed", className="h3"),
                html.Div(attention, id="moede-opmaerksomhed"),
            ],
            className="mb-4",
        ),
        html.Section(
            [
                html.H2("Beslutningslog", className="h3"),
                html.Div(decisions, id="moede-beslutninger"),
            ],
            className="mb-4",
        ),
    ]


def _briefing(session, scope: Scope, chosen: int | None) -> tuple:
    """The meeting's head, its period, the changes since the last one, what needs attention
    and the decision log."""
    version = latest_plan(session, scope.id)
    attention = needs_attention(session, version.id, clock.today()) if version else None
    decisions = decision_log(session, scope.id)
    found = meeting(session, chosen) if chosen is not None else None
    if found is None or found.partnership_id != scope.id:
        return (
            html.P("Der er ingen møder endnu."),
            "",
            None,
            attention_view(attention, scope.slug) if attention else None,
            decisions_view(decisions, scope.slug),
        )
    window = briefing_window(session, chosen)
    items = since_last_meeting(session, chosen)
    pack = partnership_path(scope.slug, f"/moede/{chosen}/pakke")
    return (
        meeting_head(window.meeting, f"{pack}.pdf", pack),
        period_text(window),
        changes_view(items, scope.slug),
        attention_view(attention, scope.slug, decisions_by_item(decisions))
        if attention
        else html.P("Der er ikke indlæst nogen plan."),
        decisions_view(decisions, scope.slug),
    )


def register_callbacks(app) -> None:
    @app.callback(
        Output("moede-hoved", "children"),
        Output("moede-periode", "children"),
        Output("moede-aendringer", "children"),
        Output("moede-opmaerksomhed", "children"),
        Output("moede-beslutninger", "children"),
        Input("moede-valg", "value"),
        Input("moede-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_meeting(value: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            return _briefing(session, scope, meeting_id(value))
