"""Spreadsheet downloads (XLSX via openpyxl, CSV) that are safe to open in Excel.

Text that starts with = + - @ would run as a formula in Excel; it gets a leading apostrophe.
Numbers stay numbers; unknown amounts stay empty cells, never 0.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """Neutralise spreadsheet formula injection in text; leave other values alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_bytes(rows: Iterable[Mapping], headers: Mapping[str, str], sheet: str = "Data") -> bytes:
    """An .xlsx with one header row (``headers`` maps keys to Danish column names)."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(headers.values()))
    for row in rows:
        worksheet.append([safe_text(row.get(key)) for key in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(rows: Iterable[Mapping], headers: Mapping[str, str]) -> str:
    """Semicolon-separated, as Danish Excel expects, with formula-safe text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers.values())
    for row in rows:
        writer.writerow(["" if row.get(k) is None else safe_text(row.get(k)) for k in headers])
    return buffer.getvalue()
