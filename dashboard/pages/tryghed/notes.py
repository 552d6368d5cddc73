"""The story behind the curve, on /tryghed: the working group's note on the chosen
indicator, its earlier wordings and the form to write it (saved with a version, so a stale
save is refused)."""

from __future__ import annotations

from dash import Input, Output, State, dcc, html, no_update

from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Text
from dashboard.components.format import long_date
from dashboard.components.tryghed_views import note_history_list
from dashboard.db import request_session
from dashboard.queries.indicator_notes import indicator_note, note_history
from dashboard.roles import EDIT_ROLES, READ_ROLES
from dashboard.services.errors import EditRefused
from dashboard.services.indicator_notes import StaleNote, save_indicator_note


def section(session, scope: Scope, indicator: str | None, may_edit: bool) -> list:
    """The note's heading, the note, the form (for those who may edit) and its history, drawn
    for the indicator the chart shows first: a note typed before the page's first callbacks
    answered would otherwise be overwritten by the form's first answer."""
    note, history = _note_views(session, scope.id, indicator)
    return [
        html.H3("Historien bag kurven", className="h5 mt-3"),
        html.Div(note, id="tryghed-note", className="border rounded p-3 mb-2"),
        _note_form(*_form_values(session, scope.id, indicator)) if may_edit else None,
        html.H4("Tidligere udgaver af noten", className="h6 mt-2"),
        html.Div(history, id="tryghed-note-historik"),
        dcc.Store(id="tryghed-note-gemt", data=0),
    ]


def _note_views(session, partnership_id: int, indicator: str | None) -> tuple:
    """The note on ``indicator`` and its earlier wordings."""
    if not indicator:
        return html.P("Ingen indikator valgt."), None
    note = indicator_note(session, indicator, partnership_id)
    history = note_history(session, indicator, partnership_id)
    return _note_view(note), note_history_list(history)


def _form_values(session, partnership_id: int, indicator: str | None) -> tuple[str, int]:
    """The form's text and the version a save expects."""
    if not indicator:
        return "", 0
    note = indicator_note(session, indicator, partnership_id)
    return note.text, note.version


def _note_form(text: str, version: int):
    return html.Section(
        [
            html.Label("Skriv historien bag kurven", htmlFor="tryghed-note-tekst"),
            dcc.Textarea(
                id="tryghed-note-tekst",
                value=text,
                maxLength=3000,
                style={"width": "100%", "minHeight": "6rem"},
            ),
            dcc.Store(id="tryghed-note-version", data=version),
            html.Button("Gem note", id="tryghed-note-gem", className="btn btn-primary mt-1"),
            html.Div(id="tryghed-note-besked", role="status", className="mt-2"),
        ],
        className="mb-2",
    )


def _note_view(note) -> list:
    if not note.text:
        return [html.P("Arbejdsgruppen har ikke skrevet en note til denne indikator endnu.")]
    when = long_date(note.updated_at.date()) if note.updated_at else ""
    # Plain text children: a note is never parsed as HTML or Markdown.
    return [
        html.P(note.text, style={"whiteSpace": "pre-wrap"}, className="mb-1"),
        html.P(f"Skrevet af {note.updated_by}, {when}.", className="small text-muted mb-0"),
    ]


def register_callbacks(app) -> None:
    @app.callback(
        Output("tryghed-note", "children"),
        Output("tryghed-note-historik", "children"),
        Input("tryghed-indikator", "value"),
        Input("tryghed-note-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_note(indicator: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            return _note_views(session, scope.id, indicator)

    @app.callback(
        Output("tryghed-note-tekst", "value"),
        Output("tryghed-note-version", "data"),
        Input("tryghed-indikator", "value"),
        Input("tryghed-note-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def load_note_form(indicator: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            return _form_values(session, scope.id, indicator)

    @app.callback(
        Output("tryghed-note-besked", "children"),
        Output("tryghed-note-besked", "className"),
        Output("tryghed-note-gemt", "data"),
        Input("tryghed-note-gem", "n_clicks"),
        State("tryghed-indikator", "value"),
        State("tryghed-note-tekst", "value"),
        State("tryghed-note-version", "data"),
        State("tryghed-note-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_note(
        n_clicks: Clicks,
        indicator: Text,
        text: Text,
        version: Counter,
        saved: Counter,
        scope: Scope,
    ):
        if not n_clicks or not indicator:
            return "Vælg en indikator først.", "alert alert-warning", no_update
        try:
            with request_session() as session:
                save_indicator_note(
                    session, scope.user, indicator, scope.id, int(version or 0), text or ""
                )
        except StaleNote as exc:
            return str(exc), "alert alert-warning", (saved or 0) + 1
        except EditRefused as exc:
            return str(exc), "alert alert-danger", no_update
        return "Noten er gemt.", "alert alert-success", (saved or 0) + 1
