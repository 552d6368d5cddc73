"""Page /plan: the loaded Tryghedsplan, focus areas → activities → deliverables and who answers."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.auth import Scope
from dashboard.components.format import long_date
from dashboard.db import request_session
from dashboard.queries.plan import latest_plan
from data_loaders.plan_types import ParsedActivity, ParsedPlan
from data_loaders.stored_plan import plan_snapshot

PATH = "/plan"
TITLE = "Planen"
ROLE_LABELS = {"lead": "tovholder", "co": "medansvarlig"}


def layout(scope: Scope):
    with request_session() as session:
        version = latest_plan(session, scope.id)
        if version is None:
            return html.Div([html.H1(TITLE), html.P("Der er ikke indlæst nogen tryghedsplan.")])
        plan = plan_snapshot(session, version.id)
        source = f"Kilde: {version.source_file}, indlæst {long_date(version.loaded_at.date())}"
    return html.Div(
        [
            html.H1(plan.title),
            html.P(source, className="text-muted"),
            *[_focus_area(plan, area.number, area.name) for area in plan.focus_areas],
            _without_area(plan),
        ]
    )


def _focus_area(plan: ParsedPlan, number: int | None, name: str):
    activities = [a for a in plan.activities if a.focus_area == number and a.parent is None]
    heading = f"Indsatsområde {number}: {name}" if number is not None else name
    if not activities:
        note = "Tværgående indsatsområde; ingen egne aktiviteter i planen."
        return html.Section([html.H2(heading), html.P(note, className="text-muted")])
    return html.Section([html.H2(heading), *[_activity(plan, a, 3) for a in activities]])


def responsible_text(activity: ParsedActivity) -> str:
    """Who answers for the activity, the lead (tovholder) first as /leverancer lists them,
    then the co-responsible in the plan's order."""
    ordered = sorted(activity.responsible, key=lambda r: r.role != "lead")
    return ", ".join(f"{r.party} ({ROLE_LABELS[r.role]})" for r in ordered) or "ikke angivet"


def _activity(plan: ParsedPlan, activity: ParsedActivity, level: int):
    heading, subheading = (html.H3, html.H4) if level == 3 else (html.H4, html.H5)
    children = [a for a in plan.activities if a.parent == activity.name]
    parties = responsible_text(activity)
    body = [
        heading(activity.name),
        html.P([html.Strong("Ansvarlig: "), parties]),
    ]
    if activity.deliverables:
        # One level below its activity: a skipped heading level confuses screen readers.
        body.append(subheading("Leverancer", className="h6"))
        body.append(html.Ul([_deliverable(d.text, d.due_text) for d in activity.deliverables]))
    body.extend(_activity(plan, child, 4) for child in children)
    return dbc.Card(dbc.CardBody(body), className="mb-3")


def _deliverable(text: str, due_text: str):
    due = html.Span(f" (frist: {due_text})", className="text-muted") if due_text else None
    return html.Li([text, due])


def _without_area(plan: ParsedPlan):
    lines = sorted({c.activity for c in plan.budget if c.focus_area is None})
    if not lines:
        return None
    return html.Section(
        [
            html.H2("Budgetlinjer uden indsatsområde"),
            html.Ul([html.Li(line) for line in lines]),
        ]
    )
