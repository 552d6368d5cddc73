"""/moede's notes: the steering committee and the secretariat note points on the chosen
meeting (a question for the agenda, something to follow up); everyone who reads the page
sees them."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html, no_update

from dashboard import clock
from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Text
from dashboard.components.format import long_date
from dashboard.db import request_session
from dashboard.pages.moede.choices import meeting_id
from dashboard.queries.meetings import meeting_notes
from dashboard.roles import MEETING_NOTE_ROLES, READ_ROLES
from dashboard.services.errors import EditRefused
from dashboard.services.meetings import MAX_TEXT, add_meeting_note


def section(session, scope: Scope, value, may_write: bool) -> html.Section:
    """The notes on the meeting chosen first (``value``: the meeting select's), drawn with
    the page, and the form for those who may write."""
    form = [
        dbc.Label("Ny note til mødet", html_for="moede-note-tekst"),
        dbc.Textarea(id="moede-note-tekst", rows=2, maxLength=MAX_TEXT),
        dbc.Button("Tilføj note", id="moede-note-gem", className="mt-2"),
        html.Div(id="moede-note-besked", role="status", className="mt-2"),
    ]
    return html.Section(
        [
            html.H2("Noter til mødet", className="h3"),
            html.Div(_notes_for(session, scope.id, value), id="moede-noter"),
            dcc.Store(id="moede-note-gemt"),
            html.Div(form, className="d-print-none") if may_write else None,
        ],
        className="mb-4",
    )


def _notes_for(session, partnership_id: int, value) -> html.Div:
    chosen = meeting_id(value)
    return _notes_view(meeting_notes(session, partnership_id, chosen) if chosen is not None else [])


def _notes_view(notes) -> html.Div:
    if not notes:
        return html.P("Ingen noter endnu.", className="text-muted")
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(note.text, style={"whiteSpace": "pre-line"}),
                    html.Span(
                        f" · {note.created_by}, "
                        f"{long_date(note.created_at.astimezone(clock.LOCAL).date())}",
                        className="text-muted small",
                    ),
                ]
            )
            for note in notes
        ]
    )


def register_callbacks(app) -> None:
    @app.callback(
        Output("moede-noter", "children"),
        Input("moede-valg", "value"),
        Input("moede-note-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_notes(value: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            return _notes_for(session, scope.id, value)

    @app.callback(
        Output("moede-note-besked", "children"),
        Output("moede-note-gemt", "data"),
        Output("moede-note-tekst", "value"),
        Input("moede-note-gem", "n_clicks"),
        State("moede-valg", "value"),
        State("moede-note-tekst", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*MEETING_NOTE_ROLES)
    def save_note(_clicks: Clicks, value: Text, text: Text, scope: Scope):
        chosen = meeting_id(value)
        if chosen is None:
            return dbc.Alert("Vælg først et møde.", color="warning"), no_update, no_update
        try:
            with request_session() as session:
                saved_id = add_meeting_note(
                    session, scope.user, chosen, text or "", partnership_id=scope.id
                ).id
        except EditRefused as refused:
            return dbc.Alert(str(refused), color="danger"), no_update, no_update
        return dbc.Alert("Noten er gemt.", color="success"), saved_id, ""
