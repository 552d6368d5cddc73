"""Loading figures: the bundled default, idempotence, changes, two sources, export, targets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from sqlalchemy import func, select

from dashboard.cli import main
from dashboard.components.upload_views import load_log_table
from dashboard.db import session_scope
from dashboard.model import (
    Activity,
    Baseline,
    LoadLog,
    Measurement,
    MeasurementChange,
    Partnership,
    PlanVersion,
    Target,
)
from dashboard.queries.indicators import (
    baselines,
    indicator_catalogue,
    latest_measurements,
    measurements,
    targets,
)
from dashboard.queries.load_log import partnership_loads
from data_loaders.load_indicators import (
    link_plan_targets,
    load_default_indicators,
    load_indicator_file,
)
from tests.indicator_helpers import table_counts
from tests.partnerships import amager_id

FIXTURES = Path(__file__).parent / "fixtures" / "indicators"


def _export(fmt: str = "json") -> CliRunner:
    result = CliRunner().invoke(main, ["export", "indicators", "--format", fmt])
    assert result.exit_code == 0, result.output
    return result


def test_default_export_has_the_75_reference_figures_with_sources(db_url, cli_env):
    load_default_indicators(db_url)
    rows = json.loads(_export().stdout)
    assert len(rows) == 75
    assert len({r["indicator"] for r in rows}) == 12
    assert all(r["source"].startswith("http") for r in rows)
    assert {"indicator", "area", "period", "value", "unit", "source", "note"} <= set(rows[0])
    copenhagen_2013 = next(
        r
        for r in rows
        if (r["indicator"], r["area"], r["period"])
        == ("borgervendt_krim_pr1000", "København", "2013")
    )
    assert copenhagen_2013["value"] == 89.2
    assert copenhagen_2013["note"].startswith("inconsistent with 76 (2009)")


def test_partnership_night_series_breaks_where_the_area_was_enlarged(db_url, cli_env):
    load_default_indicators(db_url)
    rows = json.loads(_export().stdout)
    series = [
        (r["period"], r["value"], r["different_area"], r["area"])
        for r in rows
        if r["indicator"] == "utrygge_aften_nat"
        and r["series_area"] == "Partnerskabsområdet (Urbanplanen og Hørgården)"
    ]
    assert series == [
        ("2014", 34.0, False, "Partnerskabsområdet (Urbanplanen og Hørgården)"),
        ("2020", 29.0, False, "Partnerskabsområdet (Urbanplanen og Hørgården)"),
        ("2021", 27.0, True, "Partnerskabsområdet, udvidet 2021"),
    ]
    enlarged = next(r for r in rows if r["area"] == "Partnerskabsområdet, udvidet 2021")
    assert "kan ikke sammenlignes" in enlarged["break_note"]


def test_default_set_up_twice_changes_nothing(db_url):
    load_default_indicators(db_url)
    before = table_counts(db_url)
    load_default_indicators(db_url)
    assert table_counts(db_url) == before
    assert before["measurement"] == 75 and before["load_log"] == 1


def _amager(session) -> Partnership:
    """The partnership the bundled baselines and targets name (its plan need not be loaded)."""
    partnership = Partnership(slug="amager", name="Amager Partnerskab")
    session.add(partnership)
    session.commit()
    return partnership


def test_plan_baselines_point_to_the_plan_section(db_url, session):
    load_default_indicators(db_url)
    frame = baselines(session, _amager(session).id)
    third = frame[frame["indicator"] == "beboerundersoegelse_utrygge"].iloc[0]
    assert (third["period"], third["value"], third["area"]) == ("2010", 33.3, "Urbanplanen")
    assert third["source"] == (
        "Tryghedsplan 2017, Aktivitet: Dialog, kommunikation og begivenheder, Formål"
    )
    assert set(frame["indicator"]) == {
        "beboerundersoegelse_utrygge",
        "utrygge_grupper_af_unge",
        "elevfravaer",
        "elevfravaer_udsatte",
    }
    assert frame.set_index("indicator").loc["utrygge_grupper_af_unge", "qualifier"] == "op mod"


def test_plan_targets_are_outputs_linked_to_activities_once_the_plan_exists(db_url, session):
    load_default_indicators(db_url)
    partnership = _amager(session)
    frame = targets(session, partnership.id)
    assert len(frame) == 5 and frame["activity_id"].isna().all()
    bands = {r.indicator: (r.min_value, r.max_value) for r in frame.itertuples()}
    assert bands["bylivspulje_lokale_aktiviteter"] == (2, 4)
    assert bands["ung_i_job_deltagere"][0] == 40
    catalogue = indicator_catalogue(session).set_index("code")
    assert catalogue.loc["beboerblade", "kind"] == "output"
    assert catalogue.loc["utrygge_aften_nat", "effect"] == "øget tryghed"

    plan = PlanVersion(
        partnership=partnership, year=2017, title="Tryghedsplan", source_file="x", source_sha256="0"
    )
    session.add(plan)
    session.flush()
    for position, name in enumerate(["Bylivspuljen", "Ung i Job (14-18 år)", "Skolefravær"]):
        session.add(Activity(plan_version_id=plan.id, name=name, position=position))
    session.flush()
    assert link_plan_targets(session, plan.id) == 3  # two Ung i Job targets and Bylivspuljen
    session.commit()
    linked = targets(session, partnership.id).dropna(subset=["activity_id"])
    assert set(linked["indicator"]) == {
        "bylivspulje_lokale_aktiviteter",
        "ung_i_job_deltagere",
        "ung_i_job_opfoelgning",
    }
    # the default set-up links too, whichever order init runs things in
    load_default_indicators(db_url)
    assert len(targets(session, partnership.id).dropna(subset=["activity_id"])) == 3


def test_reload_of_the_same_file_is_logged_unchanged(db_url):
    path = FIXTURES / "good_long_semicolon_decimal_comma.csv"
    first = load_indicator_file(db_url, path)
    second = load_indicator_file(db_url, path)
    assert (first.outcome, first.inserted, second.outcome) == ("loaded", 4, "unchanged")
    with session_scope(db_url) as s:
        outcomes = s.scalars(select(LoadLog.outcome).order_by(LoadLog.id)).all()
        assert outcomes == ["loaded", "unchanged"]
        assert s.scalar(select(func.count()).select_from(Measurement)) == 4


def test_changed_values_are_updated_and_the_change_recorded(db_url, tmp_path):
    header = "indicator;area;year;value;source_url;note\n"
    path = tmp_path / "figures.csv"
    path.write_text(header + "utrygge_i_nabolaget;Urbanplanen;2019;12;https://e.org;\n")
    load_indicator_file(db_url, path)
    path.write_text(
        header
        + "utrygge_i_nabolaget;Urbanplanen;2019;14;https://e.org;rettet\n"
        + "utrygge_i_nabolaget;Urbanplanen;2020;11;https://e.org;\n"
    )
    result = load_indicator_file(db_url, path)
    assert (result.outcome, result.inserted, result.updated) == ("loaded", 1, 1)
    with session_scope(db_url) as s:
        values = s.execute(select(Measurement.period, Measurement.value, Measurement.note)).all()
        assert sorted(values) == [("2019", 14.0, "rettet"), ("2020", 11.0, "")]
        change = s.scalars(select(MeasurementChange)).one()
        assert (change.old_value, change.new_value, change.new_note) == (12.0, 14.0, "rettet")
    # the same changed file again: nothing more happens
    assert load_indicator_file(db_url, path).outcome == "unchanged"


def test_two_sources_for_the_same_figure_are_both_kept(db_url, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(
        "indicator;area;year;value;source_url\n"
        "politi_trygge;Danmark;2017;85.7;http://www.mynewsdesk.com/a\n"
        "politi_trygge;Danmark;2017;85.9;https://jv.dk/b\n"
    )
    load_indicator_file(db_url, path)
    with session_scope(db_url) as s:
        frame = measurements(s, indicators=["politi_trygge"])
    assert sorted(zip(frame["value"], frame["source"], strict=True)) == [
        (85.7, "http://www.mynewsdesk.com/a"),
        (85.9, "https://jv.dk/b"),
    ]


def test_cli_load_reports_and_csv_and_xlsx_exports_list_every_figure(db_url, cli_env, tmp_path):
    runner = CliRunner()
    path = FIXTURES / "good_wide_police_table.csv"
    result = runner.invoke(main, ["load", "indicators", str(path)])
    assert result.exit_code == 0, result.output
    assert "loaded, 4 figures: 4 new, 0 changed" in result.stdout
    again = runner.invoke(main, ["load", "indicators", str(path)])
    assert "unchanged" in again.stdout

    text = _export("csv").stdout_bytes.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(table) == 4
    assert {"Indikator", "Område", "Periode", "Værdi", "Enhed", "Kilde", "Note"} <= set(table[0])
    out = tmp_path / "x.xlsx"
    assert (
        runner.invoke(main, ["export", "indicators", "--format", "xlsx", "-o", str(out)]).exit_code
        == 0
    )
    sheet = openpyxl.load_workbook(out).active
    assert sheet.max_row == 5 and sheet.cell(1, 1).value == "Indikator"


def test_latest_measurement_per_indicator_and_area(db_url, session):
    load_default_indicators(db_url)
    latest = latest_measurements(session)
    night = latest[(latest["indicator"] == "utrygge_aften_nat") & (latest["area"] == "København")]
    assert night[["period", "value"]].values.tolist() == [["2022", 17.0]]


def test_bundled_baseline_rows_exist_once(db_url):
    load_default_indicators(db_url)
    load_default_indicators(db_url)
    with session_scope(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Baseline)) == 4
        assert s.scalar(select(func.count()).select_from(Target)) == 5


def test_the_load_log_tells_the_secretariat_in_danish(loaded_db):
    """/admin's load log: the figures' message in Danish and the bundled file by name, not
    "75 figures: 75 new" and "bundled: data_loaders/data/…" (the CLI keeps its English)."""
    with session_scope(loaded_db) as s:
        message = s.scalar(select(LoadLog.message).where(LoadLog.kind == "indicators"))
        shown = str(load_log_table(partnership_loads(s, amager_id(s))))
    assert message == "75 tal: 75 nye, 0 ændrede"
    assert "dashboardets medfølgende tal" in shown
    assert "bundled:" not in shown and "figures" not in shown
