"""Loading plans and budgets: idempotent, revisions side by side, all or nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import select

from dashboard.cli import main
from dashboard.model import LoadLog, PlanVersion
from tests.conftest import PLAN_2017, dump

TEXT_2017 = PLAN_2017.read_text(encoding="utf-8")


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_init_twice_duplicates_nothing(cli_env, db_url):
    assert run("init").exit_code == 0
    first = dump(db_url, skip=("load_log",))
    assert run("init").exit_code == 0
    assert dump(db_url, skip=("load_log",)) == first


def test_same_file_twice_is_identical_and_logged_unchanged(cli_env, db_url, session):
    assert run("init").exit_code == 0
    before = dump(db_url, skip=("load_log",))
    result = run("load", "plan", str(PLAN_2017))
    assert result.exit_code == 0 and "unchanged" in result.output
    assert dump(db_url, skip=("load_log",)) == before
    outcomes = [log.outcome for log in session.scalars(select(LoadLog).order_by(LoadLog.id))]
    assert outcomes[-2:] == ["loaded", "unchanged"]


def test_export_plan_has_the_contract_shape(cli_env):
    run("init")
    data = json.loads(run("export", "plan", "--format", "json").output)
    assert {"partnership", "plan_year", "focus_areas", "activities", "budget", "handovers"} <= set(
        data
    )
    assert data["partnership"] == "Amager Partnerskab" and data["plan_year"] == 2017
    ung = next(a for a in data["activities"] if a["name"] == "Ung i Job (14-18 år)")
    assert ung["focus_area"] == 3 and ung["parent"] is None
    assert ung["responsible"] == ["SSP København"]
    assert len(ung["deliverables"]) == 6 and ung["deliverables"][0]["responsible"] == [
        "SSP København"
    ]
    assert any(
        h["activity"].startswith("Lommepengejob") and h["from_year"] == 2018
        for h in data["handovers"]
    )


def test_parse_prints_the_export_shape_and_writes_nothing(cli_env, db_url):
    before = dump(db_url)
    result = run("parse", "plan", str(PLAN_2017))
    assert result.exit_code == 0
    parsed = json.loads(result.output)
    assert "warnings" in parsed and len(parsed["budget"]) == 40
    assert dump(db_url) == before
    run("init")
    exported = json.loads(run("export", "plan").output)
    assert {k: v for k, v in parsed.items() if k != "warnings"} == exported


def test_export_budget_json_one_per_cell_unknown_is_null(cli_env):
    run("init")
    cells = json.loads(run("export", "budget", "--format", "json").output)
    assert len(cells) == 40
    assert set(cells[0]) >= {"focus_area", "activity", "year", "amount", "footnote"}
    assert sum(1 for c in cells if c["amount"] is None) == 14
    assert (
        sum(c["amount"] for c in cells if c["year"] == 2017 and c["amount"] is not None)
        == 1_200_000
    )


def test_export_budget_xlsx_keeps_unknown_empty(cli_env, tmp_path):
    from openpyxl import load_workbook

    run("init")
    out = tmp_path / "budget.xlsx"
    assert run("export", "budget", "--format", "xlsx", "-o", str(out)).exit_code == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Indsatsområde", "Aktivitet", "År", "Beløb (kr.)")
    by_key = {(r[1], r[2]): r[3] for r in rows[1:]}
    assert by_key[("Bylivspuljen", 2018)] is None and by_key[("Bylivspuljen", 2017)] == 233_000


def test_a_revised_plan_becomes_a_new_revision_beside_the_old(cli_env, session, tmp_path):
    run("init")
    revised = tmp_path / "revideret.txt"
    revised.write_text(
        TEXT_2017.replace("\tBylivspuljen\t233.000\t?", "\tBylivspuljen\t233.000\t200.000"), "utf-8"
    )
    result = run("load", "plan", str(revised))
    assert result.exit_code == 0 and "revision 2" in result.output
    versions = session.scalars(select(PlanVersion).order_by(PlanVersion.revision)).all()
    assert [v.revision for v in versions] == [1, 2]
    amounts = {
        v.revision: next(
            b.amount for b in v.budget_lines if b.label == "Bylivspuljen" and b.year == 2018
        )
        for v in versions
    }
    assert amounts == {1: None, 2: 200_000}


def _budget_xlsx(path, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indsatsområde", "Aktivitet", "2017", "2018", "2019", "2020"])
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def test_load_budget_sheet_as_a_new_revision(cli_env, session, tmp_path):
    run("init")
    path = tmp_path / "budget.xlsx"
    _budget_xlsx(
        path,
        [
            [2, "Bylivspuljen", 233000, 150000, "?", "?"],
            ["-", "Mødefacilitering", 2000, 2000, "?", "?"],
        ],
    )
    result = run("load", "budget", str(path))
    assert result.exit_code == 0, result.output
    latest = session.scalars(select(PlanVersion).order_by(PlanVersion.revision.desc())).first()
    assert latest.revision == 2
    assert {(b.label, b.year): b.amount for b in latest.budget_lines}[
        ("Bylivspuljen", 2018)
    ] == 150_000
    again = run("load", "budget", str(path))
    assert again.exit_code == 0 and "unchanged" in again.output


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("empty.txt", lambda p: p.write_bytes(b""), "empty"),
        ("binary.txt", lambda p: p.write_bytes(bytes(range(256)) * 10), "binary"),
        (
            "notable.txt",
            lambda p: p.write_text("Tryghedsplan for Amager Partnerskab 2017\n\nTekst.\n"),
            "no overview table",
        ),
        (
            "text-in-number.xlsx",
            lambda p: _budget_xlsx(p, [[2, "Bylivspuljen", "mange penge", 0, 0, 0]]),
            "row 2, column C (2017)",
        ),
        (
            "unknown-activity.xlsx",
            lambda p: _budget_xlsx(
                p, [[2, "Bylivspuljen", 1, 0, 0, 0], [3, "Natteravne", 5000, 0, 0, 0]]
            ),
            "row 3, column Aktivitet: unknown activity 'Natteravne'",
        ),
        (
            "bad-year.csv",
            lambda p: p.write_text("Indsatsområde;Aktivitet;2017;20X8\n2;Bylivspuljen;1;2\n"),
            "'20X8' is not a year",
        ),
    ],
)
def test_bad_input_exit_1_names_the_file_and_changes_nothing(
    cli_env, db_url, tmp_path, name, make, expected
):
    run("init")
    before = dump(db_url)
    path = tmp_path / name
    make(path)
    kind = "budget" if name.endswith((".xlsx", ".csv")) else "plan"
    result = CliRunner().invoke(main, ["load", kind, str(path)])
    assert result.exit_code == 1
    assert name in result.output and expected in result.output
    assert dump(db_url) == before


def test_usage_errors_exit_2(cli_env):
    assert CliRunner().invoke(main, ["load", "plan"]).exit_code == 2
    assert CliRunner().invoke(main, ["export", "budget", "--format", "pdf"]).exit_code == 2


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("cp1252", ";"), ("utf-8-sig", ";"), ("utf-8", ",")],
)
def test_budget_csv_variants_are_read_not_rejected(cli_env, session, tmp_path, encoding, delimiter):
    run("init")
    quote = '"' if delimiter == "," else ""
    lines = [
        delimiter.join(["Indsatsområde", "Aktivitet", "2017", "2018", "2019", "2020"]),
        delimiter.join(["3", "Skolefravær", "0", f"{quote}25.000{quote}", "?", "?"]),
        delimiter.join(
            [
                "3",
                "Opsøgende familierådgiver",
                f"{quote}330.000{quote}",
                f"{quote}165.000{quote}",
                "0",
                "0",
            ]
        ),
    ]
    path = tmp_path / "budget.csv"
    path.write_bytes("\n".join(lines).encode(encoding))
    result = run("load", "budget", str(path))
    assert result.exit_code == 0, result.output
    latest = session.scalars(select(PlanVersion).order_by(PlanVersion.revision.desc())).first()
    assert {(b.label, b.year): b.amount for b in latest.budget_lines}[
        ("Skolefravær", 2018)
    ] == 25_000
