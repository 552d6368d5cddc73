"""The upload preview and the load log as the administration page draws them: what a file
holds, what it would change, the reader's warnings, and a refused file's message."""

from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

from dash import html

from dashboard.components.briefing_text import loaded_file_words
from dashboard.components.format import long_date, money, number
from dashboard.components.tables import Column, data_table

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
OUTCOMES = {"loaded": "indlæst", "unchanged": "uændret", "failed": "fejlet"}
KINDS = {
    "plan": "Plan",
    "budget": "Budget",
    "indicators": "Indikatorer",
    "dst": "Danmarks Statistik",
}
CELL_KINDS = {"added": "ny celle", "removed": "fjernet", "changed": "ændret"}


def _list(title: str, items: list[str], empty: str | None = None):
    if not items:
        return html.P(f"{title}: {empty}") if empty else None
    return html.Div([html.H4(title, className="h6 mt-3"), html.Ul([html.Li(i) for i in items])])


def refused(message: str):
    """A file the reader refused, with the CLI's message (file, row and column)."""
    return html.Div(
        [
            html.P(html.Strong("Filen kan ikke indlæses. Intet er skrevet.")),
            html.P(message, className="mb-0 font-monospace small"),
        ],
        className="alert alert-danger",
        role="alert",
    )


def warnings_view(warnings: list[str]):
    if not warnings:
        return html.P("Læseren har ingen advarsler.", className="text-muted")
    return html.Div(
        [
            html.H4(
                f"Læserens advarsler ({len(warnings)}, som kommandolinjen viser dem)",
                className="h6",
            ),
            html.Ul([html.Li(w, className="small") for w in warnings]),
        ],
        className="alert alert-warning",
    )


def unchanged_note():
    return html.P(
        "Filen ændrer intet i forhold til det, der allerede er indlæst. Der skrives intet.",
        className="alert alert-info",
        role="status",
    )


def plan_preview_view(preview, into: str):
    """``preview`` (a ``PlanPreview``) loaded into partnership ``into``."""
    holds = html.Div(
        [
            html.H3("Filen indeholder", className="h5"),
            html.P(
                f"{preview.title}: {len(preview.focus_areas)} indsatsområder, "
                f"{len(preview.activities)} aktiviteter, {number(preview.budget_cells)} "
                f"budgetceller og {number(preview.deliverables)} leverancer."
            ),
            _list("Indsatsområder", preview.focus_areas),
            _list("Aktiviteter", preview.activities),
            html.P(
                "Ramme (I alt): "
                + "; ".join(f"{year}: {money(amount)}" for year, amount in preview.frame.items())
            )
            if preview.frame
            else None,
        ]
    )
    return html.Div(
        [
            _other_partnership(preview.partnership, into),
            holds,
            html.H3("Ændringer", className="h5 mt-3"),
            _changes(preview),
            warnings_view(preview.warnings),
        ]
    )


def _other_partnership(named: str, into: str):
    if named.casefold() == into.casefold():
        return None
    return html.P(
        f"Bemærk: filen er en plan for »{named}«. Den indlæses i {into}.",
        className="alert alert-warning",
    )


def _changes(preview):
    if preview.base is None:
        return html.P("Partnerskabet har ingen plan endnu: alt i filen er nyt.")
    renamed = [f"{old} → {new}" for old, new in preview.activities_renamed]
    cells = [
        {
            "activity": c.activity,
            "year": str(c.year),
            "kind": CELL_KINDS[c.kind],
            "old": "–" if c.kind == "added" else money(c.old),
            "new": "–" if c.kind == "removed" else money(c.new),
        }
        for c in preview.cells
    ]
    columns = [
        Column("activity", "Aktivitet"),
        Column("year", "År"),
        Column("kind", "Ændring"),
        Column("old", "Før", numeric=True),
        Column("new", "Nu", numeric=True),
    ]
    return html.Div(
        [
            html.P(f"Sammenlignet med den nuværende revision: {preview.base}."),
            _list("Nye aktiviteter", preview.activities_added, "ingen"),
            _list("Fjernede aktiviteter", preview.activities_removed, "ingen"),
            _list("Omdøbte aktiviteter", renamed, "ingen"),
            html.H4("Budgetceller, der ændres (før → nu)", className="h6 mt-3"),
            data_table(
                "Budgetceller, der ændres", columns, cells, stack=True, empty="Ingen beløb ændres."
            ),
            _list("Nye leverancer", [f"{a}: {t}" for a, t in preview.deliverables_added], "ingen"),
            _list(
                "Fjernede leverancer",
                [f"{a}: {t}" for a, t in preview.deliverables_removed],
                "ingen",
            ),
        ]
    )


def figure_preview_view(preview):
    """``preview`` (a ``FigurePreview``)."""
    changes = [
        {
            "indicator": c.indicator,
            "area": c.area,
            "period": c.period,
            "old": "ny" if c.old is None else number(c.old, 0 if c.old.is_integer() else 1),
            "new": number(c.new, 0 if c.new.is_integer() else 1),
        }
        for c in preview.changes
    ]
    columns = [
        Column("indicator", "Indikator"),
        Column("area", "Område"),
        Column("period", "Periode"),
        Column("old", "Før", numeric=True),
        Column("new", "Nu", numeric=True),
    ]
    shown = len(changes) < preview.new + preview.changed
    return html.Div(
        [
            html.H3("Filen indeholder", className="h5"),
            html.P(
                f"{number(preview.figures)} tal for {len(preview.indicators)} indikatorer, "
                f"{len(preview.areas)} områder og {len(preview.periods)} perioder."
            ),
            _list("Indikatorer", preview.indicators),
            _list("Områder", preview.areas),
            _list("Perioder", preview.periods),
            html.H3("Ændringer", className="h5 mt-3"),
            html.P(f"{number(preview.new)} nye tal og {number(preview.changed)} ændrede tal."),
            data_table(
                "Nye og ændrede tal", columns, changes, stack=True, empty="Ingen tal ændres."
            ),
            html.P(f"Viser de første {len(changes)}.", className="text-muted") if shown else None,
            warnings_view(preview.warnings),
        ]
    )


def load_log_table(entries):
    """``entries`` (``queries.load_log.LoadEntry``), newest first."""
    rows = [
        {
            "when": _when(e.loaded_at),
            "kind": KINDS.get(e.kind, e.kind),
            "file": loaded_file_words(e.file_name),
            "sha": html.Code(e.sha256[:12], title=e.sha256),
            "who": e.loaded_by or "–",
            "rows": number(e.rows),
            "outcome": OUTCOMES.get(e.outcome, e.outcome),
            "notes": _notes(e),
        }
        for e in entries
    ]
    columns = [
        Column("when", "Tidspunkt"),
        Column("kind", "Type"),
        Column("file", "Fil"),
        Column("sha", "SHA-256"),
        Column("who", "Indlæst af"),
        Column("rows", "Rækker", numeric=True),
        Column("outcome", "Resultat"),
        Column("notes", "Besked og advarsler"),
    ]
    return data_table("Indlæsningslog", columns, rows, stack=True, empty="Intet er indlæst endnu.")


def _when(stamp) -> str:
    local = (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone(COPENHAGEN)
    return f"{long_date(local.date())} kl. {local:%H.%M}"


def _notes(entry):
    parts = []
    if entry.message and entry.outcome == "failed":
        parts.append(html.P(f"Årsag: {entry.message}", className="mb-1"))
    elif entry.message and entry.kind != "plan" and entry.kind != "budget":
        parts.append(html.P(entry.message, className="mb-1"))
    if entry.warnings:
        parts.append(
            html.Details(
                [
                    html.Summary(f"{len(entry.warnings)} advarsler"),
                    html.Ul([html.Li(w) for w in entry.warnings]),
                ]
            )
        )
    return parts or "–"
