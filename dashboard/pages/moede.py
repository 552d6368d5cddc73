"""Page /moede: Hvad er ændret siden sidste møde, og hvad kræver beslutning."""

from dash import html

PATH = "/moede"
TITLE = "Møde"


def layout():
    return html.Div(
        [
            html.H1(TITLE),
            html.P("Hvad er ændret siden sidste møde, og hvad kræver beslutning."),
            html.P("Siden er under opbygning.", className="text-muted"),
        ]
    )
