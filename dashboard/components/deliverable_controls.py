"""The /leverancer controls: the filter row and how its values become a
``DeliverableFilter``. Native controls (dbc) throughout: Dash's own dropdown and checklist
carry ARIA that axe-core flags."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.numbers import form_id
from dashboard.queries.deliverables import STATUS_LABELS, DeliverableFilter

STATUS_OPTIONS = [{"label": label, "value": code} for code, label in STATUS_LABELS.items()]
MINE = "mine"
OVERDUE = "overdue"


def default_options(has_party: bool) -> list[str]:
    """A user with a party starts with their own deliverables ("Mine leverancer")."""
    return [MINE] if has_party else []


def filter_controls(table, parties, has_party: bool):
    """The filter row above the chart: focus area, activity, party, status ("" is "Alle"),
    and the overdue and "Mine leverancer" choices; "Mine leverancer" is there, and chosen from
    the start, only for a user with a party: their own items are what they come for."""

    def dropdown(id_, label, options):
        return dbc.Col(
            [
                html.Label(label, htmlFor=id_),
                # The placeholder too: dbc draws a hidden empty option that "" would show.
                dbc.Select(
                    id=id_,
                    options=[{"label": "Alle", "value": ""}, *options],
                    value="",
                    placeholder="Alle",
                ),
            ],
            md=3,
        )

    return html.Div(
        [
            dbc.Row(
                [
                    dropdown(
                        "lev-filter-omraade",
                        "Indsatsområde",
                        [{"label": a, "value": a} for a in sorted(table["focus_area"].unique())],
                    ),
                    dropdown(
                        "lev-filter-aktivitet",
                        "Aktivitet",
                        [{"label": a, "value": a} for a in dict.fromkeys(table["activity"])],
                    ),
                    dropdown(
                        "lev-filter-aktoer",
                        "Ansvarlig aktør",
                        [{"label": p.short_name, "value": str(p.id)} for p in parties],
                    ),
                    dropdown("lev-filter-status", "Status", STATUS_OPTIONS),
                ],
                className="g-2 mb-2",
            ),
            dbc.Checklist(
                id="lev-filter-valg",
                options=[
                    {"label": "Kun overskredne", "value": OVERDUE},
                    {"label": "Mine leverancer", "value": MINE, "disabled": not has_party},
                ],
                value=default_options(has_party),
                inline=True,
            ),
        ],
        className="mb-3",
    )


def filter_from(area, activity, party, status, options, mine) -> DeliverableFilter:
    """The filters' values ("" is "Alle") as a ``DeliverableFilter``; ``mine`` is the ids of
    the user's party's deliverables, which "Mine leverancer" keeps."""
    options = options or []
    return DeliverableFilter(
        area or None,
        activity or None,
        form_id(party),
        status or None,
        OVERDUE in options,
        frozenset(mine) if MINE in options else None,
    )
