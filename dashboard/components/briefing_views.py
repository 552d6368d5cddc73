"""How /moede shows a briefing: the meeting's head, the changes since the last meeting
grouped by focus area, what needs attention and the decision log. Text stays text."""

from __future__ import annotations

from dash import dcc, html

from dashboard.clock import LOCAL
from dashboard.components.briefing_text import (
    PAGE_NAMES,
    Attention,
    group_by_focus_area,
    overdue_count,
)
from dashboard.components.format import long_date
from dashboard.model.meetings import link_label
from dashboard.queries.meetings import decisions_about
from dashboard.urls import partnership_path

KIND_LABELS = {
    "deliverable": "Leverance",
    "measurement": "Tal",
    "note": "Note",
    "budget": "Budget",
    "handover": "Forankring",
}


def meeting_label(m) -> str:
    at = f" kl. {m.start_time.strftime('%H:%M')}" if m.start_time else ""
    return f"{long_date(m.date)}{at} · {m.body_name} · {m.title}"


def meeting_head(chosen, pdf_url: str, print_url: str):
    agenda = (
        html.Ol([html.Li(item) for item in chosen.agenda])
        if chosen.agenda
        else html.P("Ingen dagsorden registreret.", className="text-muted")
    )
    links = html.P(
        [
            html.A(
                "Hent mødepakke (PDF)",
                href=pdf_url,
                id="moede-pdf",
                className="btn btn-primary me-2",
            ),
            html.A(
                "Mødepakke til udskrift",
                href=print_url,
                id="moede-udskrift",
                className="btn btn-outline-primary",
                target="_blank",
            ),
        ],
        className="d-print-none",
    )
    source = (
        html.P(f"Kilde: {chosen.source}", className="small text-muted")
        if chosen.source != "app"
        else None
    )
    return html.Div(
        [
            html.H2(meeting_label(chosen), className="h3"),
            source,
            html.H3("Dagsorden", className="h5"),
            agenda,
            links,
        ],
        className="mb-4",
    )


def period_text(window) -> str:
    until = f"mødet {long_date(window.meeting.date)}"
    if window.previous is None:
        return f"Alt registreret før {until}; der er intet tidligere møde at sammenligne med."
    return (
        f"Ændringer efter {window.previous.body_name}s møde {long_date(window.previous.date)} "
        f"og frem til {until}, nyeste først."
    )


def changes_view(items, slug: str):
    if not items:
        return html.P("Ingen ændringer i perioden.")
    sections = []
    for area, group in group_by_focus_area(items):
        rows = [
            html.Li(
                [
                    html.Strong(f"{KIND_LABELS.get(item.kind, item.kind)}: "),
                    item.text,
                    html.Br(),
                    html.Span(
                        f"{long_date(item.when.astimezone(LOCAL).date())} "
                        f"kl. {item.when.astimezone(LOCAL).strftime('%H:%M')}, {item.who} · ",
                        className="small text-muted",
                    ),
                    dcc.Link(
                        f"se {PAGE_NAMES.get(item.link, item.link)}",
                        href=partnership_path(slug, item.link),
                        className="small",
                    ),
                ],
                className="mb-2",
            )
            for item in group
        ]
        sections.append(html.Div([html.H3(area, className="h5"), html.Ul(rows)]))
    return [html.P(f"{len(items)} ændringer."), *sections]


def _decided(index: dict, row) -> str:
    found = decisions_about(
        index, "deliverable", row.deliverable_id, link_label("deliverable", row.activity, row.text)
    )
    return "".join(
        f" Besluttet {long_date(d.meeting_date)}, {d.body_name}: {d.text}" for d in found
    )


def handover_line(handover: dict) -> str:
    """One undecided handover; the plan does not always say who takes over ("overgår til
    ikke afklaret" would not be Danish)."""
    to = handover["to"]
    who = f"overgår til {to}" if to else "hvem der overtager, er ikke afklaret"
    return f"{handover['activity']}: {who} – {handover['text']}"


def attention_view(attention: Attention, slug: str, decided: dict | None = None):
    parts = [html.H3(attention.overdue_heading, className="h5")]
    if attention.overdue_by_party:
        for party, rows in attention.overdue_by_party:
            parts.append(
                html.Details(
                    [
                        html.Summary(f"{party}: {overdue_count(attention, len(rows))}"),
                        html.Ul(
                            [
                                html.Li(
                                    f"{r.activity}: {r.text} (frist {r.due}; {r.status})"
                                    + _decided(decided or {}, r)
                                )
                                for r in rows
                            ]
                        ),
                    ]
                )
            )
        parts.append(dcc.Link("Se alle leverancer", href=partnership_path(slug, "/leverancer")))
    else:
        parts.append(html.P(attention.overdue_none))
    years = ", ".join(str(y) for y in attention.undecided_years)
    parts.append(html.H3(f"Beløb der ikke er besluttet (?) for {years}", className="h5 mt-3"))
    parts.append(
        html.Ul([html.Li(f"{year}: {', '.join(labels)}") for year, labels in attention.undecided])
        if attention.undecided
        else html.P("Alle beløb er besluttet.")
    )
    parts.append(html.H3("Forankring uden beslutning", className="h5 mt-3"))
    parts.append(
        html.Ul([html.Li(handover_line(h)) for h in attention.open_handovers])
        if attention.open_handovers
        else html.P("Alle forankringer er besluttet.")
    )
    parts.append(html.H3("Tal der ikke er opdateret som forventet", className="h5 mt-3"))
    parts.append(
        html.Ul([html.Li(s.sentence) for s in attention.stale_indicators])
        if attention.stale_indicators
        else html.P("Alle tal er opdateret som forventet.")
    )
    return parts


def decisions_view(decisions, slug: str):
    if not decisions:
        return html.P("Der er ikke registreret beslutninger endnu.")
    return html.Ul(
        [
            html.Li(
                [
                    html.Strong(f"{long_date(d.meeting_date)}, {d.body_name}: "),
                    d.text,
                    html.Ul(
                        [
                            html.Li(
                                [
                                    "Vedrører ",
                                    dcc.Link(link.label, href=partnership_path(slug, link.href)),
                                ]
                            )
                            for link in d.links
                        ]
                    )
                    if d.links
                    else None,
                ],
                className="mb-2",
            )
            for d in decisions
        ]
    )
