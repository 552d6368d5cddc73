"""Bylivspuljen's writes: an application, the working group's recommendation, the
committee's decision and the follow-up, each through ``dashboard.services.bylivspulje`` in
its own transaction, each callback checked by role and partnership on the server."""

from __future__ import annotations

from dash import ALL, Input, Output, State

from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Number, RowId, Text, Texts
from dashboard.components.bylivspulje_forms import WRITTEN
from dashboard.components.form_parts import typed_day, typed_decimal
from dashboard.pages.bylivspuljen.fields import SAVED, select_int
from dashboard.pages.form_answer import answer
from dashboard.roles import EDIT_ROLES, POOL_DECISION_ROLES
from dashboard.services.bylivspulje import (
    recommend,
    record_decision,
    record_follow_up,
    register_application,
)
from dashboard.services.bylivspulje_meeting import decide_at_meeting


def register_callbacks(app) -> None:
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
        State("byl-ansoeg-lon", "value"),
        State("byl-ansoeg-lat", "value"),
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
        lon: Number,
        lat: Number,
        received: Text,
        via: Text,
        saved: Counter,
        scope: Scope,
    ):
        return answer(
            lambda session: register_application(
                session,
                scope.user,
                partnership_id=scope.id,
                year=select_int(year),
                title=title,
                purpose=purpose,
                use=use,
                applicant_kind=kind,
                organisation=organisation,
                amount_asked=amount,
                place=place,
                received_on=typed_day(received),
                received_via=via,
                lon=typed_decimal(lon),
                lat=typed_decimal(lat),
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
        ids = [n for n in map(select_int, chosen or []) if n is not None]
        return answer(
            lambda session: recommend(
                session,
                scope.user,
                partnership_id=scope.id,
                application_ids=ids,
                in_favour={"for": True, "imod": False}.get(verdict),
                amount=amount,
                reason=reason,
                recommended_on=typed_day(recommended),
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
        recommendation_id: RowId,
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
        common = dict(
            partnership_id=scope.id,
            recommendation_id=recommendation_id,
            expected_version=version,
            grants=grants,
            frame_raised=bool(raise_frame),
            note=note or "",
        )

        def in_writing(session):
            return record_decision(
                session,
                scope.user,
                decided_on=typed_day(decided),
                meeting_id=None,
                in_writing=True,
                **common,
            )

        def at_meeting(session):
            # The same rules, and the same date (the meeting's), as a decision from /moede.
            return decide_at_meeting(session, scope.user, meeting_id=select_int(where), **common)

        if where == WRITTEN:
            # The committee is told of it at its next meeting: the decision log lists it there.
            done = "Beslutningen er registreret og står i beslutningsloggen ved næste møde."
            return answer(in_writing, saved, done)
        return answer(at_meeting, saved, "Beslutningen er registreret.")

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
        State("byl-opfoelg-versioner", "data"),
        State(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_follow_up(
        _clicks: Clicks,
        application_id: RowId,
        done: Text,
        amount: Number,
        report: Text,
        reported: Text,
        versions: dict[str, int] | None,
        saved: Counter,
        scope: Scope,
    ):
        return answer(
            lambda session: record_follow_up(
                session,
                scope.user,
                partnership_id=scope.id,
                application_id=application_id,
                expected_version=(versions or {}).get(str(application_id)),
                carried_out={"ja": True, "nej": False}.get(done),
                amount_spent=amount,
                report=report,
                reported_on=typed_day(reported),
            ),
            saved,
            "Opfølgningen er registreret.",
        )
