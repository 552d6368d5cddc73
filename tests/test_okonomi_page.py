"""The Økonomi page over the bundled 2017 plan, in headless Chromium, and its queries."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.components.budget_figures import (
    UNALLOCATED,
    funding_bars,
    funding_chart,
    too_thin_sentence,
)
from dashboard.components.format import keep_together
from dashboard.components.summaries import area_year_rows
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model import BudgetLine, PlanVersion
from dashboard.queries.budget import YearTotals, budget, compare_versions, known_by_focus_area
from data_loaders.defaults import load_plan_file
from tests.accounts import add_user, login, okonomi_version_payload
from tests.axe import describe, run_axe
from tests.browser import browser_page, log_in
from tests.conftest import PLAN_2017
from tests.svg_helpers import drawn, page_charts, parse, segments, texts

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
        note = page.inner_text("#okonomi-graf-note")
        assert keep_together("2.000 kr. uden indsatsområde (2017)") in note
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
        # 2.000 kr. is too thin to see: no segment, no legend entry (the note says it).
        assert "Uden indsatsområde" not in words, width
        # Widths are to one scale: a bar's width over its amount is the same for every year
        # (to the 0.1 px each segment is rounded to).
        scale = {}
        for s in segments(chart):
            width_, value = scale.get(s.row, (0, 0))
            scale[s.row] = (width_ + s.width, value + s.value)
        per_krone = [w / v for w, v in scale.values()]
        assert max(per_krone) - min(per_krone) < 0.5 / 1_200_000, width


def _check_choosing_an_area(page):
    """The select (the chart has no clickable bars) draws the chosen area's activities, and
    the table beside the chart has their figures; a '?' is no segment there either."""
    page.select_option("#okonomi-omraade", "3. Børn, unge og beboere")
    page.locator("#okonomi-aktiviteter-tabel", has_text="Lommepengejob").wait_for()
    chart = page_charts(page, "#okonomi-aktiviteter")["wide"]
    drawn = {(s.row, s.series): s.value for s in segments(chart)}
    # 2018: three amounts over 0 kr.; 2019: only 0 kr. and three '?'s, so no segment at all.
    assert {k: v for k, v in drawn.items() if k[0] == "2018"} == {
        ("2018", "Opsøgende familierådgiver"): 165_000,
        ("2018", "Streetaktiviteter og gadeplan"): 190_000,
        ("2018", "Ung i Job"): 50_000,
    }
    assert not [k for k in drawn if k[0] == "2019"]
    assert "0 kr. i alt; 3 beløb ikke besluttet" in texts(chart)
    assert "ikke besluttet" in page.inner_text("#okonomi-aktiviteter-tabel")
    assert "aktiviteterne i 3. Børn, unge og beboere" in page.get_attribute(
        "#okonomi-aktiviteter img", "alt"
    )


def test_the_funding_chart_names_only_areas_with_money_and_never_draws_an_unknown_as_zero():
    """A legend entry for an area without known money would name no bar; an area-year with
    no known money is no segment, and the year's words say how many amounts are open."""
    by_area = pd.DataFrame(
        {
            "focus_area_label": ["1. Dialog", "1. Dialog", "Uden indsatsområde"],
            "year": [2017, 2018, 2017],
            "known": [600_000, 0, 0],
        }
    )
    totals = [
        YearTotals(2017, 1_200_000, 600_000, []),
        YearTotals(2018, 1_200_000, 0, ["X", "Y"]),
    ]
    draw, alt = funding_chart(funding_bars(by_area, totals))
    for width in (360, 760):
        chart = drawn(draw(width)[0])
        assert {(s.series, s.row, s.value) for s in segments(chart)} == {
            ("1. Dialog", "2017", 600_000),
            (UNALLOCATED, "2017", 600_000),
            (UNALLOCATED, "2018", 1_200_000),
        }
        words = texts(chart)
        assert "Uden indsatsområde" not in words
        assert "0 kr. fordelt af rammen på 1.200.000 kr.; 2 beløb ikke besluttet" in words
    assert "2 beløb ikke besluttet" in alt


def test_the_bundled_plans_2000_kr_without_a_focus_area_is_said_under_the_chart(loaded_db):
    """2.000 kr. against bars of 1.200.000 kr. is under a pixel: no bar, no legend entry, but
    a sentence, and the table keeps the amount."""
    with session_scope(loaded_db) as session:
        plan = budget(session, session.scalar(select(PlanVersion.id)))
    bars = funding_bars(plan.by_area, plan.totals)
    assert list(bars.too_thin) == ["Uden indsatsområde"]
    chart = drawn(funding_chart(bars)[0](760)[0])
    names = {s.series for s in segments(chart)}
    assert "Uden indsatsområde" not in names and len(names) == len(bars.areas) + 1
    assert "Uden indsatsområde" not in texts(chart)
    assert too_thin_sentence(bars) == (
        "Heraf 2.000 kr. uden indsatsområde (2017): for lidt til at ses i diagrammet, "
        "men med i tabellen."
    )


def test_only_areas_whose_every_segment_is_under_half_a_percent_of_the_tallest_bar_go():
    """The tallest bar is 2017's 1.000.000 kr.; 0,5 % of it is 5.000 kr. An area with one
    visible segment stays with its thin ones; one exactly at the limit stays too."""
    by_area = pd.DataFrame(
        {
            "focus_area_label": ["1. Dialog", "2. Byliv", "2. Byliv", "3. Unge", "Uden område"],
            "year": [2017, 2017, 2018, 2017, 2018],
            "known": [990_000, 4_999, 3_000, 5_000, 1_000],
        }
    )
    totals = [YearTotals(2017, 1_000_000, 999_999, []), YearTotals(2018, 10_000, 4_000, [])]
    bars = funding_bars(by_area, totals)
    assert list(bars.areas) == ["1. Dialog", "3. Unge"]
    assert bars.too_thin == {"2. Byliv": [4_999, 3_000], "Uden område": [0, 1_000]}
    assert too_thin_sentence(bars) == (
        "Heraf 7.999 kr. til 2. Byliv (2017 og 2018) og 1.000 kr. uden område (2018): "
        "for lidt til at ses i diagrammet, men med i tabellen."
    )
    kept = funding_bars(by_area[by_area["focus_area_label"] == "1. Dialog"], totals)
    assert kept.too_thin == {} and too_thin_sentence(kept) == ""


def test_the_note_follows_the_chosen_plan_version(loaded_db, tmp_path):
    """The version select redraws the chart and, with it, the note: in a revision where the
    2.000 kr. became 200.000 kr. the area is drawn and nothing is said."""
    visible = TEXT_2017.replace("\tMødefacilitering\t2.000\t", "\tMødefacilitering\t200.000\t")
    assert visible != TEXT_2017
    revised = tmp_path / "tryghedsplan-2017-synlig.txt"
    revised.write_text(visible, encoding="utf-8")
    load_plan_file(loaded_db, revised)
    add_user(loaded_db, "styre", "styregruppe")
    app = create_app(Config(database_url=loaded_db, secret_key="k" * 40, auto_init=False))
    client = app.server.test_client()
    login(client, "styre")
    with session_scope(loaded_db) as session:
        old, new = session.scalars(select(PlanVersion.id).order_by(PlanVersion.revision)).all()

    def note(version_id: int):
        response = client.post("/_dash-update-component", json=okonomi_version_payload(version_id))
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        answer = response.get_json()["response"]
        image = answer["okonomi-graf"]["children"][1]["props"]["src"]
        names = {s.series for s in segments(parse(image))}
        return answer["okonomi-graf-note"]["children"], "Uden indsatsområde" in names

    assert note(new) == ("", True)
    said = "Heraf 2.000 kr. uden indsatsområde (2017): for lidt til at ses i diagrammet, men med "
    assert note(old) == (keep_together(said + "i tabellen."), False)


def test_an_area_the_chosen_version_lacks_empties_the_activities_chart(loaded_db):
    """Switching to a version without the area chosen before must not leave the other
    version's activities on screen: the chart and its table are emptied."""
    add_user(loaded_db, "styre", "styregruppe")
    app = create_app(Config(database_url=loaded_db, secret_key="k" * 40, auto_init=False))
    client = app.server.test_client()
    login(client, "styre")
    with session_scope(loaded_db) as session:
        version = session.scalar(select(PlanVersion.id))
    outputs = [("okonomi-aktiviteter", "children"), ("okonomi-aktiviteter-tabel", "children")]
    body = {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + "..",
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": [{"id": "okonomi-omraade", "property": "value", "value": "9. Findes ikke"}],
        "changedPropIds": ["okonomi-omraade.value"],
        "state": [
            {"id": "okonomi-version", "property": "value", "value": str(version)},
            {"id": "partnerskab", "property": "data", "value": "amager-partnerskab"},
        ],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.status_code
    answer = response.get_json()["response"]
    assert answer["okonomi-aktiviteter"]["children"] == []
    assert answer["okonomi-aktiviteter-tabel"]["children"] is None
