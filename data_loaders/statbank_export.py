"""StatBank tables as people save them from statistikbanken.dk, and where a header row is.

A web export ("Gem som" CSV or XLSX) starts with title lines ("STRAF11: Anmeldte forbrydelser
efter område, overtrædelsens art og tid", "Enhed: Antal"), then a header such as
``OMRÅDE;OVERTRÆD;TID;INDHOLD``, then one figure per row with ``..`` for a figure not
published. Other indicator files, too, may carry a title or two above their header.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from data_loaders.indicator_cells import cell_text

MAX_TITLE_ROWS = 10
STATBANK_COLUMNS = ("OMRÅDE", "TID", "INDHOLD")
_TABLE_CODE = re.compile(r"\b([A-ZÆØÅ]{2,}\d{1,3}[A-Z]?)\b")

Rows = Iterable[tuple[int, list]]


def statbank_source(table: str) -> str:
    """The stable source of a DST figure: the table's page (part of the figure's key)."""
    return f"https://www.statistikbanken.dk/{table.upper()}"


def find_header(
    rows: Rows, is_header
) -> tuple[tuple[int, list] | None, list[str], Iterator[tuple[int, list]]]:
    """(header row, the title lines above it, the rows below it). The header is the first of
    the first ``MAX_TITLE_ROWS`` filled rows that ``is_header(texts)`` accepts; if none does,
    the first filled row (so that its own error says what is wrong with it)."""
    rows = iter(rows)
    seen: list[tuple[int, list]] = []
    for number, cells in rows:
        texts = [cell_text(c).lstrip("\ufeff") for c in cells]
        if not any(texts):
            continue
        if is_header(texts):
            return (number, cells), [" ".join(t for t in s if t) for s in _texts(seen)], rows
        seen.append((number, cells))
        if len(seen) >= MAX_TITLE_ROWS:
            break
    if not seen:
        return None, [], rows
    return seen[0], [], itertools.chain(seen[1:], rows)


def _texts(rows: list[tuple[int, list]]) -> list[list[str]]:
    return [[cell_text(c) for c in cells] for _n, cells in rows]


def statbank_label_column(header: list[str]) -> int | None:
    """In a header like OMRÅDE;OVERTRÆD;TID;INDHOLD, the column that names the figure."""
    upper = [h.strip().upper() for h in header if h.strip()]
    if not all(c in upper for c in STATBANK_COLUMNS) or len(upper) != 4:
        return None
    return next(i for i, h in enumerate(header) if h.strip().upper() not in STATBANK_COLUMNS)


def table_code(titles: list[str]) -> str | None:
    """The StatBank table a title line names ("STRAF11: Anmeldte forbrydelser …")."""
    for title in titles:
        match = _TABLE_CODE.search(title)
        if match:
            return match.group(1).upper()
    return None
