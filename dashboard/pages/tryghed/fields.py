"""Form pieces shared by the edit forms on /tryghed."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html


def field(label: str, control, md: int):
    """A form column: the control under its label (tied by ``htmlFor``)."""
    return dbc.Col([html.Label(label, htmlFor=control.id, className="d-block"), control], md=md)
