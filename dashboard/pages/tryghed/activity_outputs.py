"""The activities' outputs on /tryghed: the plan's targets against what the working group
registered, the form to register or correct a figure, and each output's registrations."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html, no_update

from dashboard import clock
from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Number, Text
from dashboard.components.format import form_number
from dashboard.components.tryghed_views import figure_history, output_table
from dashboard.db import request_session
from dashboard.pages.tryghed.fields import field
from dashboard.queries.activity_outputs import output_history, output_progress, registered_figure
from dashboard.roles import EDIT_ROLES, READ_ROLES
from dashboard.services.errors import EditRefused
from dashboard.services.measurements import StaleFigure, register_output_value


def section(session, scope: Scope, outputs: list[dict], may_edit: bool) -> list:
    """The outputs' heading, their table, the figure form (for those who may edit) and the
    registrations of the chosen output (``outputs``: as ``output_indicators`` gives them),
    drawn with the page: a figure typed before the page's first callbacks answered would
    otherwise be overwritten by the form's first answer."""
    first = outputs[0]["value"] if outputs else None
    return [
        html.H2("Aktiviteternes leverancer", className="h4 mt-4"),
        html.P(
            "Planens egne mål for aktiviteterne mod det, arbejdsgruppen har registreret. "
            "»Ikke målt endnu« betyder, at intet er registreret – ikke at tallet er 0."
        ),
        html.Div(_outputs_view(session, scope.id), id="tryghed-leverancer"),
        _figure_form(session, scope.id, outputs, first) if may_edit else None,
        html.H3("Registreringer", className="h5 mt-3"),
        html.Label("Vis registreringer for", htmlFor="tryghed-historik-maaling"),
        dbc.Select(
            id="tryghed-historik-maaling",
            options=outputs,
            value=first,
        ),
        html.Div(
            _history_view(session, scope.id, first), id="tryghed-tal-historik", className="mt-2"
        ),
        dcc.Store(id="tryghed-tal-gemt", data=0),
    ]


def _outputs_view(session, partnership_id: int):
    progress = output_progress(session, partnership_id)
    if progress.empty:
        return html.P("Planen sætter ingen mål for aktiviteternes leverancer.")
    return output_table(progress)


def _history_view(session, partnership_id: int, indicator: str | None):
    if not indicator:
        return None
    return figure_history(output_history(session, partnership_id, indicator))


def _stored_figure(session, partnership_id: int, indicator: str | None, year) -> tuple:
    """The form's value, note and version for the chosen output and year."""
    try:
        year_text = str(int(year)) if indicator and year else None
    except (ValueError, OverflowError):  # a forged year ("²", "1e400"): no figure
        year_text = None
    if year_text is None:
        return "", "", 0
    stored = registered_figure(session, partnership_id, indicator, year_text)
    return form_number(stored.value), stored.note, stored.version


def _figure_form(session, partnership_id: int, outputs: list[dict], first: str | None):
    year = clock.today().year
    value, note, version = _stored_figure(session, partnership_id, first, year)
    return html.Section(
        [
            html.H3("Registrér et tal", className="h5"),
            dbc.Row(
                [
                    field(
                        "Måling",
                        dbc.Select(id="tryghed-tal-maaling", options=outputs, value=first),
                        md=6,
                    ),
                    field(
                        "År",
                        dbc.Input(
                            id="tryghed-tal-aar",
                            type="number",
                            min=2000,
                            max=2100,
                            step=1,
                            value=year,
                        ),
                        md=2,
                    ),  # fmt: skip
                    # Text, not a number field: a number field reads "2,5" by the browser's
                    # locale (25 in an English one); the server reads it the Danish way.
                    field(
                        "Tal",
                        dbc.Input(
                            id="tryghed-tal-vaerdi",
                            type="text",
                            inputMode="decimal",
                            autocomplete="off",
                            value=value,
                        ),
                        md=2,
                    ),
                ],
                className="g-2",
            ),
            html.Label(
                "Bemærkning (valgfri; intern, den vises ikke på de offentlige sider)",
                htmlFor="tryghed-tal-note",
                className="mt-2",
            ),
            dbc.Input(id="tryghed-tal-note", type="text", value=note),
            dcc.Store(id="tryghed-tal-version", data=version),
            html.Button("Gem tal", id="tryghed-tal-gem", className="btn btn-primary mt-2"),
            html.Div(id="tryghed-tal-besked", role="status", className="mt-2"),
        ],
        className="border rounded p-3 mt-3",
    )


def register_callbacks(app) -> None:
    @app.callback(
        Output("tryghed-leverancer", "children"),
        Input("tryghed-tal-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_outputs(_saved: Counter, scope: Scope):
        with request_session() as session:
            return _outputs_view(session, scope.id)

    @app.callback(
        Output("tryghed-tal-historik", "children"),
        Input("tryghed-historik-maaling", "value"),
        Input("tryghed-tal-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_figure_history(indicator: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            return _history_view(session, scope.id, indicator)

    @app.callback(
        Output("tryghed-tal-vaerdi", "value"),
        Output("tryghed-tal-note", "value"),
        Output("tryghed-tal-version", "data"),
        Input("tryghed-tal-maaling", "value"),
        Input("tryghed-tal-aar", "value"),
        Input("tryghed-tal-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def load_figure_form(indicator: Text, year: Number, _saved: Counter, scope: Scope):
        with request_session() as session:
            return _stored_figure(session, scope.id, indicator, year)

    @app.callback(
        Output("tryghed-tal-besked", "children"),
        Output("tryghed-tal-besked", "className"),
        Output("tryghed-tal-gemt", "data"),
        Output("tryghed-historik-maaling", "value"),
        Input("tryghed-tal-gem", "n_clicks"),
        State("tryghed-tal-maaling", "value"),
        State("tryghed-tal-aar", "value"),
        State("tryghed-tal-vaerdi", "value"),
        State("tryghed-tal-note", "value"),
        State("tryghed-tal-version", "data"),
        State("tryghed-tal-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_figure(
        n_clicks: Clicks,
        indicator: Text,
        year: Number,
        value: Number,
        note: Text,
        version: Counter,
        saved: Counter,
        scope: Scope,
    ):
        if not n_clicks or not indicator:
            return "Vælg en måling først.", "alert alert-warning", no_update, no_update
        period = str(int(year)) if isinstance(year, int | float) else str(year or "")
        try:
            with request_session() as session:
                register_output_value(
                    session,
                    scope.user,
                    indicator,
                    period,
                    value,
                    note or "",
                    int(version or 0),
                    partnership_id=scope.id,
                )
        except StaleFigure as exc:
            return str(exc), "alert alert-warning", (saved or 0) + 1, no_update
        except EditRefused as exc:
            return str(exc), "alert alert-danger", no_update, no_update
        return "Tallet er gemt.", "alert alert-success", (saved or 0) + 1, indicator
