"""The trend chart on /tryghed with its comparison areas, text summary, sources, method
note, table and download: all made from one ``trend_data`` call per indicator and choice of
areas, so they cannot disagree."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update

from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Text, Texts
from dashboard.components.spreadsheet import csv_text, xlsx_bytes
from dashboard.components.svg_image import chart_children
from dashboard.components.svg_trend import trend_chart
from dashboard.components.tryghed_views import (
    DOWNLOAD_HEADERS,
    chart_summary,
    csv_rows,
    download_rows,
    sources_list,
    trend_table,
)
from dashboard.db import request_session
from dashboard.queries.areas import comparison_areas
from dashboard.queries.trends import trend_data
from dashboard.roles import READ_ROLES

DEFAULT_INDICATOR = "utrygge_aften_nat"
NO_INDICATOR = "Ingen indikator valgt"


def section(session, scope: Scope, choices: list[dict]) -> list:
    """The chart's heading, controls (``choices``: the indicators that can be drawn, as
    ``chart_indicators`` gives them) and the download buttons, drawn for the first indicator
    without comparisons: the callbacks answer only what the user changes."""
    first = first_indicator(choices)
    areas = comparison_areas(session, scope.id, first) if first else []
    figure, summary, table, sources, method, title = _chart(session, scope, first, [])
    return [
        html.H2("Udvikling over tid", className="h4 mt-4", id="udvikling"),
        _chart_controls(choices, first, areas),
        # The chart's title as a heading of the page, where it wraps on a phone.
        html.H3(title, id="tryghed-graf-titel", className="h5 mt-2"),
        html.Div(summary, id="tryghed-resume", **{"aria-live": "polite"}),
        html.Picture(figure, id="tryghed-graf", className="chart-picture"),
        html.P(method, id="tryghed-metode", className="small"),
        html.Div(sources, id="tryghed-kilder", className="small"),
        html.Details(
            [html.Summary("Tabel: tallene i grafen"), html.Div(table, id="tryghed-tabel")],
            open=True,
            className="mb-2",
        ),
        html.Div(
            [
                html.Button(
                    "Hent CSV", id="tryghed-hent-csv", className="btn btn-outline-primary me-2"
                ),
                html.Button(
                    "Hent Excel (XLSX)",
                    id="tryghed-hent-xlsx",
                    className="btn btn-outline-primary",
                ),
                dcc.Download(id="tryghed-download"),
            ],
            className="mb-3",
        ),
    ]


def first_indicator(choices: list[dict]) -> str | None:
    """The indicator the page shows first (the select's first value)."""
    values = [c["value"] for c in choices]
    return DEFAULT_INDICATOR if DEFAULT_INDICATOR in values else (values[0] if values else None)


def _chart(session, scope: Scope, indicator: str | None, compare: list[str]) -> tuple:
    """The chart (the ``<picture>``'s content), text summary, table, sources, method note
    and title of one indicator."""
    try:
        data = trend_data(session, scope.id, indicator, compare) if indicator else None
    except KeyError:  # a forged indicator the select never offered
        data = None
    if data is None:
        return [], "Vælg en indikator.", None, None, None, NO_INDICATOR
    return (
        chart_children(*trend_chart(data)),
        [html.P(s, className="mb-1") for s in chart_summary(data)],
        trend_table(data, download_rows(data)),
        sources_list(data),
        data.method_note,
        data.name,
    )


def _chart_controls(choices, first, areas):
    return dbc.Row(
        [
            dbc.Col(
                [
                    html.Label("Indikator", htmlFor="tryghed-indikator"),
                    # Native controls: Dash's own dropdown and checklist fail axe-core
                    # (focusable aria-hidden parts, inputs nested in role="option").
                    dbc.Select(id="tryghed-indikator", options=choices, value=first),
                ],
                md=6,
            ),
            dbc.Col(
                html.Fieldset(
                    [
                        html.Legend("Sammenlign med", className="fs-6 mb-1"),
                        dbc.Checklist(
                            id="tryghed-sammenlign", options=areas, value=[], inline=True
                        ),
                    ]
                ),
                md=6,
            ),
        ],
        className="mb-2 g-2",
    )


def register_callbacks(app) -> None:
    @app.callback(
        Output("tryghed-sammenlign", "options"),
        Output("tryghed-sammenlign", "value"),
        Input("tryghed-indikator", "value"),
        State("tryghed-sammenlign", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def comparison_choices(indicator: Text, chosen: Texts, scope: Scope):
        if not indicator:
            return [], []
        with request_session() as session:
            options = comparison_areas(session, scope.id, indicator)
        available = {o["value"] for o in options}
        return options, [c for c in (chosen or []) if c in available]

    @app.callback(
        Output("tryghed-graf", "children"),
        Output("tryghed-resume", "children"),
        Output("tryghed-tabel", "children"),
        Output("tryghed-kilder", "children"),
        Output("tryghed-metode", "children"),
        Output("tryghed-graf-titel", "children"),
        Input("tryghed-indikator", "value"),
        Input("tryghed-sammenlign", "value"),
        Input("tryghed-begivenhed-gemt", "data"),  # an event added or removed
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_chart(indicator: Text, compare: Texts, _events: Counter, scope: Scope):
        with request_session() as session:
            return _chart(session, scope, indicator, compare or [])

    @app.callback(
        Output("tryghed-download", "data"),
        Input("tryghed-hent-csv", "n_clicks"),
        Input("tryghed-hent-xlsx", "n_clicks"),
        State("tryghed-indikator", "value"),
        State("tryghed-sammenlign", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def download(_csv: Clicks, _xlsx: Clicks, indicator: Text, compare: Texts, scope: Scope):
        if not indicator:
            return no_update
        try:
            with request_session() as session:
                rows = download_rows(trend_data(session, scope.id, indicator, compare or []))
        except KeyError:  # a forged indicator the select never offered
            return no_update
        stem = f"tryghed-{indicator}"
        if ctx.triggered_id == "tryghed-hent-xlsx":
            return dcc.send_bytes(xlsx_bytes(rows, DOWNLOAD_HEADERS, "Tal"), f"{stem}.xlsx")
        text = csv_text(csv_rows(rows), DOWNLOAD_HEADERS)
        return dcc.send_bytes(text.encode("utf-8-sig"), f"{stem}.csv")
