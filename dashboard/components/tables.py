"""Server-rendered data tables for the internal pages, in place of a JavaScript grid.

Plain HTML weighs nothing in the browser and reads well with a screen reader: a caption,
one ``<th scope="col">`` per column, text that wraps instead of being cut, and numbers to the
right. A table too wide for the screen scrolls inside its own box (``.table-responsive``);
with ``stack=True`` it shows each row as a block of "header: value" lines on a phone
instead (``assets/dashboard.css``). Either way the page itself never scrolls sideways."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

# Where a long header word may break in a narrow column ("Status\u00addato"): a table's
# narrowest width is its longest words, and with many columns the headers' words are the
# longest. Shown as a hyphen only where the line breaks; left out of the stacked labels.
SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class Column:
    """One column: the row key it shows, its Danish header (with ``SOFT_HYPHEN`` where a long
    word may break), whether it holds numbers (right-aligned and kept on one line, so
    ``1.200.000 kr.`` never breaks), and whether a stacked table shows it at the top of a
    row's block on a phone (what the row is)."""

    key: str
    header: str
    numeric: bool = False
    first_on_phone: bool = False

    @property
    def label(self) -> str:
        """The header as one line of text: the stacked table's "header: value" label."""
        return self.header.replace(SOFT_HYPHEN, "")


def data_table(
    caption: str,
    columns: list[Column],
    rows: list[dict],
    *,
    stack: bool = False,
    empty: str = "Ingen rækker.",
):
    """The rows as an accessible table; a row's value may be text or a Dash component."""
    if not rows:
        return html.P(empty, className="text-muted")
    header = html.Thead(
        html.Tr([html.Th(c.header, scope="col", className=_align(c)) for c in columns])
    )
    # Each column's cell attributes, worked out once for all rows; no class where there is
    # none (an empty one would still be sent on each of hundreds of cells).
    cells = [(c.key, _cell(c)) for c in columns]
    body = html.Tbody(
        [
            _element(
                "Tr", [_element("Td", row.get(key), attributes) for key, attributes in cells], {}
            )
            for row in rows
        ]
    )
    table = html.Table(
        [html.Caption(caption, className="visually-hidden"), header, body],
        className="table table-sm table-bordered align-top data-table"
        + (" table-stack" if stack else ""),
    )
    return scrolling(table, caption)


def scrolling(table, label: str):
    """A table in a box that scrolls sideways when the screen is too narrow. A box that may
    scroll must be reachable by keyboard (axe: scrollable-region-focusable)."""
    return html.Div(
        table,
        className="table-responsive",
        role="region",
        tabIndex="0",
        **{"aria-label": label},
    )


def _element(tag: str, children, props: dict) -> dict:
    """An HTML element as Dash sends it to the browser, for the rows and cells of a table.

    ``html.Td(...)`` would check every keyword and be turned into this same dict by plotly's
    JSON encoder, one object at a time: 14 ms to build and serialise a table of 60 rows × 10
    cells that way, against about 2 ms as dicts (timeit); /leverancer's table callback took
    34 ms of CPU before, 24 ms after. Rows and cells carry no ids and fire no callbacks, so
    nothing is lost; a cell's value may still be a component (the "Ret" button)."""
    return {
        "type": tag,
        "namespace": "dash_html_components",
        "props": {"children": children, **props},
    }


def _align(column: Column) -> str | None:
    return "text-end text-nowrap" if column.numeric else None


def _cell(column: Column) -> dict:
    classes = [c for c in (_align(column), "stack-first" if column.first_on_phone else None) if c]
    return {"data-label": column.label} | ({"className": " ".join(classes)} if classes else {})
