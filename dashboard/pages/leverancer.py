"""Page /leverancer: status for the plan's deliverables per responsible party.

Internal (styregruppe, arbejdsgruppe, admin). The working group edits status here; every
callback is guarded on the server, because hiding the form protects nothing.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard import clock
from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, Text, Texts
from dashboard.components.decision_views import decision_log_link, item_decisions_view
from dashboard.components.deliverable_controls import (
    MINE,
    STATUS_OPTIONS,
    filter_controls,
    filter_from,
)
from dashboard.components.deliverable_views import (
    DOWNLOAD_HEADERS,
    counts_table,
    deliverables_table,
    download_rows,
    history_list,
    status_figure,
    text_summary,
)
from dashboard.components.format import parse_date
from dashboard.components.spreadsheet import csv_text, xlsx_bytes
from dashboard.db import request_session
from dashboard.queries.deliverables import (
    STATUS_LABELS,
    deliverable_history,
    deliverable_table,
    editable_state,
    filter_deliverables,
    responsible_parties,
    status_matrix,
    status_summary,
)
from dashboard.queries.meetings import deliverable_decisions
from dashboard.queries.plan import latest_plan
from dashboard.roles import EDIT_ROLES, READ_ROLES
from dashboard.services.deliverables import StaleEdit, set_deliverable_status
from dashboard.services.errors import EditRefused

PATH = "/leverancer"
TITLE = "Leverancer"


def layout(scope: Scope):
    user = scope.user
    with request_session() as session:
        version = latest_plan(session, scope.id)
        if version is None:
            return html.Div([html.H1(TITLE), html.P("Der er ikke indlæst nogen tryghedsplan.")])
        table = deliverable_table(session, version.id)
        parties = responsible_parties(session, version.id)
    first_id = str(table["id"].iloc[0]) if len(table) else None
    # Native controls (dbc) throughout: Dash's own dropdown, checklist, radio items and date
    # picker carry ARIA that axe-core flags (aria-hidden-focus, nested-interactive, …).
    choices = [
        {"label": f"{row.activity}: {row.text}", "value": str(row.id)} for row in table.itertuples()
    ]
    return html.Div(
        [
            html.H1(TITLE),
            html.P(
                "Status for planens leverancer pr. ansvarlig aktør. En leverance tæller med "
                "én gang for hver aktør, der er ansvarlig for den, som tovholder eller "
                "medansvarlig."
            ),
            filter_controls(table, parties, has_party=user.party_id is not None),
            html.P(id="lev-resume", **{"aria-live": "polite"}),
            dcc.Graph(id="lev-figur", config={"displaylogo": False}),
            html.Details(
                [
                    html.Summary("Tabel: leverancer pr. aktør, rolle og status"),
                    html.Div(id="lev-taeller"),
                ],
                className="mb-3",
            ),
            html.Div(
                [
                    html.Button(
                        "Hent CSV", id="lev-hent-csv", className="btn btn-outline-primary me-2"
                    ),
                    html.Button(
                        "Hent Excel (XLSX)", id="lev-hent-xlsx", className="btn btn-outline-primary"
                    ),
                    dcc.Download(id="lev-download"),
                ],
                className="mb-3",
            ),
            html.Div(id="lev-tabel"),
            html.H2("Én leverance", className="mt-4"),
            html.Label("Vælg leverance", htmlFor="lev-valgt"),
            dbc.Select(id="lev-valgt", options=choices, value=first_id),
            _edit_form(table.iloc[0] if len(table) else None, version.year)
            if user.role in EDIT_ROLES
            else None,
            html.H3("Historik", className="mt-3 h4"),
            html.Div(id="lev-historik"),
            html.H3("Beslutninger", className="mt-3 h4"),
            html.Div(id="lev-beslutninger"),
            decision_log_link(scope.slug),
            dcc.Store(id="lev-opdateret", data=0),
        ]
    )


def _edit_form(first, plan_year: int):
    # Filled for the preselected deliverable, so the form is complete before any callback.
    status, comment, version = (
        (first["status"], first["comment"], int(first["version"]))
        if first is not None
        else (None, "", None)
    )
    # Focusable by script only: a row's "Ret" moves focus here (tabindex -1, not a tab stop).
    return html.Section(
        [
            html.H3("Opdater status", id="lev-rediger-titel", className="h4 mt-3"),
            html.Fieldset(
                [
                    html.Legend("Status", className="fs-6"),
                    dbc.RadioItems(
                        id="lev-rediger-status", options=STATUS_OPTIONS, value=status, inline=True
                    ),
                ]
            ),
            html.Label("Statusdato", htmlFor="lev-rediger-dato", className="d-block mt-2"),
            # The browser's own date field: shown as dd.mm.åååå in a Danish browser.
            # The browser offers the days the server accepts (services.deliverables).
            dbc.Input(
                id="lev-rediger-dato",
                type="date",
                value=clock.today().isoformat(),
                min=f"{plan_year - 1}-01-01",
                max=clock.today().isoformat(),
            ),
            html.Label("Kommentar", htmlFor="lev-rediger-kommentar", className="d-block mt-2"),
            dcc.Textarea(
                id="lev-rediger-kommentar",
                value=comment,
                maxLength=2000,
                style={"width": "100%", "minHeight": "6rem"},
            ),
            dcc.Store(id="lev-rediger-version", data=version),
            html.Button("Gem", id="lev-gem", className="btn btn-primary mt-2"),
            html.Div(id="lev-gem-besked", role="status", className="mt-2"),
        ],
        id="lev-rediger",
        tabIndex="-1",
        className="border rounded p-3 mt-3",
        **{"aria-labelledby": "lev-rediger-titel"},
    )


def _filtered(session, area, activity, party, status, options, scope: Scope):
    user = scope.user
    version = latest_plan(session, scope.id)
    if version is None:
        return None, None
    table = deliverable_table(session, version.id)
    if MINE in (options or []) and user.party_id is None:
        return version, table.iloc[0:0]
    return version, filter_deliverables(
        table, filter_from(area, activity, party, status, options, user.party_id)
    )


FILTER_STATES = [
    Input("lev-filter-omraade", "value"),
    Input("lev-filter-aktivitet", "value"),
    Input("lev-filter-aktoer", "value"),
    Input("lev-filter-status", "value"),
    Input("lev-filter-valg", "value"),
]


def register_callbacks(app) -> None:
    @app.callback(
        Output("lev-tabel", "children"),
        Output("lev-figur", "figure"),
        Output("lev-resume", "children"),
        Output("lev-taeller", "children"),
        *FILTER_STATES,
        Input("lev-opdateret", "data"),
        State(PARTNERSHIP_STORE, "data"),
    )
    @requires_role(*READ_ROLES)
    def show_deliverables(
        area: Text,
        activity: Text,
        party: Text,
        status: Text,
        options: Texts,
        _saved: Counter,
        scope: Scope,
    ):
        with request_session() as session:
            version, rows = _filtered(session, area, activity, party, status, options, scope)
            if version is None:
                return None, {}, "Der er ikke indlæst nogen tryghedsplan.", None
            matrix = status_matrix(session, version.id, [int(i) for i in rows["id"]])
        summary = status_summary(rows)
        return (
            deliverables_table(rows, editable=scope.role in EDIT_ROLES),
            status_figure(matrix),
            text_summary(summary),
            counts_table(matrix),
        )

    @app.callback(
        Output("lev-valgt", "value"),
        Input({"type": "lev-ret", "index": ALL}, "n_clicks"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def choose_from_row(_clicks: list[Clicks], _scope: Scope):
        """A row's "Ret" chooses its deliverable in the edit form (which then loads it)."""
        # A re-drawn table brings new buttons with no clicks: that is no choice.
        if not isinstance(ctx.triggered_id, dict) or not ctx.triggered[0]["value"]:
            return no_update
        return str(ctx.triggered_id["index"])

    # Focus follows the choice to the form, in the browser (the server cannot move focus).
    app.clientside_callback(
        """function () {
            var clicked = dash_clientside.callback_context.triggered;
            var form = document.getElementById('lev-rediger');
            if (form && clicked.length && clicked[0].value) { form.focus(); }
        }""",
        Input({"type": "lev-ret", "index": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("lev-historik", "children"),
        Input("lev-valgt", "value"),
        Input("lev-opdateret", "data"),
        State(PARTNERSHIP_STORE, "data"),
    )
    @requires_role(*READ_ROLES)
    def show_history(deliverable_id: int | None, _saved: Counter, scope: Scope):
        if deliverable_id is None:
            return html.P("Vælg en leverance.")
        with request_session() as session:
            return history_list(deliverable_history(session, scope.id, int(deliverable_id)))

    @app.callback(
        Output("lev-beslutninger", "children"),
        Input("lev-valgt", "value"),
        State(PARTNERSHIP_STORE, "data"),
    )
    @requires_role(*READ_ROLES)
    def show_decisions(deliverable_id: int | None, scope: Scope):
        if deliverable_id is None:
            return None
        with request_session() as session:
            found = deliverable_decisions(session, scope.id, int(deliverable_id))
        return item_decisions_view(
            found, "Der er ikke registreret beslutninger om leverancen eller dens aktivitet."
        )

    @app.callback(
        Output("lev-rediger-status", "value"),
        Output("lev-rediger-kommentar", "value"),
        Output("lev-rediger-dato", "value"),
        Output("lev-rediger-version", "data"),
        Input("lev-valgt", "value"),
        Input("lev-opdateret", "data"),
        State(PARTNERSHIP_STORE, "data"),
    )
    @requires_role(*EDIT_ROLES)
    def load_form(deliverable_id: int | None, _saved: Counter, scope: Scope):
        if deliverable_id is None:
            return None, "", clock.today().isoformat(), None
        with request_session() as session:
            version = latest_plan(session, scope.id)
            state = editable_state(session, version.id, int(deliverable_id)) if version else None
        if state is None:
            return None, "", clock.today().isoformat(), None
        return state.status, state.comment, clock.today().isoformat(), state.version

    @app.callback(
        Output("lev-gem-besked", "children"),
        Output("lev-gem-besked", "className"),
        Output("lev-opdateret", "data"),
        Output("lev-rediger-version", "data", allow_duplicate=True),
        Input("lev-gem", "n_clicks"),
        State("lev-valgt", "value"),
        State("lev-rediger-version", "data"),
        State("lev-rediger-status", "value"),
        State("lev-rediger-kommentar", "value"),
        State("lev-rediger-dato", "value"),
        State("lev-opdateret", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save(
        n_clicks: int | None,
        deliverable_id: int | None,
        version: int | None,
        status: str | None,
        comment: str | None,
        status_date: str | None,
        saved: Counter,
        scope: Scope,
    ):
        if not n_clicks or deliverable_id is None or version is None:
            return "Vælg en leverance først.", "alert alert-warning", no_update, no_update
        try:
            with request_session() as session:
                set_deliverable_status(
                    session,
                    scope.user,
                    int(deliverable_id),
                    int(version),
                    status,
                    comment or "",
                    parse_date(status_date),
                    partnership_id=scope.id,
                )
        except StaleEdit as exc:
            now = exc.current
            detail = (
                f" Gemt nu: status »{STATUS_LABELS.get(now.status, now.status)}«, "
                f"kommentar »{now.comment or '–'}«."
            )
            return str(exc) + detail, "alert alert-warning", no_update, now.version
        except EditRefused as exc:
            return str(exc), "alert alert-danger", no_update, no_update
        return "Ændringen er gemt.", "alert alert-success", (saved or 0) + 1, no_update

    @app.callback(
        Output("lev-download", "data"),
        Input("lev-hent-csv", "n_clicks"),
        Input("lev-hent-xlsx", "n_clicks"),
        *[State(i.component_id, i.component_property) for i in FILTER_STATES],
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def download(
        _csv: Clicks,
        _xlsx: Clicks,
        area: Text,
        activity: Text,
        party: Text,
        status: Text,
        options: Texts,
        scope: Scope,
    ):
        with request_session() as session:
            version, rows = _filtered(session, area, activity, party, status, options, scope)
        if version is None:
            return no_update
        records = download_rows(rows)
        stem = f"leverancer-{clock.today().isoformat()}"
        if ctx.triggered_id == "lev-hent-xlsx":
            data = xlsx_bytes(records, DOWNLOAD_HEADERS, sheet="Leverancer")
            return dcc.send_bytes(data, f"{stem}.xlsx")
        text = csv_text(records, DOWNLOAD_HEADERS)
        return dcc.send_bytes(text.encode("utf-8-sig"), f"{stem}.csv")
