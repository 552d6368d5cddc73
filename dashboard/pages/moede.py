"""Page /moede: before a meeting, what changed since the last one, what needs attention, the
decisions taken, and the meeting pack as PDF or as a print view.

Internal (styregruppe, arbejdsgruppe, admin). The working group and the secretariat add and
edit meetings and decisions here; every callback and both pack routes check the role on
the server. Content comes from ``dashboard.queries.briefing`` and ``…meetings``, the same
reads the pack uses.
"""

from __future__ import annotations

from datetime import date, datetime

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update
from flask import Response, abort, redirect, request

from dashboard.auth import (
    EDIT_ROLES,
    READ_ROLES,
    current_role,
    login_url,
    may_read,
    require_role,
    requires_role,
)
from dashboard.components.format import long_date
from dashboard.db import request_session
from dashboard.meeting_pack import (
    PdfUnavailable,
    html_to_pdf,
    pack_content,
    pack_filename,
    pack_html,
)
from dashboard.meeting_pack.document import PAGE_NAMES
from dashboard.model.meetings import MEETING_BODIES
from dashboard.queries.briefing import (
    NeedsAttention,
    group_by_focus_area,
    needs_attention,
    since_last_meeting,
)
from dashboard.queries.meetings import (
    LOCAL,
    briefing_window,
    decision_log,
    decisions_about,
    decisions_by_item,
    default_meeting,
    link_label,
    meeting,
    meetings,
)
from dashboard.queries.plan import latest_plan
from dashboard.services.deliverables import EditRefused
from dashboard.services.meetings import add_decision, create_meeting, update_meeting

PATH = "/moede"
TITLE = "Møde"
KIND_LABELS = {
    "deliverable": "Leverance",
    "measurement": "Tal",
    "note": "Note",
    "budget": "Budget",
    "handover": "Forankring",
}
BODY_OPTIONS = [{"label": name, "value": code} for code, name in MEETING_BODIES.items()]
# Internal data: never cached on the way. (The app's security headers add the CSP; the pack
# document also carries its own, stricter one: no scripts, nothing fetched.)
PACK_HEADERS = {"Cache-Control": "no-store, private", "X-Content-Type-Options": "nosniff"}


def _today() -> date:
    return datetime.now(LOCAL).date()


def _meeting_label(m) -> str:
    at = f" kl. {m.start_time.strftime('%H:%M')}" if m.start_time else ""
    return f"{long_date(m.date)}{at} · {m.body_name} · {m.title}"


def _meeting_options(session) -> tuple[list[dict], int | None]:
    found = meetings(session)
    chosen = default_meeting(found, _today())
    options = [{"label": _meeting_label(m), "value": str(m.id)} for m in reversed(found)]
    return options, str(chosen.id) if chosen else None


def _meeting_id(value) -> int | None:
    """The select's value (a string in the browser) as a meeting id."""
    return int(value) if value is not None and str(value).isdigit() else None


def layout():
    require_role(*READ_ROLES)
    with request_session() as session:
        options, chosen = _meeting_options(session)
        link_options = _decision_link_options(session) if current_role() in EDIT_ROLES else []
    editing = current_role() in EDIT_ROLES
    return html.Div(
        [
            html.H1(TITLE, className="d-print-none"),
            html.P(
                "Det et medlem af styregruppen skal vide før et møde: hvad der er ændret "
                "siden sidste møde, hvad der kræver opmærksomhed, og hvad der er besluttet.",
                className="d-print-none",
            ),
            html.Div(
                [
                    dbc.Label("Møde", html_for="moede-valg"),
                    # Native selects: Dash's own dropdown hides a focusable input from
                    # screen readers (axe: aria-hidden-focus).
                    dbc.Select(id="moede-valg", options=options, value=chosen),
                ],
                className="mb-3 d-print-none",
            ),
            html.Div(id="moede-hoved"),
            html.Section(
                [
                    html.H2("Siden sidste møde", className="h3"),
                    html.P(id="moede-periode"),
                    html.Div(id="moede-aendringer", **{"aria-live": "polite"}),
                ],
                className="mb-4",
            ),
            html.Section(
                [
                    html.H2("Kræver opmærksomhed", className="h3"),
                    html.Div(id="moede-opmaerksomhed"),
                ],
                className="mb-4",
            ),
            html.Section(
                [html.H2("Beslutningslog", className="h3"), html.Div(id="moede-beslutninger")],
                className="mb-4",
            ),
            dcc.Store(id="moede-gemt"),
            _editor(link_options) if editing else None,
        ]
    )


# --- the editor (working group and secretariat) ------------------------------------------


def _decision_link_options(session) -> list[dict]:
    """Everything of the newest plan a decision can concern, as ``kind:id`` values."""
    version = latest_plan(session)
    if version is None:
        return []
    options = []
    for activity in version.activities:
        options.append({"label": f"Aktivitet: {activity.name}", "value": f"activity:{activity.id}"})
        for d in activity.deliverables:
            label = f"Leverance: {activity.name}: {d.text}"
            options.append({"label": label[:160], "value": f"deliverable:{d.id}"})
        for h in activity.handovers:
            options.append({"label": f"Forankring: {activity.name}", "value": f"handover:{h.id}"})
    for line in version.budget_lines:
        options.append(
            {"label": f"Budget: {line.label} {line.year}", "value": f"budget_line:{line.id}"}
        )
    return options


def _field(label: str, component, field_id: str, width: int = 6):
    return dbc.Col([dbc.Label(label, html_for=field_id), component], md=width, className="mb-2")


def _editor(link_options: list[dict]):
    meeting_form = dbc.Card(
        dbc.CardBody(
            [
                html.H3("Møde", className="h5"),
                html.P(
                    "Vælg et møde ovenfor for at rette det, eller udfyld felterne og opret et nyt.",
                    className="small",
                ),
                dbc.Row(
                    [
                        _field(
                            "Organ",
                            dbc.Select(id="moede-organ", options=BODY_OPTIONS, value="styregruppe"),
                            "moede-organ",
                        ),
                        _field("Dato", dbc.Input(id="moede-dato", type="date"), "moede-dato", 3),
                        _field(
                            "Klokken (valgfrit)",
                            dbc.Input(id="moede-klokken", type="time"),
                            "moede-klokken",
                            3,
                        ),
                        _field(
                            "Titel", dbc.Input(id="moede-titel", maxLength=300), "moede-titel", 12
                        ),
                        _field(
                            "Dagsorden (et punkt pr. linje)",
                            dbc.Textarea(id="moede-dagsorden", rows=4),
                            "moede-dagsorden",
                            12,
                        ),
                    ]
                ),
                dcc.Store(id="moede-version"),
                dbc.Button("Opret nyt møde", id="moede-opret", className="me-2"),
                dbc.Button("Gem ændringer i valgt møde", id="moede-gem", color="secondary"),
                html.Div(id="moede-gem-besked", role="status", className="mt-2"),
            ]
        ),
        className="mb-3",
    )
    decision_form = dbc.Card(
        dbc.CardBody(
            [
                html.H3("Ny beslutning på det valgte møde", className="h5"),
                dbc.Label("Beslutning", html_for="beslutning-tekst"),
                dbc.Textarea(id="beslutning-tekst", rows=3, maxLength=2000),
                html.Fieldset(
                    [
                        html.Legend("Vedrører", className="form-label fs-6 mt-2"),
                        html.Div(
                            dbc.Checklist(id="beslutning-links", options=link_options, value=[]),
                            className="decision-links",
                        ),
                    ]
                ),
                dbc.Button("Gem beslutning", id="beslutning-gem", className="mt-2"),
                html.Div(id="beslutning-besked", role="status", className="mt-2"),
            ]
        )
    )
    return html.Section(
        [html.H2("Ret møder og beslutninger", className="h3"), meeting_form, decision_form],
        className="d-print-none mb-4",
    )


# --- what the page shows -----------------------------------------------------------------


def _head(chosen, pack_links: bool = True):
    agenda = (
        html.Ol([html.Li(item) for item in chosen.agenda])
        if chosen.agenda
        else html.P("Ingen dagsorden registreret.", className="text-muted")
    )
    links = html.P(
        [
            html.A(
                "Hent mødepakke (PDF)",
                href=f"{PATH}/{chosen.id}/pakke.pdf",
                id="moede-pdf",
                className="btn btn-primary me-2",
            ),
            html.A(
                "Mødepakke til udskrift",
                href=f"{PATH}/{chosen.id}/pakke",
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
            html.H2(_meeting_label(chosen), className="h3"),
            source,
            html.H3("Dagsorden", className="h5"),
            agenda,
            links if pack_links else None,
        ],
        className="mb-4",
    )


def _period_text(window) -> str:
    until = f"mødet {long_date(window.meeting.date)}"
    if window.previous is None:
        return f"Alt registreret før {until}; der er intet tidligere møde at sammenligne med."
    return (
        f"Ændringer efter {window.previous.body_name}s møde {long_date(window.previous.date)} "
        f"og frem til {until}, nyeste først."
    )


def _changes(items):
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
                        href=item.link,
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


def _attention(attention: NeedsAttention, decided: dict | None = None):
    parts = [html.H3("Leverancer med overskredet frist, pr. tovholder", className="h5")]
    if attention.overdue_by_party:
        for party, rows in attention.overdue_by_party:
            parts.append(
                html.Details(
                    [
                        html.Summary(f"{party}: {len(rows)} overskredne leverancer"),
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
        parts.append(dcc.Link("Se alle leverancer", href="/leverancer"))
    else:
        parts.append(html.P("Ingen leverancer har overskredet fristen."))
    years = ", ".join(str(y) for y in attention.undecided_years)
    parts.append(html.H3(f"Beløb der ikke er besluttet (?) for {years}", className="h5 mt-3"))
    parts.append(
        html.Ul([html.Li(f"{year}: {', '.join(labels)}") for year, labels in attention.undecided])
        if attention.undecided
        else html.P("Alle beløb er besluttet.")
    )
    parts.append(html.H3("Forankring uden beslutning", className="h5 mt-3"))
    parts.append(
        html.Ul(
            [
                html.Li(f"{h['activity']}: overgår til {h['to'] or 'ikke afklaret'} – {h['text']}")
                for h in attention.open_handovers
            ]
        )
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


def _decisions(decisions):
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
                                    dcc.Link(link.label, href=link.href),
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


# --- the pack routes ---------------------------------------------------------------------


def _pack_document(meeting_id: int) -> tuple[str, str]:
    with request_session() as session:
        try:
            content = pack_content(session, meeting_id, _today())
        except LookupError:  # an unknown meeting, or NoPlan
            abort(404)
        return pack_html(content), pack_filename(content)


def pack_pdf(meeting_id: int):
    """``/moede/<id>/pakke.pdf``: internal, so a visitor without a reading role is sent to
    the login page and gets no byte of it."""
    if not may_read():
        return redirect(login_url(request.path))
    document, filename = _pack_document(meeting_id)
    try:
        pdf = html_to_pdf(document)
    except PdfUnavailable:
        return Response(
            "Mødepakken kan ikke laves som PDF lige nu. Brug «Mødepakke til udskrift» og "
            "udskriv den fra browseren.",
            status=503,
            mimetype="text/plain",
        )
    headers = {**PACK_HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(pdf, mimetype="application/pdf", headers=headers)


def pack_print_view(meeting_id: int):
    """``/moede/<id>/pakke``: the same document as HTML, to print from the browser."""
    if not may_read():
        return redirect(login_url(request.path))
    document, _ = _pack_document(meeting_id)
    return Response(document, mimetype="text/html", headers=PACK_HEADERS)


# --- callbacks ---------------------------------------------------------------------------


def _parse_date(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _parse_time(text):
    if not text:
        return None
    try:
        return datetime.strptime(text[:5], "%H:%M").time()
    except ValueError:
        return "ugyldig"  # the service refuses it with a message


def _parse_links(values) -> list[tuple[str, int]]:
    links = []
    for value in values if isinstance(values, list) else []:
        kind, _, target = str(value).partition(":")
        if target.isdigit():
            links.append((kind, int(target)))
    return links


def register_callbacks(app) -> None:
    app.server.add_url_rule(f"{PATH}/<int:meeting_id>/pakke.pdf", "moede_pakke_pdf", pack_pdf)
    app.server.add_url_rule(f"{PATH}/<int:meeting_id>/pakke", "moede_pakke", pack_print_view)

    @app.callback(
        Output("moede-hoved", "children"),
        Output("moede-periode", "children"),
        Output("moede-aendringer", "children"),
        Output("moede-opmaerksomhed", "children"),
        Output("moede-beslutninger", "children"),
        Input("moede-valg", "value"),
        Input("moede-gemt", "data"),
    )
    @requires_role(*READ_ROLES)
    def show_meeting(value, _saved):
        meeting_id = _meeting_id(value)
        with request_session() as session:
            version = latest_plan(session)
            attention = needs_attention(session, version.id, _today()) if version else None
            if meeting_id is None or meeting(session, meeting_id) is None:
                return (
                    html.P("Der er ingen møder endnu."),
                    "",
                    None,
                    _attention(attention) if attention else None,
                    _decisions(decision_log(session)),
                )
            window = briefing_window(session, meeting_id)
            items = since_last_meeting(session, meeting_id)
            decisions = decision_log(session, window.meeting.partnership_id)
        return (
            _head(window.meeting),
            _period_text(window),
            _changes(items),
            _attention(attention, decisions_by_item(decisions))
            if attention
            else html.P("Der er ikke indlæst nogen plan."),
            _decisions(decisions),
        )

    @app.callback(
        Output("moede-organ", "value"),
        Output("moede-dato", "value"),
        Output("moede-klokken", "value"),
        Output("moede-titel", "value"),
        Output("moede-dagsorden", "value"),
        Output("moede-version", "data"),
        Input("moede-valg", "value"),
    )
    @requires_role(*EDIT_ROLES)
    def fill_meeting_form(value):
        meeting_id = _meeting_id(value)
        with request_session() as session:
            chosen = meeting(session, meeting_id) if meeting_id is not None else None
        if chosen is None:
            return "styregruppe", None, None, "", "", None
        return (
            chosen.body,
            chosen.date.isoformat(),
            chosen.start_time.strftime("%H:%M") if chosen.start_time else None,
            chosen.title,
            "\n".join(chosen.agenda),
            chosen.version,
        )

    @app.callback(
        Output("moede-gem-besked", "children"),
        Output("moede-valg", "options"),
        Output("moede-valg", "value"),
        Input("moede-opret", "n_clicks"),
        Input("moede-gem", "n_clicks"),
        State("moede-valg", "value"),
        State("moede-version", "data"),
        State("moede-organ", "value"),
        State("moede-dato", "value"),
        State("moede-klokken", "value"),
        State("moede-titel", "value"),
        State("moede-dagsorden", "value"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_meeting(_create, _save, value, version, body, day, at, title, agenda):
        user = require_role(*EDIT_ROLES)
        meeting_id = _meeting_id(value)
        fields = (body, _parse_date(day), _parse_time(at), title, (agenda or "").splitlines())
        try:
            with request_session() as session:
                if ctx.triggered_id == "moede-gem":
                    if meeting_id is None or version is None:
                        return (
                            dbc.Alert("Vælg først et møde.", color="warning"),
                            no_update,
                            no_update,
                        )
                    saved = update_meeting(session, user, meeting_id, version, *fields)
                    message = "Mødet er gemt."
                else:
                    plan = latest_plan(session)
                    if plan is None:
                        return (
                            dbc.Alert("Indlæs først en plan.", color="warning"),
                            no_update,
                            no_update,
                        )
                    saved = create_meeting(session, user, plan.partnership_id, *fields)
                    message = "Mødet er oprettet."
                saved_id = saved.id
        except EditRefused as refused:
            return dbc.Alert(str(refused), color="danger"), no_update, no_update
        with request_session() as session:
            options, _ = _meeting_options(session)
        return dbc.Alert(message, color="success"), options, str(saved_id)

    @app.callback(
        Output("beslutning-besked", "children"),
        Output("moede-gemt", "data"),
        Output("beslutning-tekst", "value"),
        Output("beslutning-links", "value"),
        Input("beslutning-gem", "n_clicks"),
        State("moede-valg", "value"),
        State("beslutning-tekst", "value"),
        State("beslutning-links", "value"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_decision(_clicks, value, text, links):
        user = require_role(*EDIT_ROLES)
        meeting_id = _meeting_id(value)
        if meeting_id is None:
            return (
                dbc.Alert("Vælg først et møde.", color="warning"),
                no_update,
                no_update,
                no_update,
            )
        try:
            with request_session() as session:
                decision = add_decision(session, user, meeting_id, text, _parse_links(links))
                saved_id = decision.id
        except EditRefused as refused:
            return dbc.Alert(str(refused), color="danger"), no_update, no_update, no_update
        return dbc.Alert("Beslutningen er gemt.", color="success"), saved_id, "", []


__all__ = ["PATH", "TITLE", "layout", "pack_pdf", "pack_print_view", "register_callbacks"]
