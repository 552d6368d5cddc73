"""``tryghed load dst``: ask Statistics Denmark (or read a saved answer) and write the figures.

The catalogue says which figures of a table we keep (``dst_table``/``dst_code``/``dst_label``
in indicator_catalogue.csv) and which areas exist (``dst_code`` in areas.csv): an answer
naming anything else is refused, not invented.
"""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.db import session_scope
from data_loaders.errors import InputError
from data_loaders.figure_writer import LoadResult, Progress, write_figures
from data_loaders.files import sha256
from data_loaders.indicator_catalogue import (
    Catalogue,
    bundled_rows,
    normalise_name,
    sync_catalogue,
)
from data_loaders.indicator_file import FigureRow
from data_loaders.statbank import (
    DEFAULT_BASE_URL,
    DstRow,
    StatbankRequest,
    fetch,
    parse_answer,
    read_answer_file,
)


def statbank_source(table: str) -> str:
    """The stable source of a DST figure: the table's page (part of the figure's key)."""
    return f"https://www.statistikbanken.dk/{table.upper()}"


def load_dst(
    url: str,
    table: str,
    areas: list[str],
    fmt: str = "BULK",
    from_file: Path | None = None,
    base_url: str = DEFAULT_BASE_URL,
    loaded_by: str = "",
    progress: Progress | None = None,
) -> LoadResult:
    """Fetch (or read) one table's answer and write it in one transaction."""
    table, fmt = table.upper(), fmt.upper()
    # From the bundled catalogue, not the database: a failed request must write nothing at all.
    codes = [
        r["dst_code"] for r in bundled_rows("indicator_catalogue.csv") if r["dst_table"] == table
    ]
    if not codes:
        raise InputError(table, "the indicator catalogue keeps no figures from this table")
    request = StatbankRequest(table=table, areas=areas, figures=codes, format=fmt)
    if from_file is not None:
        data, name = read_answer_file(from_file), str(from_file)
    else:
        data = fetch(request, base_url)
        name = f"{base_url.rstrip('/')}/data {json.dumps(request.body(), ensure_ascii=False)}"
    rows = parse_answer(data, fmt, name if from_file else f"{table} ({fmt} answer)")
    with session_scope(url) as session:
        sync_catalogue(session)
        figures = _as_figures(Catalogue.read(session), table, rows)
        return write_figures(
            session,
            figures,
            kind="dst",
            file_name=name,
            sha=sha256(data),
            loaded_by=loaded_by,
            progress=progress,
        )


def _as_figures(catalogue: Catalogue, table: str, rows: list[DstRow]) -> list[FigureRow]:
    """Answer rows named the catalogue's way; unknown names pass through for the writer to
    report together with every other unknown."""
    source = statbank_source(table)
    figures = []
    for row in rows:
        key = row.figure if row.figure_is_code else normalise_name(row.figure)
        indicator = catalogue.dst_indicators.get((table, key))
        area = (
            catalogue.area_by_dst_code(row.area) if row.area_is_code else catalogue.area(row.area)
        )
        figures.append(
            FigureRow(
                row=row.row,
                column="INDHOLD",
                indicator=indicator.code if indicator else f"{table} {row.figure}",
                area=area.name if area else f"{row.area} ({table})",
                period=row.period,
                value=row.value,
                unit="",
                source=source,
                note="",
                describes="",
            )
        )
    return figures
