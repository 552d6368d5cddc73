"""Page /okonomi: Finansiering pr. indsatsområde 2017–2020, ikke besluttede beløb og forankring."""

from dash import html

PATH = "/okonomi"
TITLE = "Økonomi"


def layout():
    return html.Div(
        [
            html.H1(TITLE),
            html.P(
                "Finansiering pr. indsatsområde 2017–2020, ikke besluttede beløb og forankring."
            ),
            html.P("Siden er under opbygning.", className="text-muted"),
        ]
    )
