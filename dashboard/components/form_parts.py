"""The parts the internal pages' forms are made of: a labelled field, a titled form with its
save button and message, a select's options from a code → words mapping, and a date field
with the reading of what was typed in it. Native controls (dbc) only: they are what axe finds
accessible."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import html

from dashboard import clock
from dashboard.dates import FORMAT_HINT, PLACEHOLDER, dmy, parse_day
from dashboard.services.errors import InvalidEdit


def options(mapping: dict) -> list[dict]:
    return [{"label": label, "value": code} for code, label in mapping.items()]


def field(label, control, control_id: str):
    return html.Div([dbc.Label(label, html_for=control_id), control], className="mb-2")


def point_fields(id_prefix: str, hint: str) -> list:
    """A point on the partnership's map typed as longitude and latitude (``<prefix>-lon``,
    ``<prefix>-lat``; a phone's decimal keyboard), under ``hint`` saying what is asked."""
    return [
        html.P(hint, className="small text-muted"),
        *(
            field(label, dbc.Input(id=f"{id_prefix}-{part}", inputMode="decimal"), part_id)
            for label, part, part_id in (
                ("Længdegrad (fx 12,5966)", "lon", f"{id_prefix}-lon"),
                ("Breddegrad (fx 55,6594)", "lat", f"{id_prefix}-lat"),
            )
        ),
    ]


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


def date_input(control_id: str, value: date | None = None, **props) -> dbc.Input:
    """A text field for a date typed as dd.mm.åååå, showing ``value`` so. Not the browser's
    date field: that one shows and reads mm/dd/yyyy in an English browser; the server reads
    this one's text (``typed_day``) the same way whatever the browser."""
    return dbc.Input(
        id=control_id,
        type="text",
        value=dmy(value),
        placeholder=PLACEHOLDER,
        autocomplete="off",
        maxLength=10,
        **props,
    )


def date_field(
    label: str,
    control_id: str,
    value: date | None = None,
    *,
    days: tuple[date, date] | None = None,
    **props,
):
    """``field`` with a ``date_input``, its label naming the format. With ``days``, the first
    and last day a save accepts, the label says them too, on a line of its own: a text field
    has no min and max a browser would enforce (the dates are text fields, ``date_input``),
    and dbc.Input takes no ``aria-describedby``, so the label is what a screen reader reads
    with the field."""
    label = f"{label} ({PLACEHOLDER})"
    if days is not None:
        label = [label, html.Span(day_range(days), className="d-block form-text mt-0")]
    return field(label, date_input(control_id, value, **props), control_id)


def day_range(days: tuple[date, date]) -> str:
    """``Fra 01.01.2016 til i dag (03.12.2026).``: the days a date field accepts."""
    earliest, latest = days
    last = f"i dag ({dmy(latest)})" if latest == clock.today() else dmy(latest)
    return f"Fra {dmy(earliest)} til {last}."


def typed_day(text) -> date | None:
    """The day typed in a date field (dd.mm.åååå or ISO); None for an empty one. A text that
    is no day is refused (``InvalidEdit``) with a Danish message saying how to write it, so
    the write that needed it never starts."""
    day = parse_day(text)
    if day is None and str(text or "").strip():
        raise InvalidEdit(f"Datoen »{str(text).strip()}« kan ikke læses. {FORMAT_HINT}")
    return day


def typed_decimal(value):
    """A coordinate as typed on a Danish phone ("12,5966") for the service to check."""
    return value.replace(",", ".").strip() if isinstance(value, str) else value
