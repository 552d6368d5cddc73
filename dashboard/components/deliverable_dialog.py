"""The dialog a row's "Ret" or "Vis" opens on /leverancer: the deliverable's edit form (for
those who may edit it), its history and its decisions (``history_view``, ``decisions_view``:
the page's layout and its callbacks draw them alike).

Every date is typed as dd.mm.åååå in a text field (``form_parts.date_input``), read on the
server the same way whatever the browser."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.decision_views import item_decisions_view
from dashboard.components.deliverable_controls import STATUS_OPTIONS
from dashboard.components.deliverable_views import history_list
from dashboard.components.form_parts import date_input
from dashboard.dates import PLACEHOLDER
from dashboard.queries.deliverables import deliverable_history
from dashboard.queries.meetings import deliverable_decisions
from dashboard.services.deliverables import MAX_COMMENT_LENGTH as MAX_COMMENT


def deliverable_dialog(first, editor: bool, history: tuple, after, status_day: date):
    """The (closed) dialog, filled for ``first`` (a row of ``deliverable_table`` or None), so
    the form is complete before any callback; the form only for an ``editor``, its date
    ``status_day``. ``history``: what the history and the decisions show until a deliverable
    is opened; ``after``: what ends the dialog's body (the link to the decision log)."""
    changes, decisions = history
    return dbc.Modal(
        [
            dbc.ModalHeader(
                dbc.ModalTitle(
                    first["text"] if first is not None else "",
                    id="lev-dialog-titel",
                    tag="h2",
                    class_name="h5",
                ),
                # Its own close button is labelled in English ("Close"): "Luk" below and
                # Escape close the dialog instead.
                close_button=False,
            ),
            dbc.ModalBody(
                [
                    # Shown by the callback that opens the dialog, for a deliverable the user
                    # may edit; empty for those who edit nothing.
                    _edit_form(first, status_day)
                    if editor
                    else html.Section(id="lev-rediger", hidden=True),
                    html.H3("Historik", className="mt-3 h5"),
                    html.Div(changes, id="lev-historik"),
                    html.H3("Beslutninger", className="mt-3 h5"),
                    html.Div(decisions, id="lev-beslutninger"),
                    after,
                ]
            ),
            dbc.ModalFooter(
                html.Button(
                    "Luk", id="lev-dialog-luk", type="button", className="btn btn-secondary"
                )
            ),
        ],
        id="lev-dialog",
        is_open=False,
        size="lg",
        scrollable=True,
        labelledby="lev-dialog-titel",
    )


def _edit_form(first, status_day: date):
    status, comment, version = (
        (first["status"], first["comment"], int(first["version"]))
        if first is not None
        else (None, "", None)
    )
    return html.Section(
        [
            html.H3("Opdater status", id="lev-rediger-titel", className="h5"),
            html.Fieldset(
                [
                    html.Legend("Status", className="fs-6"),
                    dbc.RadioItems(
                        id="lev-rediger-status", options=STATUS_OPTIONS, value=status, inline=True
                    ),
                ]
            ),
            html.Label(
                f"Statusdato ({PLACEHOLDER})", htmlFor="lev-rediger-dato", className="d-block mt-2"
            ),
            date_input("lev-rediger-dato", status_day, style={"maxWidth": "12rem"}),
            html.Label(
                f"Kommentar (højst {MAX_COMMENT} tegn)",
                htmlFor="lev-rediger-kommentar",
                className="d-block mt-2",
            ),
            dcc.Textarea(
                id="lev-rediger-kommentar",
                value=comment,
                maxLength=MAX_COMMENT,
                style={"width": "100%", "minHeight": "6rem"},
            ),
            html.Div(
                f"{len(comment or '')} af {MAX_COMMENT} tegn",
                id="lev-rediger-tegn",
                className="form-text",
            ),
            dcc.Store(id="lev-rediger-version", data=version),
            html.Button("Gem", id="lev-gem", type="button", className="btn btn-primary mt-2"),
            html.Div(id="lev-gem-besked", role="status", className="mt-2"),
        ],
        id="lev-rediger",
        **{"aria-labelledby": "lev-rediger-titel"},
    )


def history_view(session, partnership_id: int, deliverable_id: int | None):
    """The deliverable's history; an invitation to choose one when none is chosen."""
    if deliverable_id is None:
        return html.P("Vælg en leverance.")
    return history_list(deliverable_history(session, partnership_id, int(deliverable_id)))


def decisions_view(session, partnership_id: int, deliverable_id: int | None):
    """The decisions on the deliverable or its activity; nothing when none is chosen."""
    if deliverable_id is None:
        return None
    found = deliverable_decisions(session, partnership_id, int(deliverable_id))
    return item_decisions_view(
        found, "Der er ikke registreret beslutninger om leverancen eller dens aktivitet."
    )
