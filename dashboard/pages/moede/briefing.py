"""/moede's reading part: the chosen meeting, what changed since the last one, what needs
attention, and the decision log."""

from __future__ import annotations

from dash import Input, Output, html
from flask import url_for

from dashboard import clock
from dashboard.auth import requires_role
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


def sections() -> list:
    return [
        html.Div(id="moede-hoved"),
        html.Section(
            [
                html.H2("Siden sidste møde", className="h3"),
                html.P(id="moede-periode"),
                html.Div(id="moede-aendringer", **{"aria-live": "polite"}),
            ],
            className="mb-4",
        ),
        html.Section(
            [html.H2("Kræver opmærksomhed", className="h3"), html.Div(id="moede-opmaerksomhed")],
            className="mb-4",
        ),
        html.Section(
            [html.H2("Beslutningslog", className="h3"), html.Div(id="moede-beslutninger")],
            className="mb-4",
        ),
    ]


def register_callbacks(app) -> None:
    @app.callback(
        Output("moede-hoved", "children"),
        Output("moede-periode", "children"),
        Output("moede-aendringer", "children"),
        Output("moede-opmaerksomhed", "children"),
        Output("moede-beslutninger", "children"),
        Input("moede-valg", "value"),
        Input("moede-gemt", "data"),
    )
    @requires_role(*READ_ROLES)
    def show_meeting(value, _saved):
        chosen = meeting_id(value)
        with request_session() as session:
            version = latest_plan(session)
            attention = needs_attention(session, version.id, clock.today()) if version else None
            if chosen is None or meeting(session, chosen) is None:
                return (
                    html.P("Der er ingen møder endnu."),
                    "",
                    None,
                    attention_view(attention) if attention else None,
                    decisions_view(decision_log(session)),
                )
            window = briefing_window(session, chosen)
            items = since_last_meeting(session, chosen)
            decisions = decision_log(session, window.meeting.partnership_id)
        return (
            meeting_head(
                window.meeting,
                url_for("meeting_pack.pack_pdf", meeting_id=chosen),
                url_for("meeting_pack.pack_print_view", meeting_id=chosen),
            ),
            period_text(window),
            changes_view(items),
            attention_view(attention, decisions_by_item(decisions))
            if attention
            else html.P("Der er ikke indlæst nogen plan."),
            decisions_view(decisions),
        )
