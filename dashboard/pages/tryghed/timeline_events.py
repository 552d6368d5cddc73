"""Events on the trend charts' timeline, on /tryghed: the list everyone sees and the
working group's form to add and remove them. A change bumps ``tryghed-begivenhed-gemt``,
which redraws the chart."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update

from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Text
from dashboard.components.form_parts import date_input, typed_day
from dashboard.components.format import long_date
from dashboard.dates import PLACEHOLDER
from dashboard.db import request_session
from dashboard.pages.tryghed.fields import field
from dashboard.queries.timeline import timeline
from dashboard.roles import EDIT_ROLES, READ_ROLES
from dashboard.services.errors import EditRefused
from dashboard.services.timeline import add_event, remove_event


def section(session, scope: Scope, may_edit: bool) -> list:
    """The events' heading, their list and the form (for those who may edit), drawn with the
    page: the callbacks answer only a change."""
    events = timeline(session, scope.id)
    return [
        html.H3("Begivenheder på tidslinjen", className="h5 mt-3"),
        html.P(
            "Det, der er sket i området og kan forklare kurverne, står her og vises som "
            "prikkede linjer i graferne.",
            className="small",
        ),
        html.Div(_event_list(events), id="tryghed-begivenheder"),
        _event_form(*_event_choices(events)) if may_edit else None,
        dcc.Store(id="tryghed-begivenhed-gemt", data=0),
    ]


def _event_form(options: list[dict], chosen: str | None):
    return html.Section(
        [
            dbc.Row(
                [
                    field(
                        f"Dato ({PLACEHOLDER})",
                        date_input("tryghed-begivenhed-dato"),
                        md=4,
                    ),
                    field(
                        "Hvad skete der?",
                        dbc.Input(id="tryghed-begivenhed-tekst", type="text", maxLength=120),
                        md=8,
                    ),
                ]
            ),
            html.Button(
                "Tilføj begivenhed",
                id="tryghed-begivenhed-tilfoej",
                className="btn btn-primary mt-2",
            ),
            html.Label(
                "Fjern en begivenhed", htmlFor="tryghed-begivenhed-valg", className="d-block mt-3"
            ),
            dbc.Select(id="tryghed-begivenhed-valg", options=options, value=chosen),
            html.Button(
                "Fjern", id="tryghed-begivenhed-fjern", className="btn btn-outline-danger mt-2"
            ),
            html.Div(id="tryghed-begivenhed-besked", role="status", className="mt-2"),
        ],
        className="mb-3",
    )


def _event_list(events) -> html.Div:
    if not events:
        return html.P("Der er ikke sat begivenheder på tidslinjen endnu.", className="mb-2")
    return html.Ul(
        [html.Li(f"{long_date(e.day)}: {e.label} (tilføjet af {e.created_by})") for e in events]
    )


def _event_choices(events) -> tuple[list[dict], str | None]:
    """The remove select's options and its first choice."""
    options = [{"label": f"{long_date(e.day)}: {e.label}", "value": str(e.id)} for e in events]
    return options, (options[0]["value"] if options else None)


def register_callbacks(app) -> None:
    @app.callback(
        Output("tryghed-begivenheder", "children"),
        Input("tryghed-begivenhed-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_events(_saved: Counter, scope: Scope):
        with request_session() as session:
            return _event_list(timeline(session, scope.id))

    @app.callback(
        Output("tryghed-begivenhed-valg", "options"),
        Output("tryghed-begivenhed-valg", "value"),
        Input("tryghed-begivenhed-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def event_choices(_saved: Counter, scope: Scope):
        with request_session() as session:
            return _event_choices(timeline(session, scope.id))

    @app.callback(
        Output("tryghed-begivenhed-besked", "children"),
        Output("tryghed-begivenhed-besked", "className"),
        Output("tryghed-begivenhed-gemt", "data"),
        Input("tryghed-begivenhed-tilfoej", "n_clicks"),
        Input("tryghed-begivenhed-fjern", "n_clicks"),
        State("tryghed-begivenhed-dato", "value"),
        State("tryghed-begivenhed-tekst", "value"),
        State("tryghed-begivenhed-valg", "value"),
        State("tryghed-begivenhed-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def change_events(
        _add: Clicks,
        _remove: Clicks,
        day: Text,
        text: Text,
        chosen: Text,
        saved: Counter,
        scope: Scope,
    ):
        try:
            with request_session() as session:
                if ctx.triggered_id == "tryghed-begivenhed-fjern":
                    if not chosen:
                        return "Vælg en begivenhed.", "alert alert-warning", no_update
                    remove_event(session, scope.user, int(chosen), partnership_id=scope.id)
                    message = "Begivenheden er fjernet fra tidslinjen."
                else:
                    add_event(session, scope.user, scope.id, typed_day(day), text or "")
                    message = "Begivenheden er sat på tidslinjen."
        except EditRefused as exc:
            return str(exc), "alert alert-danger", no_update
        return message, "alert alert-success", (saved or 0) + 1
