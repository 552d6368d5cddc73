"""``tryghed load dst``: ask Statistics Denmark (or read a saved answer) and write the figures.

The catalogue says which figures of a table we keep (``dst_table``/``dst_code``/``dst_label``
in indicator_catalogue.csv) and which areas exist (``dst_code`` in areas.csv): an answer
naming anything else is refused, not invented.
"""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.db import session_scope
from data_loaders.figure_writer import LoadResult, Progress, write_figures
from data_loaders.files import sha256
from data_loaders.indicator_catalogue import (
    Catalogue,
    bundled_rows,
    normalise_name,
    sync_catalogue,
)
from data_loaders.indicator_cells import xlsx_rows
from data_loaders.indicator_file import FigureRow
from data_loaders.statbank import (
    DEFAULT_BASE_URL,
    DstRow,
    StatbankRequest,
    fetch,
    parse_answer,
    parse_bulk_rows,
    read_answer_file,
)
from data_loaders.statbank_export import statbank_source
from data_loaders.statbank_metadata import indicator_from_metadata, read_tableinfo


def load_dst(
    url: str,
    table: str,
    areas: list[str],
    fmt: str = "BULK",
    from_file: Path | None = None,
    base_url: str = DEFAULT_BASE_URL,
    loaded_by: str = "",
    progress: Progress | None = None,
    tableinfo: Path | None = None,
) -> LoadResult:
    """Fetch (or read) one table's answer and write it in one transaction. A category the
    catalogue lacks becomes a new indicator from the table's metadata (``tableinfo``, a saved
    ``/v1/tableinfo`` answer, else asked of the API); an unknown area is refused."""
    table, fmt = table.upper(), fmt.upper()
    # From the bundled catalogue, not the database: a failed request must write nothing at all.
    codes = [
        r["dst_code"] for r in bundled_rows("indicator_catalogue.csv") if r["dst_table"] == table
    ]
    request = StatbankRequest(table=table, areas=areas, figures=codes or ["*"], format=fmt)
    if from_file is not None:
        data, name = read_answer_file(from_file), str(from_file)
        if from_file.suffix.lower() == ".xlsx":
            rows = parse_bulk_rows(xlsx_rows(data, name), name)
        else:
            rows = parse_answer(data, fmt, name)
    else:
        data = fetch(request, base_url)
        name = f"{base_url.rstrip('/')}/data {json.dumps(request.body(), ensure_ascii=False)}"
        rows = parse_answer(data, fmt, f"{table} ({fmt} answer)")
    with session_scope(url) as session:
        sync_catalogue(session)
        catalogue = Catalogue.read(session)
        warnings = _new_indicators(session, catalogue, table, rows, tableinfo, base_url)
        if warnings:
            catalogue = Catalogue.read(session)
        figures = _as_figures(catalogue, table, rows)
        return write_figures(
            session,
            figures,
            kind="dst",
            file_name=name,
            sha=sha256(data),
            loaded_by=loaded_by,
            progress=progress,
            warnings=warnings,
        )


def _new_indicators(session, catalogue, table, rows, tableinfo, base_url) -> list[str]:
    """Add the table's categories that the answer has and the catalogue lacks, from the
    table's metadata, in the load's transaction; one warning for each added."""
    missing = {}
    for row in rows:
        key = row.figure if row.figure_is_code else normalise_name(row.figure)
        if (table, key) not in catalogue.dst_indicators:
            missing.setdefault((row.figure, row.figure_is_code), row.row)
    if not missing:
        return []
    info = read_tableinfo(table, tableinfo, base_url)
    warnings = []
    for (figure, is_code), _row in missing.items():
        found = info.category(figure, is_code)
        if found is None:
            continue  # not a category of the table: the writer refuses it with its row
        indicator = indicator_from_metadata(info, *found)
        if indicator.code in catalogue.indicators:
            continue
        session.add(indicator)
        catalogue.indicators[indicator.code] = indicator
        warnings.append(
            f"New indicator {indicator.code!r} ({found[1]}) from {table}'s metadata, "
            f"{info.variable} = {found[0]}"
        )
    session.flush()
    return warnings


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
