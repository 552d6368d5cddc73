"""Reading indicator files: layouts, delimiters, decimals, encodings, periods, .xlsx."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from data_loaders.errors import InputError
from data_loaders.indicator_file import parse_indicator_file
from data_loaders.periods import PeriodError, parse_period

FIXTURES = Path(__file__).parent / "fixtures" / "indicators"
BUNDLED = Path(__file__).resolve().parents[1] / "data_loaders" / "data"


def _figures(name: str):
    return [
        (r.indicator, r.area, r.period, r.value) for r in parse_indicator_file(FIXTURES / name).rows
    ]


@pytest.mark.parametrize(
    ("text", "code", "kind", "start"),
    [
        ("2019", "2019", "year", "2019-01-01"),
        ("2019K3", "2019Q3", "quarter", "2019-07-01"),
        ("2019 Q3", "2019Q3", "quarter", "2019-07-01"),
        ("2014/15", "2014/15", "school_year", "2014-08-01"),
        ("2014/2015", "2014/15", "school_year", "2014-08-01"),
        ("1999/00", "1999/00", "school_year", "1999-08-01"),
    ],
)
def test_periods_are_made_canonical(text, code, kind, start):
    period = parse_period(text)
    assert (period.code, period.kind, period.start.isoformat()) == (code, kind, start)


@pytest.mark.parametrize("text", ["2019K5", "2014/16", "1850", "2O19", "2010-2012", ""])
def test_periods_we_do_not_understand_are_refused(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_the_bundled_reference_file_reads_as_75_long_rows():
    parsed = parse_indicator_file(BUNDLED / "reference_figures.csv")
    assert parsed.layout == "long"
    assert len(parsed.rows) == 75
    assert len({r.indicator for r in parsed.rows}) == 12
    school = [r for r in parsed.rows if r.indicator == "elevfravaer"]
    assert [r.period for r in school] == ["2014/15", "2015/16", "2022/23"]


def test_semicolons_with_decimal_comma_and_thousands_points():
    assert _figures("good_long_semicolon_decimal_comma.csv") == [
        ("utrygge_i_nabolaget", "Urbanplanen", "2019", 12.5),
        ("tryghedsvandringer", "Partnerskabsområdet", "2018", 4.0),
        ("elevfravaer", "Københavns Kommune", "2016/17", 7.1),
        # the file writes decimals with commas, so the point in 1.899 separates thousands
        ("borgervendt_krim_anmeldelser", "Amager Vest", "2019", 1899.0),
    ]


def test_commas_with_quoted_cells_and_danish_headers():
    rows = parse_indicator_file(FIXTURES / "good_long_comma_english_headers.csv").rows
    assert [(r.period, r.value, r.note) for r in rows] == [
        ("2019", 12.5, ""),
        ("2019Q3", 3.0, 'med "citat"'),
    ]


def test_wide_police_table_skips_missing_marks():
    parsed = parse_indicator_file(FIXTURES / "good_wide_police_table.csv")
    assert parsed.layout == "wide"
    assert [(r.indicator, r.period, r.value) for r in parsed.rows] == [
        ("borgervendt_krim_pr1000", "2014", 39.3),
        ("borgervendt_krim_pr1000", "2016", 22.2),
        ("sigtelser_10_14aar", "2014", 290.0),
        ("sigtelser_10_14aar", "2015", 301.0),
    ]
    assert parsed.rows[0].source == "https://example.org/politi"


@pytest.mark.parametrize("name", ["good_cp1252.csv", "good_utf8_bom.csv"])
def test_windows_and_bom_encodings_read_the_same(name):
    assert _figures(name) == [("utrygge_aften_nat", "Amager Øst", "2020", 17.0)]


def test_a_missing_source_column_names_the_file(tmp_path):
    path = tmp_path / "kk.csv"
    path.write_text("indikator;område;år;værdi\nutrygge_i_nabolaget;Urbanplanen;2019;12\n")
    assert parse_indicator_file(path).rows[0].source == "fil: kk.csv"


def test_xlsx_wide_with_numeric_year_headers(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Indikator", "Område", "Kilde", 2019, 2020])
    sheet.append(["utrygge_i_nabolaget", "Urbanplanen", "https://example.org/x", 13, 15.5])
    sheet.append(["utrygge_aften_nat", "Urbanplanen", "https://example.org/x", None, "29,5"])
    path = tmp_path / "wide.xlsx"
    workbook.save(path)
    rows = parse_indicator_file(path).rows
    assert [(r.indicator, r.period, r.value) for r in rows] == [
        ("utrygge_i_nabolaget", "2019", 13.0),
        ("utrygge_i_nabolaget", "2020", 15.5),
        ("utrygge_aften_nat", "2020", 29.5),
    ]


def test_errors_name_file_row_and_column():
    with pytest.raises(InputError) as caught:
        parse_indicator_file(FIXTURES / "bad" / "text_in_value.csv")
    assert (caught.value.row, caught.value.column) == (2, "value")
    assert "text_in_value.csv, row 2, column value: 'tolv' is not a number" in str(caught.value)
