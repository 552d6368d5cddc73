"""The safety walks' writes (a walk, a finding, an action, an action's status, a follow-up),
each through ``dashboard.services.walks``/``walk_actions`` in its own transaction, and the
forms' choices; every callback checked by role and partnership on the server, an action's
status also by ownership in the service."""

from __future__ import annotations

from typing import NamedTuple

from dash import Input, Output, State

from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Number, Text
from dashboard.components.form_parts import typed_day, typed_decimal
from dashboard.components.format import long_date
from dashboard.db import request_session
from dashboard.model.walks import CLOSED_ACTION_STATUSES, PARTICIPANT_KINDS
from dashboard.numbers import form_id
from dashboard.pages.form_answer import answer
from dashboard.pages.tryghedsvandringer.fields import (
    FINDING_VERSIONS,
    SAVED,
    VERSIONS,
    seen_version,
)
from dashboard.queries.walks import findings, party_choices, pool_choices, walks
from dashboard.roles import EDIT_ROLES
from dashboard.services.walk_actions import may_update, plan_action, update_action_status
from dashboard.services.walks import add_finding, record_follow_up, record_walk

NO_POOL = "ingen"


def _options(pairs) -> list[dict]:
    return [{"label": label, "value": str(value)} for value, label in pairs]


def _first(options: list[dict]):
    return options[0]["value"] if options else None


class FormChoices(NamedTuple):
    """The forms' choices and the versions they were read at, in the choices callback's
    order of outputs."""

    walks: list[dict]
    walk: str | None  # the finding form's walk: the first
    findings: list[dict]
    parties: list[dict]
    pool: list[dict]
    actions: list[dict]  # the user's own open actions
    action_versions: dict[str, int]
    follow_up_walks: list[dict]
    follow_up_findings: list[dict]
    finding_versions: dict[str, int]


def form_choices(session, scope: Scope) -> FormChoices:
    """What the forms offer, as the page draws them and the choices callback redraws them."""
    held = walks(session, scope.id)
    rows = findings(session, scope.id)
    parties = party_choices(session)
    pool = pool_choices(session, scope.id)
    mine = [
        r
        for r in rows
        if r.action_id is not None
        and r.status not in CLOSED_ACTION_STATUSES
        and may_update(session, scope.user, r.party_id)
    ]
    walk_options = _options((w.id, f"{long_date(w.walked_on)}: {w.route}") for w in held)
    finding_options = _options((r.id, f"{r.number}. {r.place} ({r.category_label})") for r in rows)
    return FormChoices(
        walk_options,
        _first(walk_options),
        finding_options,
        _options(parties),
        [{"label": "Ingen", "value": NO_POOL}, *_options(pool)],
        _options(
            (r.action_id, f"{r.number}. {r.place}: {r.what} ({r.status_label})") for r in mine
        ),
        {str(r.action_id): r.action_version for r in mine},
        walk_options,
        finding_options,
        {str(r.id): r.action_version or 0 for r in rows},
    )


def register_callbacks(app) -> None:
    @app.callback(
        Output("tv-fund-vandring", "options"),
        Output("tv-fund-vandring", "value"),
        Output("tv-handling-fund", "options"),
        Output("tv-handling-aktoer", "options"),
        Output("tv-handling-pulje", "options"),
        Output("tv-status-handling", "options"),
        Output(VERSIONS, "data"),
        Output("tv-opfoelg-vandring", "options"),
        Output("tv-opfoelg-fund", "options"),
        Output(FINDING_VERSIONS, "data"),
        Input(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def choices(_saved: Counter, scope: Scope):
        with request_session() as session:
            return tuple(form_choices(session, scope))

    @app.callback(
        Output("tv-vandring-besked", "children"),
        Output("tv-vandring-besked", "className"),
        Output(SAVED, "data", allow_duplicate=True),
        Input("tv-vandring-gem", "n_clicks"),
        State("tv-vandring-dato", "value"),
        State("tv-vandring-rute", "value"),
        *(State(f"tv-vandring-{kind}", "value") for kind in PARTICIPANT_KINDS),
        State(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_walk(
        _clicks: Clicks,
        walked_on: Text,
        route: Text,
        residents: Number,
        staff: Number,
        police: Number,
        others: Number,
        saved: Counter,
        scope: Scope,
    ):
        counts = {"residents": residents, "staff": staff, "police": police, "others": others}
        return answer(
            lambda session: record_walk(
                session,
                scope.user,
                partnership_id=scope.id,
                walked_on=typed_day(walked_on),
                route=route,
                counts=counts,
            ),
            saved,
            "Tryghedsvandringen er registreret.",
        )

    @app.callback(
        Output("tv-fund-besked", "children"),
        Output("tv-fund-besked", "className"),
        Output(SAVED, "data", allow_duplicate=True),
        Input("tv-fund-gem", "n_clicks"),
        State("tv-fund-vandring", "value"),
        State("tv-fund-lon", "value"),
        State("tv-fund-lat", "value"),
        State("tv-fund-sted", "value"),
        State("tv-fund-kategori", "value"),
        State("tv-fund-beskrivelse", "value"),
        State(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_finding(
        _clicks: Clicks,
        walk: Text,
        lon: Number,
        lat: Number,
        place: Text,
        category: Text,
        description: Text,
        saved: Counter,
        scope: Scope,
    ):
        return answer(
            lambda session: add_finding(
                session,
                scope.user,
                partnership_id=scope.id,
                walk_id=form_id(walk),
                lon=typed_decimal(lon),
                lat=typed_decimal(lat),
                place=place,
                category=category,
                description=description,
            ),
            saved,
            "Fundet er registreret.",
        )

    @app.callback(
        Output("tv-handling-besked", "children"),
        Output("tv-handling-besked", "className"),
        Output(SAVED, "data", allow_duplicate=True),
        Input("tv-handling-gem", "n_clicks"),
        State("tv-handling-fund", "value"),
        State("tv-handling-hvad", "value"),
        State("tv-handling-aktoer", "value"),
        State("tv-handling-frist", "value"),
        State("tv-handling-pulje", "value"),
        State(FINDING_VERSIONS, "data"),
        State(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_action(
        _clicks: Clicks,
        finding: Text,
        what: Text,
        party: Text,
        due: Text,
        pool: Text,
        versions: dict[str, int] | None,
        saved: Counter,
        scope: Scope,
    ):
        return answer(
            lambda session: plan_action(
                session,
                scope.user,
                partnership_id=scope.id,
                finding_id=form_id(finding),
                what=what,
                party_id=form_id(party),
                due_on=typed_day(due),
                pool_application_id=form_id(pool),
                expected_version=seen_version(versions, finding),
            ),
            saved,
            "Handlingen er gemt.",
        )

    @app.callback(
        Output("tv-status-besked", "children"),
        Output("tv-status-besked", "className"),
        Output(SAVED, "data", allow_duplicate=True),
        Input("tv-status-gem", "n_clicks"),
        State("tv-status-handling", "value"),
        State("tv-status-status", "value"),
        State("tv-status-begrundelse", "value"),
        State(VERSIONS, "data"),
        State(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_status(
        _clicks: Clicks,
        action: Text,
        status: Text,
        reason: Text,
        versions: dict[str, int] | None,
        saved: Counter,
        scope: Scope,
    ):
        return answer(
            lambda session: update_action_status(
                session,
                scope.user,
                partnership_id=scope.id,
                action_id=form_id(action),
                expected_version=seen_version(versions, action),
                status=status,
                reason=reason,
            ),
            saved,
            "Handlingens status er opdateret.",
        )

    @app.callback(
        Output("tv-opfoelg-besked", "children"),
        Output("tv-opfoelg-besked", "className"),
        Output(SAVED, "data", allow_duplicate=True),
        Input("tv-opfoelg-gem", "n_clicks"),
        State("tv-opfoelg-vandring", "value"),
        State("tv-opfoelg-fund", "value"),
        State("tv-opfoelg-udbedret", "value"),
        State("tv-opfoelg-note", "value"),
        State(FINDING_VERSIONS, "data"),
        State(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_follow_up(
        _clicks: Clicks,
        walk: Text,
        finding: Text,
        fixed: Text,
        note: Text,
        versions: dict[str, int] | None,
        saved: Counter,
        scope: Scope,
    ):
        return answer(
            lambda session: record_follow_up(
                session,
                scope.user,
                partnership_id=scope.id,
                walk_id=form_id(walk),
                finding_id=form_id(finding),
                fixed={"ja": True, "nej": False}.get(fixed),
                note=note,
                expected_action_version=seen_version(versions, finding),
            ),
            saved,
            "Opfølgningen er registreret.",
        )
