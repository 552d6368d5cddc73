"""The forms of Bylivspuljen's cycle: an application, the working group's recommendation, the
committee's decision (one amount per application of the package) and the follow-up. Native
controls (dbc) only: they are what axe finds accessible."""

from __future__ import annotations

import json
from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import clock
from dashboard.components.form_parts import date_field as _date_field
from dashboard.components.form_parts import field as _field
from dashboard.components.form_parts import form as _form
from dashboard.components.form_parts import options as _options
from dashboard.components.form_parts import point_fields
from dashboard.components.format import money, number
from dashboard.model.bylivspulje import APPLICANT_KINDS, POOL_USES, RECEIVED_VIA
from dashboard.numbers import end_sentence

# ``days`` below: the first and last day the pool's dates may fall on
# (``services.bylivspulje_input.pool_days``), said under each date field.
Days = tuple[date, date]


def application_form(year_options: list[dict], year: str | None, days: Days) -> html.Section:
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
            *point_fields(
                "byl-ansoeg",
                "Stedet på kortet (valgfrit): længde- og breddegrad, begge eller ingen; "
                "punktet skal ligge i partnerskabets område. Får projektet penge, "
                "offentliggøres punktet afrundet til omkring 100 m.",
            ),
            _date_field("Modtaget den", "byl-ansoeg-dato", clock.today(), days=days),
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


def recommendation_form(received: list[dict], days: Days) -> html.Section:
    """``received``: the applications the recommendation can take, as the page's choices
    callback gives them."""
    return _form(
        "Arbejdsgruppens indstilling",
        "byl-indstil",
        [
            html.Fieldset(
                [
                    html.Legend(
                        "Ansøgninger i indstillingen (flere giver en pakke)", className="fs-6"
                    ),
                    dbc.Checklist(id="byl-indstil-ansoegninger", options=received, value=[]),
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
            _date_field("Indstillet den", "byl-indstil-dato", clock.today(), days=days),
        ],
        "byl-indstil-gem",
        "byl-indstil-besked",
    )


WRITTEN = "skriftligt"


def decision_form(
    meetings: tuple[list[dict], str],
    waiting: tuple[list[dict], str | None],
    grants: tuple[list, int | None],
    decided: tuple[date, bool],
    days: Days,
) -> html.Section:
    """The form as the page's callbacks fill it: ``meetings`` the meetings to choose and the
    one chosen, ``waiting`` the recommendations waiting and the one chosen, ``grants`` its
    amount fields and version, ``decided`` the decision's day and whether it is fixed (a
    meeting's day)."""
    meeting_options, where = meetings
    recommendations, chosen = waiting
    grant_fields, version = grants
    decided_on, fixed = decided
    return _form(
        "Styregruppens beslutning",
        "byl-beslut",
        [
            _field(
                "Indstilling",
                dbc.Select(id="byl-beslut-indstilling", options=recommendations, value=chosen),
                "byl-beslut-indstilling",
            ),
            html.Div(grant_fields, id="byl-beslut-beloeb"),
            dcc.Store(id="byl-beslut-version", data=version),
            _field(
                "Besluttet",
                dbc.Select(
                    id="byl-beslut-moede",
                    options=[
                        *meeting_options,
                        {"label": "Skriftligt mellem møderne", "value": WRITTEN},
                    ],
                    value=where,
                ),
                "byl-beslut-moede",
            ),
            _date_field(
                "Beslutningens dato", "byl-beslut-dato", decided_on, days=days, disabled=fixed
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


def package_name(recommendation) -> str:
    """ "Pakke 2 (2017)": the package as it starts a line (``queries.bylivspulje``'s label)."""
    return recommendation.label[:1].upper() + recommendation.label[1:]


def recommendation_options(waiting) -> list[dict]:
    """The recommendations waiting for the committee as a select's options."""
    return [
        {
            "label": f"{package_name(w)}: " + "; ".join(a.title for a in w.applications),
            "value": str(w.id),
        }
        for w in waiting
    ]


def recommendation_sentence(recommendation) -> str:
    """ "Arbejdsgruppen indstiller for: 65.000 kr." """
    verdict = "for" if recommendation.in_favour else "imod"
    return end_sentence(f"Arbejdsgruppen indstiller {verdict}: {money(recommendation.amount)}")


def grant_inputs(
    recommendation, input_type: str = "byl-bevilling", *, with_recommendation: bool = True
) -> list:
    """One amount per application of the package, preset to what it asked for, after the
    working group's recommendation (unless the page shows it already); each input's id is
    ``{"type": input_type, "index": <application id>}``, so each page that records decisions
    reads its own inputs."""
    if recommendation is None:
        return [
            html.P(
                "Der er ingen indstillinger, der venter på en beslutning.", className="text-muted"
            )
        ]
    return [
        html.P(
            recommendation_sentence(recommendation) + f" {recommendation.reason}",
            className="small",
        )
        if with_recommendation
        else None,
        *[
            _field(
                f"Bevilget til »{a.title}« (ansøgt {money(a.amount_asked)})",
                dbc.Input(
                    id={"type": input_type, "index": a.id},
                    value=number(a.amount_asked),
                    inputMode="numeric",
                ),
                json.dumps({"index": a.id, "type": input_type}, separators=(",", ":")),
            )
            for a in recommendation.applications
        ],
    ]


def follow_up_form(
    granted: list[dict], chosen: str | None, versions: dict, days: Days
) -> html.Section:
    """``granted``: the granted projects as choices, ``chosen`` the one chosen, ``versions``
    their versions, as the page's choices callback gives them."""
    return _form(
        "Opfølgning på et bevilget projekt",
        "byl-opfoelg",
        [
            _field(
                "Projekt",
                dbc.Select(id="byl-opfoelg-ansoegning", options=granted, value=chosen),
                "byl-opfoelg-ansoegning",
            ),
            # The version of each project as the form was filled: a follow-up on a project
            # someone changed since is refused as stale.
            dcc.Store(id="byl-opfoelg-versioner", data=versions),
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
            _date_field("Afrapporteret den", "byl-opfoelg-dato", clock.today(), days=days),
        ],
        "byl-opfoelg-gem",
        "byl-opfoelg-besked",
    )
