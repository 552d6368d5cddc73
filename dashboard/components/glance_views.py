"""The tiles at a glance on the pages (/moede, /okonomi): ``glance_tiles`` has the words,
this lays them out. A section with its own heading, each tile a list item whose heading is
the link to its detail; the state is a word on every tile, the colour only repeats it."""

from __future__ import annotations

from dash import html
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.components.format import keep_together
from dashboard.components.glance_tiles import GlanceText, Tile, glance_text, period_notice
from dashboard.queries.glance import glance
from dashboard.queries.period import partnership_period
from dashboard.urls import partnership_path

SECTION_ID = "overblik-nu"


def _href(tile: Tile, slug: str, here: str) -> str:
    """The tile's detail: a place on this page when the detail is here, else its page."""
    anchor = f"#{tile.page_anchor}" if tile.page_anchor else ""
    if tile.page == here and anchor:
        return anchor
    return partnership_path(slug, tile.page) + anchor


def tile_view(tile: Tile, slug: str, here: str):
    return html.Li(
        [
            html.H3(
                html.A(tile.heading, href=_href(tile, slug, here), id=f"kort-{tile.key}"),
                className="glance-heading",
            ),
            # No unit alone on the next line in a narrow tile ("1.200.000 / kr.").
            html.P(keep_together(tile.figure), className="glance-figure"),
            html.P(
                [
                    html.Span(tile.symbol, className="glance-symbol", **{"aria-hidden": "true"})
                    if tile.symbol
                    else None,
                    keep_together(tile.status),
                ],
                className="glance-status",
            ),
            html.Ul(
                [html.Li(keep_together(line)) for line in tile.lines], className="glance-lines"
            ),
        ],
        className=f"glance-tile glance-{tile.tone}",
    )


def glance_section(text: GlanceText | None, slug: str, here: str):
    """The section at the top of a page; ``here`` is the page's own path ("/okonomi")."""
    if text is None:
        return None
    return html.Section(
        [
            html.H2(text.heading, id=f"{SECTION_ID}-titel", className="h4"),
            html.Ul(
                [tile_view(t, slug, here) for t in text.money], className="glance-grid glance-money"
            ),
            html.Ul([tile_view(t, slug, here) for t in text.work], className="glance-grid"),
            html.P(text.targets_note, id=f"{SECTION_ID}-maal", className="glance-note")
            if text.targets_note
            else None,
        ],
        id=SECTION_ID,
        className="glance mb-4",
        **{"aria-labelledby": f"{SECTION_ID}-titel"},
    )


def state_at_a_glance(session: Session, partnership_id: int, slug: str, here: str):
    """The section for the partnership as of today (None without a plan)."""
    found = glance(session, partnership_id, clock.today())
    return glance_section(glance_text(found) if found else None, slug, here)


def period_banner(session: Session, partnership_id: int):
    """Above every internal page of a partnership whose period is over: that it is, and
    how the pages show the final state. None while the period runs."""
    notice = period_notice(partnership_period(session, partnership_id, clock.today()))
    return html.P(notice, id="periode-afsluttet", className="glance-notice") if notice else None
