"""Page /tryghed: is safety rising and crime falling? Indicator cards, trend charts with
sources and breaks, the activities' outputs against the plan, the story behind each curve
and the theory of change.

Internal (styregruppe, arbejdsgruppe, admin): every callback checks the role on the server.
The data come from ``dashboard.queries.tryghed``; each chart, its table and its download are
made from one ``trend_data`` call. Writes go through ``dashboard.services``.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update

from dashboard import clock
from dashboard.auth import current_role, require_role, requires_role
from dashboard.components.format import long_date, parse_date
from dashboard.components.spreadsheet import csv_text, xlsx_bytes
from dashboard.components.trend_figure import trend_figure
from dashboard.components.tryghed_views import (
    DOWNLOAD_HEADERS,
    chart_summary,
    csv_rows,
    download_rows,
    figure_history,
    indicator_card,
    note_history_list,
    output_table,
    sources_list,
    theory_of_change_view,
    trend_table,
)
from dashboard.db import request_session
from dashboard.queries.tryghed import (
    chart_indicators,
    comparison_areas,
    current_partnership_id,
    indicator_cards,
    indicator_note,
    note_history,
    output_history,
    output_indicators,
    output_progress,
    registered_figure,
    theory_of_change,
    timeline,
    trend_data,
)
from dashboard.roles import EDIT_ROLES, READ_ROLES
from dashboard.services.errors import EditRefused
from dashboard.services.indicator_notes import StaleNote, save_indicator_note
from dashboard.services.measurements import StaleFigure, register_output_value
from dashboard.services.timeline import add_event, remove_event

PATH = "/tryghed"
TITLE = "Tryghed og kriminalitet"
DEFAULT_INDICATOR = "utrygge_aften_nat"
GRAPH_CONFIG = {"displayModeBar": False, "locale": "da", "responsive": True}


def layout():
    require_role(*READ_ROLES)
    may_edit = current_role() in EDIT_ROLES
    with request_session() as session:
        cards = indicator_cards(session)
        choices = chart_indicators(session)
        outputs = output_indicators(session)
        paths = theory_of_change(session)
    values = [c["value"] for c in choices]
    first = DEFAULT_INDICATOR if DEFAULT_INDICATOR in values else (values[0] if values else None)
    return html.Div(
        [
            html.H1(TITLE),
            html.P(
                "Bliver området tryggere, og falder kriminaliteten? Tallene vises med kilder, "
                "sammenligninger og brud i serierne. Partnerskabets aktiviteter skal bidrage "
                "til udviklingen, men kan ikke alene forklare den."
            ),
            html.H2("Effektindikatorer", className="h4 mt-4"),
            dbc.Row(
                [dbc.Col(indicator_card(c), md=6, lg=4, className="mb-3") for c in cards],
                id="tryghed-kort",
            ),
            html.H2("Udvikling over tid", className="h4 mt-4", id="udvikling"),
            _chart_controls(choices, first),
            html.Div(id="tryghed-resume", **{"aria-live": "polite"}),
            dcc.Graph(id="tryghed-graf", config=GRAPH_CONFIG),
            html.P(id="tryghed-metode", className="small"),
            html.Div(id="tryghed-kilder", className="small"),
            html.Details(
                [html.Summary("Tabel: tallene i grafen"), html.Div(id="tryghed-tabel")],
                open=True,
                className="mb-2",
            ),
            html.Div(
                [
                    html.Button(
                        "Hent CSV", id="tryghed-hent-csv", className="btn btn-outline-primary me-2"
                    ),
                    html.Button(
                        "Hent Excel (XLSX)",
                        id="tryghed-hent-xlsx",
                        className="btn btn-outline-primary",
                    ),
                    dcc.Download(id="tryghed-download"),
                ],
                className="mb-3",
            ),
            html.H3("Begivenheder på tidslinjen", className="h5 mt-3"),
            html.P(
                "Det, der er sket i området og kan forklare kurverne, står her og vises som "
                "prikkede linjer i graferne.",
                className="small",
            ),
            html.Div(id="tryghed-begivenheder"),
            _event_form() if may_edit else None,
            dcc.Store(id="tryghed-begivenhed-gemt", data=0),
            html.H3("Historien bag kurven", className="h5 mt-3"),
            html.Div(id="tryghed-note", className="border rounded p-3 mb-2"),
            _note_form() if may_edit else None,
            html.H4("Tidligere udgaver af noten", className="h6 mt-2"),
            html.Div(id="tryghed-note-historik"),
            dcc.Store(id="tryghed-note-gemt", data=0),
            html.H2("Aktiviteternes leverancer", className="h4 mt-4"),
            html.P(
                "Planens egne mål for aktiviteterne mod det, arbejdsgruppen har registreret. "
                "»Ikke målt endnu« betyder, at intet er registreret – ikke at tallet er 0."
            ),
            html.Div(id="tryghed-leverancer"),
            _figure_form(outputs) if may_edit else None,
            html.H3("Registreringer", className="h5 mt-3"),
            html.Label("Vis registreringer for", htmlFor="tryghed-historik-maaling"),
            dbc.Select(
                id="tryghed-historik-maaling",
                options=outputs,
                value=outputs[0]["value"] if outputs else None,
            ),
            html.Div(id="tryghed-tal-historik", className="mt-2"),
            dcc.Store(id="tryghed-tal-gemt", data=0),
            html.H2("Forandringsteori: fra aktiviteter til effekt", className="h4 mt-4"),
            theory_of_change_view(paths),
        ]
    )


def _chart_controls(choices, first):
    return dbc.Row(
        [
            dbc.Col(
                [
                    html.Label("Indikator", htmlFor="tryghed-indikator"),
                    # Native controls: Dash's own dropdown and checklist fail axe-core
                    # (focusable aria-hidden parts, inputs nested in role="option").
                    dbc.Select(id="tryghed-indikator", options=choices, value=first),
                ],
                md=6,
            ),
            dbc.Col(
                html.Fieldset(
                    [
                        html.Legend("Sammenlign med", className="fs-6 mb-1"),
                        dbc.Checklist(id="tryghed-sammenlign", options=[], value=[], inline=True),
                    ]
                ),
                md=6,
            ),
        ],
        className="mb-2 g-2",
    )


def _note_form():
    return html.Section(
        [
            html.Label("Skriv historien bag kurven", htmlFor="tryghed-note-tekst"),
            dcc.Textarea(
                id="tryghed-note-tekst",
                value="",
                maxLength=3000,
                style={"width": "100%", "minHeight": "6rem"},
            ),
            dcc.Store(id="tryghed-note-version", data=0),
            html.Button("Gem note", id="tryghed-note-gem", className="btn btn-primary mt-1"),
            html.Div(id="tryghed-note-besked", role="status", className="mt-2"),
        ],
        className="mb-2",
    )


def _field(label: str, control, md: int):
    """A form column: the control under its label (tied by ``htmlFor``)."""
    return dbc.Col([html.Label(label, htmlFor=control.id, className="d-block"), control], md=md)


def _event_form():
    return html.Section(
        [
            dbc.Row(
                [
                    _field("Dato", dbc.Input(id="tryghed-begivenhed-dato", type="date"), md=4),
                    _field(
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
            dbc.Select(id="tryghed-begivenhed-valg", options=[]),
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


def _figure_form(outputs):
    first = outputs[0]["value"] if outputs else None
    return html.Section(
        [
            html.H3("Registrér et tal", className="h5"),
            dbc.Row(
                [
                    _field(
                        "Måling",
                        dbc.Select(id="tryghed-tal-maaling", options=outputs, value=first),
                        md=6,
                    ),
                    _field(
                        "År",
                        dbc.Input(
                            id="tryghed-tal-aar",
                            type="number",
                            min=2000,
                            max=2100,
                            step=1,
                            value=clock.today().year,
                        ),
                        md=2,
                    ),  # fmt: skip
                    _field("Tal", dbc.Input(id="tryghed-tal-vaerdi", type="number", min=0), md=2),
                ],
                className="g-2",
            ),
            html.Label("Bemærkning (valgfri)", htmlFor="tryghed-tal-note", className="mt-2"),
            dbc.Input(id="tryghed-tal-note", type="text", value=""),
            dcc.Store(id="tryghed-tal-version", data=0),
            html.Button("Gem tal", id="tryghed-tal-gem", className="btn btn-primary mt-2"),
            html.Div(id="tryghed-tal-besked", role="status", className="mt-2"),
        ],
        className="border rounded p-3 mt-3",
    )


def _note_view(note) -> list:
    if not note.text:
        return [html.P("Arbejdsgruppen har ikke skrevet en note til denne indikator endnu.")]
    when = long_date(note.updated_at.date()) if note.updated_at else ""
    # Plain text children: a note is never parsed as HTML or Markdown.
    return [
        html.P(note.text, style={"whiteSpace": "pre-wrap"}, className="mb-1"),
        html.P(f"Skrevet af {note.updated_by}, {when}.", className="small text-muted mb-0"),
    ]


def register_callbacks(app) -> None:
    @app.callback(
        Output("tryghed-sammenlign", "options"),
        Output("tryghed-sammenlign", "value"),
        Input("tryghed-indikator", "value"),
        State("tryghed-sammenlign", "value"),
    )
    @requires_role(*READ_ROLES)
    def comparison_choices(indicator, chosen):
        if not indicator:
            return [], []
        with request_session() as session:
            options = comparison_areas(session, indicator)
        available = {o["value"] for o in options}
        return options, [c for c in (chosen or []) if c in available]

    @app.callback(
        Output("tryghed-graf", "figure"),
        Output("tryghed-resume", "children"),
        Output("tryghed-tabel", "children"),
        Output("tryghed-kilder", "children"),
        Output("tryghed-metode", "children"),
        Input("tryghed-indikator", "value"),
        Input("tryghed-sammenlign", "value"),
        Input("tryghed-begivenhed-gemt", "data"),  # an event added or removed
    )
    @requires_role(*READ_ROLES)
    def show_chart(indicator, compare, _events):
        if not indicator:
            return {}, "Vælg en indikator.", None, None, None
        with request_session() as session:
            data = trend_data(session, indicator, compare or [])
        rows = download_rows(data)
        return (
            trend_figure(data),
            [html.P(s, className="mb-1") for s in chart_summary(data)],
            trend_table(data, rows),
            sources_list(data),
            data.method_note,
        )

    @app.callback(
        Output("tryghed-download", "data"),
        Input("tryghed-hent-csv", "n_clicks"),
        Input("tryghed-hent-xlsx", "n_clicks"),
        State("tryghed-indikator", "value"),
        State("tryghed-sammenlign", "value"),
        prevent_initial_call=True,
    )
    @requires_role(*READ_ROLES)
    def download(_csv, _xlsx, indicator, compare):
        if not indicator:
            return no_update
        with request_session() as session:
            rows = download_rows(trend_data(session, indicator, compare or []))
        stem = f"tryghed-{indicator}"
        if ctx.triggered_id == "tryghed-hent-xlsx":
            return dcc.send_bytes(xlsx_bytes(rows, DOWNLOAD_HEADERS, "Tal"), f"{stem}.xlsx")
        text = csv_text(csv_rows(rows), DOWNLOAD_HEADERS)
        return dcc.send_bytes(text.encode("utf-8-sig"), f"{stem}.csv")

    @app.callback(
        Output("tryghed-note", "children"),
        Output("tryghed-note-historik", "children"),
        Input("tryghed-indikator", "value"),
        Input("tryghed-note-gemt", "data"),
    )
    @requires_role(*READ_ROLES)
    def show_note(indicator, _saved):
        with request_session() as session:
            partnership = current_partnership_id(session)
            if not indicator or partnership is None:
                return html.P("Ingen indikator valgt."), None
            note = indicator_note(session, indicator, partnership)
            history = note_history(session, indicator, partnership)
        return _note_view(note), note_history_list(history)

    @app.callback(
        Output("tryghed-note-tekst", "value"),
        Output("tryghed-note-version", "data"),
        Input("tryghed-indikator", "value"),
        Input("tryghed-note-gemt", "data"),
    )
    @requires_role(*EDIT_ROLES)
    def load_note_form(indicator, _saved):
        with request_session() as session:
            partnership = current_partnership_id(session)
            if not indicator or partnership is None:
                return "", 0
            note = indicator_note(session, indicator, partnership)
        return note.text, note.version

    @app.callback(
        Output("tryghed-note-besked", "children"),
        Output("tryghed-note-besked", "className"),
        Output("tryghed-note-gemt", "data"),
        Input("tryghed-note-gem", "n_clicks"),
        State("tryghed-indikator", "value"),
        State("tryghed-note-tekst", "value"),
        State("tryghed-note-version", "data"),
        State("tryghed-note-gemt", "data"),
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_note(n_clicks, indicator, text, version, saved):
        user = require_role(*EDIT_ROLES)
        if not n_clicks or not indicator:
            return "Vælg en indikator først.", "alert alert-warning", no_update
        try:
            with request_session() as session:
                partnership = current_partnership_id(session)
                if partnership is None:
                    return "Der er ikke indlæst nogen plan.", "alert alert-warning", no_update
                save_indicator_note(
                    session, user, indicator, partnership, int(version or 0), text or ""
                )
        except StaleNote as exc:
            return str(exc), "alert alert-warning", (saved or 0) + 1
        except EditRefused as exc:
            return str(exc), "alert alert-danger", no_update
        return "Noten er gemt.", "alert alert-success", (saved or 0) + 1

    @app.callback(
        Output("tryghed-begivenheder", "children"),
        Input("tryghed-begivenhed-gemt", "data"),
    )
    @requires_role(*READ_ROLES)
    def show_events(_saved):
        with request_session() as session:
            return _event_list(timeline(session))

    @app.callback(
        Output("tryghed-begivenhed-valg", "options"),
        Output("tryghed-begivenhed-valg", "value"),
        Input("tryghed-begivenhed-gemt", "data"),
    )
    @requires_role(*EDIT_ROLES)
    def event_choices(_saved):
        with request_session() as session:
            events = timeline(session)
        options = [{"label": f"{long_date(e.day)}: {e.label}", "value": str(e.id)} for e in events]
        return options, (options[0]["value"] if options else None)

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
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def change_events(_add, _remove, day, text, chosen, saved):
        user = require_role(*EDIT_ROLES)
        try:
            with request_session() as session:
                if ctx.triggered_id == "tryghed-begivenhed-fjern":
                    if not chosen:
                        return "Vælg en begivenhed.", "alert alert-warning", no_update
                    remove_event(session, user, int(chosen))
                    message = "Begivenheden er fjernet fra tidslinjen."
                else:
                    partnership = current_partnership_id(session)
                    if partnership is None:
                        return "Der er ikke indlæst nogen plan.", "alert alert-warning", no_update
                    add_event(session, user, partnership, parse_date(day), text or "")
                    message = "Begivenheden er sat på tidslinjen."
        except EditRefused as exc:
            return str(exc), "alert alert-danger", no_update
        return message, "alert alert-success", (saved or 0) + 1

    @app.callback(
        Output("tryghed-leverancer", "children"),
        Input("tryghed-tal-gemt", "data"),
    )
    @requires_role(*READ_ROLES)
    def show_outputs(_saved):
        with request_session() as session:
            progress = output_progress(session)
        if progress.empty:
            return html.P("Planen sætter ingen mål for aktiviteternes leverancer.")
        return output_table(progress)

    @app.callback(
        Output("tryghed-tal-historik", "children"),
        Input("tryghed-historik-maaling", "value"),
        Input("tryghed-tal-gemt", "data"),
    )
    @requires_role(*READ_ROLES)
    def show_figure_history(indicator, _saved):
        if not indicator:
            return None
        with request_session() as session:
            edits = output_history(session, indicator)
        return figure_history(edits)

    @app.callback(
        Output("tryghed-tal-vaerdi", "value"),
        Output("tryghed-tal-note", "value"),
        Output("tryghed-tal-version", "data"),
        Input("tryghed-tal-maaling", "value"),
        Input("tryghed-tal-aar", "value"),
        Input("tryghed-tal-gemt", "data"),
    )
    @requires_role(*EDIT_ROLES)
    def load_figure_form(indicator, year, _saved):
        if not indicator or not year:
            return None, "", 0
        with request_session() as session:
            stored = registered_figure(session, indicator, str(int(year)))
        value = stored.value
        if value is not None and float(value).is_integer():
            value = int(value)
        return value, stored.note, stored.version

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
        prevent_initial_call=True,
    )
    @requires_role(*EDIT_ROLES)
    def save_figure(n_clicks, indicator, year, value, note, version, saved):
        user = require_role(*EDIT_ROLES)
        if not n_clicks or not indicator:
            return "Vælg en måling først.", "alert alert-warning", no_update, no_update
        period = str(int(year)) if isinstance(year, int | float) else str(year or "")
        try:
            with request_session() as session:
                register_output_value(
                    session, user, indicator, period, value, note or "", int(version or 0)
                )
        except StaleFigure as exc:
            return str(exc), "alert alert-warning", (saved or 0) + 1, no_update
        except EditRefused as exc:
            return str(exc), "alert alert-danger", no_update, no_update
        return "Tallet er gemt.", "alert alert-success", (saved or 0) + 1, indicator
