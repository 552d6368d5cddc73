"""Page /tryghed: Målt tryghed og kriminalitet over tid, med kilder."""

from dash import html

PATH = "/tryghed"
TITLE = "Tryghed og kriminalitet"


def layout():
    return html.Div(
        [
            html.H1(TITLE),
            html.P("Målt tryghed og kriminalitet over tid, med kilder."),
            html.P("Siden er under opbygning.", className="text-muted"),
        ]
    )
