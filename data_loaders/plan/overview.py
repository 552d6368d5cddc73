"""The overview table ("Oversigt over aktiviteter", elsewhere "Samlet oversigt over nye
aktivitetsforslag"): money per activity and year, its "I alt" row (the frame), the footnotes
right below it, and a legend for names marked with ``*``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from data_loaders.amounts import (
    Amount,
    AmountError,
    is_footnote_line,
    parse_amount,
    split_footnote,
    strip_markup,
    unit_scale,
)
from data_loaders.errors import InputError
from data_loaders.plan.lines import Line
from data_loaders.plan_types import BudgetCell

YEAR_CELL = re.compile(r"^\s*((?:19|20)\d{2})\b")
TOTAL_ROW = re.compile(r"^\s*(I alt|Total)\b", re.IGNORECASE)
TABLE_NAME = "oversigtstabellen"
# "Ung i Job*" with "* Nye aktiviteter" under the table
_STARRED = re.compile(r"\s*(\*+)\s*$")
_LEGEND = re.compile(r"^(\*+)\s*(.+)$")


@dataclass
class Overview:
    """What the table says: its cells, the "I alt" per year, and its years in order."""

    budget: list[BudgetCell]
    frame: dict[int, int]
    years: list[int]
    undecided_totals: set[int]  # years whose "I alt" is itself '?'


def find_overview_table(lines: list[Line]) -> int | None:
    """The index of the table's header line: first cell "Indsats…", second "…Aktivitet…"."""
    for index, line in enumerate(lines):
        cells = [c.strip().lower() for c in line.text.split("\t")]
        if len(cells) >= 3 and cells[0].startswith("indsats") and "aktivitet" in cells[1]:
            return index
    return None


def header_years(lines: list[Line], header_at: int) -> tuple[dict[int, int], dict[int, int], int]:
    """(column -> year, column -> kroner per written unit, index of the first body line)."""
    header_rows = [lines[header_at].text.split("\t")]
    body_at = header_at + 1
    if not any(YEAR_CELL.match(c) for c in header_rows[0]) and body_at < len(lines):
        header_rows.append(lines[body_at].text.split("\t"))
        body_at += 1
    years: dict[int, int] = {}
    for row in header_rows:
        for col, cell in enumerate(row):
            match = YEAR_CELL.match(cell)
            if match:
                years[col] = int(match.group(1))
    # "Finansiering (1.000 kr.)" over the years, or "2017 (t.kr.)" on one of them
    units = [unit_scale(cell) for row in header_rows for cell in row]
    table_scale = next((u for u in units if u is not None), 1)
    scales = {}
    for col in years:
        own = [unit_scale(row[col]) for row in header_rows if col < len(row)]
        scales[col] = next((u for u in own if u is not None), table_scale)
    return years, scales, body_at


def overview_table(lines: list[Line], header_at: int, file: str, warnings: list[str]) -> Overview:
    """Budget cells with their footnotes, and the "I alt" frame (year -> amount)."""
    years, scales, index = header_years(lines, header_at)
    if not years:
        raise InputError(
            file, "the overview table has no year columns", row=lines[header_at].number
        )
    reader = _CellReader(file, years, scales)
    raw_cells: list[tuple[BudgetCell, str]] = []
    starred: dict[str, str] = {}  # activity -> its '*' mark
    frame: dict[int, int] = {}
    undecided: set[int] = set()
    while index < len(lines) and "\t" in lines[index].text:
        line = lines[index]
        cells = line.text.split("\t")
        index += 1
        if TOTAL_ROW.match(cells[0]):
            for col, year in years.items():
                amount = reader.amount(line, cells, col, "I alt")
                if amount.value is not None:
                    frame[year] = amount.value
                elif amount.reason and "?" in amount.reason:
                    undecided.add(year)
            continue
        area_text = cells[0].strip()
        label = strip_markup(cells[1]) if len(cells) > 1 else ""
        star = _STARRED.search(label)
        if star:
            label = label[: star.start()].strip()
            starred[label] = star.group(1)
        if not label:
            continue
        area = int(area_text) if area_text.isdigit() else None
        for col, year in years.items():
            amount = reader.amount(line, cells, col, label)
            cell = BudgetCell(
                focus_area=area,
                activity=label,
                year=year,
                amount=amount.value,
                unknown_reason=amount.reason,
                source_location=_location(line, label, year),
                row=None if line.from_word else line.number,
            )
            raw_cells.append((cell, amount.marks))
    footnotes, legends = _notes_below(lines, index)
    _attach_footnotes(raw_cells, footnotes, warnings)
    _attach_legends(raw_cells, starred, legends, warnings)
    budget = [cell for cell, _marks in raw_cells]
    if not budget:
        raise InputError(
            file, "the overview table has no activity rows", row=lines[header_at].number
        )
    for year in sorted(set(years.values()) - set(frame) - undecided):
        warnings.append(f"The overview table has no 'I alt' amount for {year}")
    return Overview(budget, frame, sorted(set(years.values())), undecided)


def _location(line: Line, label: str, year: int) -> str:
    if line.from_word:
        return f"Oversigt over aktiviteter, række '{label}', {year}"
    return f"Oversigt over aktiviteter, linje {line.number}, {year}"


class _CellReader:
    """Reads one year cell, and names the cell the way the user can find it when it fails:
    a text export by line and column, a Word table by its row's activity and the year."""

    def __init__(self, file: str, years: dict[int, int], scales: dict[int, int]):
        self.file, self.years, self.scales = file, years, scales

    def amount(self, line: Line, cells: list[str], col: int, label: str) -> Amount:
        text = cells[col] if col < len(cells) else ""
        try:
            amount = parse_amount(text, self.scales[col])
        except AmountError as exc:
            raise self.error(line, label, col, str(exc)) from exc
        if col in line.merged and amount.value:
            # One amount over several years or activities: how it splits is not written.
            raise self.error(
                line,
                label,
                col,
                f"'{text}' stands in a merged cell; write each year's amount in its own cell",
            )
        return amount

    def error(self, line: Line, label: str, col: int, message: str) -> InputError:
        year = str(self.years[col])
        if line.from_word:
            place = f"{TABLE_NAME}, række '{label}', kolonne {year}"
            return InputError(self.file, message, place=place)
        return InputError(self.file, message, row=line.number, column=year)


def _notes_below(lines: list[Line], start: int) -> tuple[dict[str, str], dict[str, str]]:
    """Footnote lines right below the table ("⁴ TMF overtager udgiften fra 2018") and legend
    lines for starred names ("* Ny aktivitet i 2016")."""
    notes: dict[str, str] = {}
    legends: dict[str, str] = {}
    for line in lines[start:]:
        stripped = line.text.strip()
        if not stripped:
            continue
        legend = _LEGEND.match(stripped)
        if legend:
            legends[legend.group(1)] = legend.group(2).strip()
            continue
        if not is_footnote_line(stripped):
            break
        mark, text = split_footnote(stripped)
        notes[mark] = text
    return notes, legends


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


def _attach_legends(
    raw_cells: list[tuple[BudgetCell, str]],
    starred: dict[str, str],
    legends: dict[str, str],
    warnings: list[str],
) -> None:
    """A starred name's legend ("* Ny aktivitet") is a note on each of its row's cells."""
    for label, star in starred.items():
        legend = legends.get(star)
        if legend is None:
            warnings.append(f"'{label}' is marked {star} in the overview table; no legend says why")
            continue
        for cell, _marks in raw_cells:
            if cell.activity == label:
                note = f"{star} {legend}"
                cell.footnote = f"{cell.footnote} {note}" if cell.footnote else note
