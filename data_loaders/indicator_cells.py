"""The cells of an indicator file, row by row: .csv (semicolon, comma or tab) or .xlsx (the
first sheet). Rows are numbered 1-based as a spreadsheet shows them."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator

from data_loaders.errors import InputError
from data_loaders.files import check_office_zip, decode_text

MAX_TITLE_LINES = 10
_QUOTED = re.compile(r'"[^"]*"')


def csv_rows(data: bytes, name: str) -> Iterator[tuple[int, list]]:
    text = decode_text(data, name)
    del data
    delimiter = _delimiter(text.lstrip("\ufeff")[:20_000].split("\n")[: MAX_TITLE_LINES + 1])
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as exc:
        raise InputError(
            name, f"the line cannot be read as CSV ({exc})", row=reader.line_num
        ) from exc


def _delimiter(lines: list[str]) -> str:
    """The delimiter of the first line that has two or more of one (quoted text left out),
    so that title lines above the header ("STRAF11: Anmeldte …, … og tid") do not decide."""
    for line in lines:
        bare = _QUOTED.sub("", line)
        counts = {d: bare.count(d) for d in (";", ",", "\t")}
        best = max(counts, key=counts.get)
        if counts[best] >= 2:
            return best
    first = lines[0] if lines else ""
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    return max(counts, key=counts.get)


def _lines(text: str) -> Iterator[str]:
    """The text's lines one by one: io.StringIO would hold a second, four times larger copy."""
    start, length = 0, len(text)
    while start < length:
        end = text.find("\n", start)
        end = length if end < 0 else end + 1
        yield text[start:end]
        start = end


def xlsx_rows(data: bytes, name: str) -> Iterator[tuple[int, list]]:
    import openpyxl  # only needed for workbooks, and slow to import

    try:
        check_office_zip(data, name)
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise InputError(
            name, f"not a readable .xlsx workbook (damaged or truncated?): {exc}"
        ) from exc
    sheet = workbook.worksheets[0]
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= _first_used_row(sheet) <= merged.max_row:
            raise InputError(
                name,
                f"the header has merged cells ({merged.coord}); unmerge them so that every "
                "column has its own header",
                row=merged.min_row,
            )
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, ["" if v is None else v for v in values]


def _first_used_row(sheet) -> int:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if any(v not in (None, "") for v in values):
            return number
    return 1


def cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # a year typed into a spreadsheet header comes back as 2014.0
    return str(cell).strip()
