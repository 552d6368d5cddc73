"""Page /moede: before a meeting, what changed since the last one, what needs attention, the
decisions taken, the committee's notes, and the meeting pack as PDF or as a print view.

Internal (styregruppe, arbejdsgruppe, admin). The secretariat (admin) adds and edits
meetings and records decisions (``editor``); the steering committee and the secretariat add
notes (``notes``) and record Bylivspuljen's grants (``pool_decisions``). Every callback and
both pack routes check the role on the server.
Content comes from ``dashboard.queries.briefing``, ``…attention`` and ``…meetings``, the same
reads the pack uses, in the words of ``dashboard.components.briefing_text``;
``…briefing_views`` lays it out (``briefing``).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.auth import Scope
from dashboard.components.glance_views import state_at_a_glance
from dashboard.db import request_session
from dashboard.pages.moede import briefing, editor, notes, pool_decisions
from dashboard.pages.moede.choices import link_choices, meeting_id, meeting_options
from dashboard.roles import ADMIN_ROLES, MEETING_NOTE_ROLES, POOL_DECISION_ROLES

PATH = "/moede"
TITLE = "Møde"


def layout(scope: Scope):
    role = scope.role
    with request_session() as session:
        options, chosen = meeting_options(session, scope.id)
        link_options = link_choices(session, scope.id) if role in ADMIN_ROLES else []
        at_a_glance = state_at_a_glance(session, scope.id, scope.slug, PATH)
        reading = briefing.sections(session, scope, meeting_id(chosen))
        pool = pool_decisions.section(session, scope, chosen, role in POOL_DECISION_ROLES)
        meeting_notes = notes.section(session, scope, chosen, role in MEETING_NOTE_ROLES)
        editing = (
            editor.section(session, scope, chosen, link_options) if role in ADMIN_ROLES else None
        )
    return html.Div(
        [
            html.H1(TITLE, className="d-print-none"),
            html.P(
                "Det, et medlem af styregruppen skal vide før et møde: hvad der er ændret "
                "siden sidste møde, hvad der kræver opmærksomhed, og hvad der er besluttet.",
                className="d-print-none",
            ),
            at_a_glance,
            html.Div(
                [
                    dbc.Label("Møde", html_for="moede-valg"),
                    # Native selects: Dash's own dropdown hides a focusable input from
                    # screen readers (axe: aria-hidden-focus).
                    dbc.Select(id="moede-valg", options=options, value=chosen),
                ],
                className="mb-3 d-print-none",
            ),
            *reading,
            pool,
            meeting_notes,
            dcc.Store(id="moede-gemt"),
            editing,
        ]
    )


def register_callbacks(app) -> None:
    briefing.register_callbacks(app)
    notes.register_callbacks(app)
    pool_decisions.register_callbacks(app)
    editor.register_callbacks(app)


__all__ = ["PATH", "TITLE", "layout", "register_callbacks"]
