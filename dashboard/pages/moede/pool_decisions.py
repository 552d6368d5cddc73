"""/moede's Bylivspuljen part: the recommendations waiting for the committee at the chosen
meeting, for everyone who reads the page; the steering committee or the secretariat
(``POOL_DECISION_ROLES``) records a decision on one there, dated the meeting's day and
written to its decision log. The save bumps ``moede-gemt``, so the meeting view (decision
log, "siden sidste møde") is read again."""

from __future__ import annotations

from dash import ALL, Input, Output, State, no_update

from dashboard import clock
from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Number, RowId, Text
from dashboard.components.bylivspulje_forms import grant_inputs, recommendation_options
from dashboard.components.pool_meeting_views import (
    GRANT_INPUT,
    decision_form,
    pool_section,
    waiting_list,
)
from dashboard.db import request_session
from dashboard.numbers import form_id
from dashboard.pages.moede.choices import chosen_meeting, meeting_id
from dashboard.queries.bylivspulje import pool_money_by_year, waiting_recommendations
from dashboard.roles import POOL_DECISION_ROLES, READ_ROLES
from dashboard.services.bylivspulje_meeting import decide_at_meeting
from dashboard.services.errors import EditRefused


def _meeting_and_waiting(session, partnership_id: int, value):
    """The chosen meeting (None if none, or another partnership's) and what it can decide:
    the committee's recommendations made by its day; none for another body's meeting."""
    found = chosen_meeting(session, partnership_id, value)
    if found is None:
        return None, []
    if found.body != "styregruppe":
        return found, []
    return found, waiting_recommendations(session, partnership_id, recommended_by=found.date)


def section(session, scope: Scope, value, may_decide: bool):
    """The part drawn with the page for the meeting chosen first (``value``: the meeting
    select's), its form for those who may decide: the callbacks answer only a change."""
    found, waiting = _meeting_and_waiting(session, scope.id, value)
    listing = _waiting_view(session, scope.id, found, waiting)
    if not may_decide:
        return pool_section(listing, None)
    options, chosen, hidden = _decision_choices(found, waiting)
    amounts, version = _grant_fields(waiting, form_id(chosen))
    return pool_section(listing, decision_form(options, chosen, hidden, amounts, version))


def _waiting_view(session, partnership_id: int, found, waiting):
    """The list of what the meeting can decide, with what is left of each year's pool."""
    money = pool_money_by_year(session, partnership_id, {w.year for w in waiting})
    left = {year: pool.left for year, pool in money.items()}
    return waiting_list(found, waiting, left, clock.today())


def _decision_choices(found, waiting) -> tuple:
    """The recommendation select's options and first choice, and whether the form hides."""
    options = recommendation_options(waiting)
    # A decision cannot come before its meeting (the service refuses it): no form yet.
    held = found is not None and found.date <= clock.today()
    return options, options[0]["value"] if options else None, not (options and held)


def _grant_fields(waiting, recommendation_id: int | None) -> tuple:
    """The chosen recommendation's amount fields and the version a save expects."""
    chosen = {w.id: w for w in waiting}.get(recommendation_id)
    if chosen is None:
        return [], None
    # The list above the form gives the recommendation; the form only asks the amounts.
    return grant_inputs(chosen, GRANT_INPUT, with_recommendation=False), chosen.version


def register_callbacks(app) -> None:
    @app.callback(
        Output("moede-pulje-liste", "children"),
        Input("moede-valg", "value"),
        Input("moede-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_waiting(value: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            found, waiting = _meeting_and_waiting(session, scope.id, value)
            return _waiting_view(session, scope.id, found, waiting)

    @app.callback(
        Output("moede-pulje-indstilling", "options"),
        Output("moede-pulje-indstilling", "value"),
        Output("moede-pulje-formular", "hidden"),
        Input("moede-valg", "value"),
        Input("moede-gemt", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*POOL_DECISION_ROLES)
    def decision_choices(value: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            found, waiting = _meeting_and_waiting(session, scope.id, value)
        return _decision_choices(found, waiting)

    @app.callback(
        Output("moede-pulje-beloeb", "children"),
        Output("moede-pulje-version", "data"),
        Input("moede-pulje-indstilling", "value"),
        State("moede-valg", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*POOL_DECISION_ROLES)
    def grant_fields(recommendation_id: RowId, value: Text, scope: Scope):
        with request_session() as session:
            _, waiting = _meeting_and_waiting(session, scope.id, value)
        return _grant_fields(waiting, recommendation_id)

    @app.callback(
        Output("moede-pulje-besked", "children"),
        Output("moede-pulje-besked", "className"),
        Output("moede-gemt", "data", allow_duplicate=True),
        Output("moede-pulje-note", "value"),
        Input("moede-pulje-gem", "n_clicks"),
        State("moede-valg", "value"),
        State("moede-pulje-indstilling", "value"),
        State("moede-pulje-version", "data"),
        State({"type": GRANT_INPUT, "index": ALL}, "value"),
        State({"type": GRANT_INPUT, "index": ALL}, "id"),
        State("moede-pulje-haev", "value"),
        State("moede-pulje-note", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*POOL_DECISION_ROLES)
    def save_decision(
        _clicks: Clicks,
        value: Text,
        recommendation_id: RowId,
        version: int | None,
        amounts: list[Number] | None,
        ids: list[dict[str, int | str]] | None,
        raise_frame: bool | None,
        note: Text,
        scope: Scope,
    ):
        grants = {
            i["index"]: amount
            for i, amount in zip(ids or [], amounts or [], strict=False)
            if isinstance(i.get("index"), int)
        }
        try:
            with request_session() as session:
                decided = decide_at_meeting(
                    session,
                    scope.user,
                    partnership_id=scope.id,
                    meeting_id=meeting_id(value),
                    recommendation_id=recommendation_id,
                    expected_version=version,
                    grants=grants,
                    frame_raised=bool(raise_frame),
                    note=note or "",
                )
                decision_id = decided.decision_id
        except EditRefused as refused:
            return str(refused), "alert alert-danger mt-2", no_update, no_update
        done = "Beslutningen er registreret og skrevet i mødets beslutningslog."
        return done, "alert alert-success mt-2", decision_id, ""
