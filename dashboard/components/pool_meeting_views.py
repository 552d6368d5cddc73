"""Bylivspuljen on /moede: the recommendations waiting for the committee at the chosen
meeting, with the money left in their year, and the form the committee's decision on one is
recorded with (dated the meeting's day, so it asks for no date)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.bylivspulje_forms import package_name, recommendation_sentence
from dashboard.components.format import long_date, money

# The pattern-matching type of the grant inputs on /moede (``grant_inputs(…, GRANT_INPUT)``).
GRANT_INPUT = "moede-pulje-bevilling"


def pool_section(listing, form: html.Div | None) -> html.Section:
    """The list (``listing``: as ``waiting_list`` draws it) for everyone who reads /moede;
    the form (``decision_form``) only for ``POOL_DECISION_ROLES``."""
    return html.Section(
        [
            html.H2("Bylivspuljen: indstillinger til styregruppen", className="h3"),
            html.Div(listing, id="moede-pulje-liste", **{"aria-live": "polite"}),
            form,
            # Outside the form, which hides once nothing is left to decide: the answer to the
            # last package's save stays in view.
            html.Div(id="moede-pulje-besked", role="status") if form is not None else None,
        ],
        id="moede-puljen",
        className="mb-4",
    )


def decision_form(options: list[dict], chosen, hidden: bool, amounts, version) -> html.Div:
    """The form a decision is recorded with: the recommendation to decide (``options``,
    ``chosen``), its amount fields and the version a save expects; ``hidden`` while the
    meeting has nothing it can decide yet."""
    return html.Div(
        [
            html.H3("Registrér styregruppens beslutning", className="h5"),
            html.P(
                "Beslutningen dateres mødets dag og skrives i mødets beslutningslog.",
                className="small",
            ),
            dbc.Label("Indstilling", html_for="moede-pulje-indstilling"),
            dbc.Select(id="moede-pulje-indstilling", options=options, value=chosen),
            html.Div(amounts, id="moede-pulje-beloeb", className="mt-2"),
            dcc.Store(id="moede-pulje-version", data=version),
            dbc.Checkbox(
                id="moede-pulje-haev",
                label="Styregruppen hæver rammen, hvis bevillingen er over det, der er tilbage",
                value=False,
                className="mb-2",
            ),
            dbc.Label("Bemærkning (valgfri)", html_for="moede-pulje-note"),
            dbc.Textarea(id="moede-pulje-note", maxLength=500),
            dbc.Button("Registrér beslutningen", id="moede-pulje-gem", className="mt-2"),
        ],
        id="moede-pulje-formular",
        className="border rounded p-3 d-print-none",
        hidden=hidden,
    )


def waiting_list(meeting, waiting, left_by_year: dict[int, int | None], today) -> html.Div:
    """The packages the meeting can decide: their applications (asked), the working group's
    recommendation and what is left of their year's pool; before the meeting, when its
    decisions can be recorded."""
    if meeting is None:
        return html.P("Der er ingen møder endnu.", className="text-muted")
    if meeting.body != "styregruppe":
        return html.P(
            "Bylivspuljens bevillinger besluttes på styregruppens møder. Vælg et af "
            "styregruppens møder for at se de indstillinger, der venter.",
            className="text-muted",
        )
    if not waiting:
        return html.P(
            f"Ingen indstillinger venter på styregruppen til mødet {long_date(meeting.date)}.",
            className="text-muted",
        )
    ahead = (
        html.P(
            f"Styregruppens beslutninger kan registreres her fra mødedagen, "
            f"{long_date(meeting.date)}.",
            className="small",
        )
        if meeting.date > today
        else None
    )
    packages = html.Ul(
        [
            html.Li(
                [
                    html.Strong(f"{package_name(w)}, indstillet {long_date(w.recommended_on)}"),
                    html.Ul(
                        [
                            html.Li(f"{a.title}: ansøgt {money(a.amount_asked)}")
                            for a in w.applications
                        ]
                    ),
                    html.P(
                        f"{recommendation_sentence(w)} {w.reason}",
                        className="mb-1",
                        style={"whiteSpace": "pre-line"},
                    ),
                    html.P(
                        f"Tilbage i puljen for {w.year}: {money(left_by_year.get(w.year))}",
                        className="small text-muted",
                    ),
                ],
                className="mb-2",
            )
            for w in waiting
        ],
        className="list-unstyled",
    )
    return html.Div([packages, ahead])
