"""Page /bylivspuljen: the pool's applications by state and the year's money; the working
group registers applications, recommendations and follow-up, the steering committee (or the
secretariat) records its decisions. Every callback is guarded on the server, because hiding
a form protects nothing."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html

from dashboard import clock
from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Counter, RowId, Text
from dashboard.components.bylivspulje_forms import (
    WRITTEN,
    application_form,
    decision_form,
    follow_up_form,
    grant_inputs,
    recommendation_form,
    recommendation_options,
)
from dashboard.components.bylivspulje_views import (
    STATE_LABELS,
    applications_table,
    history_view,
    money_view,
    pool_history_words,
)
from dashboard.components.format import long_date, money
from dashboard.dates import dmy
from dashboard.db import request_session
from dashboard.pages.bylivspuljen import writes
from dashboard.pages.bylivspuljen.fields import SAVED, select_int
from dashboard.queries.bylivspulje import (
    applications,
    package_labels,
    pool_history,
    pool_money,
    pool_years,
    waiting_recommendations,
)
from dashboard.queries.meetings import meeting, meetings
from dashboard.roles import EDIT_ROLES, POOL_DECISION_ROLES, READ_ROLES
from dashboard.services.bylivspulje_input import pool_days

PATH = "/bylivspuljen"
TITLE = "Bylivspuljen"
ALL_STATES = "alle"


def _default_year(years: list[int]) -> int | None:
    """This year if the pool has it, else the latest year before it, else the first."""
    today = clock.today().year
    earlier = [y for y in years if y <= today]
    return earlier[-1] if earlier else (years[0] if years else None)


def layout(scope: Scope):
    """The page with its parts drawn as the callbacks would draw them at first load: they
    answer only what the user changes, so nothing typed before they answer is overwritten."""
    with request_session() as session:
        years = pool_years(session, scope.id)
        year = _default_year(years)
        overview = _overview(session, scope.id, year, ALL_STATES)
        year_options = [{"label": str(y), "value": str(y)} for y in years]
        forms = _forms(session, scope, year_options, year)
    state_options = [
        {"label": "Alle", "value": ALL_STATES},
        *({"label": label, "value": code} for code, label in STATE_LABELS.items()),
    ]
    return html.Div(
        [
            html.H1(TITLE),
            html.P(
                "Planens pulje til hurtig handling: arbejdsgruppen modtager ansøgninger fra "
                "personale, beboere og naboer (også via referencegruppen) og indstiller til "
                "styregruppen, gerne samlet i pakker; styregruppen bevilger."
            ),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label("År", htmlFor="byl-aar", className="form-label"),
                            dbc.Select(
                                id="byl-aar",
                                options=year_options,
                                value=str(year) if year else None,
                            ),
                        ],
                        className="col-sm-3",
                    ),
                    html.Div(
                        [
                            html.Label("Status", htmlFor="byl-tilstand", className="form-label"),
                            dbc.Select(id="byl-tilstand", options=state_options, value=ALL_STATES),
                        ],
                        className="col-sm-4",
                    ),
                ],
                className="row mb-3",
            ),
            html.H2("Årets penge", className="h4"),
            html.Div(overview[0], id="byl-penge", **{"aria-live": "polite"}),
            html.H2("Ansøgninger", className="h4 mt-3"),
            html.Div(overview[1], id="byl-ansoegninger"),
            html.Div(forms, className="form-grid"),
            html.H2("Historik", className="h4 mt-4"),
            html.Div(overview[2], id="byl-historik"),
            dcc.Store(id=SAVED, data=0),
        ]
    )


def _forms(session, scope: Scope, year_options: list[dict], year: int | None) -> list:
    """The forms the user's role may fill, filled as the callbacks fill them."""
    forms = []
    days = pool_days(session, scope.id)
    if scope.role in EDIT_ROLES:
        received, granted, chosen, versions = _working_group_choices(session, scope.id, year)
        forms += [
            application_form(year_options, str(year) if year else None, days),
            recommendation_form(received, days),
        ]
    if scope.role in POOL_DECISION_ROLES:
        committee = [m for m in meetings(session, scope.id) if m.body == "styregruppe"]
        meeting_options = [
            {"label": f"{m.body_name} {long_date(m.date)}: {m.title}", "value": str(m.id)}
            for m in reversed(committee)
        ]
        # The latest committee meeting is the first choice.
        where = meeting_options[0]["value"] if meeting_options else WRITTEN
        waiting = waiting_recommendations(session, scope.id)
        choices = _waiting_choices(waiting)
        forms.append(
            decision_form(
                (meeting_options, where),
                choices,
                _grant_fields(waiting, select_int(choices[1])),
                _decision_day(session, scope.id, where),
                days,
            )
        )
    if scope.role in EDIT_ROLES:
        forms.append(follow_up_form(granted, chosen, versions, days))
    return forms


def _overview(session, partnership_id: int, year: int | None, state: str | None) -> tuple:
    """The year's money, its applications in ``state`` (every one for ALL_STATES) and the
    pool's history."""
    if year is None:
        return html.P("Planen har ingen Bylivspulje."), None, None
    state = None if state == ALL_STATES else state
    pool = pool_money(session, partnership_id, year)
    rows = applications(session, partnership_id, year, state)
    changes = pool_history(session, partnership_id)
    words = pool_history_words(package_labels(session, partnership_id))
    return money_view(pool), applications_table(rows), history_view(changes, words)


def _working_group_choices(session, partnership_id: int, year: int | None) -> tuple:
    """The applications received (to recommend), the granted ones (to follow up), the first
    of those chosen, and their versions."""
    rows = applications(session, partnership_id, year)
    received = [
        {"label": f"{r.title} ({money(r.amount_asked)})", "value": str(r.id)}
        for r in rows
        if r.state == "modtaget"
    ]
    granted_rows = [r for r in rows if r.state == "besluttet" and r.amount_granted]
    granted = [
        {"label": f"{r.title} (bevilget {money(r.amount_granted)})", "value": str(r.id)}
        for r in granted_rows
    ]
    versions = {str(r.id): r.version for r in granted_rows}
    return received, granted, granted[0]["value"] if granted else None, versions


def _waiting_choices(waiting) -> tuple[list[dict], str | None]:
    """The recommendations waiting for the committee as choices, the first chosen."""
    options = recommendation_options(waiting)
    return options, options[0]["value"] if options else None


def _grant_fields(waiting, recommendation_id: int | None) -> tuple[list, int | None]:
    """The amount fields of the chosen recommendation (of those ``waiting``), its version."""
    chosen = {w.id: w for w in waiting}.get(recommendation_id)
    return grant_inputs(chosen), chosen.version if chosen else None


def _decision_day(session, partnership_id: int, where: str | None) -> tuple[date, bool]:
    """A decision at a meeting is dated the meeting's day (fixed); one in writing, today
    unless the user gives its day."""
    chosen_id = select_int(where)
    chosen = meeting(session, chosen_id) if chosen_id is not None else None
    if chosen is None or chosen.partnership_id != partnership_id:
        return clock.today(), False
    return chosen.date, True


def register_callbacks(app) -> None:
    @app.callback(
        Output("byl-penge", "children"),
        Output("byl-ansoegninger", "children"),
        Output("byl-historik", "children"),
        Input("byl-aar", "value"),
        Input("byl-tilstand", "value"),
        Input(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show(year: Text, state: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            return _overview(session, scope.id, select_int(year), state)

    @app.callback(
        Output("byl-indstil-ansoegninger", "options"),
        Output("byl-opfoelg-ansoegning", "options"),
        Output("byl-opfoelg-ansoegning", "value"),
        Output("byl-opfoelg-versioner", "data"),
        Input("byl-aar", "value"),
        Input(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def working_group_choices(year: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            return _working_group_choices(session, scope.id, select_int(year))

    @app.callback(
        Output("byl-beslut-indstilling", "options"),
        Output("byl-beslut-indstilling", "value"),
        Input(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*POOL_DECISION_ROLES)
    def waiting_choices(_saved: Counter, scope: Scope):
        with request_session() as session:
            return _waiting_choices(waiting_recommendations(session, scope.id))

    @app.callback(
        Output("byl-beslut-beloeb", "children"),
        Output("byl-beslut-version", "data"),
        Input("byl-beslut-indstilling", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*POOL_DECISION_ROLES)
    def grant_fields(recommendation_id: RowId, scope: Scope):
        with request_session() as session:
            return _grant_fields(waiting_recommendations(session, scope.id), recommendation_id)

    @app.callback(
        Output("byl-beslut-dato", "value"),
        Output("byl-beslut-dato", "disabled"),
        Input("byl-beslut-moede", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*POOL_DECISION_ROLES)
    def decision_date(where: Text, scope: Scope):
        with request_session() as session:
            day, fixed = _decision_day(session, scope.id, where)
        return dmy(day), fixed

    # A new application belongs to the year the page shows, unless the user picks another.
    app.clientside_callback(
        "function (year) { return year; }",
        Output("byl-ansoeg-aar", "value"),
        Input("byl-aar", "value"),
        prevent_initial_call=True,
    )

    writes.register_callbacks(app)
