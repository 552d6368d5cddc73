"""Page /leverancer: status for the plan's deliverables per responsible party.

Internal (styregruppe, arbejdsgruppe, admin). The working group edits status here; every
callback is guarded on the server, because hiding the form protects nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard import clock
from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import Clicks, Counter, RowId, Text, Texts
from dashboard.components.decision_views import decision_log_link
from dashboard.components.deliverable_controls import (
    default_options,
    filter_controls,
    filter_from,
)
from dashboard.components.deliverable_dialog import decisions_view, deliverable_dialog, history_view
from dashboard.components.deliverable_views import (
    DOWNLOAD_HEADERS,
    counts_table,
    deliverables_table,
    download_rows,
    status_chart,
    text_summary,
)
from dashboard.components.form_parts import typed_day
from dashboard.components.spreadsheet import csv_text, xlsx_bytes
from dashboard.components.svg_image import chart_children
from dashboard.dates import dmy
from dashboard.db import request_session
from dashboard.queries.deliverables import (
    STATUS_LABELS,
    deliverable_table,
    editable_state,
    filter_deliverables,
    responsible_parties,
    status_matrix,
    status_summary,
)
from dashboard.queries.plan import latest_plan
from dashboard.roles import EDIT_ROLES, READ_ROLES
from dashboard.services.deliverables import (
    MAX_COMMENT_LENGTH,
    StaleEdit,
    default_status_day,
    set_deliverable_status,
)
from dashboard.services.errors import EditRefused
from dashboard.services.ownership import (
    editable_deliverables,
    may_edit_deliverable,
    party_deliverables,
)

PATH = "/leverancer"
TITLE = "Leverancer"


def layout(scope: Scope):
    user = scope.user
    has_party = user.party_id is not None
    with request_session() as session:
        version = latest_plan(session, scope.id)
        if version is None:
            return html.Div([html.H1(TITLE), html.P("Der er ikke indlæst nogen tryghedsplan.")])
        table = deliverable_table(session, version.id)
        parties = responsible_parties(session, version.id)
        # The page comes drawn with the filters' defaults: the callback answers only what
        # the user changes, so a first load waits for no callback (issue 18).
        shown = _views(session, "", "", "", "", default_options(has_party), scope)
        # The dialog is closed until a row's "Ret" or "Vis" chooses what it shows, and its
        # callbacks answer that choice: until then its history and decisions are empty.
        history = history_view(session, scope.id, None), decisions_view(session, scope.id, None)
        status_day = default_status_day(session, scope.id)
    first = table.iloc[0] if len(table) else None
    # Native controls (dbc) throughout: Dash's own dropdown, checklist, radio items and date
    # picker carry ARIA that axe-core flags (aria-hidden-focus, nested-interactive, …).
    return html.Div(
        [
            html.H1(TITLE),
            html.P(
                "Status for planens leverancer pr. ansvarlig aktør. En leverance tæller med "
                "én gang for hver aktør, der er ansvarlig for den, som tovholder eller "
                "medansvarlig. "
                + (
                    "»Ret« åbner en leverance, du kan ændre; »Vis« de andres historik."
                    if user.role in EDIT_ROLES
                    else "»Vis« åbner en leverances historik og beslutninger."
                )
            ),
            filter_controls(table, parties, has_party=has_party),
            html.P(shown.summary, id="lev-resume", **{"aria-live": "polite"}),
            html.Picture(shown.chart, id="lev-figur", className="chart-picture"),
            html.Details(
                [
                    html.Summary("Tabel: leverancer pr. aktør, rolle og status"),
                    html.Div(shown.counts, id="lev-taeller"),
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
            html.Div(shown.table, id="lev-tabel"),
            # The deliverable the dialog shows (a row's "Ret"/"Vis" sets it): the id every
            # callback of the dialog reads, and clients post, as "lev-valgt.value".
            dcc.Input(
                id="lev-valgt",
                type="hidden",
                value=str(first["id"]) if first is not None else None,
            ),
            deliverable_dialog(
                first, user.role in EDIT_ROLES, history, decision_log_link(scope.slug), status_day
            ),
            dcc.Store(id="lev-opdateret", data=0),
        ]
    )


@dataclass(frozen=True)
class DeliverableViews:
    """The deliverables the filters keep: as a table, a chart, a sentence and counts."""

    table: object
    chart: list  # the <picture>'s content (svg_image.chart_children)
    summary: object
    counts: object


def _kept(session, area, activity, party, status, options, scope: Scope):
    """The plan in force and the deliverables the filters keep (None, None without a plan)."""
    version = latest_plan(session, scope.id)
    if version is None:
        return None, None
    table = deliverable_table(session, version.id)
    mine = party_deliverables(session, scope.user.party_id, version.id)
    return version, filter_deliverables(
        table, filter_from(area, activity, party, status, options, mine)
    )


def _views(session, area, activity, party, status, options, scope: Scope):
    """The views of the plan in force under these filters; None without a plan."""
    version, rows = _kept(session, area, activity, party, status, options, scope)
    if version is None:
        return None
    editable = editable_deliverables(session, scope.user, version.id)
    matrix = status_matrix(session, version.id, [int(i) for i in rows["id"]])
    return DeliverableViews(
        deliverables_table(rows, editable),
        chart_children(*status_chart(matrix)),
        text_summary(status_summary(rows)),
        counts_table(matrix),
    )


def _status_day(scope: Scope) -> str:
    with request_session() as session:
        return dmy(default_status_day(session, scope.id))


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
        Output("lev-figur", "children"),
        Output("lev-resume", "children"),
        Output("lev-taeller", "children"),
        *FILTER_STATES,
        Input("lev-opdateret", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
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
            shown = _views(session, area, activity, party, status, options, scope)
        if shown is None:
            return None, [], "Der er ikke indlæst nogen tryghedsplan.", None
        return shown.table, shown.chart, shown.summary, shown.counts

    @app.callback(
        Output("lev-valgt", "value"),
        Output("lev-dialog", "is_open"),
        Output("lev-dialog-titel", "children"),
        Output("lev-rediger", "hidden"),
        Input({"type": "lev-ret", "index": ALL}, "n_clicks"),
        Input({"type": "lev-vis", "index": ALL}, "n_clicks"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def open_deliverable(_edit: list[Clicks], _view: list[Clicks], scope: Scope):
        """A row's "Ret" or "Vis" opens the dialog on its deliverable, with the form only for
        one the user may edit (the rule the save enforces)."""
        # A re-drawn table brings new buttons with no clicks: that opens nothing.
        if not isinstance(ctx.triggered_id, dict) or not ctx.triggered[0]["value"]:
            return no_update, no_update, no_update, no_update
        deliverable_id = int(ctx.triggered_id["index"])
        with request_session() as session:
            version = latest_plan(session, scope.id)
            state = editable_state(session, version.id, deliverable_id) if version else None
            mine = state is not None and may_edit_deliverable(
                session, scope.user, deliverable_id, partnership_id=scope.id
            )
        if state is None:  # not one of this partnership's plan in force
            return no_update, no_update, no_update, no_update
        return str(deliverable_id), True, state.text, not mine

    # "Luk" closes the dialog in the browser. As a branch of the callback above, a close
    # clicked while a save's redrawn table fired that callback again was lost with the older
    # call, and the dialog stayed open.
    app.clientside_callback(
        "function (clicks) { return false; }",
        Output("lev-dialog", "is_open", allow_duplicate=True),
        Input("lev-dialog-luk", "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("lev-historik", "children"),
        Input("lev-valgt", "value"),
        Input("lev-opdateret", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_history(deliverable_id: RowId, _saved: Counter, scope: Scope):
        with request_session() as session:
            return history_view(session, scope.id, deliverable_id)

    @app.callback(
        Output("lev-beslutninger", "children"),
        Input("lev-valgt", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def show_decisions(deliverable_id: RowId, scope: Scope):
        with request_session() as session:
            return decisions_view(session, scope.id, deliverable_id)

    @app.callback(
        Output("lev-rediger-status", "value"),
        Output("lev-rediger-kommentar", "value"),
        Output("lev-rediger-dato", "value"),
        Output("lev-rediger-version", "data"),
        Input("lev-valgt", "value"),
        Input("lev-opdateret", "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def load_form(deliverable_id: RowId, _saved: Counter, scope: Scope):
        if deliverable_id is None:
            return None, "", _status_day(scope), None
        with request_session() as session:
            version = latest_plan(session, scope.id)
            state = editable_state(session, version.id, int(deliverable_id)) if version else None
        if state is None:
            return None, "", _status_day(scope), None
        return state.status, state.comment, _status_day(scope), state.version

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
        deliverable_id: RowId,
        version: int | None,
        status: str | None,
        comment: str | None,
        status_date: Text,
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
                    typed_day(status_date),
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
            version, rows = _kept(session, area, activity, party, status, options, scope)
        if version is None:
            return no_update
        records = download_rows(rows)
        stem = f"leverancer-{clock.today().isoformat()}"
        if ctx.triggered_id == "lev-hent-xlsx":
            data = xlsx_bytes(records, DOWNLOAD_HEADERS, sheet="Leverancer")
            return dcc.send_bytes(data, f"{stem}.xlsx")
        text = csv_text(records, DOWNLOAD_HEADERS)
        return dcc.send_bytes(text.encode("utf-8-sig"), f"{stem}.csv")

    @app.callback(
        Output("lev-gem-besked", "children", allow_duplicate=True),
        Output("lev-gem-besked", "className", allow_duplicate=True),
        Input("lev-valgt", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def forget_last_message(_deliverable_id: RowId, _scope: Scope):
        """Another deliverable opened: the message of the last save is not about it."""
        return None, "mt-2"

    # The comment's character counter, in the browser: a round trip per keystroke is waste.
    app.clientside_callback(
        """function (text) {
            return (text || '').length + ' af ' + MAX + ' tegn';
        }""".replace("MAX", str(MAX_COMMENT_LENGTH)),
        Output("lev-rediger-tegn", "children"),
        Input("lev-rediger-kommentar", "value"),
        prevent_initial_call=True,
    )
