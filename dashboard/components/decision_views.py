"""How an item shows the decisions about it (on /leverancer and /okonomi): meeting date,
body and title, the decision's own words and what it concerns. Text stays text (no HTML)."""

from __future__ import annotations

from dash import dcc, html

from dashboard.components.format import long_date
from dashboard.queries.meetings import ItemDecision
from dashboard.urls import partnership_path


def item_decisions_view(found: list[ItemDecision], empty: str):
    """The decisions, newest meeting first; ``empty`` says in Danish that there are none."""
    if not found:
        return html.P(empty, className="text-muted")
    return html.Ul(
        [
            html.Li(
                [
                    html.Strong(
                        f"{long_date(item.decision.meeting_date)}, {item.decision.body_name}"
                    ),
                    html.Span(f" – {item.decision.meeting_title}", className="text-muted"),
                    html.Div(item.decision.text),
                    html.Div(f"Vedrører {'; '.join(item.about)}", className="small text-muted"),
                ],
                className="mb-2",
            )
            for item in found
        ],
        className="list-unstyled decisions",
    )


def decision_log_link(slug: str):
    link = dcc.Link("Se hele beslutningsloggen under Møde", href=partnership_path(slug, "/moede"))
    return html.P(link, className="small")
