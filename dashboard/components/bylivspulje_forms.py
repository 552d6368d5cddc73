"""The forms of Bylivspuljen's cycle: an application, the working group's recommendation, the
committee's decision (one amount per application of the package) and the follow-up. Native
controls (dbc) only: they are what axe finds accessible."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.form_parts import field as _field
from dashboard.components.form_parts import form as _form
from dashboard.components.form_parts import options as _options
from dashboard.components.form_parts import today as _today
from dashboard.components.format import money
from dashboard.model.bylivspulje import APPLICANT_KINDS, POOL_USES, RECEIVED_VIA


def application_form(year_options: list[dict], year: str | None) -> html.Section:
    return _form(
        "Registrér en ansøgning",
        "byl-ansoeg",
        [
            _field(
                "År",
                dbc.Select(id="byl-ansoeg-aar", options=year_options, value=year),
                "byl-ansoeg-aar",
            ),
            _field("Titel", dbc.Input(id="byl-ansoeg-titel", maxLength=300), "byl-ansoeg-titel"),
            _field(
                "Formål",
                dbc.Textarea(id="byl-ansoeg-formaal", maxLength=2000),
                "byl-ansoeg-formaal",
            ),
            _field(
                "Hvad puljen skal bruges til (planens liste)",
                dbc.Select(id="byl-ansoeg-brug", options=_options(POOL_USES), value="fysisk"),
                "byl-ansoeg-brug",
            ),
            _field(
                "Ansøger",
                dbc.Select(
                    id="byl-ansoeg-ansoeger", options=_options(APPLICANT_KINDS), value="beboer"
                ),
                "byl-ansoeg-ansoeger",
            ),
            _field(
                "Organisation (ingen personnavne)",
                dbc.Input(id="byl-ansoeg-organisation", maxLength=200),
                "byl-ansoeg-organisation",
            ),
            _field(
                "Ansøgt beløb (kr.)",
                dbc.Input(id="byl-ansoeg-beloeb", inputMode="numeric"),
                "byl-ansoeg-beloeb",
            ),
            _field(
                "Sted (valgfrit)", dbc.Input(id="byl-ansoeg-sted", maxLength=200), "byl-ansoeg-sted"
            ),
            _field(
                "Modtaget den",
                dbc.Input(id="byl-ansoeg-dato", type="date", value=_today()),
                "byl-ansoeg-dato",
            ),
            _field(
                "Modtaget via",
                dbc.Select(
                    id="byl-ansoeg-via", options=_options(RECEIVED_VIA), value="arbejdsgruppe"
                ),
                "byl-ansoeg-via",
            ),
        ],
        "byl-ansoeg-gem",
        "byl-ansoeg-besked",
    )


def recommendation_form() -> html.Section:
    return _form(
        "Arbejdsgruppens indstilling",
        "byl-indstil",
        [
            html.Fieldset(
                [
                    html.Legend(
                        "Ansøgninger i indstillingen (flere giver en pakke)", className="fs-6"
                    ),
                    dbc.Checklist(id="byl-indstil-ansoegninger", options=[], value=[]),
                ],
                className="mb-2",
            ),
            html.Fieldset(
                [
                    html.Legend("Indstilling", className="fs-6"),
                    dbc.RadioItems(
                        id="byl-indstil-for",
                        options=[
                            {"label": "For", "value": "for"},
                            {"label": "Imod", "value": "imod"},
                        ],
                        value="for",
                        inline=True,
                    ),
                ],
                className="mb-2",
            ),
            _field(
                "Indstillet beløb (kr.)",
                dbc.Input(id="byl-indstil-beloeb", inputMode="numeric"),
                "byl-indstil-beloeb",
            ),
            _field(
                "Begrundelse",
                dbc.Textarea(id="byl-indstil-begrundelse", maxLength=2000),
                "byl-indstil-begrundelse",
            ),
            _field(
                "Indstillet den",
                dbc.Input(id="byl-indstil-dato", type="date", value=_today()),
                "byl-indstil-dato",
            ),
        ],
        "byl-indstil-gem",
        "byl-indstil-besked",
    )


WRITTEN = "skriftligt"


def decision_form(meeting_options: list[dict]) -> html.Section:
    return _form(
        "Styregruppens beslutning",
        "byl-beslut",
        [
            _field(
                "Indstilling",
                dbc.Select(id="byl-beslut-indstilling", options=[]),
                "byl-beslut-indstilling",
            ),
            html.Div(id="byl-beslut-beloeb"),
            dcc.Store(id="byl-beslut-version"),
            _field(
                "Besluttet",
                dbc.Select(
                    id="byl-beslut-moede",
                    options=[
                        *meeting_options,
                        {"label": "Skriftligt mellem møderne", "value": WRITTEN},
                    ],
                    value=meeting_options[0]["value"] if meeting_options else WRITTEN,
                ),
                "byl-beslut-moede",
            ),
            _field(
                "Beslutningens dato",
                dbc.Input(id="byl-beslut-dato", type="date", value=_today()),
                "byl-beslut-dato",
            ),
            dbc.Checkbox(
                id="byl-beslut-haev",
                label="Styregruppen hæver rammen, hvis bevillingen er over det, der er tilbage",
                value=False,
                className="mb-2",
            ),
            _field(
                "Bemærkning (valgfri)",
                dbc.Textarea(id="byl-beslut-note", maxLength=500),
                "byl-beslut-note",
            ),
        ],
        "byl-beslut-gem",
        "byl-beslut-besked",
    )


def grant_inputs(recommendation) -> list:
    """One amount per application of the package, preset to what it asked for."""
    if recommendation is None:
        return [
            html.P(
                "Der er ingen indstillinger, der venter på en beslutning.", className="text-muted"
            )
        ]
    return [
        html.P(
            f"Arbejdsgruppen indstiller {'for' if recommendation.in_favour else 'imod'}: "
            f"{money(recommendation.amount)}. {recommendation.reason}",
            className="small",
        ),
        *[
            _field(
                f"Bevilget til »{a.title}« (ansøgt {money(a.amount_asked)})",
                dbc.Input(
                    id={"type": "byl-bevilling", "index": a.id},
                    value=str(a.amount_asked),
                    inputMode="numeric",
                ),
                json.dumps({"index": a.id, "type": "byl-bevilling"}, separators=(",", ":")),
            )
            for a in recommendation.applications
        ],
    ]


def follow_up_form() -> html.Section:
    return _form(
        "Opfølgning på et bevilget projekt",
        "byl-opfoelg",
        [
            _field(
                "Projekt",
                dbc.Select(id="byl-opfoelg-ansoegning", options=[]),
                "byl-opfoelg-ansoegning",
            ),
            html.Fieldset(
                [
                    html.Legend("Gennemført", className="fs-6"),
                    dbc.RadioItems(
                        id="byl-opfoelg-gennemfoert",
                        options=[{"label": "Ja", "value": "ja"}, {"label": "Nej", "value": "nej"}],
                        value="ja",
                        inline=True,
                    ),
                ],
                className="mb-2",
            ),
            _field(
                "Forbrugt beløb (kr.)",
                dbc.Input(id="byl-opfoelg-beloeb", inputMode="numeric"),
                "byl-opfoelg-beloeb",
            ),
            _field(
                "Kort afrapportering",
                dbc.Textarea(id="byl-opfoelg-rapport", maxLength=2000),
                "byl-opfoelg-rapport",
            ),
            _field(
                "Afrapporteret den",
                dbc.Input(id="byl-opfoelg-dato", type="date", value=_today()),
                "byl-opfoelg-dato",
            ),
        ],
        "byl-opfoelg-gem",
        "byl-opfoelg-besked",
    )
