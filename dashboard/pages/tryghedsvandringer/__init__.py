"""Page /tryghedsvandringer: the partnership's safety walks, their findings on the map (status
by shape and label) and in a table, filtered by category, status and responsible party; the
working group records walks, findings, actions and follow-up, the responsible party moves its
actions on, the steering committee reads. Every callback is guarded on the server."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html

from dashboard import clock
from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Counter, Text
from dashboard.components.area_map import area_map
from dashboard.components.bylivspulje_views import history_view
from dashboard.components.walk_forms import (
    action_form,
    finding_form,
    follow_up_form,
    status_form,
    walk_form,
)
from dashboard.components.walk_map import legend, map_image
from dashboard.components.walk_views import (
    findings_table,
    history_words,
    map_description,
    walks_table,
)
from dashboard.db import request_session
from dashboard.model import Partnership
from dashboard.model.walks import ACTION_STATUSES, FINDING_CATEGORIES
from dashboard.numbers import form_id
from dashboard.pages.tryghedsvandringer import writes
from dashboard.pages.tryghedsvandringer.fields import ALL, FINDING_VERSIONS, SAVED, VERSIONS
from dashboard.queries.walks import (
    findings,
    history_names,
    responsible_parties,
    walk_history,
    walks,
)
from dashboard.roles import EDIT_ROLES, READ_ROLES

PATH = "/tryghedsvandringer"
TITLE = "Tryghedsvandringer"


def _choices(choices: dict) -> list[dict]:
    return [{"label": "Alle", "value": ALL}] + [
        {"label": v, "value": k} for k, v in choices.items()
    ]


def _filter(label: str, control_id: str, options: list[dict]) -> html.Div:
    return html.Div(
        [
            html.Label(label, htmlFor=control_id, className="form-label"),
            dbc.Select(id=control_id, options=options, value=ALL),
        ],
        className="col-sm-4",
    )


def layout(scope: Scope):
    """The page with its parts drawn as the callbacks would draw them at first load: they
    answer only what the user changes, so nothing typed before they answer is overwritten."""
    with request_session() as session:
        drawn, table, held, changes, party_options = _overview(session, scope.id, ALL, ALL, ALL)
        choices = writes.form_choices(session, scope) if scope.role in EDIT_ROLES else None
    forms = []
    if choices is not None:
        # The versions store goes with the forms: the choices callback that fills it
        # fills the forms too, and Dash reports an error in the console of a styregruppe
        # member if some of a callback's outputs are on the page and others are not.
        forms = [
            walk_form(),
            finding_form(choices.walks, choices.walk),
            action_form(choices.findings, choices.parties, choices.pool),
            status_form(choices.actions),
            follow_up_form(choices.follow_up_walks, choices.follow_up_findings),
            dcc.Store(id=VERSIONS, data=choices.action_versions),
            dcc.Store(id=FINDING_VERSIONS, data=choices.finding_versions),
        ]
    return html.Div(
        [
            html.H1(TITLE),
            html.P(
                "Planens tryghedsvandringer gennemføres løbende i partnerskabsperioden: "
                "beboere, personale og politi går området igennem og peger på utrygge steder. "
                "Hvert fund får en handling og en ansvarlig aktør, og en senere vandring "
                "følger op. Ingen navne og ingen billeder: billeder fra en telefon bærer "
                "sted og apparat i deres metadata og viser mennesker."
            ),
            html.Div(
                [
                    _filter("Kategori", "tv-filter-kategori", _choices(FINDING_CATEGORIES)),
                    _filter("Status", "tv-filter-status", _choices(ACTION_STATUSES)),
                    _filter("Ansvarlig", "tv-filter-aktoer", party_options),
                ],
                className="row mb-3",
            ),
            html.H2("Fund på kortet", className="h4"),
            html.Div(drawn, id="tv-kort"),
            html.H2("Fund som tabel", className="h4 mt-3"),
            html.Div(table, id="tv-fund-tabel", **{"aria-live": "polite"}),
            html.H2("Vandringer", className="h4 mt-3"),
            html.Div(held, id="tv-vandringer"),
            html.Div(forms, className="form-grid"),
            html.H2("Historik", className="h4 mt-4"),
            html.Div(changes, id="tv-historik"),
            dcc.Store(id=SAVED, data=0),
        ]
    )


def _overview(session, partnership_id: int, category: Text, status: Text, party: Text) -> tuple:
    """The findings the filters keep on the map and as a table, the walks, the history and
    the responsible parties to filter by."""
    rows = findings(
        session,
        partnership_id,
        category=None if category in (None, ALL) else category,
        status=None if status in (None, ALL) else status,
        party_id=form_id(party),
    )
    held = walks(session, partnership_id)
    changes = walk_history(session, partnership_id)
    parties = responsible_parties(session, partnership_id)
    area = area_map(session.get(Partnership, partnership_id).map_outline)
    drawn = [
        map_image(area, rows, map_description(area.description, rows)),
        legend(),
    ]
    return (
        drawn,
        findings_table(rows, clock.today()),
        walks_table(held),
        history_view(changes, history_words(history_names(session, partnership_id, changes))),
        _choices({str(pid): name for pid, name in parties}),
    )


def register_callbacks(app) -> None:
    @app.callback(
        Output("tv-kort", "children"),
        Output("tv-fund-tabel", "children"),
        Output("tv-vandringer", "children"),
        Output("tv-historik", "children"),
        Output("tv-filter-aktoer", "options"),
        Input("tv-filter-kategori", "value"),
        Input("tv-filter-status", "value"),
        Input("tv-filter-aktoer", "value"),
        Input(SAVED, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show(category: Text, status: Text, party: Text, _saved: Counter, scope: Scope):
        with request_session() as session:
            return _overview(session, scope.id, category, status, party)

    writes.register_callbacks(app)
