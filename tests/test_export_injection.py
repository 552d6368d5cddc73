"""Spreadsheet formula injection: no export lets a cell begin with a formula, whichever
delimiter the program that opens it splits on (Danish Excel splits on ";")."""

from __future__ import annotations

import re

import pytest

from dashboard.components.spreadsheet import csv_text, safe_text
from dashboard.public.open_data import TABLES, as_csv

PAYLOADS = [
    "=1+1",
    "Se bilag;=1+1;",
    'Se bilag,=HYPERLINK("http://x")',
    "første linje\n@SUM(A1)",
    "kolonne\t+1",
    "a;  -2+3",
    "\r=cmd",
]
FORMULA = ("=", "+", "-", "@")


def _cells_as_any_program_splits(text: str) -> list[str]:
    """Every piece between any delimiter or line break, as a program ignoring our quotes
    and delimiter would see it."""
    return [piece.strip(' "') for piece in re.split(r"[,;\t\r\n]", text)]


def _dangerous(text: str) -> list[str]:
    return [cell for cell in _cells_as_any_program_splits(text) if cell.startswith(FORMULA)]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_internal_csv_download_has_no_cell_that_starts_a_formula(payload):
    text = csv_text([{"note": payload, "amount": 5}], {"note": "Note", "amount": "Beløb"})
    assert _dangerous(text) == []
    assert f'"{safe_text(payload)}"' in text.replace('""', '"')  # quoted, content kept
    assert ";5" in text  # numbers stay numbers


@pytest.mark.parametrize("payload", PAYLOADS)
def test_open_data_csv_has_no_cell_that_starts_a_formula(payload):
    table = TABLES["indikatorer"]
    row = {column.name: payload for column in table.columns}
    assert _dangerous(as_csv(table, [row])) == []


def test_plain_text_is_left_as_it_is():
    assert safe_text("Opsøgende arbejde, 3B - i gang") == "Opsøgende arbejde, 3B - i gang"
    assert safe_text(1200000) == 1200000
