"""Spreadsheet downloads (XLSX via openpyxl, CSV) that are safe to open in Excel.

Text that starts with = + - @ would run as a formula in Excel; it gets a leading apostrophe.
So does such a character after a comma, semicolon, tab or line break inside the text: a
program that splits the file on another delimiter than ours (Danish Excel splits on ";")
would otherwise start a cell there. Every text field of a CSV is quoted, too. Numbers stay
numbers; unknown amounts stay empty cells, never 0.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping

from openpyxl import Workbook

# A cell may begin at the start of the text or after any delimiter or line break; spaces
# before the formula character do not stop Excel.
FORMULA_START = re.compile(r"(^|[,;\t\r\n])([ ]*)(?=[=+\-@\t\r])")


def safe_text(value: object) -> object:
    """Neutralise spreadsheet formula injection in text; leave other values alone."""
    if isinstance(value, str):
        return FORMULA_START.sub(r"\1\2'", value)
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
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(headers.values())
    for row in rows:
        writer.writerow(["" if row.get(k) is None else safe_text(row.get(k)) for k in headers])
    return buffer.getvalue()
