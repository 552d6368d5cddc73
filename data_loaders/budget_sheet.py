"""Parse an overview budget sheet (.xlsx or .csv) laid out like the plan's overview table.

Header: a focus-area column, an "Aktivitet" column and one column per year (possibly under a
"Finansiering (kr.)" row). Each activity row becomes one BudgetCell per year; the "I alt" row
is the frame and is returned apart. '?' and empty cells become amount None with a reason,
because unknown is not zero. Footnote marks glued to numbers ("190.000 ⁵") are resolved
against footnote lines below the table.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from data_loaders.amounts import SUPERSCRIPTS, AmountError, parse_amount, unit_scale
from data_loaders.errors import InputError
from data_loaders.files import check_office_zip, decode_text, read_bytes
from data_loaders.plan_types import BudgetCell

MAX_ROWS = 10_000
MAX_COLUMNS = 100

_MARKS = re.compile(f"[{SUPERSCRIPTS}]+")
# "2017", "2017 (kr.)", "2017/kr.", "2017 (t.kr.)", "2017 (1.000 kr.)", "2017 mio. kr."
_YEAR = re.compile(
    r"(\d{4})\s*(?:/\s*)?(?:\(?\s*(?:t\.?\s*|tkr|1\.?000\s*|mio\.?\s*)?kr\.?\s*\)?)?",
    re.IGNORECASE,
)

_FOCUS_HEADERS = {"indsatsomraade", "focusarea"}
_ACTIVITY_HEADERS = {"aktivitet", "aktiviteter", "activity"}
_TOTAL_LABELS = {"ialt", "total", "sum"}
_NO_AREA = {"", "-", "–", "—"}


def parse_budget_file(path: Path) -> list[BudgetCell]:
    """The sheet's cells, one per activity row and year; the "I alt" row is left out."""
    return parse_budget_file_with_frame(path)[0]


def parse_budget_file_with_frame(path: Path) -> tuple[list[BudgetCell], dict[int, int]]:
    """The cells and the frame (year -> amount of the "I alt" row; years left '?' are absent)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError(str(path), f"unsupported file type '{path.suffix}'; use .xlsx or .csv")
    data = read_bytes(path)
    rows = _read_xlsx(data, str(path)) if suffix == ".xlsx" else _read_csv(data, str(path))
    return _Parser(path, rows).parse()


def _read_xlsx(data: bytes, file: str) -> list[list[object]]:
    check_office_zip(data, file)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files; all mean the same
        raise InputError(file, f"not a readable .xlsx file ({type(exc).__name__})") from exc
    try:
        if not book.worksheets:
            raise InputError(file, "the workbook has no worksheet")
        # Read one row and one column past the limits, so an oversized sheet is noticed
        # without loading all of it.
        rows = book.worksheets[0].iter_rows(
            max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS + 1, values_only=True
        )
        return _collect(rows, file)
    except InputError:
        raise
    except Exception as exc:  # read-only mode parses lazily, so damage can surface here too
        raise InputError(file, f"not a readable .xlsx file ({type(exc).__name__})") from exc
    finally:
        book.close()


def _read_csv(data: bytes, file: str) -> list[list[object]]:
    text = decode_text(data, file)
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ""
    if delimiter not in header or not delimiter:
        # The header line has no amounts, so its most frequent separator is the delimiter.
        delimiter = max(";\t,", key=header.count)
    return _collect(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), file)


def _collect(rows, file: str) -> list[list[object]]:
    """Rows without trailing blanks, refusing sheets too large to be an overview table."""
    grid: list[list[object]] = []
    for number, row in enumerate(rows, start=1):
        values = list(row)
        while values and _blank(values[-1]):
            values.pop()
        if len(values) > MAX_COLUMNS:
            raise InputError(
                file,
                f"the sheet has more than {MAX_COLUMNS} columns; this is not an overview table",
                row=number,
                column=get_column_letter(MAX_COLUMNS + 1),
            )
        if number > MAX_ROWS:
            if values:
                raise InputError(
                    file,
                    f"the sheet has more than {MAX_ROWS:,} rows; this is not an overview table",
                    row=number,
                )
            continue
        grid.append(values)
    return grid


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\u00a0", " ").replace("\u202f", " ").strip()


def _blank(value: object) -> bool:
    return _text(value) == ""


def _norm(text: str) -> str:
    """Header key: "Indsats- område" and "indsatsomraade" compare equal."""
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("å", "aa"))


def _year(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    match = _YEAR.fullmatch(_text(value))
    year = int(match.group(1)) if match else None
    return year if year is not None and 1900 <= year <= 2100 else None


class _Parser:
    def __init__(self, path: Path, rows: list[list[object]]):
        self.file = str(path)
        self.name = path.name
        self.rows = rows
        self.headers: dict[int, str] = {}  # column index -> header as written, for messages
        self.scales: dict[int, int] = {}  # year column -> kroner per written unit

    def cell(self, row: int, col: int) -> object:
        values = self.rows[row]
        return values[col] if col < len(values) else None

    def error(self, message: str, row: int | None = None, col: int | None = None) -> InputError:
        """An InputError; row and col are 0-based here and shown 1-based / lettered."""
        column = None
        if col is not None:
            header = self.headers.get(col)
            column = (
                f"{get_column_letter(col + 1)} ({header})" if header else get_column_letter(col + 1)
            )
        return InputError(self.file, message, row=None if row is None else row + 1, column=column)

    def parse(self) -> tuple[list[BudgetCell], dict[int, int]]:
        header_row = self.find_header()
        focus_col, activity_col = self.key_columns(header_row)
        year_row = self.year_row(header_row, (focus_col, activity_col))
        years = self.year_columns(year_row, (focus_col, activity_col))
        # "Finansiering (1.000 kr.)" over the years, or the unit on a year's own header
        group = [unit_scale(_text(v)) for r in range(header_row, year_row) for v in self.rows[r]]
        table_scale = next((u for u in group if u is not None), 1)
        self.scales = {
            c: unit_scale(_text(self.cell(year_row, c))[4:]) or table_scale for c in years
        }

        cells: list[tuple[BudgetCell, str]] = []
        frame: dict[int, int] = {}
        footnotes: dict[str, str] = {}
        seen: dict[tuple[int | None, str], int] = {}
        table_ended = False
        for r in range(year_row + 1, len(self.rows)):
            row = self.rows[r]
            texts = [_text(v) for v in row]
            if not any(texts):
                continue
            first = next(t for t in texts if t)
            no_figures = all(_blank(self.cell(r, c)) for c in years)
            mark = _MARKS.match(first)
            if mark and no_figures:
                footnotes[mark.group()] = first[mark.end() :].strip()
                table_ended = True
                continue
            if table_ended:
                # Notes below the table are fine; figures there would be silently lost.
                if not no_figures:
                    raise self.error("figures below the end of the table ('I alt' row)", r)
                continue
            label = _norm(_text(self.cell(r, focus_col)) if focus_col is not None else "")
            label = label or _norm(_text(self.cell(r, activity_col)))
            if label in _TOTAL_LABELS or label.startswith("ialt"):
                for col, year in years.items():
                    amount, _, _ = self.amount(r, col)
                    if amount is not None:
                        frame[year] = amount
                table_ended = True
                continue
            cells.extend(self.data_row(r, focus_col, activity_col, years, seen))

        if not cells:
            raise self.error("there are no activity rows below the header", year_row)
        for cell, marks in cells:
            if marks:
                cell.footnote = footnotes.get(marks) or marks
        return [cell for cell, _ in cells], frame

    def find_header(self) -> int:
        """The first row naming the activity or focus-area column; title rows above are skipped."""
        first_filled = None
        for r, row in enumerate(self.rows):
            keys = {_norm(_text(v)) for v in row}
            if keys & (_ACTIVITY_HEADERS | _FOCUS_HEADERS):
                return r
            if first_filled is None and any(keys):
                first_filled = r
        if first_filled is None:
            raise self.error("the sheet is empty")
        raise self.error("no 'Aktivitet' column in the header row", first_filled)

    def key_columns(self, r: int) -> tuple[int | None, int]:
        focus_col = activity_col = None
        for col, value in enumerate(self.rows[r]):
            key = _norm(_text(value))
            if key in _FOCUS_HEADERS and focus_col is None:
                focus_col = col
                self.headers[col] = _text(value)
            elif key in _ACTIVITY_HEADERS and activity_col is None:
                activity_col = col
                self.headers[col] = _text(value)
        if activity_col is None:
            raise self.error("no 'Aktivitet' column in the header row", r)
        return focus_col, activity_col

    def year_row(self, r: int, key_cols: tuple[int | None, int]) -> int:
        """The header row, or the row below it when that holds the years under a group label."""
        width = max(len(self.rows[r]), len(self.rows[r + 1]) if r + 1 < len(self.rows) else 0)
        others = [c for c in range(width) if c not in key_cols]
        if any(_year(self.cell(r, c)) for c in others) or r + 1 >= len(self.rows):
            return r
        below_keys_empty = all(_blank(self.cell(r + 1, c)) for c in key_cols if c is not None)
        if below_keys_empty and any(_year(self.cell(r + 1, c)) for c in others):
            return r + 1
        return r

    def year_columns(self, r: int, key_cols: tuple[int | None, int]) -> dict[int, int]:
        years: dict[int, int] = {}
        for col, value in enumerate(self.rows[r]):
            if col in key_cols or _blank(value):
                continue
            self.headers[col] = _text(value)
            year = _year(value)
            if year is None:
                raise self.error(f"column header '{_text(value)}' is not a year", r, col)
            if year in years.values():
                raise self.error(f"the year {year} has two columns", r, col)
            years[col] = year
        if not years:
            raise self.error("no year columns (headers such as 2017 or '2018 (kr.)')", r)
        return years

    def data_row(self, r, focus_col, activity_col, years, seen) -> list[tuple[BudgetCell, str]]:
        for col, value in enumerate(self.rows[r]):
            if col not in years and col not in (focus_col, activity_col) and not _blank(value):
                raise self.error(f"'{_text(value)}' is in a column without a year header", r, col)
        focus = self.focus_area(r, focus_col) if focus_col is not None else None
        activity = _text(self.cell(r, activity_col))
        if not activity:
            raise self.error("the activity name is missing", r, activity_col)
        key = (focus, " ".join(activity.split()).casefold())
        if key in seen:
            raise self.error(
                f"the activity '{activity}' appears twice (first in row {seen[key] + 1})",
                r,
                activity_col,
            )
        seen[key] = r
        cells = []
        for col, year in years.items():
            amount, reason, marks = self.amount(r, col)
            where = f"{self.name}, række {r + 1}, kolonne {year}"
            cell = BudgetCell(focus, activity, year, amount, None, reason, where, r + 1)
            cells.append((cell, marks))
        return cells

    def focus_area(self, r: int, col: int) -> int | None:
        text = _text(self.cell(r, col))
        if text in _NO_AREA:
            return None
        match = re.fullmatch(r"(\d{1,2})\.?", text)
        if match is None:
            raise self.error(f"focus area '{text}' is not a number or '-'", r, col)
        return int(match.group(1))

    def amount(self, r: int, col: int) -> tuple[int | None, str | None, str]:
        """(amount, unknown reason, footnote marks) of one cell."""
        try:
            parsed = parse_amount(self.cell(r, col), self.scales.get(col, 1))
        except AmountError as exc:
            raise self.error(str(exc), r, col) from exc
        return parsed.value, parsed.reason, parsed.marks
