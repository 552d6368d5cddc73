"""The bad-input corpus: every file gets a clear error (exit code 1, file/row/column named)
and leaves the database exactly as it was."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from dashboard.cli import main
from data_loaders.load_indicators import load_default_indicators
from tests.indicator_helpers import measurement_dump, table_counts

BAD = Path(__file__).parent / "fixtures" / "indicators" / "bad"
DST = Path(__file__).parent / "fixtures" / "indicators" / "dst"
HEADER = "indicator;area;year;value;unit;source_url;note\n"

FILE_CASES = {
    "wrong_delimiter.csv": "missing column(s) indicator, area",
    "unknown_indicator.csv": "unknown indicator 'utrygge_om_natten' (first in row 2)",
    "unknown_area.csv": "unknown area 'Sundholm' (first in row 2)",
    "text_in_value.csv": "row 2, column value: 'tolv' is not a number",
    "nan_value.csv": "'nan' is not a number",
    "duplicate_key.csv": "appears twice: rows 2 and 3",
    "duplicate_key_via_area_alias.csv": "appears twice: rows 2 and 3",
    "percentage_above_100.csv": "112 is above the highest possible value, 100 (utrygge_i_nabolaget",
    "negative_count.csv": "-3 is below the lowest possible value, 0",
    "count_not_whole.csv": "2.5 is not a whole number",
    "empty.csv": "the file is empty",
    "header_only.csv": "header but no data rows",
    "bad_period.csv": "row 2, column year: '2O19' is not a period",
    "unit_mismatch.csv": "unit 'antal' does not fit indicator 'utrygge_i_nabolaget'",
    "missing_value_column.csv": "missing column 'value'",
    "wide_unknown_column.csv": "column Total: the column is neither",
    "too_many_cells.csv": "row 2: the row has 8 cells but the header only 7",
    "binary.csv": "binary file",
    "old_excel.xls": "cannot read .xls",
    "unterminated_quote.csv": "row 3: the line cannot be read as CSV",
}


def _merged_header_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["indikator", "område", "Tryghedsundersøgelsen", None])
    sheet.append([None, None, 2019, 2020])
    sheet.merge_cells("C1:D1")
    sheet.append(["utrygge_i_nabolaget", "Urbanplanen", 13, 15])
    workbook.save(path)


def _truncated_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["indikator", "område", 2019])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


def _absurdly_long_line(path: Path) -> None:
    path.write_text(HEADER + "utrygge_i_nabolaget;Urbanplanen;2019;12;pct;" + "x" * 300_000 + ";\n")


def _absurdly_long_area(path: Path) -> None:
    path.write_text(HEADER + f"utrygge_i_nabolaget;{'Urbanplanen ' * 500};2019;12;pct;s;\n")


GENERATED_CASES = {
    "merged_header.xlsx": (_merged_header_xlsx, "the header has merged cells (C1:D1)"),
    "truncated.xlsx": (_truncated_xlsx, "not a readable .xlsx file (damaged or truncated?)"),
    "long_line.csv": (_absurdly_long_line, "field larger than field limit"),
    "long_area.csv": (_absurdly_long_area, "column area: the text is 5,999 characters long"),
}

DST_CASES = {
    "straf11_jsonstat_size_mismatch.json": (
        "jsonstat",
        "the sizes [1, 2, 1, 2] make 4 values but the answer has 3",
    ),
    "error_notfound.json": ("bulk", "error answer from Statistics Denmark: Can't find value"),
    "error_format.json": ("jsonstat", "Format not found or not valid. (REQUEST-MISSING)"),
}


@pytest.fixture
def loaded_db(db_url, cli_env):
    """A database with the default figures, so 'unchanged' means something."""
    load_default_indicators(db_url)
    return db_url


def _fingerprint(url: str):
    return table_counts(url), measurement_dump(url)


def _assert_refused(url: str, args: list[str], message: str) -> None:
    before = _fingerprint(url)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert "Error: " in result.stderr
    assert _fingerprint(url) == before


def test_the_corpus_has_at_least_fifteen_files():
    assert len(FILE_CASES) + len(GENERATED_CASES) + len(DST_CASES) + 2 >= 15
    assert {p.name for p in BAD.iterdir()} == set(FILE_CASES)


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_bad_file_is_refused_and_changes_nothing(loaded_db, name):
    _assert_refused(loaded_db, ["load", "indicators", str(BAD / name)], FILE_CASES[name])


@pytest.mark.parametrize("name", sorted(GENERATED_CASES))
def test_bad_generated_file_is_refused_and_changes_nothing(loaded_db, tmp_path, name):
    build, message = GENERATED_CASES[name]
    path = tmp_path / name
    build(path)
    _assert_refused(loaded_db, ["load", "indicators", str(path)], message)


@pytest.mark.parametrize("name", sorted(DST_CASES))
def test_bad_statbank_answer_is_refused_and_changes_nothing(loaded_db, name):
    fmt, message = DST_CASES[name]
    args = ["load", "dst", "--table", "STRAF11", "--format", fmt, "--from-file", str(DST / name)]
    _assert_refused(loaded_db, args, message)


def test_bulk_answer_with_an_unknown_municipality_is_reported(loaded_db, tmp_path):
    path = tmp_path / "straf11_taarnby.txt"
    path.write_text("OMRÅDE;OVERTRÆD;TID;INDHOLD\nTårnby;Overtrædelser i alt;2019K3;812\n")
    args = ["load", "dst", "--table", "STRAF11", "--from-file", str(path)]
    _assert_refused(loaded_db, args, "unknown area 'Tårnby (STRAF11)'")


def test_bulk_answer_without_its_header_is_refused(loaded_db, tmp_path):
    path = tmp_path / "straf11_noheader.txt"
    path.write_text("København;Overtrædelser i alt;2019K3;22517\n")
    args = ["load", "dst", "--table", "STRAF11", "--from-file", str(path)]
    _assert_refused(loaded_db, args, "a BULK answer needs the columns OMRÅDE, TID and INDHOLD")


def test_a_failure_half_way_rolls_back_what_was_written(loaded_db, tmp_path):
    # the first indicator's figures are valid and would be written before the second fails:
    # the range check runs before any write, so neither is kept
    path = tmp_path / "half.csv"
    path.write_text(
        HEADER
        + "utrygge_i_nabolaget;Urbanplanen;2019;12;pct;s;\n"
        + "tryghedsvandringer;Urbanplanen;2019;-1;antal;s;\n"
    )
    _assert_refused(
        loaded_db, ["load", "indicators", str(path)], "-1 is below the lowest possible value, 0"
    )
