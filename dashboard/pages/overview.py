"""Page /: Overblik, the public summary of the partnership, its plan and its money."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.format import money, number
from dashboard.db import request_session
from dashboard.queries.budget import year_totals
from dashboard.queries.plan import latest_plan

PATH = "/"
TITLE = "Overblik"
PUBLIC = True

INTRO = (
    "Amager Partnerskab er et tryghedspartnerskab mellem Københavns Kommune, Københavns Politi, "
    "SSP København og boligforeningen 3B. Målet er mere tryghed og mindre kriminalitet i "
    "Urbanplanen og Hørgården."
)


def layout():
    with request_session() as session:
        version = latest_plan(session)
        totals = year_totals(session, version.id) if version else []
        title = version.title if version else None
    return html.Div(
        [
            html.H1("Amager Partnerskab"),
            html.P(INTRO, className="lead"),
            html.H2(f"Økonomi i {title}" if title else "Økonomi"),
            _money_table(totals) if totals else html.P("Der er ikke indlæst nogen plan."),
        ]
    )


def _money_table(totals):
    header = html.Thead(
        html.Tr(
            [
                html.Th("År", scope="col"),
                html.Th("Ramme", scope="col"),
                html.Th("Fordelt", scope="col"),
                html.Th("Endnu ikke fordelt", scope="col"),
                html.Th("Beløb ikke besluttet", scope="col"),
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Th(str(t.year), scope="row"),
                html.Td(money(t.frame)),
                html.Td(money(t.known)),
                html.Td(money(t.unallocated)),
                html.Td(number(len(t.undecided))),
            ]
        )
        for t in totals
    ]
    return dbc.Table([header, html.Tbody(rows)], bordered=True, responsive=True)
