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
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A cell may begin at the start of the text or after any delimiter or line break; spaces
# before the formula character do not stop Excel.
FORMULA_START = re.compile(r"(^|[,;\t\r\n])([ ]*)(?=[=+\-@\t\r])")


def safe_text(value: object) -> object:
    """Neutralise spreadsheet formula injection in text; leave other values alone."""
    if isinstance(value, str):
        return FORMULA_START.sub(r"\1\2'", value)
    return value


# Column widths in characters: wide enough for the header and most values, never so wide
# that one long comment hides the other columns.
MIN_WIDTH, MAX_WIDTH = 8, 60
# Whole numbers with thousands separators, decimals with one or two places: Excel shows the
# separators of the reader's own locale (1.200.000 in a Danish Excel).
WHOLE_FORMAT, DECIMAL_FORMAT = "#,##0", "#,##0.0#"


def xlsx_bytes(rows: Iterable[Mapping], headers: Mapping[str, str], sheet: str = "Data") -> bytes:
    """An .xlsx a person can use at once: one bold header row (``headers`` maps keys to Danish
    column names) that stays in view and has filters, columns as wide as their contents, and
    numbers with thousands separators."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(headers.values()))
    widths = [len(name) for name in headers.values()]
    for row in rows:
        values = [safe_text(row.get(key)) for key in headers]
        worksheet.append(values)
        for column, value in enumerate(values):
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell = worksheet.cell(row=worksheet.max_row, column=column + 1)
                cell.number_format = WHOLE_FORMAT if float(value).is_integer() else DECIMAL_FORMAT
            if value is not None:
                widths[column] = max(widths[column], len(str(value)))
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for column, width in enumerate(widths, start=1):
        letter = get_column_letter(column)
        worksheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = worksheet.dimensions
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
