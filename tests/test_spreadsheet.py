"""The XLSX downloads as a person opens them: the header bold, in view and with filters,
columns as wide as their contents, amounts with thousands separators, unknown left empty."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from dashboard.components.spreadsheet import MAX_WIDTH, xlsx_bytes

HEADERS = {"activity": "Aktivitet", "year": "År", "amount": "Beløb (kr.)", "share": "Andel"}
ROWS = [
    {"activity": "Bylivspuljen", "year": 2017, "amount": 233_000, "share": 19.4},
    {"activity": "Ung i Job (14-18 år)", "year": 2018, "amount": None, "share": None},
    {"activity": "x" * 200, "year": 2019, "amount": 1_200_000, "share": 100.0},
]


def test_a_download_is_ready_to_read_in_excel():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(ROWS, HEADERS, "Budget"))).active
    assert sheet.title == "Budget"
    assert [c.value for c in sheet[1]] == list(HEADERS.values())
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4"
    assert sheet["C2"].value == 233_000 and sheet["C2"].number_format == "#,##0"
    assert sheet["D2"].number_format == "#,##0.0#"
    assert sheet["C3"].value is None  # '?' stays an empty cell, never 0
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert widths["A"] == MAX_WIDTH  # a long name does not hide the other columns
    assert widths["C"] >= len("Beløb (kr.)") and widths["B"] < widths["C"]
