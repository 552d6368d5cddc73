"""The Økonomi page's tables: money per focus area and year, the forankring of costs to the
departments, and every budget line (amounts in da-DK, '?' as not decided)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.budget_figures import UNALLOCATED
from dashboard.components.format import money
from dashboard.components.summaries import area_year_rows
from dashboard.components.tables import Column, data_table, scrolling
from dashboard.frames import row_tuples

HANDOVER_STATUS = {"planned": "planlagt", "decided": "besluttet", "done": "gennemført"}
LINE_COLUMNS = [
    Column("activity", "Aktivitet"),
    Column("focus_area_label", "Indsatsområde"),
    Column("year", "År", numeric=True),
    Column("amount", "Beløb", numeric=True),
    Column("footnote", "Fodnote"),
]


def area_table(by_area, totals):
    years = [t.year for t in totals]
    header = html.Thead(
        html.Tr(
            [html.Th("Indsatsområde", scope="col")] + [html.Th(str(y), scope="col") for y in years]
        )
    )
    body = [
        html.Tr([html.Th(label, scope="row")] + [html.Td(cell) for cell in cells])
        for label, cells in area_year_rows(by_area, years)
    ]
    body.append(
        html.Tr(
            [html.Th(UNALLOCATED, scope="row")] + [html.Td(money(t.unallocated)) for t in totals]
        )
    )
    body.append(
        html.Tr([html.Th("Ramme (I alt)", scope="row")] + [html.Td(money(t.frame)) for t in totals])
    )
    return scrolling(dbc.Table([header, html.Tbody(body)], bordered=True), "Fordelt pr. år")


def handover_table(transfers):
    if not transfers:
        return html.P("Planen nævner ingen forankring.")
    header = html.Thead(
        html.Tr(
            [
                html.Th(h, scope="col")
                for h in ("Aktivitet", "Overgår til", "Fra år", "Status", "Planens ord", "Kilde")
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Td(t["activity"]),
                html.Td(t["to"] or "ikke afklaret"),
                html.Td(
                    str(t["from_year"]) if t["from_year"] else ("gradvist" if t["gradual"] else "–")
                ),
                html.Td(HANDOVER_STATUS.get(t["status"], t["status"])),
                html.Td(t["text"]),
                html.Td(t["source"], className="small text-muted"),
            ]
        )
        for t in transfers
    ]
    return scrolling(dbc.Table([header, html.Tbody(rows)], bordered=True), "Forankring")


def lines_table(lines):
    rows = [
        {**row, "year": str(row["year"]), "amount": money(row["amount"])}
        for row in lines.to_dict("records")
    ]
    return data_table("Alle budgetlinjer", LINE_COLUMNS, rows, stack=True)


def activity_table(lines, area_label: str):
    """The figures of the activities chart: one area's activities × years, '?' as not
    decided, "–" where the plan has no line."""
    rows_of_area = lines[lines["focus_area_label"] == area_label]
    years = sorted(set(rows_of_area["year"]))
    cells = {(r.activity, r.year): r.amount for r in row_tuples(rows_of_area)}
    header = html.Thead(
        html.Tr([html.Th("Aktivitet", scope="col")] + [html.Th(str(y), scope="col") for y in years])
    )
    body = [
        html.Tr(
            [html.Th(activity, scope="row")]
            + [
                html.Td(money(cells[(activity, y)]) if (activity, y) in cells else "–")
                for y in years
            ]
        )
        for activity in dict.fromkeys(rows_of_area["activity"])
    ]
    table = dbc.Table([header, html.Tbody(body)], bordered=True, size="sm")
    return scrolling(table, f"Aktiviteter i {area_label}")
