"""The Økonomi page over the bundled 2017 plan, in headless Chromium, and its queries."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from dashboard.components.summaries import area_year_rows
from dashboard.db import session_scope
from dashboard.model import BudgetLine, PlanVersion
from dashboard.queries.budget import compare_versions, known_by_focus_area
from data_loaders.defaults import load_plan_file
from tests.axe import describe, run_axe
from tests.browser import browser_page, log_in
from tests.conftest import PLAN_2017
from tests.svg_helpers import drawn, page_charts, segments, texts

TEXT_2017 = PLAN_2017.read_text(encoding="utf-8")
SUMMARY_2018 = (
    "I 2018 er 640.000 kr. af rammen på 1.200.000 kr. fordelt; 560.000 kr. er endnu ikke "
    "fordelt, og 4 beløb er ikke besluttet."
)


def _revised_plan(tmp_path):
    """A copy of the plan with two changed cells: one amount, one '?' that became a number."""
    text = TEXT_2017.replace("\tUng i Job\t100.000\t50.000 ⁶", "\tUng i Job\t100.000\t75.000 ⁶")
    text = text.replace(
        "Medfinansiering af ansat\t100.000\t50.000", "Medfinansiering af ansat\t100.000\t75.000"
    )
    text = text.replace("\tBylivspuljen\t233.000\t?", "\tBylivspuljen\t233.000\t150.000")
    text = text.replace("<u>Bylivspuljen</u>\t233.000\t?", "<u>Bylivspuljen</u>\t233.000\t150.000")
    path = tmp_path / "tryghedsplan-2017-revideret.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_area_table_never_shows_an_undecided_area_year_as_zero(loaded_db):
    """Bylivspuljen 2018–2020 is '?' and the only line of "2. Tryggere byliv": "ikke besluttet",
    not 0 kr.; where known and '?' lines meet, both are said."""
    with session_scope(loaded_db) as session:
        version = session.scalar(select(PlanVersion.id))
        rows = dict(area_year_rows(known_by_focus_area(session, version), [2017, 2018, 2019]))
    assert rows["2. Tryggere byliv"] == ["233.000 kr.", "ikke besluttet", "ikke besluttet"]
    assert rows["3. Børn, unge og beboere"] == [
        "730.000 kr.",
        "405.000 kr. + 2 beløb ikke besluttet",
        "0 kr. + 3 beløb ikke besluttet",
    ]


def test_comparison_lists_exactly_the_changed_cells(loaded_db, tmp_path):
    load_plan_file(loaded_db, _revised_plan(tmp_path))
    with session_scope(loaded_db) as session:
        old, new = session.scalars(select(PlanVersion.id).order_by(PlanVersion.revision)).all()
        changes = compare_versions(session, old, new)
    assert [(c.activity, c.year, c.kind, c.old, c.new) for c in changes] == [
        ("Bylivspuljen", 2018, "decided", None, 150_000),
        ("Ung i Job", 2018, "changed", 50_000, 75_000),
    ]


@pytest.mark.browser
def test_okonomi_shows_2017_and_2018_as_the_plan_states(live_app, make_user, loaded_db, tmp_path):
    username, password = make_user("styregruppe")
    with browser_page() as page:
        log_in(page, live_app, username, password)
        page.goto(live_app + "/okonomi")
        page.wait_for_selector("#okonomi-resume p")
        assert SUMMARY_2018 in page.inner_text("#okonomi-resume")
        table = page.inner_text("#okonomi-tabel")
        for figure in (
            "235.000 kr.",
            "233.000 kr.",
            "730.000 kr.",
            "2.000 kr.",
            "1.200.000 kr.",
            "560.000 kr.",
        ):
            assert figure in table
        undecided = page.inner_text("#ikke-besluttet")
        assert "2018: Bylivspuljen, Skolefravær, Utryghedsgruppe, Mødefacilitering" in undecided
        assert "Lommepengejob" in page.inner_text("#okonomi-forankring")
        _check_funding_chart(page)
        _check_choosing_an_area(page)
        violations = run_axe(page)["violations"]
        assert violations == [], describe(violations)

        with page.expect_download() as info:
            page.click("#okonomi-hent-xlsx")
        path = tmp_path / "budget.xlsx"
        info.value.save_as(path)
        assert page.console_errors == []

    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:5] == ("Aktivitet", "Indsatsområde", "År", "Beløb (kr.)", "Bemærkning")
    with session_scope(loaded_db) as session:
        stored = {(b.label, b.year): b.amount for b in session.scalars(select(BudgetLine))}
    assert {(r[0], r[2]): r[3] for r in body} == stored
    assert all(r[4] == "ikke besluttet" for r in body if r[3] is None)
    assert not any(r[3] == 0 and stored[(r[0], r[2])] is None for r in body)


@pytest.mark.browser
def test_okonomi_is_closed_to_anonymous_visitors(live_app):
    with browser_page() as page:
        page.goto(live_app + "/okonomi")
        page.wait_for_url("**/login**")
        assert "/login" in page.url


def _check_funding_chart(page):
    """The chart as drawn for both widths: 2018's bar is the known money of two areas and the
    hatched rest; Tryggere byliv, all '?' in 2018, is no segment (not one of 0 kr.), and the
    words under the bar count the four undecided amounts."""
    assert "2018: 640.000 kr. fordelt" in page.get_attribute("#okonomi-graf img", "alt")
    for width, chart in page_charts(page, "#okonomi-graf").items():
        drawn_2018 = {s.series: s.value for s in segments(chart) if s.row == "2018"}
        assert drawn_2018 == {
            "1. Dialog og kommunikation": 235_000,
            "3. Børn, unge og beboere": 405_000,
            "Endnu ikke fordelt": 560_000,
        }, width
        assert all(s.value > 0 and s.width > 0 for s in segments(chart)), width
        words = texts(chart)
        assert "640.000 kr. fordelt af rammen på 1.200.000 kr.; 4 beløb ikke besluttet" in words
        assert "2. Tryggere byliv" in words  # its 2017 money, in the legend
        # Widths are to one scale: 2017's whole frame is as wide as 2018's (within the 2 px
        # that keep its 2.000 kr. segment visible).
        widths = {}
        for s in segments(chart):
            widths[s.row] = widths.get(s.row, 0) + s.width
        assert abs(widths["2017"] - widths["2018"]) < 2.5, width


def _check_choosing_an_area(page):
    """The select (the chart has no clickable bars) draws the chosen area's activities, and
    the table beside the chart has their figures; a '?' is no segment there either."""
    page.select_option("#okonomi-omraade", "3. Børn, unge og beboere")
    page.locator("#okonomi-aktiviteter-tabel", has_text="Lommepengejob").wait_for()
    chart = page_charts(page, "#okonomi-aktiviteter")["wide"]
    drawn_2019 = [s for s in segments(chart) if s.row == "2019"]
    assert drawn_2019 == [] or all(s.value > 0 for s in drawn_2019)
    assert "3 beløb ikke besluttet" in " ".join(texts(chart))
    assert "ikke besluttet" in page.inner_text("#okonomi-aktiviteter-tabel")
    assert "aktiviteterne i 3. Børn, unge og beboere" in page.get_attribute(
        "#okonomi-aktiviteter img", "alt"
    )


def test_the_funding_chart_names_only_areas_with_money_and_never_draws_an_unknown_as_zero():
    """A legend entry for an area without known money would name no bar; an area-year with
    no known money is no segment, and the year's words say how many amounts are open."""
    import pandas as pd

    from dashboard.components.budget_figures import UNALLOCATED, funding_chart
    from dashboard.queries.budget import YearTotals

    by_area = pd.DataFrame(
        {
            "focus_area_label": ["1. Dialog", "1. Dialog", "Uden indsatsområde"],
            "year": [2017, 2018, 2017],
            "known": [100, 0, 0],
        }
    )
    totals = [YearTotals(2017, 1_200_000, 100, []), YearTotals(2018, 1_200_000, 0, ["X", "Y"])]
    draw, alt = funding_chart(by_area, totals)
    for width in (360, 760):
        chart = drawn(draw(width)[0])
        assert {(s.series, s.row, s.value) for s in segments(chart)} == {
            ("1. Dialog", "2017", 100),
            (UNALLOCATED, "2017", 1_199_900),
            (UNALLOCATED, "2018", 1_200_000),
        }
        words = texts(chart)
        assert "Uden indsatsområde" not in words
        assert "0 kr. fordelt af rammen på 1.200.000 kr.; 2 beløb ikke besluttet" in words
    assert "2 beløb ikke besluttet" in alt
