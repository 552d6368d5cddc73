"""Indicator files as users bring them: the catalogue's own names, title lines above the
header, StatBank web exports, categories outside the catalogue from the table's metadata,
indicators added from the command line, and no figure stored twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import func, select

from dashboard.cli import main
from dashboard.model import Area, Indicator, Measurement
from tests.conftest import dump

FIXTURES = Path(__file__).parent / "fixtures" / "indicators"
WEB_EXPORT = FIXTURES / "statbank" / "straf11_web_export.csv"
NEW_CATEGORY = FIXTURES / "dst" / "straf11_bulk_new_category.txt"
TABLEINFO = FIXTURES / "dst" / "straf11_tableinfo.json"
PARTNERSHIP = "Partnerskabsområdet (Urbanplanen og Hørgården)"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _figures(session, code: str, area: str | None = None) -> list[tuple]:
    query = (
        select(Measurement.period, Measurement.value, Measurement.source)
        .join(Indicator)
        .join(Area)
        .where(Indicator.code == code)
        .order_by(Measurement.period, Measurement.source)
    )
    if area is not None:
        query = query.where(Area.name == area)
    return [tuple(r) for r in session.execute(query)]


def test_a_wide_sheet_naming_indicators_by_their_catalogue_names(
    loaded_db, cli_env, session, tmp_path
):
    path = tmp_path / "tryghed.csv"
    path.write_text(
        f"Indikator;Område;2014;2021\nAndel utrygge i eget nabolag;{PARTNERSHIP};16,0 %;34,0 %\n",
        encoding="utf-8",
    )
    before = _figures(session, "utrygge_i_nabolaget", PARTNERSHIP)
    assert [f[:2] for f in before if f[0] == "2014"] == [("2014", 16.0)]
    result = run("load", "indicators", str(path))
    assert result.exit_code == 0, result.stderr
    session.expire_all()
    figures = _figures(session, "utrygge_i_nabolaget", PARTNERSHIP)
    assert figures == sorted([*before, ("2021", 34.0, "fil: tryghed.csv")])  # 2014 held once


def test_the_header_is_found_below_title_lines(loaded_db, cli_env, session, tmp_path):
    path = tmp_path / "med-titel.csv"
    path.write_text(
        "Tryghedstal for partnerskabet\nUdtræk 1. marts 2022\n\n"
        f"indicator;area;year;value\nutrygge_i_nabolaget;{PARTNERSHIP};2022;14\n",
        encoding="utf-8",
    )
    result = run("load", "indicators", str(path))
    assert result.exit_code == 0, result.stderr
    assert ("2022", 14.0, "fil: med-titel.csv") in _figures(session, "utrygge_i_nabolaget")


def _web_export_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["STRAF11: Anmeldte forbrydelser efter område, overtrædelsens art og tid"])
    sheet.append(["Enhed: Antal"])
    sheet.append([])
    sheet.append(["OMRÅDE", "OVERTRÆD", "TID", "INDHOLD"])
    sheet.append(["København", "Overtrædelser i alt", "2019K2", 21034])
    sheet.append(["København", "Overtrædelser i alt", "2019K4", ".."])
    sheet.append(["København", "Voldsforbrydelser i alt", "2019K2", 1043])
    book.save(path)
    return path


def test_a_statbank_web_export_loads_with_load_indicators(cli_env, session, tmp_path):
    result = run("load", "indicators", str(WEB_EXPORT))
    assert result.exit_code == 0, result.stderr
    source = "https://www.statistikbanken.dk/STRAF11"
    assert _figures(session, "dst_anmeldte_i_alt") == [
        ("2019Q2", 21034.0, source),
        ("2019Q3", 22517.0, source),
    ]
    assert _figures(session, "dst_anmeldte_vold") == [("2019Q2", 1043.0, source)]
    # the same figures from the API (or its export as .xlsx) are the same figures
    xlsx = _web_export_xlsx(tmp_path / "straf11.xlsx")
    again = run("load", "dst", "--table", "STRAF11", "--from-file", str(xlsx))
    assert again.exit_code == 0 and "unchanged" in again.stdout
    session.expire_all()
    assert len(_figures(session, "dst_anmeldte_i_alt")) == 2


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_statbank_web_export_loads_with_load_dst(cli_env, session, tmp_path, kind):
    path = WEB_EXPORT if kind == "csv" else _web_export_xlsx(tmp_path / "straf11.xlsx")
    result = run("load", "dst", "--table", "STRAF11", "--from-file", str(path))
    assert result.exit_code == 0, result.stderr
    assert ("2019Q2", 21034.0, "https://www.statistikbanken.dk/STRAF11") in _figures(
        session, "dst_anmeldte_i_alt"
    )


def test_a_category_outside_the_catalogue_becomes_an_indicator_from_the_metadata(cli_env, session):
    result = run(
        "load",
        "dst",
        "--table",
        "STRAF11",
        "--from-file",
        str(NEW_CATEGORY),
        "--tableinfo",
        str(TABLEINFO),
    )
    assert result.exit_code == 0, result.stderr
    assert "New indicator 'dst_straf11_1310' (Indbrud i beboelser)" in result.stderr
    new = session.scalars(select(Indicator).where(Indicator.code == "dst_straf11_1310")).one()
    assert new.name == "Indbrud i beboelser (Danmarks Statistik, STRAF11)"
    assert (new.unit, new.dst_table, new.dst_code, new.dst_label) == (
        "antal",
        "STRAF11",
        "1310",
        "Indbrud i beboelser",
    )
    assert new.source == "https://www.statistikbanken.dk/STRAF11"
    assert "Anmeldte forbrydelser" in new.definition
    assert [f[:2] for f in _figures(session, "dst_straf11_1310")] == [
        ("2019Q2", 812.0),
        ("2019Q3", 790.0),
    ]
    loads = json.loads(run("loads", "--format", "json").stdout)
    assert any("dst_straf11_1310" in w for w in loads[0]["warnings"])


def test_without_metadata_a_new_category_refuses_and_writes_nothing(cli_env, db_url):
    run("init")
    before = dump(db_url)
    result = run(
        "load",
        "dst",
        "--table",
        "STRAF11",
        "--from-file",
        str(NEW_CATEGORY),
        "--base-url",
        "http://127.0.0.1:9/v1",
    )
    assert result.exit_code == 1
    assert "--tableinfo" in result.stderr
    assert dump(db_url) == before


def test_an_unknown_area_still_refuses_with_a_clear_message(cli_env, db_url, tmp_path):
    run("init")
    path = tmp_path / "omraade.txt"
    path.write_text(
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\nAtlantis;Overtrædelser i alt;2019K2;5\n", encoding="utf-8"
    )
    before = dump(db_url)
    result = run(
        "load", "dst", "--table", "STRAF11", "--from-file", str(path), "--tableinfo", str(TABLEINFO)
    )
    assert result.exit_code == 1
    assert "unknown area 'Atlantis (STRAF11)'" in result.stderr and "row 2" in result.stderr
    assert dump(db_url) == before


def test_indicators_add_puts_one_in_the_catalogue_for_files_to_name(cli_env, session, tmp_path):
    result = run(
        "indicators", "add", "nattevandringer", "--name", "Antal nattevandringer",
        "--unit", "antal", "--kind", "output", "--min", "0", "--whole-number",
        "--source", "SSP København",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "vandringer.csv"
    path.write_text("indikator;område;år;værdi\nAntal nattevandringer;København;2016;48\n", "utf-8")
    assert run("load", "indicators", str(path)).exit_code == 0
    assert [f[:2] for f in _figures(session, "nattevandringer")] == [("2016", 48.0)]
    # Not said to count things: its counts below 5 are published as those of persons.
    assert session.scalar(
        select(Indicator.counts_people).where(Indicator.code == "nattevandringer")
    )
    things = run("indicators", "add", "holdte_vandringer", "--name", "Holdte nattevandringer",
                 "--unit", "antal", "--counts-things")  # fmt: skip
    assert things.exit_code == 0, things.stderr
    session.expire_all()
    held = select(Indicator.counts_people).where(Indicator.code == "holdte_vandringer")
    assert session.scalar(held) is False
    again = run("indicators", "add", "nattevandringer", "--name", "Andet", "--unit", "antal")
    assert again.exit_code == 1 and "already has 'nattevandringer'" in again.stderr
    count = session.scalar(select(func.count()).select_from(Indicator))
    assert run("init").exit_code == 0  # the bundled catalogue does not remove it
    assert session.scalar(select(func.count()).select_from(Indicator)) == count


def test_an_unknown_indicator_names_the_command_that_adds_one(cli_env, db_url, tmp_path):
    run("init")
    path = tmp_path / "ukendt.csv"
    path.write_text("indicator;area;year;value\nbrande;København;2016;3\n", encoding="utf-8")
    before = dump(db_url)
    result = run("load", "indicators", str(path))
    assert result.exit_code == 1 and "tryghed indicators add" in result.stderr
    assert "row 2" in result.stderr
    assert dump(db_url) == before
