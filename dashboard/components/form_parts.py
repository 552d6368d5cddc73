"""The parts the internal pages' forms are made of: a labelled field, a titled form with its
save button and message, a select's options from a code → words mapping, today for a date
field. Native controls (dbc) only: they are what axe finds accessible."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import clock


def options(mapping: dict) -> list[dict]:
    return [{"label": label, "value": code} for code, label in mapping.items()]


def field(label: str, control, control_id: str):
    return html.Div([dbc.Label(label, html_for=control_id), control], className="mb-2")


def form(title: str, form_id: str, children: list, button_id: str, message_id: str):
    return html.Section(
        [
            html.H3(title, id=f"{form_id}-overskrift", className="h5"),
            *children,
            html.Button("Gem", id=button_id, className="btn btn-primary mt-1"),
            html.Div(id=message_id, role="status", className="mt-2"),
        ],
        id=form_id,
        className="border rounded p-3 mt-3",
        **{"aria-labelledby": f"{form_id}-overskrift"},
    )


def today() -> str:
    return clock.today().isoformat()
