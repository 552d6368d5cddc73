"""Page /leverancer: Status for leverancer pr. ansvarlig aktør."""

from dash import html

PATH = "/leverancer"
TITLE = "Leverancer"


def layout():
    return html.Div(
        [
            html.H1(TITLE),
            html.P("Status for leverancer pr. ansvarlig aktør."),
            html.P("Siden er under opbygning.", className="text-muted"),
        ]
    )
