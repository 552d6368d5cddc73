"""Page /tryghed: is safety rising and crime falling? Indicator cards, trend charts with
sources and breaks, the events on their timeline, the story behind each curve, the
activities' outputs against the plan and the theory of change.

Internal (styregruppe, arbejdsgruppe, admin): every callback checks the role on the server.
One module per feature, each with its part of the layout and its callbacks: ``trend_chart``
(the chart, its comparison areas, table and download, all from one ``trend_data`` call),
``timeline_events``, ``notes`` and ``activity_outputs`` (with the figure form). The layout
reads what it shows in one session; writes go through ``dashboard.services``.
"""

from __future__ import annotations

from dash import html

from dashboard.auth import Scope
from dashboard.components.tryghed_views import theory_of_change_view
from dashboard.db import request_session
from dashboard.pages.tryghed import activity_outputs, notes, timeline_events, trend_chart
from dashboard.pages.tryghed.indicator_cards import cards_section
from dashboard.queries.activity_outputs import output_indicators
from dashboard.queries.indicator_cards import indicator_cards
from dashboard.queries.theory_of_change import theory_of_change
from dashboard.queries.trends import chart_indicators
from dashboard.roles import EDIT_ROLES

PATH = "/tryghed"
TITLE = "Tryghed og kriminalitet"
NAV_LABEL = "Tryghed"


def layout(scope: Scope):
    may_edit = scope.role in EDIT_ROLES
    with request_session() as session:
        cards = indicator_cards(session, scope.id)
        choices = chart_indicators(session)
        outputs = output_indicators(session)
        paths = theory_of_change(session, scope.id)
        chart = trend_chart.section(session, scope, choices)
        outputs_section = activity_outputs.section(session, scope, outputs, may_edit)
        events = timeline_events.section(session, scope, may_edit)
        story = notes.section(session, scope, trend_chart.first_indicator(choices), may_edit)
    return html.Div(
        [
            html.H1(TITLE),
            html.P(
                "Bliver området tryggere, og falder kriminaliteten? Tallene vises med kilder, "
                "sammenligninger og brud i serierne. Partnerskabets aktiviteter skal bidrage "
                "til udviklingen, men kan ikke alene forklare den."
            ),
            *cards_section(cards),
            *chart,
            *events,
            *story,
            *outputs_section,
            html.H2("Forandringsteori: fra aktiviteter til effekt", className="h4 mt-4"),
            theory_of_change_view(paths),
        ]
    )


def register_callbacks(app) -> None:
    for feature in (trend_chart, timeline_events, notes, activity_outputs):
        feature.register_callbacks(app)
