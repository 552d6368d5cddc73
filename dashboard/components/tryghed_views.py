"""How /tryghed shows its data, the indicator cards apart (``indicator_card_view``): the
chart's text summary, table and download rows, the outputs against the plan's targets,
histories and the theory of change.

All text from people or sources goes in as Dash children (text), never as HTML. Status is
never colour alone: arrows, ✓/✗ and words say it.
"""

from __future__ import annotations

from urllib.parse import unquote

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.components.format import long_date, number
from dashboard.components.tables import scrolling
from dashboard.components.trend_text import indicator_value, source_label, trend_sentence
from dashboard.queries.activity_outputs import FigureEdit
from dashboard.queries.indicator_notes import NoteEdit
from dashboard.queries.public_figures import Trend, TrendPoint
from dashboard.queries.theory_of_change import EffectPath
from dashboard.queries.trends import TrendData

NOT_MEASURED = "ikke målt endnu"
STATUS_WORDS = {
    "not_measured": "",
    "met": "✓ målet er nået",
    "below": "✗ målt, men under målet",
    "above": "✗ målt, men over målet",
}
DOWNLOAD_HEADERS = {
    "indicator_name": "Indikator",
    "area": "Område",
    "period": "Periode",
    "value": "Værdi",
    "unit": "Enhed",
    "comparable": "Sammenlignelig med serien",
    "source": "Kilde",
    "note": "Note",
    "doubt": "Forbehold",
}


# --- one chart: summary, table, download -------------------------------------------------


def chart_summary(data: TrendData) -> list[str]:
    """One sentence per series, from the figures: the change within comparable figures,
    then the figures after an area break."""
    sentences = []
    for rows in data.series.values():
        points = [
            TrendPoint(r.period, r.value, not r.after_break, r.area, r.source, r.note) for r in rows
        ]
        comparable = [p for p in points if p.comparable]
        if len(comparable) < 2:
            sentences.append(
                "; ".join(f"{p.area}: {indicator_value(p.value, data.unit)} i {p.period}"
                          for p in points) + "."
            )  # fmt: skip
            continue
        trend = Trend(
            indicator=data.indicator,
            name=data.name,
            unit=data.unit,
            direction=data.direction,
            area=comparable[0].area,
            source_name="",
            points=points,
            break_note=next((r.break_note for r in rows if r.break_note), ""),
        )
        sentences.append(trend_sentence(trend))
    for row in (r for r in data.point_rows if r.doubt):
        sentences.append(
            f"Forbehold: {row.area} {row.period} ({indicator_value(row.value, data.unit)}) – "
            f"kildens note: {row.note}"
        )
    return sentences or ["Der er ingen tal for de valgte områder."]


def download_rows(data: TrendData) -> list[dict]:
    """The chart's figures as rows for the table and the CSV/XLSX download."""
    return [
        {
            "indicator_name": data.name,
            "area": row.area,
            "period": row.period,
            "value": float(row.value),
            "unit": row.unit,
            "comparable": "nej – nyt område" if row.after_break else "ja",
            "source": row.source,
            "note": row.note,
            "doubt": "ja" if row.doubt else "",
        }
        for row in data.point_rows
    ]


def csv_rows(rows: list[dict]) -> list[dict]:
    """Danish Excel reads "27,5" as a number, "27.5" as text: decimal comma in the CSV."""
    return [{**row, "value": f"{row['value']:g}".replace(".", ",")} for row in rows]


def trend_table(data: TrendData, rows: list[dict]) -> html.Table:
    header = html.Thead(
        html.Tr(
            [
                html.Th(h, scope="col")
                for h in ("Område", "Periode", "Værdi", "Sammenlignelig", "Kilde", "Note")
            ]
        )
    )
    body = [
        html.Tr(
            [
                html.Th(row["area"], scope="row"),
                html.Td(row["period"]),
                html.Td(indicator_value(row["value"], data.unit), className="text-end"),
                html.Td(row["comparable"]),
                html.Td(
                    html.A(source_label(row["source"]), href=row["source"])
                    if row["source"].startswith("http")
                    else row["source"]
                ),
                html.Td(("⚠ Forbehold: " if row["doubt"] else "") + row["note"]),
            ]
        )  # fmt: skip
        for row in rows
    ]
    return dbc.Table(
        [html.Caption(f"{data.name}: alle tal i grafen"), header, html.Tbody(body)],
        bordered=True,
        responsive=True,
        size="sm",
        id="tryghed-tabel-indhold",
    )


def sources_list(data: TrendData) -> list:
    items = [
        html.Li(html.A(unquote(s), href=s) if s.startswith("http") else s, className="text-break")
        for s in data.sources
    ]
    newest = data.newest_period
    return [
        html.P(f"Nyeste tal i grafen: {newest}." if newest else "Ingen tal.", className="mb-1"),
        html.P("Kilder:", className="mb-0"),
        html.Ul(items),
    ]


# --- outputs -----------------------------------------------------------------------------


def target_words(low: float | None, high: float | None) -> str:
    """ "mindst 40", "højst 4", "2–4" or "5" (a plan that says exactly 5). A missing bound
    may arrive as NaN from a frame."""
    low, high = (None if pd.isna(b) else b for b in (low, high))
    if low is not None and high is not None:
        return number(low) if low == high else f"{number(low)}–{number(high)}"
    if low is not None:
        return f"mindst {number(low)}"
    return f"højst {number(high)}" if high is not None else "intet tal"


def output_status(row) -> str:
    """ "ikke målt endnu" or "målt: 43 (mål: mindst 40)"."""
    if row["status"] == "not_measured":
        return NOT_MEASURED
    decimals = 0 if float(row["measured"]).is_integer() else 1
    text = (
        f"målt: {number(row['measured'], decimals)} "
        f"(mål: {target_words(row['min_value'], row['max_value'])})"
    )
    if row.get("counted"):
        held, people = row["counted"]
        walks = (
            "1 registreret tryghedsvandring"
            if held == 1
            else f"{number(held)} registrerede tryghedsvandringer"
        )
        people_words = "1 deltager" if people == 1 else f"{number(people)} deltagere"
        text += f"; talt fra {walks} med {people_words}"
    return text


def output_table(progress: pd.DataFrame) -> html.Div:
    header = html.Thead(
        html.Tr(
            [
                html.Th(h, scope="col")
                for h in ("Aktivitet", "Måling", "Periode", "Planens mål", "Status", "Vurdering")
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Td(row["activity"] or "–"),
                html.Th(row["indicator_name"], scope="row"),
                html.Td(row["period"]),
                html.Td(row["target_text"], className="small"),
                html.Td(output_status(row), className="status-tekst"),
                html.Td(STATUS_WORDS[row["status"]]),
            ],
            id=f"output-{row['indicator']}-{row['period']}",
        )
        for row in progress.to_dict("records")
    ]
    caption = "Aktiviteternes leverancer: planens mål mod det registrerede"
    table = dbc.Table([html.Caption(caption), header, html.Tbody(rows)], bordered=True, size="sm")
    return scrolling(table, caption)


def figure_history(edits: list[FigureEdit]) -> html.Ul | html.P:
    if not edits:
        return html.P("Intet registreret endnu.")
    return html.Ul(
        [
            html.Li(
                f"{long_date(e.changed_at.date())}, {e.changed_by}: {e.period} "
                + (
                    f"registreret {indicator_value(e.new_value, e.unit)}"
                    if e.old_value is None
                    else f"{indicator_value(e.old_value, e.unit)} → "
                    f"{indicator_value(e.new_value, e.unit)}"
                )
                + (f" – »{e.new_note}«" if e.new_note else "")
            )
            for e in edits
        ]
    )


def note_history_list(edits: list[NoteEdit]) -> html.Ul | html.P:
    if not edits:
        return html.P("Ingen tidligere udgaver.")
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(f"{long_date(e.changed_at.date())}, {e.changed_by}: "),
                    html.Q(e.new_text or "(tom)"),
                ]
            )
            for e in edits
        ]
    )


# --- theory of change --------------------------------------------------------------------


def theory_of_change_view(paths: list[EffectPath]) -> html.Div:
    columns = []
    for path in paths:
        columns.append(
            dbc.Col(
                html.Section(
                    [
                        html.H3(f"Effekt: {path.effect}", className="h5"),
                        html.P("Måles med:", className="mb-0 fw-bold"),
                        html.Ul([html.Li(name) for name in path.indicators]),
                        html.P(
                            "Indsatsområder og aktiviteter, der skal bidrage:",
                            className="mb-0 fw-bold",
                        ),
                        html.Ul(
                            [
                                html.Li(
                                    [
                                        area.label,
                                        html.Ul(
                                            [
                                                html.Li(
                                                    a.name
                                                    + (
                                                        " – leverancer måles med: "
                                                        + ", ".join(a.measured_by)
                                                        if a.measured_by
                                                        else ""
                                                    )
                                                )
                                                for a in area.activities
                                            ]
                                        )
                                        if area.activities
                                        else " (tværgående)",
                                    ]
                                )
                                for area in path.focus_areas
                            ]
                        ),
                    ],
                    className="border rounded p-3 h-100",
                ),
                md=6,
            )
        )
    return html.Div(
        [
            html.P(
                "Aktiviteterne er ment som et bidrag til effekterne, sammen med meget andet, "
                "der påvirker tryghed og kriminalitet (fx byggeri, politiets indsats og "
                "udviklingen i hele byen). En ændring i indikatorerne kan derfor ikke alene "
                "tilskrives partnerskabet."
            ),
            dbc.Row(columns, className="g-3"),
        ]
    )
