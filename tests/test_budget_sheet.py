"""The overview budget sheet parser: the 2017 table as .xlsx and .csv, encodings, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from data_loaders.amounts import EMPTY_REASON, UNDECIDED_REASON
from data_loaders.budget_sheet import parse_budget_file, parse_budget_file_with_frame
from data_loaders.errors import InputError

PLAN_2017 = (
    Path(__file__).resolve().parents[1]
    / "data_loaders"
    / "data"
    / "tryghedsplan-amager-partnerskab-2017.txt"
)

# The overview table of the 2017 plan, as its text gives it (two-row header).
PLAN_TABLE = [
    ["Indsats- område", "Aktivitet", "Finansiering (kr.)", "", "", ""],
    ["", "", "2017", "2018", "2019", "2020"],
    ["1", "Dialog, kommunikation og begivenheder", "235.000", "235.000 ¹", "235.000", "235.000"],
    ["2", "Bylivspuljen", "233.000", "?", "?", "?"],
    ["3", "Opsøgende familierådgiver", "330.000", "165.000 ²", "0", "0"],
    ["3", "Ungeengagement i læringsrum", "100.000", "0 ³", "0", "0"],
    ["3", "Lommepengejob", "10.000", "0 ⁴", "0", "0"],
    ["3", "Streetaktiviteter og gadeplan", "190.000 ⁵", "190.000", "?", "?"],
    ["3", "Ung i Job", "100.000", "50.000 ⁶", "0", "0"],
    ["3", "Skolefravær", "0 ⁷", "?", "?", "?"],
    ["3", "Utryghedsgruppe", "0 ⁸", "?", "?", "?"],
    ["-", "Mødefacilitering", "2.000", "?", "?", "?"],
    ["I alt", "", *["<u>1.200.000</u>"] * 4],
    [],
    ["¹ Det er en ambition at øge indsatsen ifm. øget byudviklingsaktivitet i området."],
    ["² Udgiften skal forankres i SOF løbende"],
    ["³ Udgiften søges forankret i SOF, evt. gennem funding"],
    ["⁴ TMF overtager udgiften fra 2018"],
    ["⁵ Efter en evaluering ultimo 2017, udarbejdes en plan for forankring"],
    ["⁶ Udgiften søges forankret i SOF gradvist"],
    ["⁷ Aktiviteten opbygges i 2017 og kan få midler på sigt"],
    ["⁸ Aktiviteten opbygges i 2017 og kan få midler på sigt"],
]


def write_xlsx(path, rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path, rows, delimiter=";", encoding="utf-8", bom=b""):
    text = "\r\n".join(delimiter.join(str(v) for v in row) for row in rows) + "\r\n"
    path.write_bytes(bom + text.encode(encoding))
    return path


def by_key(cells):
    return {(c.activity, c.year): c for c in cells}


def simple_table(*data_rows, header=("Indsatsområde", "Aktivitet", "2017", "2018")):
    return [list(header), *[list(r) for r in data_rows]]


@pytest.mark.parametrize("writer, name", [(write_xlsx, "budget.xlsx"), (write_csv, "budget.csv")])
def test_plan_table_gives_40_cells_14_undecided_and_the_frame(tmp_path, writer, name):
    cells, frame = parse_budget_file_with_frame(writer(tmp_path / name, PLAN_TABLE))

    assert len(cells) == 40
    undecided = [c for c in cells if c.amount is None]
    assert len(undecided) == 14
    assert {c.unknown_reason for c in undecided} == {UNDECIDED_REASON}
    assert sum(c.amount for c in cells if c.year == 2017) == 1_200_000
    assert frame == {2017: 1_200_000, 2018: 1_200_000, 2019: 1_200_000, 2020: 1_200_000}
    assert "I alt" not in {c.activity for c in cells}

    cell = by_key(cells)
    assert cell["Lommepengejob", 2018].amount == 0
    assert cell["Lommepengejob", 2018].footnote == "TMF overtager udgiften fra 2018"
    assert cell["Streetaktiviteter og gadeplan", 2017].amount == 190_000
    assert cell["Streetaktiviteter og gadeplan", 2017].footnote.startswith("Efter en evaluering")
    assert cell["Streetaktiviteter og gadeplan", 2018].footnote is None
    assert cell["Mødefacilitering", 2017].focus_area is None
    assert cell["Skolefravær", 2017].focus_area == 3
    dialog = cell["Dialog, kommunikation og begivenheder", 2018]
    assert (dialog.focus_area, dialog.amount) == (1, 235_000)
    assert dialog.footnote.startswith("Det er en ambition")
    assert dialog.source_location == f"{name}, række 3, kolonne 2018"
    assert len([c for c in cells if c.footnote]) == 8


def test_parse_budget_file_returns_the_cells_without_the_frame(tmp_path):
    path = write_xlsx(tmp_path / "budget.xlsx", PLAN_TABLE)
    assert parse_budget_file(path) == parse_budget_file_with_frame(path)[0]


def test_xlsx_numeric_cells_and_single_row_header(tmp_path):
    rows = [
        ["Oversigt 2017"],  # a title row above the header is skipped
        ["Focus area", "Aktivitet", 2017, "2018 (kr.)", "2019/kr."],
        [1, "Dialog", 235000, 235000.0, None],
        [None, "Mødefacilitering", 2000, "?", "1 200 000"],
        ["Total", None, 237000, 235000, "?"],
    ]
    cells, frame = parse_budget_file_with_frame(write_xlsx(tmp_path / "budget.xlsx", rows))

    cell = by_key(cells)
    assert cell["Dialog", 2017].focus_area == 1
    assert cell["Dialog", 2018].amount == 235_000
    assert (cell["Dialog", 2019].amount, cell["Dialog", 2019].unknown_reason) == (
        None,
        EMPTY_REASON,
    )
    assert cell["Mødefacilitering", 2017].focus_area is None
    assert cell["Mødefacilitering", 2019].amount == 1_200_000
    assert cell["Mødefacilitering", 2019].source_location == "budget.xlsx, række 4, kolonne 2019"
    assert frame == {2017: 237_000, 2018: 235_000}


@pytest.mark.parametrize(
    "text, amount, footnote",
    [
        ("235.000", 235_000, None),
        ("235.000 kr.", 235_000, None),
        ("1.200.000", 1_200_000, None),
        ("1 200 000", 1_200_000, None),
        ("1\u00a0200\u00a0000", 1_200_000, None),
        ("0", 0, None),
        ("<u>1.200.000</u>", 1_200_000, None),
        ("235.000,-", 235_000, None),
        ("190.000 ⁵", 190_000, "⁵"),  # a mark without footnote text keeps the mark
        ("0⁷", 0, "⁷"),
    ],
)
def test_danish_amount_formats(tmp_path, text, amount, footnote):
    path = write_csv(tmp_path / "b.csv", simple_table(["1", "Dialog", text, "?"]))
    cell = parse_budget_file(path)[0]
    assert (cell.amount, cell.footnote, cell.unknown_reason) == (amount, footnote, None)


@pytest.mark.parametrize("header", ["Indsatsområde", "Indsats- område", "indsatsomraade"])
def test_focus_area_header_variants(tmp_path, header):
    rows = simple_table(
        ["3", "Ung i Job", "100.000", "50.000"], header=(header, "Aktivitet", 2017, 2018)
    )
    cells = parse_budget_file(write_csv(tmp_path / "b.csv", rows))
    assert [(c.focus_area, c.year, c.amount) for c in cells] == [
        (3, 2017, 100_000),
        (3, 2018, 50_000),
    ]


def test_cp1252_csv_with_danish_letters(tmp_path):
    rows = simple_table(
        ["3", "Opsøgende familierådgiver", "330.000", "165.000 ²"],
        ["3", "Skolefravær", "0", "?"],
        [],
        ["² Udgiften skal forankres i SOF løbende"],
    )
    path = write_csv(tmp_path / "b.csv", rows, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # the fixture really is not UTF-8

    cell = by_key(parse_budget_file(path))
    assert cell["Opsøgende familierådgiver", 2018].amount == 165_000
    assert (
        cell["Opsøgende familierådgiver", 2018].footnote == "Udgiften skal forankres i SOF løbende"
    )
    assert cell["Skolefravær", 2018].unknown_reason == UNDECIDED_REASON


def test_utf8_with_bom(tmp_path):
    # A year header first: a BOM left in the text would make "2017" unreadable.
    rows = [["2017", "2018", "Aktivitet"], ["0", "?", "Skolefravær"]]
    path = write_csv(tmp_path / "b.csv", rows, bom=b"\xef\xbb\xbf")
    cells = parse_budget_file(path)
    assert [(c.focus_area, c.activity, c.year, c.amount) for c in cells] == [
        (None, "Skolefravær", 2017, 0),
        (None, "Skolefravær", 2018, None),
    ]


def test_comma_separated_with_quoted_amounts(tmp_path):
    text = (
        "Indsatsområde,Aktivitet,2017,2018\n"
        '1,"Dialog, kommunikation og begivenheder","235.000","235.000 ¹"\n'
        '-, Mødefacilitering ,"2.000",?\n'
        'I alt,,"237.000","1.200.000"\n'
    )
    path = tmp_path / "b.csv"
    path.write_text(text, encoding="utf-8")
    cells, frame = parse_budget_file_with_frame(path)
    assert [(c.focus_area, c.activity, c.year, c.amount, c.footnote) for c in cells] == [
        (1, "Dialog, kommunikation og begivenheder", 2017, 235_000, None),
        (1, "Dialog, kommunikation og begivenheder", 2018, 235_000, "¹"),
        (None, "Mødefacilitering", 2017, 2_000, None),
        (None, "Mødefacilitering", 2018, None, None),
    ]
    assert frame == {2017: 237_000, 2018: 1_200_000}


def test_tab_separated(tmp_path):
    rows = simple_table(["2", "Bylivspuljen", "233.000", "?"])
    cells = parse_budget_file(write_csv(tmp_path / "b.csv", rows, delimiter="\t"))
    assert [c.amount for c in cells] == [233_000, None]


# --- errors ---------------------------------------------------------------------------------


def raises(path) -> InputError:
    with pytest.raises(InputError) as info:
        parse_budget_file(path)
    err = info.value
    assert err.file == str(path)
    assert path.name in str(err)
    return err


@pytest.mark.parametrize(
    "text, words",
    [
        ("abc", "not an amount"),
        ("12,5", "decimals"),
        ("12,5 kr", "decimals"),
        ("-235.000", "negative"),
    ],
)
def test_bad_amount_text_names_row_and_column(tmp_path, text, words):
    rows = simple_table(["1", "Dialog", "235.000", "235.000"], ["2", "Bylivspuljen", "1.000", text])
    err = raises(write_csv(tmp_path / "b.csv", rows))
    assert (err.row, err.column) == (3, "D (2018)")
    assert words in err.message and text in err.message


@pytest.mark.parametrize("value, words", [(-5, "negative"), (12.5, "decimals")])
def test_bad_numeric_xlsx_cell(tmp_path, value, words):
    rows = [["Indsatsområde", "Aktivitet", "2017/kr."], [1, "Dialog", value]]
    err = raises(write_xlsx(tmp_path / "b.xlsx", rows))
    assert (err.row, err.column) == (2, "C (2017/kr.)")
    assert words in err.message


@pytest.mark.parametrize("header", ["20X8", "Beløb"])
def test_year_header_that_is_not_a_year(tmp_path, header):
    rows = simple_table(
        ["1", "Dialog", "1", "2"], header=("Indsatsområde", "Aktivitet", "2017", header)
    )
    err = raises(write_csv(tmp_path / "b.csv", rows))
    assert (err.row, err.column) == (1, f"D ({header})")
    assert "not a year" in err.message


def test_bad_year_in_two_row_header(tmp_path):
    rows = [list(PLAN_TABLE[0]), ["", "", "2017", "20X8"], *PLAN_TABLE[2:4]]
    err = raises(write_xlsx(tmp_path / "b.xlsx", rows))
    assert (err.row, err.column) == (2, "D (20X8)")


def test_missing_activity_column(tmp_path):
    rows = simple_table(["1", "Dialog", "1", "2"], header=("Indsatsområde", "Navn", "2017", "2018"))
    err = raises(write_csv(tmp_path / "b.csv", rows))
    assert err.row == 1 and "Aktivitet" in err.message


def test_no_year_columns(tmp_path):
    err = raises(write_csv(tmp_path / "b.csv", [["Indsatsområde", "Aktivitet"], ["1", "Dialog"]]))
    assert err.row == 1 and "no year columns" in err.message


def test_duplicate_activity_row(tmp_path):
    rows = simple_table(
        ["3", "Ung i Job", "1", "2"], ["1", "Ung i Job", "1", "2"], ["3", "ung i  job", "3", "4"]
    )
    err = raises(write_csv(tmp_path / "b.csv", rows))
    assert (err.row, err.column) == (4, "B (Aktivitet)")
    assert "twice" in err.message and "row 2" in err.message


@pytest.mark.parametrize(
    "rows", [[PLAN_TABLE[0], PLAN_TABLE[1]], [*PLAN_TABLE[:2], PLAN_TABLE[12]]]
)
def test_header_only(tmp_path, rows):
    err = raises(write_xlsx(tmp_path / "b.xlsx", rows))
    assert err.row == 2 and "no activity rows" in err.message


def test_bad_focus_area(tmp_path):
    err = raises(write_csv(tmp_path / "b.csv", simple_table(["Tryghed", "Dialog", "1", "2"])))
    assert (err.row, err.column) == (2, "A (Indsatsområde)")


def test_figures_below_the_total_row(tmp_path):
    rows = [*PLAN_TABLE[:13], ["3", "Glemt aktivitet", "5.000", "0", "0", "0"]]
    err = raises(write_xlsx(tmp_path / "b.xlsx", rows))
    assert err.row == 14 and "below the end" in err.message


def test_value_in_a_column_without_header(tmp_path):
    rows = simple_table(["1", "Dialog", "1", "2", "note"])
    err = raises(write_csv(tmp_path / "b.csv", rows))
    assert (err.row, err.column) == (2, "E")


def test_truncated_xlsx(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", PLAN_TABLE).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert "not a readable .xlsx" in raises(path).message


def test_text_file_named_xlsx(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("Indsatsområde;Aktivitet;2017\n1;Dialog;1\n", encoding="utf-8")
    assert "not a readable .xlsx" in raises(path).message


def test_too_many_rows(tmp_path):
    rows = [["Indsatsområde", "Aktivitet", 2017]] + [[1, f"A{i}", i] for i in range(10_000)]
    err = raises(write_xlsx(tmp_path / "big.xlsx", rows))
    assert err.row == 10_001 and "10,000 rows" in err.message


def test_too_many_columns(tmp_path):
    rows = [["Indsatsområde", "Aktivitet", *range(1900, 1999)], [1, "Dialog"]]
    err = raises(write_xlsx(tmp_path / "wide.xlsx", rows))
    assert (err.row, err.column) == (1, "CW")
    assert "100 columns" in err.message


def test_other_extension_is_refused(tmp_path):
    path = write_csv(tmp_path / "budget.xls", PLAN_TABLE)
    assert "unsupported file type" in raises(path).message


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "b.csv"
    path.write_bytes(b"")
    assert "empty" in raises(path).message


def test_the_plan_text_table_as_tab_separated_csv(tmp_path):
    """The table exactly as the shared 2017 plan text has it (tabs, blank lines, footnotes)."""
    lines = PLAN_2017.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Indsats- område\t"))
    end = next(i for i, line in enumerate(lines) if line.startswith("⁸ "))
    path = tmp_path / "plan.csv"
    path.write_text("\n".join(lines[start : end + 1]) + "\n", encoding="utf-8")

    cells, frame = parse_budget_file_with_frame(path)
    assert (len(cells), len([c for c in cells if c.amount is None])) == (40, 14)
    assert set(frame.values()) == {1_200_000}
    assert by_key(cells)["Ung i Job", 2018].footnote == "Udgiften søges forankret i SOF gradvist"
