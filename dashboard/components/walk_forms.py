"""The safety walks' forms, made for a phone on site (one column at 375 px, dates typed as
dd.mm.åååå, native number inputs): a walk held, a finding on it, the action for a finding,
an action's status, and a later walk's follow-up on a finding. The selects' choices are
the page's (``tryghedsvandringer.writes.form_choices``)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import clock
from dashboard.components.form_parts import date_field, field, form, options, point_fields
from dashboard.model.walks import ACTION_STATUSES, FINDING_CATEGORIES, PARTICIPANT_KINDS


def walk_form() -> html.Section:
    return form(
        "Registrér en tryghedsvandring",
        "tv-vandring",
        [
            date_field("Dato", "tv-vandring-dato", clock.today()),
            field(
                "Rute eller del af området",
                dbc.Input(id="tv-vandring-rute", maxLength=300),
                "tv-vandring-rute",
            ),
            html.Fieldset(
                [
                    html.Legend("Deltagere (antal, ingen navne)", className="fs-6"),
                    *(
                        field(
                            label,
                            dbc.Input(
                                id=f"tv-vandring-{kind}",
                                type="number",
                                min=0,
                                step=1,
                                inputMode="numeric",
                            ),
                            f"tv-vandring-{kind}",
                        )
                        for kind, label in PARTICIPANT_KINDS.items()
                    ),
                ]
            ),
        ],
        "tv-vandring-gem",
        "tv-vandring-besked",
    )


def finding_form(walks: list[dict], walk: str | None) -> html.Section:
    return form(
        "Registrér et fund",
        "tv-fund",
        [
            field(
                "Tryghedsvandring",
                dbc.Select(id="tv-fund-vandring", options=walks, value=walk),
                "tv-fund-vandring",
            ),
            *point_fields(
                "tv-fund",
                "Stedet som længde- og breddegrad (fx fra telefonens kort); punktet skal "
                "ligge i partnerskabets område.",
            ),
            field("Sted (kort)", dbc.Input(id="tv-fund-sted", maxLength=200), "tv-fund-sted"),
            field(
                "Kategori",
                dbc.Select(id="tv-fund-kategori", options=options(FINDING_CATEGORIES), value="lys"),
                "tv-fund-kategori",
            ),
            field(
                "Beskrivelse",
                dbc.Textarea(id="tv-fund-beskrivelse", maxLength=2000),
                "tv-fund-beskrivelse",
            ),
        ],
        "tv-fund-gem",
        "tv-fund-besked",
    )


def action_form(findings: list[dict], parties: list[dict], pool: list[dict]) -> html.Section:
    return form(
        "Handling for et fund",
        "tv-handling",
        [
            field("Fund", dbc.Select(id="tv-handling-fund", options=findings), "tv-handling-fund"),
            field(
                "Hvad gøres",
                dbc.Textarea(id="tv-handling-hvad", maxLength=2000),
                "tv-handling-hvad",
            ),
            field(
                "Ansvarlig aktør",
                dbc.Select(id="tv-handling-aktoer", options=parties),
                "tv-handling-aktoer",
            ),
            date_field("Frist", "tv-handling-frist"),
            field(
                "Betales af Bylivspuljen (valgfrit)",
                dbc.Select(id="tv-handling-pulje", options=pool),
                "tv-handling-pulje",
            ),
        ],
        "tv-handling-gem",
        "tv-handling-besked",
    )


def status_form(actions: list[dict]) -> html.Section:
    return form(
        "Opdatér en handling",
        "tv-status",
        [
            html.P(
                "Den ansvarlige aktør opdaterer sine egne handlinger.",
                className="small text-muted",
            ),
            field(
                "Handling",
                dbc.Select(id="tv-status-handling", options=actions),
                "tv-status-handling",
            ),
            field(
                "Ny status",
                dbc.Select(
                    id="tv-status-status",
                    options=[o for o in options(ACTION_STATUSES) if o["value"] != "aaben"],
                    value="i_gang",
                ),
                "tv-status-status",
            ),
            field(
                "Begrundelse (ved afvisning)",
                dbc.Textarea(id="tv-status-begrundelse", maxLength=2000),
                "tv-status-begrundelse",
            ),
        ],
        "tv-status-gem",
        "tv-status-besked",
    )


def follow_up_form(walks: list[dict], findings: list[dict]) -> html.Section:
    return form(
        "Opfølgning på en senere vandring",
        "tv-opfoelg",
        [
            field(
                "Den senere tryghedsvandring",
                dbc.Select(id="tv-opfoelg-vandring", options=walks),
                "tv-opfoelg-vandring",
            ),
            field("Fund", dbc.Select(id="tv-opfoelg-fund", options=findings), "tv-opfoelg-fund"),
            html.Fieldset(
                [
                    html.Legend("Hvordan ser det ud nu", className="fs-6"),
                    dbc.RadioItems(
                        id="tv-opfoelg-udbedret",
                        options=[
                            {"label": "Udbedret", "value": "ja"},
                            {"label": "Stadig et problem", "value": "nej"},
                        ],
                        value="ja",
                    ),
                ],
                className="mb-2",
            ),
            field(
                "Bemærkning",
                dbc.Textarea(id="tv-opfoelg-note", maxLength=2000),
                "tv-opfoelg-note",
            ),
        ],
        "tv-opfoelg-gem",
        "tv-opfoelg-besked",
    )
