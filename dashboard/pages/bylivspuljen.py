"""Page /bylivspuljen: the pool's applications by state and the year's money; the working
group registers applications, recommendations and follow-up, the steering committee (or the
secretariat) records its decisions. Every callback is guarded on the server, because hiding
a form protects nothing."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, dcc, html, no_update

from dashboard import clock
from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Number, Text, Texts
from dashboard.components.bylivspulje_forms import (
    WRITTEN,
    application_form,
    decision_form,
    follow_up_form,
    grant_inputs,
    recommendation_form,
)
from dashboard.components.bylivspulje_views import (
    STATE_LABELS,
    applications_table,
    history_view,
    money_view,
)
from dashboard.components.format import long_date, money, parse_date
from dashboard.db import request_session
from dashboard.queries.bylivspulje import (
    applications,
    pool_history,
    pool_money,
    pool_years,
    waiting_recommendations,
)
from dashboard.queries.meetings import meetings
from dashboard.roles import EDIT_ROLES, POOL_DECISION_ROLES, READ_ROLES
from dashboard.services.bylivspulje import (
    recommend,
    record_decision,
    record_follow_up,
    register_application,
)
from dashboard.services.errors import EditRefused

PATH = "/bylivspuljen"
TITLE = "Bylivspuljen"
ALL_STATES = "alle"
SAVED = "byl-opdateret"


def _default_int(years: list[int]) -> int | None:
    """This year if the pool has it, else the latest year before it, else the first."""
    today = clock.today().year
    earlier = [y for y in years if y <= today]
    return earlier[-1] if earlier else (years[0] if years else None)


def layout(scope: Scope):
    with request_session() as session:
        years = pool_years(session, scope.id)
        committee = [m for m in meetings(session, scope.id) if m.body == "styregruppe"]
    year = _default_int(years)
    year_options = [{"label": str(y), "value": str(y)} for y in years]
    meeting_options = [
        {"label": f"{m.body_name} {long_date(m.date)}: {m.title}", "value": str(m.id)}
        for m in reversed(committee)
    ]
    state_options = [
        {"label": "Alle", "value": ALL_STATES},
        *({"label": label, "value": code} for code, label in STATE_LABELS.items()),
    ]
    forms = []
    if scope.role in EDIT_ROLES:
        forms += [
            application_form(year_options, str(year) if year else None),
            recommendation_form(),
        ]
    if scope.role in POOL_DECISION_ROLES:
        forms.append(decision_form(meeting_options))
    if scope.role in EDIT_ROLES:
        forms.append(follow_up_form())
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
            html.Div(id="byl-penge", **{"aria-live": "polite"}),
            html.H2("Ansøgninger", className="h4 mt-3"),
            html.Div(id="byl-ansoegninger"),
            *forms,
            html.H2("Historik", className="h4 mt-4"),
            html.Div(id="byl-historik"),
            dcc.Store(id=SAVED, data=0),
        ]
    )


def _int(value: str | None) -> int | None:
    """A select's value (a year, a meeting's id) as a number; None for none."""
    return int(value) if value and value.isdigit() else None


def _answer(action, saved, done: str):
    """Run a service call in its own transaction: its message, and the counter bumped."""
    try:
        with request_session() as session:
            action(session)
    except EditRefused as exc:
        return str(exc), "alert alert-danger", no_update
    return done, "alert alert-success", (saved or 0) + 1


def register_callbacks(app) -> None:
    @app.callback(
        Output("byl-penge", "children"),
        Output("byl-ansoegninger", "children"),
        Output("byl-historik", "children"),
        Input("byl-aar", "value"),
        Input("byl-tilstand", "value"),
        Input(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
    )
    @requires_role(*READ_ROLES)
    def show(year: Text, state: Text, _saved: Counter, scope: Scope):
        year = _int(year)
        if year is None:
            return html.P("Planen har ingen Bylivspulje."), None, None
        state = None if state == ALL_STATES else state
        with request_session() as session:
            pool = pool_money(session, scope.id, year)
            rows = applications(session, scope.id, year, state)
            changes = pool_history(session, scope.id)
        return money_view(pool), applications_table(rows), history_view(changes)

    @app.callback(
        Output("byl-indstil-ansoegninger", "options"),
        Output("byl-opfoelg-ansoegning", "options"),
        Output("byl-opfoelg-ansoegning", "value"),
        Input("byl-aar", "value"),
        Input(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
    )
    @requires_role(*EDIT_ROLES)
    def working_group_choices(year: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            rows = applications(session, scope.id, _int(year))
        received = [
            {"label": f"{r.title} ({money(r.amount_asked)})", "value": str(r.id)}
            for r in rows
            if r.state == "modtaget"
        ]
        granted = [
            {"label": f"{r.title} (bevilget {money(r.amount_granted)})", "value": str(r.id)}
            for r in rows
            if r.state == "besluttet" and r.amount_granted
        ]
        return received, granted, granted[0]["value"] if granted else None

    @app.callback(
        Output("byl-beslut-indstilling", "options"),
        Output("byl-beslut-indstilling", "value"),
        Input(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
    )
    @requires_role(*POOL_DECISION_ROLES)
    def waiting_choices(_saved: Counter, scope: Scope):
        with request_session() as session:
            waiting = waiting_recommendations(session, scope.id)
        options = [
            {
                "label": f"Pakke {w.id} ({w.year}): " + "; ".join(a.title for a in w.applications),
                "value": str(w.id),
            }
            for w in waiting
        ]
        return options, options[0]["value"] if options else None

    @app.callback(
        Output("byl-beslut-beloeb", "children"),
        Output("byl-beslut-version", "data"),
        Input("byl-beslut-indstilling", "value"),
        State(PARTNERSHIP_STORE, "data"),
    )
    @requires_role(*POOL_DECISION_ROLES)
    def grant_fields(recommendation_id: int | None, scope: Scope):
        with request_session() as session:
            waiting = {w.id: w for w in waiting_recommendations(session, scope.id)}
        chosen = waiting.get(recommendation_id)
        return grant_inputs(chosen), chosen.version if chosen else None

    @app.callback(
        Output("byl-ansoeg-besked", "children"),
        Output("byl-ansoeg-besked", "className"),
        Output(SAVED, "data", allow_duplicate=True),
        Input("byl-ansoeg-gem", "n_clicks"),
        State("byl-ansoeg-aar", "value"),
        State("byl-ansoeg-titel", "value"),
        State("byl-ansoeg-formaal", "value"),
        State("byl-ansoeg-brug", "value"),
        State("byl-ansoeg-ansoeger", "value"),
        State("byl-ansoeg-organisation", "value"),
        State("byl-ansoeg-beloeb", "value"),
        State("byl-ansoeg-sted", "value"),
        State("byl-ansoeg-dato", "value"),
        State("byl-ansoeg-via", "value"),
        State(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_application(
        _clicks: Clicks,
        year: Text,
        title: Text,
        purpose: Text,
        use: Text,
        kind: Text,
        organisation: Text,
        amount: Number,
        place: Text,
        received: Text,
        via: Text,
        saved: Counter,
        scope: Scope,
    ):
        return _answer(
            lambda session: register_application(
                session,
                scope.user,
                partnership_id=scope.id,
                year=_int(year),
                title=title,
                purpose=purpose,
                use=use,
                applicant_kind=kind,
                organisation=organisation,
                amount_asked=amount,
                place=place,
                received_on=parse_date(received),
                received_via=via,
            ),
            saved,
            "Ansøgningen er registreret.",
        )

    @app.callback(
        Output("byl-indstil-besked", "children"),
        Output("byl-indstil-besked", "className"),
        Output(SAVED, "data", allow_duplicate=True),
        Input("byl-indstil-gem", "n_clicks"),
        State("byl-indstil-ansoegninger", "value"),
        State("byl-indstil-for", "value"),
        State("byl-indstil-beloeb", "value"),
        State("byl-indstil-begrundelse", "value"),
        State("byl-indstil-dato", "value"),
        State(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_recommendation(
        _clicks: Clicks,
        chosen: Texts,
        verdict: Text,
        amount: Number,
        reason: Text,
        recommended: Text,
        saved: Counter,
        scope: Scope,
    ):
        ids = [int(i) for i in chosen or [] if i.isdigit()]
        return _answer(
            lambda session: recommend(
                session,
                scope.user,
                partnership_id=scope.id,
                application_ids=ids,
                in_favour={"for": True, "imod": False}.get(verdict),
                amount=amount,
                reason=reason,
                recommended_on=parse_date(recommended),
            ),
            saved,
            "Indstillingen er registreret og venter på styregruppen.",
        )

    @app.callback(
        Output("byl-beslut-besked", "children"),
        Output("byl-beslut-besked", "className"),
        Output(SAVED, "data", allow_duplicate=True),
        Input("byl-beslut-gem", "n_clicks"),
        State("byl-beslut-indstilling", "value"),
        State("byl-beslut-version", "data"),
        State({"type": "byl-bevilling", "index": ALL}, "value"),
        State({"type": "byl-bevilling", "index": ALL}, "id"),
        State("byl-beslut-moede", "value"),
        State("byl-beslut-dato", "value"),
        State("byl-beslut-haev", "value"),
        State("byl-beslut-note", "value"),
        State(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*POOL_DECISION_ROLES)
    def save_decision(
        _clicks: Clicks,
        recommendation_id: int | None,
        version: int | None,
        amounts: list[Number] | None,
        ids: list[dict[str, int | str]] | None,
        where: Text,
        decided: Text,
        raise_frame: bool | None,
        note: Text,
        saved: Counter,
        scope: Scope,
    ):
        grants = {
            i["index"]: amount
            for i, amount in zip(ids or [], amounts or [], strict=False)
            if isinstance(i.get("index"), int)
        }
        return _answer(
            lambda session: record_decision(
                session,
                scope.user,
                partnership_id=scope.id,
                recommendation_id=recommendation_id,
                expected_version=version,
                grants=grants,
                decided_on=parse_date(decided),
                meeting_id=_int(where) if where != WRITTEN else None,
                in_writing=where == WRITTEN,
                frame_raised=bool(raise_frame),
                note=note or "",
            ),
            saved,
            "Beslutningen er registreret.",
        )

    @app.callback(
        Output("byl-opfoelg-besked", "children"),
        Output("byl-opfoelg-besked", "className"),
        Output(SAVED, "data", allow_duplicate=True),
        Input("byl-opfoelg-gem", "n_clicks"),
        State("byl-opfoelg-ansoegning", "value"),
        State("byl-opfoelg-gennemfoert", "value"),
        State("byl-opfoelg-beloeb", "value"),
        State("byl-opfoelg-rapport", "value"),
        State("byl-opfoelg-dato", "value"),
        State(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_follow_up(
        _clicks: Clicks,
        application_id: int | None,
        done: Text,
        amount: Number,
        report: Text,
        reported: Text,
        saved: Counter,
        scope: Scope,
    ):
        return _answer(
            lambda session: record_follow_up(
                session,
                scope.user,
                partnership_id=scope.id,
                application_id=application_id,
                expected_version=None,
                carried_out={"ja": True, "nej": False}.get(done),
                amount_spent=amount,
                report=report,
                reported_on=parse_date(reported),
            ),
            saved,
            "Opfølgningen er registreret.",
        )
