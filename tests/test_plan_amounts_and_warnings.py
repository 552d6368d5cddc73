"""Amounts in their unit, year columns against "I alt", the plan year, and warnings shown:
printed on load, refused with --strict, kept in the load log and listed by `tryghed loads`."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from data_loaders.errors import InputError
from data_loaders.plan.document import parse_plan_file
from tests.conftest import PLAN_2017, dump
from tests.word_plans import write_word_plan

TEXT_2017 = PLAN_2017.read_text(encoding="utf-8")
TABLE_HEADER = "Indsats- område\tAktivitet\tFinansiering (kr.)"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _write(tmp_path, text, name="plan.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _overview_in(unit: str, divide: str) -> str:
    """The 2017 plan with its overview table written in ``unit`` ("1.000 kr.")."""
    start = TEXT_2017.index(TABLE_HEADER)
    end = TEXT_2017.index("\n\n", start)
    header, body = TEXT_2017[start:end].split("\n", 1)
    body = re.sub(rf"(\d{{1,3}}(?:\.\d{{3}})*){re.escape(divide)}\b", r"\1", body)
    header = header.replace("Finansiering (kr.)", f"Finansiering ({unit})")
    return TEXT_2017[:start] + header + "\n" + body + TEXT_2017[end:]


@pytest.fixture(scope="module")
def plan_2017():
    return parse_plan_file(PLAN_2017)


def test_a_table_in_thousands_is_read_in_kroner(tmp_path, plan_2017):
    text = _overview_in("1.000 kr.", ".000")
    assert "\tDialog, kommunikation og begivenheder\t235\t235 ¹" in text
    plan = parse_plan_file(_write(tmp_path, text))
    dialog = next(c for c in plan.budget if c.activity.startswith("Dialog") and c.year == 2017)
    assert dialog.amount == 235_000
    assert plan.frame[2017] == 1_200_000
    assert plan.to_export() == plan_2017.to_export()
    assert plan.warnings == plan_2017.warnings  # the Økonomi sections agree in kroner


@pytest.mark.parametrize(
    ("cell", "amount"),
    [("235 t.kr.", 235_000), ("kr. 235.000", 235_000), ("0,235 mio. kr.", 235_000)],
)
def test_a_cell_names_its_own_unit(tmp_path, cell, amount):
    text = TEXT_2017.replace("\tBylivspuljen\t233.000", f"\tBylivspuljen\t{cell}")
    plan = parse_plan_file(_write(tmp_path, text))
    byliv = next(c for c in plan.budget if c.activity == "Bylivspuljen" and c.year == 2017)
    assert byliv.amount == amount


def test_a_table_in_millions(tmp_path):
    text = TEXT_2017.replace("Finansiering (kr.)", "Finansiering (mio. kr.)").replace(
        "\tBylivspuljen\t233.000", "\tBylivspuljen\t0,233"
    )
    plan = parse_plan_file(_write(tmp_path, text))
    byliv = next(c for c in plan.budget if c.activity == "Bylivspuljen" and c.year == 2017)
    assert byliv.amount == 233_000


def test_the_economy_table_reads_kroner_before_the_number(tmp_path, plan_2017):
    text = TEXT_2017.replace(
        "Løn til lommepengejobbere\t10.000", "Løn til lommepengejobbere\tkr. 10.000"
    )
    plan = parse_plan_file(_write(tmp_path, text))
    assert plan.warnings == plan_2017.warnings


@pytest.mark.parametrize("cell", ["ca. 233.000", "200.000-250.000", "op til 233.000", "233,5"])
def test_an_amount_in_doubt_is_refused_with_row_and_column(tmp_path, cell):
    text = TEXT_2017.replace("\tBylivspuljen\t233.000", f"\tBylivspuljen\t{cell}")
    with pytest.raises(InputError) as error:
        parse_plan_file(_write(tmp_path, text))
    row = next(i for i, line in enumerate(text.splitlines(), 1) if "\tBylivspuljen\t" in line)
    assert (error.value.row, error.value.column) == (row, "2017")
    assert "plan.txt" in str(error.value)


def test_an_amount_in_doubt_in_word_names_the_table_and_cell(tmp_path):
    text = TEXT_2017.replace("\tBylivspuljen\t233.000", "\tBylivspuljen\tca. 233.000")
    path = write_word_plan(text, tmp_path / "plan.docx", marks="superscript", bullets="numpr")
    with pytest.raises(InputError) as error:
        parse_plan_file(path)
    assert "plan.docx, oversigtstabellen, række 'Bylivspuljen', kolonne 2017" in str(error.value)


def test_a_column_that_does_not_add_up_is_reported_with_both_values(tmp_path, plan_2017):
    text = TEXT_2017.replace("\tBylivspuljen\t233.000", "\tBylivspuljen\t243.000")
    warnings = parse_plan_file(_write(tmp_path, text)).warnings
    column = [w for w in warnings if "2017 column" in w]
    assert column == [
        "The overview table's 2017 column adds up to 1.210.000 kr., its 'I alt' says 1.200.000 kr."
    ]
    assert not [w for w in plan_2017.warnings if "column" in w]  # '?' cells take the rest


def test_known_amounts_above_the_total_are_reported_despite_undecided_cells(tmp_path):
    text = TEXT_2017.replace("\tBylivspuljen\t233.000\t?", "\tBylivspuljen\t233.000\t600.000")
    warnings = parse_plan_file(_write(tmp_path, text)).warnings
    assert any("2018 column already adds up to 1.240.000 kr." in w for w in warnings)


# --- the plan year -------------------------------------------------------------------------

NO_YEAR = TEXT_2017.replace(
    "Tryghedsplan for Amager Partnerskab 2017", "Tryghedsplan for Amager Partnerskab", 1
)


def test_without_a_title_year_the_budget_columns_give_it(tmp_path):
    plan = parse_plan_file(_write(tmp_path, NO_YEAR))
    assert plan.plan_year == 2017 and plan.partnership == "Amager Partnerskab"


def test_the_approval_sentence_gives_the_year(tmp_path):
    text = NO_YEAR.replace(
        "Nedenstående tabel viser",
        "Forelægges udvalget til godkendelse 2. februar 2018. Nedenstående tabel viser",
    )
    plan = parse_plan_file(_write(tmp_path, text))
    assert plan.plan_year == 2018
    assert any(a.body == "Udvalget" and a.date.isoformat() == "2018-02-02" for a in plan.approvals)


def test_no_year_anywhere_is_a_clear_error_and_year_overrides(cli_env, tmp_path, db_url):
    text = NO_YEAR.replace("\t\t2017\t2018\t2019\t2020", "\t\tÅr 1\tÅr 2\tÅr 3\tÅr 4")
    path = _write(tmp_path, text, "uden-aar.txt")
    result = run("parse", "plan", str(path))
    assert result.exit_code == 1
    assert "no plan year" in result.stderr and "--year" in result.stderr
    assert "uden-aar.txt" in result.stderr
    before = dump(db_url)
    assert run("load", "plan", str(path), "--year", "2016").exit_code == 1  # still no years
    assert dump(db_url) == before
    parsed = run("parse", "plan", str(_write(tmp_path, NO_YEAR)), "--year", "2016")
    assert parsed.exit_code == 0 and json.loads(parsed.stdout)["plan_year"] == 2016


# --- warnings visible ----------------------------------------------------------------------


def test_load_plan_prints_every_warning_and_the_log_keeps_them(cli_env, plan_2017):
    result = run("load", "plan", str(PLAN_2017))
    assert result.exit_code == 0 and "loaded as plan version" in result.stdout
    printed = [
        line[len("Warning: ") :]
        for line in result.stderr.splitlines()
        if line.startswith("Warning: ")
    ]
    assert printed == plan_2017.warnings and printed
    listing = json.loads(run("loads", "--format", "json").stdout)
    assert listing[0]["kind"] == "plan" and listing[0]["outcome"] == "loaded"
    assert listing[0]["warnings"] == plan_2017.warnings
    text = run("loads").stdout
    assert "plan loaded" in text and "Mødefacilitering" in text


def test_strict_refuses_a_plan_with_warnings_and_writes_nothing(cli_env, db_url):
    before = dump(db_url)
    result = run("load", "plan", str(PLAN_2017), "--strict")
    assert result.exit_code == 1
    assert "--strict" in result.stderr and "Mødefacilitering" in result.stderr
    assert dump(db_url) == before


def test_strict_loads_a_plan_without_warnings(cli_env, tmp_path, db_url):
    run("load", "plan", str(PLAN_2017))
    budget = tmp_path / "budget.csv"
    budget.write_text(
        "Indsatsområde;Aktivitet;2017;2018\n2;Bylivspuljen;233.000;?\n3;Ung i Job;110.000;50.000\n"
        "I alt;;343.000;50.000\n",
        encoding="utf-8",
    )
    result = run("load", "budget", str(budget), "--strict")
    assert result.exit_code == 0, result.stderr
    assert "Warning" not in result.stderr


def test_load_budget_reports_a_column_off_its_total_and_strict_refuses(cli_env, tmp_path, db_url):
    run("load", "plan", str(PLAN_2017))
    budget = tmp_path / "budget.csv"
    budget.write_text(
        "Indsatsområde;Aktivitet;2017\n2;Bylivspuljen;233.000\n3;Ung i Job;110.000\n"
        "I alt;;340.000\n",
        encoding="utf-8",
    )
    before = dump(db_url)
    refused = run("load", "budget", str(budget), "--strict")
    assert refused.exit_code == 1 and "343.000 kr." in refused.stderr
    assert dump(db_url) == before
    loaded = run("load", "budget", str(budget))
    assert loaded.exit_code == 0
    assert "Warning: The overview table's 2017 column adds up to 343.000 kr." in loaded.stderr
    assert json.loads(run("loads", "--format", "json").stdout)[0]["warnings"]


@pytest.mark.parametrize(
    ("sheet", "cells"),
    [
        (
            "Indsatsområde;Aktivitet;Finansiering (1.000 kr.);\n;;2017;2018\n"
            "2;Bylivspuljen;233;?\nI alt;;1.200;1.200\n",
            [(2017, 233_000), (2018, None)],
        ),
        (
            "Indsatsområde;Aktivitet;2017 (t.kr.);2018 (kr.)\n2;Bylivspuljen;233;235.000\n",
            [(2017, 233_000), (2018, 235_000)],
        ),
    ],
)
def test_a_budget_sheet_in_thousands_is_read_in_kroner(tmp_path, sheet, cells):
    from data_loaders.budget_sheet import parse_budget_file_with_frame

    path = tmp_path / "budget.csv"
    path.write_text(sheet, encoding="utf-8")
    parsed, frame = parse_budget_file_with_frame(path)
    assert [(c.year, c.amount) for c in parsed] == cells
    assert frame in ({}, {2017: 1_200_000, 2018: 1_200_000})
