"""Page /moede: before a meeting, what changed since the last one, what needs attention, the
decisions taken, and the meeting pack as PDF or as a print view.

Internal (styregruppe, arbejdsgruppe, admin). The working group and the secretariat add and
edit meetings and decisions here; every callback and both pack routes check the role on
the server. Content comes from ``dashboard.queries.briefing``, ``…attention`` and
``…meetings``, the same reads the pack uses, in the words of
``dashboard.components.briefing_text``; ``…briefing_views`` lays it out.
"""

from __future__ import annotations

from datetime import date, datetime

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update
from flask import url_for

from dashboard import clock
from dashboard.auth import current_role, require_role, requires_role
from dashboard.components.briefing_text import needs_attention, since_last_meeting
from dashboard.components.briefing_views import (
    attention_view,
    changes_view,
    decisions_view,
    meeting_head,
    meeting_label,
    period_text,
)
from dashboard.db import request_session
from dashboard.model.meetings import MEETING_BODIES
from dashboard.queries.meetings import (
    briefing_window,
    decision_link_options,
    decision_log,
    decisions_by_item,
    default_meeting,
    meeting,
    meetings,
)
from dashboard.queries.plan import latest_plan
from dashboard.roles import EDIT_ROLES, READ_ROLES
from dashboard.services.errors import EditRefused
from dashboard.services.meetings import add_decision, create_meeting, update_meeting

PATH = "/moede"
TITLE = "Møde"
BODY_OPTIONS = [{"label": name, "value": code} for code, name in MEETING_BODIES.items()]


def _meeting_options(session) -> tuple[list[dict], int | None]:
    found = meetings(session)
    chosen = default_meeting(found, clock.today())
    options = [{"label": meeting_label(m), "value": str(m.id)} for m in reversed(found)]
    return options, str(chosen.id) if chosen else None


def _link_choices(session) -> list[dict]:
    """What a new decision can concern in the newest plan, as checklist options with
    ``kind:id`` values."""
    version = latest_plan(session)
    if version is None:
        return []
    return [
        {"label": label[:160] if kind == "deliverable" else label, "value": f"{kind}:{item_id}"}
        for kind, item_id, label in decision_link_options(session, version.id)
    ]


def _meeting_id(value) -> int | None:
    """The select's value (a string in the browser) as a meeting id."""
    return int(value) if value is not None and str(value).isdigit() else None


def layout():
    require_role(*READ_ROLES)
    with request_session() as session:
        options, chosen = _meeting_options(session)
        link_options = _link_choices(session) if current_role() in EDIT_ROLES else []
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
            attention = needs_attention(session, version.id, clock.today()) if version else None
            if meeting_id is None or meeting(session, meeting_id) is None:
                return (
                    html.P("Der er ingen møder endnu."),
                    "",
                    None,
                    attention_view(attention) if attention else None,
                    decisions_view(decision_log(session)),
                )
            window = briefing_window(session, meeting_id)
            items = since_last_meeting(session, meeting_id)
            decisions = decision_log(session, window.meeting.partnership_id)
        return (
            meeting_head(
                window.meeting,
                url_for("meeting_pack.pack_pdf", meeting_id=meeting_id),
                url_for("meeting_pack.pack_print_view", meeting_id=meeting_id),
            ),
            period_text(window),
            changes_view(items),
            attention_view(attention, decisions_by_item(decisions))
            if attention
            else html.P("Der er ikke indlæst nogen plan."),
            decisions_view(decisions),
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


__all__ = ["PATH", "TITLE", "layout", "register_callbacks"]
