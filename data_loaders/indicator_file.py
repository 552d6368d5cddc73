"""Indicator files as people send them, read into plain rows: nothing here touches the database.

Two layouts, detected from the header:

- long: one figure per row (``indicator;area;year;value;unit;source_url;note``, like the
  bundled ``reference_figures.csv``);
- wide: one row per indicator and area, one column per period (``2014;2015;2019K3 …``), as
  municipal and police tables come.

.csv (semicolon, comma or tab; UTF-8, UTF-8 with BOM or Windows-1252) and .xlsx (first
sheet). Danish or English headers. Decimal comma or point: a value with a comma is read as a
decimal comma; a value like ``1.899`` is read as a decimal point unless the same file also
has decimal commas, in which case the point separates thousands (counts must be whole
numbers, which catches the remaining ambiguity). Empty cells and the statistical "missing"
marks ``..``, ``-``, ``–`` and ``?`` are skipped: no figure is stored, and unknown is never zero.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from dashboard.numbers import NumberError, parse_number
from data_loaders.errors import InputError
from data_loaders.files import read_bytes, sha256
from data_loaders.indicator_cells import cell_text, csv_rows, xlsx_rows
from data_loaders.periods import PeriodError, parse_period
from data_loaders.statbank_export import (
    find_header,
    statbank_label_column,
    statbank_source,
    table_code,
)

COLUMN_ALIASES = {
    "indicator": {"indicator", "indikator", "indikatorkode", "indicator_code"},
    "area": {"area", "område", "omraade", "omrade", "geografi"},
    "period": {"year", "period", "periode", "år", "aar", "tid", "time"},
    "value": {"value", "værdi", "vaerdi", "indhold", "tal"},
    "unit": {"unit", "enhed"},
    "source": {"source", "source_url", "kilde", "kilde_url", "kildeadresse", "url"},
    "note": {"note", "noter", "bemærkning", "bemaerkning", "kommentar", "comment"},
    "describes": {"describes", "describes_period", "beskriver", "vedrører", "data_år"},
}
_ALIAS_TO_COLUMN = {
    alias: column for column, aliases in COLUMN_ALIASES.items() for alias in aliases
}
# The source of a figure whose file names none: the file itself.
FILE_SOURCE = "fil: "
MISSING_MARKS = {"", "..", "...", "-", "–", "—", "?"}
MAX_FIELD = {"source": 1000, "note": 5000, "unit": 200}
MAX_OTHER_FIELD = 200

_AMBIGUOUS_THOUSANDS = re.compile(r"[-+−–]?\s*\d{1,3}(?:\.\d{3})+")


class FigureRow(NamedTuple):
    """One figure as the file states it. ``row`` is 1-based as a spreadsheet shows it."""

    row: int
    column: str  # the column the value came from, for error messages
    indicator: str
    area: str
    period: str  # canonical, see data_loaders.periods
    value: float
    unit: str
    source: str
    note: str
    describes: str  # canonical period or ""


@dataclass
class ParsedFigures:
    file: str
    sha256: str
    layout: str  # "long" or "wide"
    rows: list[FigureRow]
    warnings: list[str] = field(default_factory=list)


def parse_indicator_file(path: Path) -> ParsedFigures:
    """Read a .csv or .xlsx indicator file. Raises ``InputError`` naming file, row and column."""
    name = str(path)
    data = read_bytes(path)
    digest = sha256(data)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table = xlsx_rows(data, name)
    elif suffix in {".csv", ".txt", ".tsv"}:
        table = csv_rows(data, name)
    else:
        raise InputError(
            name, f"cannot read {suffix or 'files without an extension'}; use .csv or .xlsx"
        )
    del data  # a large file's bytes are not needed once decoded
    layout, rows = _figures(table, name, default_source=f"{FILE_SOURCE}{path.name}")
    return ParsedFigures(file=name, sha256=digest, layout=layout, rows=rows)


# --- from cells to figures -------------------------------------------------------------------


def _figures(
    table: Iterable[tuple[int, list]], name: str, default_source: str
) -> tuple[str, list[FigureRow]]:
    first, titles, rows = find_header(table, _is_header)
    if first is None:
        raise InputError(name, "the file has no header row")
    header_row, header_cells = first
    header = [cell_text(c).lstrip("\ufeff") for c in header_cells]
    while header and not header[-1]:
        header.pop()
    columns = [_ALIAS_TO_COLUMN.get(h.lower()) for h in header]
    label_at = statbank_label_column(header)
    table_name = None
    if label_at is not None and "indicator" not in columns:
        # A StatBank export: its figure column (OVERTRÆD …) names the indicator in its table.
        table_name = table_code(titles)
        if table_name is None:
            raise InputError(
                name,
                f"a StatBank table ({', '.join(header)}) without a title line naming the "
                "table (e.g. 'STRAF11: …'); load it with `tryghed load dst --table … "
                "--from-file`",
                row=header_row,
            )
        columns[label_at] = "indicator"
        default_source = statbank_source(table_name)
    for position, (title, column) in enumerate(zip(header, columns, strict=True)):
        if not title:
            raise InputError(
                name,
                f"column {position + 1} has no header (empty or merged header cells)",
                row=header_row,
            )
        if column and columns.index(column) != position:
            raise InputError(name, f"two columns mean {column!r}", row=header_row, column=title)
    missing = [c for c in ("indicator", "area") if c not in columns]
    if missing:
        raise InputError(
            name,
            f"missing column(s) {', '.join(missing)}; the header read as {header!r}. "
            "Is the file separated by semicolons, commas or tabs?",
            row=header_row,
        )
    if "value" in columns or "period" in columns:
        layout = "long"
        for needed in ("period", "value"):
            if needed not in columns:
                raise InputError(name, f"missing column {needed!r}", row=header_row)
        unknown = [h for h, c in zip(header, columns, strict=True) if c is None]
        if unknown:
            raise InputError(name, "unknown column", row=header_row, column=unknown[0])
        builder = _LongRows(header, columns, name, default_source)
    else:
        layout = "wide"
        builder = _WideRows(header, columns, name, default_source, header_row)
    figures = builder.build(rows)
    if not figures and not builder.seen_rows:
        raise InputError(name, "the file has a header but no data rows")
    if table_name is not None:
        figures = [f._replace(indicator=f"{table_name} {f.indicator}") for f in figures]
    return layout, builder.finish(figures)


def _is_header(texts: list[str]) -> bool:
    columns = {_ALIAS_TO_COLUMN.get(t.lower()) for t in texts}
    return {"indicator", "area"} <= columns or statbank_label_column(texts) is not None


class _RowBuilder:
    """Shared cell handling: text limits, numbers, interning of repeated strings."""

    def __init__(self, header: list[str], name: str, default_source: str) -> None:
        self.header = header
        self.name = name
        self.default_source = default_source
        self.width = len(header)
        self.seen_rows = 0
        self.saw_decimal_comma = False
        self.ambiguous: list[tuple[int, str]] = []  # (index in figures, raw text)
        # Large files repeat the same few hundred names and addresses: keep one copy of each.
        self._interned: dict[str, str] = {}

    def cells(self, number: int, cells: list) -> list | None:
        """The row padded to the header's width, or None for a blank row."""
        if len(cells) > self.width:
            if any(cell_text(c) for c in cells[self.width :]):
                raise InputError(
                    self.name,
                    f"the row has {len(cells)} cells but the header only {self.width}",
                    row=number,
                )
            cells = cells[: self.width]
        elif len(cells) < self.width:
            cells = [*cells, *[""] * (self.width - len(cells))]
        if not any(c != "" for c in cells):
            return None
        self.seen_rows += 1
        return cells

    def text(self, cell, number: int, column: str, title: str) -> str:
        value = cell.strip() if cell.__class__ is str else cell_text(cell)
        limit = MAX_FIELD.get(column, MAX_OTHER_FIELD)
        if len(value) > limit:
            raise InputError(
                self.name,
                f"the text is {len(value):,} characters long; the limit is {limit:,}",
                row=number,
                column=title,
            )
        return self._interned.setdefault(value, value)

    def period(self, cell, number: int, title: str) -> str:
        try:
            return parse_period(cell_text(cell)).code
        except PeriodError as exc:
            raise InputError(self.name, str(exc), row=number, column=title) from exc

    def number(self, cell, number: int, title: str, index: int) -> float | None:
        """The cell as a float; None for an empty or 'missing' cell."""
        if isinstance(cell, bool):
            raise InputError(self.name, f"{cell!r} is not a number", row=number, column=title)
        if isinstance(cell, int | float):
            value = float(cell)
            if not math.isfinite(value):
                raise self._not_a_number(str(cell), number, title)
            return value
        raw = cell.strip()
        if raw in MISSING_MARKS:
            return None
        text = raw.rstrip("%").rstrip()
        comma = "," in text
        try:
            value = float(parse_number(text, decimal_point=not comma))
        except NumberError:
            raise self._not_a_number(raw, number, title) from None
        if comma:
            self.saw_decimal_comma = True
        elif _AMBIGUOUS_THOUSANDS.fullmatch(text):
            self.ambiguous.append((index, text))
        return value

    def _not_a_number(self, raw: str, number: int, title: str) -> InputError:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        return InputError(self.name, f"{shown!r} is not a number", row=number, column=title)

    def finish(self, figures: list[FigureRow]) -> list[FigureRow]:
        # "1.899" in a file that writes decimals with commas is one thousand eight hundred …
        if self.saw_decimal_comma:
            for index, text in self.ambiguous:
                value = float(parse_number(text))
                figures[index] = figures[index]._replace(value=value)
        return figures


class _LongRows(_RowBuilder):
    def __init__(self, header, columns, name, default_source) -> None:
        super().__init__(header, name, default_source)
        self.at = {c: i for i, c in enumerate(columns) if c}

    def build(self, rows: Iterable[tuple[int, list]]) -> list[FigureRow]:
        at, header, figures = self.at, self.header, []
        i_value, i_period = at["value"], at["period"]
        value_title, period_title = header[i_value], header[i_period]
        text_columns = [
            (c, at.get(c), header[at[c]] if c in at else "")
            for c in ("indicator", "area", "unit", "source", "note", "describes")
        ]
        text, number, width = self.text, self.number, self.width
        periods: dict[str, str] = {}
        for row, raw in rows:
            if len(raw) == width and raw[i_value] != "":
                cells = raw  # the common case: skip padding and blank-row checks
                self.seen_rows += 1
            else:
                cells = self.cells(row, raw)
                if cells is None:
                    continue
            value = number(cells[i_value], row, value_title, len(figures))
            if value is None:
                continue
            indicator, area, unit, source, note, describes = [
                text(cells[i], row, c, title) if i is not None else ""
                for c, i, title in text_columns
            ]
            period_text = cells[i_period]
            period = periods.get(period_text)
            if period is None:
                period = periods[period_text] = self.period(period_text, row, period_title)
            figures.append(
                FigureRow(
                    row,
                    value_title,
                    indicator,
                    area,
                    period,
                    value,
                    unit,
                    source or self.default_source,
                    note,
                    self.period(describes, row, text_columns[-1][2]) if describes else "",
                )
            )
        return figures


class _WideRows(_RowBuilder):
    def __init__(self, header, columns, name, default_source, header_row) -> None:
        super().__init__(header, name, default_source)
        self.at = {c: i for i, c in enumerate(columns) if c}
        self.periods: list[tuple[int, str]] = []
        for i, (title, column) in enumerate(zip(header, columns, strict=True)):
            if column in ("period", "value", "describes"):
                raise InputError(
                    name, "a wide file has no such column", row=header_row, column=title
                )
            if column is None:
                try:
                    self.periods.append((i, parse_period(title).code))
                except PeriodError as exc:
                    raise InputError(
                        name,
                        "the column is neither indicator, area, unit, source or note nor a "
                        "period (2014, 2019K3, 2014/15)",
                        row=header_row,
                        column=title,
                    ) from exc
        if not self.periods:
            raise InputError(
                name,
                "no value columns: a long file needs year and value columns, "
                "a wide file one column per period (2014, 2019K3, 2014/15 …)",
                row=header_row,
            )

    def build(self, rows: Iterable[tuple[int, list]]) -> list[FigureRow]:
        at, header, figures = self.at, self.header, []
        for number, raw in rows:
            cells = self.cells(number, raw)
            if cells is None:
                continue
            fixed = {
                c: (self.text(cells[at[c]], number, c, header[at[c]]) if c in at else "")
                for c in ("indicator", "area", "unit", "source", "note")
            }
            for i, period in self.periods:
                value = self.number(cells[i], number, header[i], len(figures))
                if value is None:
                    continue
                figures.append(
                    FigureRow(
                        number,
                        header[i],
                        fixed["indicator"],
                        fixed["area"],
                        period,
                        value,
                        fixed["unit"],
                        fixed["source"] or self.default_source,
                        fixed["note"],
                        "",
                    )
                )
        return figures
