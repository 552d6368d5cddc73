"""The overview table ("Oversigt over aktiviteter"): money per activity and year, its "I alt"
row (the frame) and the footnotes right below it."""

from __future__ import annotations

import re

from data_loaders.amounts import (
    Amount,
    AmountError,
    is_footnote_line,
    parse_amount,
    split_footnote,
    strip_markup,
)
from data_loaders.errors import InputError
from data_loaders.plan_types import BudgetCell

YEAR_CELL = re.compile(r"^\s*((?:19|20)\d{2})\b")
TOTAL_ROW = re.compile(r"^\s*(I alt|Total)\b", re.IGNORECASE)

Numbered = list[tuple[int, str]]  # (line number in the file, line)


def find_overview_table(numbered: Numbered) -> int | None:
    """The index of the table's header line: first cell "Indsats…", second "…Aktivitet…"."""
    for index, (_no, line) in enumerate(numbered):
        cells = [c.strip().lower() for c in line.split("\t")]
        if len(cells) >= 3 and cells[0].startswith("indsats") and "aktivitet" in cells[1]:
            return index
    return None


def overview_table(
    numbered: Numbered, header_at: int, file: str, warnings: list[str]
) -> tuple[list[BudgetCell], dict[int, int]]:
    """Budget cells with their footnotes, and the "I alt" frame (year -> amount)."""
    header_rows = [numbered[header_at][1].split("\t")]
    body_at = header_at + 1
    if not any(YEAR_CELL.match(c) for c in header_rows[0]):
        header_rows.append(numbered[body_at][1].split("\t"))
        body_at += 1
    years: dict[int, int] = {}
    for row in header_rows:
        for col, cell in enumerate(row):
            match = YEAR_CELL.match(cell)
            if match:
                years[col] = int(match.group(1))
    if not years:
        raise InputError(file, "the overview table has no year columns", row=numbered[header_at][0])

    raw_cells: list[tuple[BudgetCell, str]] = []
    frame: dict[int, int] = {}
    index = body_at
    while index < len(numbered) and "\t" in numbered[index][1]:
        line_no, line = numbered[index]
        cells = line.split("\t")
        index += 1
        if TOTAL_ROW.match(cells[0]):
            for col, year in years.items():
                amount = _table_amount(cells, col, file, line_no, year)
                if amount.value is not None:
                    frame[year] = amount.value
            continue
        area_text, label = cells[0].strip(), strip_markup(cells[1]) if len(cells) > 1 else ""
        if not label:
            continue
        area = int(area_text) if area_text.isdigit() else None
        for col, year in years.items():
            amount = _table_amount(cells, col, file, line_no, year)
            cell = BudgetCell(
                focus_area=area,
                activity=label,
                year=year,
                amount=amount.value,
                unknown_reason=amount.reason,
                source_location=f"Oversigt over aktiviteter, linje {line_no}, {year}",
            )
            raw_cells.append((cell, amount.marks))
    _attach_footnotes(raw_cells, _footnotes(numbered, index), warnings)
    budget = [cell for cell, _marks in raw_cells]
    if not budget:
        raise InputError(
            file, "the overview table has no activity rows", row=numbered[header_at][0]
        )
    for year in sorted(set(years.values()) - set(frame)):
        warnings.append(f"The overview table has no 'I alt' amount for {year}")
    return budget, frame


def _table_amount(cells: list[str], col: int, file: str, line_no: int, year: int) -> Amount:
    try:
        return parse_amount(cells[col] if col < len(cells) else "")
    except AmountError as exc:
        raise InputError(file, str(exc), row=line_no, column=str(year)) from exc


def _footnotes(numbered: Numbered, start: int) -> dict[str, str]:
    """Footnote lines right below the table: "⁴ TMF overtager udgiften fra 2018"."""
    notes: dict[str, str] = {}
    for _no, line in numbered[start:]:
        stripped = line.strip()
        if not stripped:
            continue
        if not is_footnote_line(stripped):
            break
        mark, text = split_footnote(stripped)
        notes[mark] = text
    return notes


def _attach_footnotes(
    raw_cells: list[tuple[BudgetCell, str]], footnotes: dict[str, str], warnings: list[str]
) -> None:
    """Each cell's marks become its footnote text ("⁵ Udgiften …"); a mark without text stays."""
    for cell, marks in raw_cells:
        if not marks:
            continue
        texts = [footnotes.get(mark) for mark in marks]
        missing = [m for m, t in zip(marks, texts, strict=True) if t is None]
        if missing:
            warnings.append(
                f"Footnote mark {''.join(missing)} on '{cell.activity}' "
                f"{cell.year} has no footnote text below the table"
            )
        cell.footnote = " ".join(f"{m} {t}" if t else m for m, t in zip(marks, texts, strict=True))
