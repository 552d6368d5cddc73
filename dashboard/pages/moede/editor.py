"""/moede's editor, for the secretariat (admin): meetings with their agenda, and the
decisions taken at them, linked to what they concern."""

from __future__ import annotations

from datetime import datetime

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update

from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Text, Texts
from dashboard.components.form_parts import date_input, typed_day
from dashboard.dates import PLACEHOLDER, dmy
from dashboard.db import request_session
from dashboard.model.meetings import MEETING_BODIES
from dashboard.numbers import form_id
from dashboard.pages.moede.choices import chosen_meeting, meeting_id, meeting_options
from dashboard.roles import ADMIN_ROLES
from dashboard.services.errors import EditRefused
from dashboard.services.meetings import add_decision, create_meeting, update_meeting

BODY_OPTIONS = [{"label": name, "value": code} for code, name in MEETING_BODIES.items()]


def _field(label: str, component, field_id: str, width: int = 6):
    return dbc.Col([dbc.Label(label, html_for=field_id), component], md=width, className="mb-2")


def section(session, scope: Scope, value, link_options: list[dict]):
    """The editor, its meeting form filled with the meeting chosen first (``value``: the
    meeting select's): what the secretariat types before the page's first callbacks answered
    would otherwise be overwritten by the form's first answer."""
    found = chosen_meeting(session, scope.id, value)
    body, _, at, title, agenda, version = _form_values(found)
    meeting_form = dbc.Card(
        dbc.CardBody(
            [
                html.H3("Møde", className="h5"),
                html.P(
                    "Vælg et møde ovenfor for at rette det, eller tryk »Nyt møde« for en tom "
                    "formular og opret et nyt.",
                    className="small",
                ),
                dbc.Row(
                    [
                        _field(
                            "Organ",
                            dbc.Select(id="moede-organ", options=BODY_OPTIONS, value=body),
                            "moede-organ",
                        ),
                        _field(
                            f"Dato ({PLACEHOLDER})",
                            date_input("moede-dato", found.date if found else None),
                            "moede-dato",
                            3,
                        ),
                        _field(
                            "Klokken (valgfrit)",
                            dbc.Input(id="moede-klokken", type="time", value=at),
                            "moede-klokken",
                            3,
                        ),
                        _field(
                            "Titel",
                            dbc.Input(id="moede-titel", maxLength=300, value=title),
                            "moede-titel",
                            12,
                        ),
                        _field(
                            "Dagsorden (et punkt pr. linje)",
                            dbc.Textarea(id="moede-dagsorden", rows=4, value=agenda),
                            "moede-dagsorden",
                            12,
                        ),
                    ]
                ),
                dcc.Store(id="moede-version", data=version),
                dbc.Button("Nyt møde", id="moede-ny", outline=True, className="me-2"),
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


def _form_values(found) -> tuple:
    """The meeting form's body, date, time, title, agenda and version: ``found``'s, or an
    empty form for none."""
    if found is None:
        return "styregruppe", None, None, "", "", None
    return (
        found.body,
        dmy(found.date),
        found.start_time.strftime("%H:%M") if found.start_time else None,
        found.title,
        "\n".join(found.agenda),
        found.version,
    )


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
        if (number := form_id(target)) is not None:
            links.append((kind, number))
    return links


def register_callbacks(app) -> None:
    @app.callback(
        Output("moede-organ", "value"),
        Output("moede-dato", "value"),
        Output("moede-klokken", "value"),
        Output("moede-titel", "value"),
        Output("moede-dagsorden", "value"),
        Output("moede-version", "data"),
        Input("moede-valg", "value"),
        Input("moede-ny", "n_clicks"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*ADMIN_ROLES)
    def fill_meeting_form(value: Text, _new: Clicks, scope: Scope):
        """The chosen meeting, to edit; after "Nyt møde" an empty form, so a new meeting is
        never made from another meeting's body, date and agenda by mistake."""
        if ctx.triggered_id == "moede-ny":
            return _form_values(None)
        with request_session() as session:
            return _form_values(chosen_meeting(session, scope.id, value))

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
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*ADMIN_ROLES)
    def save_meeting(
        _create: Clicks,
        _save: Clicks,
        value: Text,
        version: Counter,
        body: Text,
        day: Text,
        at: Text,
        title: Text,
        agenda: Text,
        scope: Scope,
    ):
        user = scope.user
        chosen_id = meeting_id(value)
        try:
            fields = (body, typed_day(day), _parse_time(at), title, (agenda or "").splitlines())
            with request_session() as session:
                if ctx.triggered_id == "moede-gem":
                    if chosen_id is None or version is None:
                        return (
                            dbc.Alert("Vælg først et møde.", color="warning"),
                            no_update,
                            no_update,
                        )
                    saved = update_meeting(
                        session, user, chosen_id, version, *fields, partnership_id=scope.id
                    )
                    message = "Mødet er gemt."
                else:
                    saved = create_meeting(session, user, scope.id, *fields)
                    message = "Mødet er oprettet."
                saved_id = saved.id
        except EditRefused as refused:
            return dbc.Alert(str(refused), color="danger"), no_update, no_update
        with request_session() as session:
            options, _ = meeting_options(session, scope.id)
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
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*ADMIN_ROLES)
    def save_decision(_clicks: Clicks, value: Text, text: Text, links: Texts, scope: Scope):
        chosen_id = meeting_id(value)
        if chosen_id is None:
            return (
                dbc.Alert("Vælg først et møde.", color="warning"),
                no_update,
                no_update,
                no_update,
            )
        try:
            with request_session() as session:
                decision = add_decision(
                    session,
                    scope.user,
                    chosen_id,
                    text,
                    _parse_links(links),
                    partnership_id=scope.id,
                )
                saved_id = decision.id
        except EditRefused as refused:
            return dbc.Alert(str(refused), color="danger"), no_update, no_update, no_update
        return dbc.Alert("Beslutningen er gemt.", color="success"), saved_id, "", []
