"""The shortcuts the internal pages take for speed give what the slow, obvious way gives:
``row_tuples`` what ``DataFrame.itertuples`` gives, and ``data_table``'s rows and cells the
JSON that Dash's own ``html.Tr``/``html.Td`` send to the browser."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
from dash import html
from plotly.io.json import to_json_plotly

from dashboard.components.tables import Column, data_table
from dashboard.frames import row_tuples


def _same(a, b) -> bool:
    return type(a) is type(b) and (a == b or (a != a and b != b))  # NaN and NaT equal themselves


def test_row_tuples_gives_what_itertuples_gives():
    frame = pd.DataFrame(
        {
            "amount": [1_200_000, 3],
            "share": [12.5, np.nan],
            "text": ["Urbanplanen", None],
            "due": pd.to_datetime(["2017-10-24", None]),
            "done": [True, False],
            "two words": ["a", "b"],  # no identifier: itertuples names it _6
            "class": ["c", "d"],  # a keyword: _7
        },
        index=[10, 11],
    )
    ours, theirs = list(row_tuples(frame)), list(frame.itertuples())
    assert [r._fields for r in ours] == [r._fields for r in theirs]
    assert ours[0]._fields[:2] == ("Index", "amount") and "_6" in ours[0]._fields
    for mine, pandas_row in zip(ours, theirs, strict=True):
        assert all(_same(a, b) for a, b in zip(mine, pandas_row, strict=True)), (mine, pandas_row)
    assert math.isnan(ours[1].share) and ours[1].Index == 11
    assert list(row_tuples(frame.iloc[0:0])) == []


def test_table_cells_are_sent_as_dash_sends_html_components():
    columns = [Column("name", "Navn", first_on_phone=True), Column("amount", "Beløb", numeric=True)]
    button = html.Button("Ret", id={"type": "lev-ret", "index": 1})
    rows = [{"name": "Gadeplan", "amount": "1.200.000 kr."}, {"name": button, "amount": None}]
    table = data_table("Budget", columns, rows, stack=True)
    expected = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(
                        row[c.key],
                        **{"data-label": c.label},
                        className=" ".join(
                            k
                            for k, on in (("text-end text-nowrap", c.numeric),
                                          ("stack-first", c.first_on_phone))
                            if on
                        ),
                    )
                    for c in columns
                ]
            )
            for row in rows
        ]
    )  # fmt: skip
    sent = json.loads(to_json_plotly(table))
    body = sent["props"]["children"]["props"]["children"][2]
    assert body == json.loads(to_json_plotly(expected))
    assert body["props"]["children"][1]["props"]["children"][0]["props"]["children"]["props"][
        "id"
    ] == {"type": "lev-ret", "index": 1}
