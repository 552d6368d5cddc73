"""How deliverables are shown: the table (a "Ret" or "Vis" button per row), the
party × status chart, its text summary and table alternative, the history list and the
download rows. Text stays text (no HTML)."""

from __future__ import annotations

from functools import partial

import pandas as pd
from dash import html

from dashboard.components.format import long_date, number
from dashboard.components.glance_tiles import UNFINISHED
from dashboard.components.svg_bars import BarRow, Series, stacked_rows
from dashboard.components.svg_image import Draw
from dashboard.components.tables import SOFT_HYPHEN, Column, data_table, scrolling
from dashboard.frames import row_tuples
from dashboard.queries.deliverables import (
    STATUS_LABELS,
    HistoryEntry,
    StatusMatrix,
    StatusSummary,
)

OVERDUE_TEXT = "⚠ Overskredet"
ROLE_LABELS = {"lead": "tovholder", "co": "medansvarlig"}
# Colours are a second cue only: each bar's note names its statuses in words, and so do the
# table and the text. In the statuses' order (the order of the segments) the fills go light
# and dark in turn, each at its own lightness, so that neighbours differ in greyscale too
# (the former Bootstrap colours were four of one luminance); the values inside are ink on
# the light fills, white on the dark ones, ≥ 4.5:1 either way (svg_bars.text_on).
STATUS_COLOURS = {
    "not_started": "#ced4da",  # light grey
    "in_progress": "#0b4f9c",  # dark blue
    "delayed": "#f2b766",  # light orange
    "done": "#1b7f5a",  # dark green
    "dropped": "#a7b0b9",  # grey, darker than "not started"
}
# The columns and order the deliverables grid had. On a phone a row's block starts with
# what matters most: the button, the deliverable, who answers for it and its status. The
# long header words may break (SOFT_HYPHEN): unbroken, they alone made the twelve columns
# 27 px wider than a 1280 px screen.
TABLE_COLUMNS = [
    Column("focus_area", f"Indsats{SOFT_HYPHEN}område"),
    Column("activity", "Aktivitet"),
    Column("text", "Leverance", first_on_phone=True),
    Column("lead", "Tovholder", first_on_phone=True),
    Column("co", f"Med{SOFT_HYPHEN}ansvarlige", first_on_phone=True),
    Column("due", "Frist"),
    Column("overdue_text", f"Over{SOFT_HYPHEN}skredet"),
    Column("status_label", "Status", first_on_phone=True),
    Column("status_date", f"Status{SOFT_HYPHEN}dato"),
    Column("comment", f"Kom{SOFT_HYPHEN}mentar"),
    Column("updated", "Sidst ændret"),
]
# A button per row: "Ret" where the user may edit (the ownership rule), "Vis" elsewhere;
# both open the deliverable's dialog (history and decisions, the form only behind "Ret").
EDIT_COLUMN = Column("edit", "Ret / vis", first_on_phone=True)
DOWNLOAD_HEADERS = {
    "focus_area": "Indsatsområde",
    "activity": "Aktivitet",
    "text": "Leverance",
    "lead": "Tovholder",
    "co": "Medansvarlige",
    "due_text": "Frist (planens tekst)",
    "due_date": "Frist (dato)",
    "overdue": "Overskredet",
    "status_label": "Status",
    "status_date": "Statusdato",
    "comment": "Kommentar",
    "updated_by": "Sidst ændret af",
}


def _known(value):
    """None for a missing value: pandas turns None into NaN/NaT, which is truthy."""
    return None if value is None or pd.isna(value) else value


def _day(value) -> str:
    value = _known(value)
    if value is None:
        return ""
    return long_date(value.date() if hasattr(value, "date") and callable(value.date) else value)


def _iso(value) -> str | None:
    value = _known(value)
    return None if value is None else value.isoformat()[:10]


def _changed(row) -> str:
    who = _known(row.updated_by)
    if not who:
        return ""
    when = _day(row.updated_at)
    return f"{who}, {when}" if when else who


def _overdue_text(row) -> str:
    """ "⚠ Overskredet"; once the plan's period is over "⚠ Ikke afsluttet ved periodens
    slut" (judged at its end, not overdue by another year every year)."""
    if not row.overdue:
        return ""
    return f"⚠ {UNFINISHED.capitalize()}" if row.unfinished_at_end else OVERDUE_TEXT


def deliverables_table(rows: pd.DataFrame, editable: frozenset[int] | set[int]):
    """The deliverables as a table, Danish dates and the overdue flag as text + icon. Each
    row starts with a button that opens its dialog: "Ret" (id ``{"type": "lev-ret", "index":
    id}``) on the rows in ``editable``, "Vis" (``{"type": "lev-vis", …}``) on the others."""
    records = [
        {
            "focus_area": row.focus_area,
            "activity": row.activity,
            "text": row.text,
            "lead": row.lead,
            "co": row.co,
            "due": _day(row.due_date) or _known(row.due_text) or "–",
            "overdue_text": _overdue_text(row),
            "status_label": row.status_label,
            "status_date": _day(row.status_date),
            "comment": row.comment,
            "updated": _changed(row),
            "edit": _open_button(int(row.id), row.text, int(row.id) in editable),
        }
        for row in row_tuples(rows)
    ]
    # The button first: at the end it would be the first to scroll out of view on a narrow
    # screen.
    return data_table(
        "Leverancer",
        [EDIT_COLUMN, *TABLE_COLUMNS],
        records,
        stack=True,
        empty="Ingen leverancer passer til det valgte.",
    )


def _open_button(deliverable_id: int, text: str, editable: bool):
    # "Ret" alone, 37 times over, would not tell a screen reader which deliverable it edits.
    word, kind = ("Ret", "lev-ret") if editable else ("Vis", "lev-vis")
    return html.Button(
        word,
        id={"type": kind, "index": deliverable_id},
        type="button",
        className="btn btn-sm text-nowrap "
        + ("btn-outline-primary" if editable else "btn-outline-secondary"),
        **{"aria-label": f"{word}: {text}", "aria-haspopup": "dialog"},
    )


def download_rows(rows: pd.DataFrame) -> list[dict]:
    """Rows for CSV/XLSX: dates as ISO dates, overdue as ja/nej."""
    return [
        {
            "focus_area": row.focus_area,
            "activity": row.activity,
            "text": row.text,
            "lead": row.lead,
            "co": row.co,
            "due_text": row.due_text,
            "due_date": _iso(row.due_date),
            "overdue": "ja" if row.overdue else "nej",
            "status_label": row.status_label,
            "status_date": _iso(row.status_date),
            "comment": row.comment,
            "updated_by": _known(row.updated_by),
        }
        for row in row_tuples(rows)
    ]


def status_chart(matrix: StatusMatrix) -> tuple[Draw, str]:
    """Stacked bars: deliverables per party (lead and co together) by status, the parties
    alphabetically. Returns the drawing (``svg_bars``) and its text alternative."""
    parties = sorted(matrix.by_party, key=str.lower)
    series = [Series(label, STATUS_COLOURS[code]) for code, label in STATUS_LABELS.items()]
    rows, alt_rows = [], []
    for party in parties:
        counts = dict(zip(STATUS_LABELS.values(), matrix.by_party[party], strict=True))
        words = ", ".join(f"{number(n)} {label}" for label, n in counts.items() if n)
        total = f"{number(sum(counts.values()))} i alt"
        rows.append(BarRow(party, counts, note=words, total=total))
        alt_rows.append(f"{party}: {words}.")
    alt = (
        "Søjler med leverancer pr. aktør og status. " + " ".join(alt_rows)
        if rows
        else "Ingen leverancer at vise."
    )
    return partial(stacked_rows, series, rows, number), alt


def text_summary(summary: StatusSummary) -> str:
    """The chart in one sentence, for screen readers and everyone else."""
    if not summary.deliverables:
        return "Ingen leverancer passer til det valgte."
    parts = [f"{number(count)} {STATUS_LABELS[code]}" for code, count in summary.by_status.items()]
    if summary.unfinished_at_end:
        late = f"{number(summary.unfinished_at_end)} var {UNFINISHED}."
    else:
        late = f"{number(summary.overdue)} har overskredet fristen."
    return f"{number(summary.deliverables)} leverancer: {', '.join(parts)}. {late}"


def counts_table(matrix: StatusMatrix):
    """The table alternative to the chart: party × role rows, one column per status."""
    header = html.Thead(
        html.Tr(
            [html.Th("Aktør", scope="col"), html.Th("Rolle", scope="col")]
            + [html.Th(label, scope="col") for label in STATUS_LABELS.values()]
        )
    )
    body = [
        html.Tr(
            [html.Th(row.party, scope="row"), html.Td(ROLE_LABELS.get(row.role, row.role))]
            + [html.Td(number(count)) for count in row.counts]
        )
        for row in matrix.rows
    ]
    table = html.Table([header, html.Tbody(body)], className="table table-sm table-bordered")
    # Seven columns are wider than a phone: the table scrolls in its box, not the page.
    return scrolling(table, "Leverancer pr. aktør, rolle og status")


def history_list(entries: list[HistoryEntry]):
    """Who changed what and when, newest first."""
    if not entries:
        return html.P("Ingen ændringer endnu.", className="text-muted")
    items = []
    for e in entries:
        status = f"{STATUS_LABELS.get(e.old_status, e.old_status)} → "
        status += STATUS_LABELS.get(e.new_status, e.new_status)
        lines = [
            html.Strong(f"{long_date(e.changed_at.date())}, {e.changed_by}"),
            html.Div(f"Status: {status}"),
        ]
        if e.new_status_date != e.old_status_date and e.new_status_date:
            lines.append(html.Div(f"Statusdato: {long_date(e.new_status_date)}"))
        if e.new_comment != e.old_comment:
            lines.append(html.Div(f"Kommentar: {e.new_comment or '(slettet)'}"))
        items.append(html.Li(lines, className="mb-2"))
    return html.Ol(items, className="list-unstyled history")
