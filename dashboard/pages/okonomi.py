"""Page /okonomi: funding per focus area and year, undecided money, forankring, plan revisions.

For the steering committee and the working group: every callback checks the role on the
server. The numbers come from ``dashboard.queries.budget``; this module only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update

from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Text
from dashboard.components.budget_figures import (
    activities_chart,
    funding_bars,
    funding_chart,
    too_thin_sentence,
)
from dashboard.components.budget_views import (
    activity_table,
    area_table,
    handover_table,
    lines_table,
)
from dashboard.components.bylivspulje_views import pool_use_table
from dashboard.components.decision_views import decision_log_link, item_decisions_view
from dashboard.components.format import UNDECIDED, keep_together, long_date, money
from dashboard.components.glance_tiles import MONEY_ANCHOR
from dashboard.components.glance_views import state_at_a_glance
from dashboard.components.spreadsheet import csv_text, xlsx_bytes
from dashboard.components.summaries import change_sentence, year_sentence
from dashboard.components.svg_image import chart_children
from dashboard.components.tables import scrolling
from dashboard.db import request_session
from dashboard.pages.bylivspuljen import PATH as BYLIVSPULJEN
from dashboard.queries.budget import budget, budget_lines, compare_versions, handovers
from dashboard.queries.bylivspulje import pool_money_by_year, pool_years
from dashboard.queries.meetings import budget_decisions
from dashboard.queries.plan import partnership_version_id, plan_versions
from dashboard.roles import READ_ROLES
from dashboard.urls import partnership_path

PATH = "/okonomi"
TITLE = "Økonomi"
DOWNLOAD_HEADERS = {
    "activity": "Aktivitet",
    "focus_area_label": "Indsatsområde",
    "year": "År",
    "amount": "Beløb (kr.)",
    "note": "Bemærkning",
    "footnote": "Fodnote",
}


def _version_label(version) -> str:
    """The plan as its readers know it: title, revision and when it was loaded (the file's
    name is on /plan, with the rest of where the plan came from)."""
    loaded = long_date(version.loaded_at.date())
    return f"{version.title}, revision {version.revision} (indlæst {loaded})"


def layout(scope: Scope):
    # The page comes drawn for the latest version: its callbacks answer only what the user
    # changes, so a first load waits for no callback (issue 18).
    with request_session() as session:
        versions = plan_versions(session, scope.id)
        pools = list(pool_money_by_year(session, scope.id, pool_years(session, scope.id)).values())
        at_a_glance = state_at_a_glance(session, scope.id, scope.slug, PATH)
        # Values are strings: dbc.Select is a native <select>, which axe finds accessible
        # (dcc.Dropdown is not: aria-hidden-focus).
        options = [{"label": _version_label(v), "value": str(v.id)} for v in versions]
        if not options:
            return html.Div([html.H1(TITLE), html.P("Der er ikke indlæst nogen plan.")])
        latest = versions[-1].id
        previous = versions[-2].id if len(versions) > 1 else latest
        version = _version_views(session, latest)
        area_chart = _area_chart(session, latest, version.area)
        area_decisions = _area_decisions(session, latest, version.area)
        comparison = _comparison(session, previous, latest)
    return html.Div(
        [
            html.H1(TITLE),
            at_a_glance,
            dbc.Row(
                dbc.Col(
                    [
                        dbc.Label("Planversion", html_for="okonomi-version"),
                        dbc.Select(id="okonomi-version", options=options, value=str(latest)),
                    ],
                    md=8,
                ),
                className="mb-3",
            ),
            html.Div(version.summary, id="okonomi-resume", role="status"),
            html.H2("Finansiering pr. indsatsområde og år", className="h4"),
            html.Picture(version.chart, id="okonomi-graf", className="chart-picture"),
            html.P(version.chart_note, id="okonomi-graf-note", className="small"),
            html.H2("Beløb der ikke er besluttet", className="h4"),
            html.Ul(version.undecided, id="ikke-besluttet"),
            html.H2("Tabel: fordelt pr. indsatsområde og år", className="h4", id=MONEY_ANCHOR),
            html.Div(version.area_table, id="okonomi-tabel"),
            html.H2("Aktiviteter i et indsatsområde", className="h4"),
            # The chart above has no clickable bars: the focus area is chosen here.
            dbc.Label("Vælg indsatsområde", html_for="okonomi-omraade"),
            dbc.Select(id="okonomi-omraade", options=version.area_options, value=version.area),
            html.Picture(area_chart[0], id="okonomi-aktiviteter", className="chart-picture"),
            html.Div(area_chart[1], id="okonomi-aktiviteter-tabel"),
            html.H3("Beslutninger", className="h5"),
            html.P(
                "Beslutninger om indsatsområdets budgetlinjer, aktiviteter og forankring.",
                className="small",
            ),
            html.Div(area_decisions, id="okonomi-beslutninger", **{"aria-live": "polite"}),
            decision_log_link(scope.slug),
            html.H2("Bylivspuljen: bevilget og brugt", className="h4"),
            pool_use_table(pools, partnership_path(scope.slug, BYLIVSPULJEN)),
            html.H2("Alle budgetlinjer", className="h4"),
            html.Div(
                [
                    dbc.Button("Hent CSV", id="okonomi-hent-csv", className="me-2"),
                    dbc.Button("Hent Excel (XLSX)", id="okonomi-hent-xlsx"),
                    dcc.Download(id="okonomi-download"),
                ],
                className="mb-2",
            ),
            html.Div(version.lines_table, id="okonomi-grid"),
            html.H2("Forankring: udgifter der overgår til forvaltningernes drift", className="h4"),
            html.Div(version.handover_table, id="okonomi-forankring"),
            html.H2("Sammenlign planversioner", className="h4"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label("Fra", html_for="okonomi-fra"),
                            dbc.Select(id="okonomi-fra", options=options, value=str(previous)),
                        ],
                        md=6,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Til", html_for="okonomi-til"),
                            dbc.Select(id="okonomi-til", options=options, value=str(latest)),
                        ],
                        md=6,
                    ),
                ],
                className="mb-2",
            ),
            html.Div(comparison, id="okonomi-sammenligning"),
        ]
    )


@dataclass(frozen=True)
class VersionViews:
    """What the page shows of one plan version, and the focus area it starts with."""

    summary: list
    chart: list  # the <picture>'s content (svg_image.chart_children)
    chart_note: str  # what the chart leaves out as too thin to see
    undecided: list
    area_table: object
    handover_table: object
    lines_table: object
    area_options: list[dict]
    area: str | None


def _version_views(session, version_id: int) -> VersionViews:
    plan_budget = budget(session, version_id)
    transfers = handovers(session, version_id)
    totals, by_area, lines = plan_budget.totals, plan_budget.by_area, plan_budget.lines
    undecided = [html.Li(f"{t.year}: {', '.join(t.undecided)}") for t in totals if t.undecided]
    areas = list(dict.fromkeys(lines["focus_area_label"]))
    bars = funding_bars(by_area, totals)
    return VersionViews(
        [html.P(year_sentence(t)) for t in totals],
        chart_children(*funding_chart(bars)),
        keep_together(too_thin_sentence(bars)),
        undecided or [html.Li("Alle beløb er besluttet.")],
        area_table(by_area, totals),
        handover_table(transfers),
        lines_table(lines),
        [{"label": area, "value": area} for area in areas],
        areas[0] if areas else None,
    )


def _area_chart(session, version_id: int, area_label: str | None) -> tuple[list, object]:
    """The activities chart's picture content and its table; empty without an area."""
    if not area_label:
        return [], None
    lines = budget_lines(session, version_id)
    if area_label not in set(lines["focus_area_label"]):  # a forged value the select never had
        return [], None
    return chart_children(*activities_chart(lines, area_label)), activity_table(lines, area_label)


def _area_decisions(session, version_id: int, area_label: str | None):
    if not area_label:
        return None
    return item_decisions_view(
        budget_decisions(session, version_id, area_label),
        "Der er ikke registreret beslutninger om indsatsområdets budget.",
    )


def _download_rows(lines) -> list[dict]:
    rows = []
    for row in lines.to_dict("records"):
        row["note"] = UNDECIDED if row["amount"] is None else ""
        rows.append(row)
    return rows


def register_callbacks(app) -> None:
    @app.callback(
        Output("okonomi-resume", "children"),
        Output("okonomi-graf", "children"),
        Output("okonomi-graf-note", "children"),
        Output("ikke-besluttet", "children"),
        Output("okonomi-tabel", "children"),
        Output("okonomi-forankring", "children"),
        Output("okonomi-grid", "children"),
        Output("okonomi-omraade", "options"),
        Output("okonomi-omraade", "value"),
        Input("okonomi-version", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_version(value: Text, scope: Scope):
        with request_session() as session:
            version_id = partnership_version_id(session, scope.id, value)
            if version_id is None:
                return (no_update,) * 9
            v = _version_views(session, version_id)
        return (
            v.summary,
            v.chart,
            v.chart_note,
            v.undecided,
            v.area_table,
            v.handover_table,
            v.lines_table,
            v.area_options,
            v.area,
        )

    @app.callback(
        Output("okonomi-aktiviteter", "children"),
        Output("okonomi-aktiviteter-tabel", "children"),
        Input("okonomi-omraade", "value"),
        State("okonomi-version", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_area(area_label: Text, value: Text, scope: Scope):
        with request_session() as session:
            version_id = partnership_version_id(session, scope.id, value)
            if version_id is None:
                return no_update, no_update
            # No area (a version without the area chosen before): both are emptied, so no
            # chart of another version stays on screen.
            return _area_chart(session, version_id, area_label)

    @app.callback(
        Output("okonomi-beslutninger", "children"),
        Input("okonomi-omraade", "value"),
        State("okonomi-version", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_area_decisions(area_label: Text, value: Text, scope: Scope):
        with request_session() as session:
            version_id = partnership_version_id(session, scope.id, value)
            return _area_decisions(session, version_id, area_label) if version_id else None

    @app.callback(
        Output("okonomi-download", "data"),
        Input("okonomi-hent-csv", "n_clicks"),
        Input("okonomi-hent-xlsx", "n_clicks"),
        State("okonomi-version", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def download(_csv: Clicks, _xlsx: Clicks, value: Text, scope: Scope):
        with request_session() as session:
            version_id = partnership_version_id(session, scope.id, value)
            if version_id is None:
                return no_update
            rows = _download_rows(budget_lines(session, version_id))
        if ctx.triggered_id == "okonomi-hent-xlsx":
            return dcc.send_bytes(xlsx_bytes(rows, DOWNLOAD_HEADERS, "Budget"), "budget.xlsx")
        return dcc.send_string(csv_text(rows, DOWNLOAD_HEADERS), "budget.csv")

    @app.callback(
        Output("okonomi-sammenligning", "children"),
        Input("okonomi-fra", "value"),
        Input("okonomi-til", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def compare(old_value: Text, new_value: Text, scope: Scope):
        with request_session() as session:
            old_id = partnership_version_id(session, scope.id, old_value)
            new_id = partnership_version_id(session, scope.id, new_value)
            return _comparison(session, old_id, new_id)


def _comparison(session, old_id: int | None, new_id: int | None):
    if old_id is None or new_id is None or old_id == new_id:
        return html.P("Vælg to forskellige versioner for at se forskellen.")
    changes = compare_versions(session, old_id, new_id)
    if not changes:
        return html.P("Budgettet er det samme i de to versioner.")
    header = html.Thead(
        html.Tr([html.Th(h, scope="col") for h in ("Aktivitet", "År", "Før", "Nu", "Ændring")])
    )
    rows = [
        html.Tr(
            [
                html.Td(c.activity),
                html.Td(str(c.year)),
                html.Td(money(c.old) if c.kind != "added" else "–"),
                html.Td(money(c.new) if c.kind != "removed" else "–"),
                html.Td(change_sentence(c)),
            ]
        )
        for c in changes
    ]
    words = html.Ul([html.Li(change_sentence(c)) for c in changes])
    table = dbc.Table([header, html.Tbody(rows)], bordered=True)
    return [words, scrolling(table, "Forskel mellem planversionerne")]
