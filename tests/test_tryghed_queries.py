"""The /tryghed queries over the bundled figures: series with their area break, comparison
areas, doubtful figures, cards, outputs against targets, and one query per chart."""

from __future__ import annotations

from sqlalchemy import delete, select

from dashboard.components.indicator_card_view import change_words
from dashboard.components.svg_trend import trend_chart
from dashboard.components.tryghed_views import (
    csv_rows,
    download_rows,
    output_status,
    trend_table,
)
from dashboard.db import session_scope
from dashboard.model import Area, Measurement
from dashboard.queries.activity_outputs import output_progress
from dashboard.queries.areas import comparison_areas
from dashboard.queries.indicator_cards import indicator_cards
from dashboard.queries.theory_of_change import theory_of_change
from dashboard.queries.trends import trend_data
from data_loaders.defaults import init_database
from tests.partnerships import amager_id
from tests.svg_helpers import SVG, drawn, series, texts


def _drawn(data):
    """The trend chart's phone and desktop drawings, parsed."""
    draw, _alt = trend_chart(data)
    return [drawn(draw(width)[0]) for width in (360, 760)]


def _marker_spots(chart, name: str, year: float) -> set[tuple[float, float]]:
    """Where the markers of ``name`` at ``year`` stand (their centre)."""
    spots = set()
    for group in chart.iter(SVG + "g"):
        if group.get("data-name") != name:
            continue
        for m in group:
            if m.get("data-x") is not None and float(m.get("data-x")) == year:
                if m.get("cx") is not None:
                    spots.add((float(m.get("cx")), float(m.get("cy"))))
                elif m.get("points"):
                    first = m.get("points").split()[0].split(",")
                    spots.add((float(first[0]), float(first[1]) + 7))
                elif m.get("x") is not None:
                    spots.add((float(m.get("x")) + 5, float(m.get("y")) + 5))
    return spots


def test_partnership_series_breaks_at_the_2021_enlargement(loaded_db):
    with session_scope(loaded_db) as session:
        data = trend_data(session, amager_id(session), "utrygge_aften_nat")
    own = data.points
    assert list(zip(own["period"], own["value"], own["after_break"], strict=True)) == [
        ("2014", 34.0, False),
        ("2020", 29.0, False),
        ("2021", 27.0, True),
    ]
    assert [b.label for b in data.breaks] == ["Området udvidet i 2021 – ikke sammenligneligt"]
    # Two traces, one per area: no line is drawn across the break.
    for chart in _drawn(data):
        assert [(s["x"], s["y"]) for s in series(chart)] == [
            ([2014.0, 2020.0], [34.0, 29.0]),
            ([2021.0], [27.0]),
        ]
        lines = [p for p in chart.iter(SVG + "polyline")]
        assert len(lines) == 1  # the new area's single figure is joined to nothing
    assert "trygge i nabolaget om aftenen og natten" in data.method_note


def test_comparison_with_kobenhavn_adds_its_series_from_the_file(loaded_db):
    with session_scope(loaded_db) as session:
        options = comparison_areas(session, amager_id(session), "utrygge_aften_nat")
        data = trend_data(session, amager_id(session), "utrygge_aften_nat", ["kobenhavn"])
    assert {"label": "København", "value": "kobenhavn"} in options
    kk = data.points[data.points["area_code"] == "kobenhavn"]
    assert list(zip(kk["period"], kk["value"], strict=True)) == [
        ("2009", 24.0),
        ("2013", 17.5),
        ("2019", 17.0),
        ("2020", 15.0),
        ("2021", 16.0),
        ("2022", 17.0),
    ]
    assert "https://www.kk.dk/artikel/tryghedsundersoegelsen" in data.sources
    assert data.newest_period == "2022"


def test_a_figure_whose_note_doubts_it_is_marked(loaded_db):
    with session_scope(loaded_db) as session:
        data = trend_data(session, amager_id(session), "borgervendt_krim_pr1000", ["kobenhavn"])
    doubtful = data.points[data.points["doubt"]]
    assert list(doubtful["period"]) == ["2013"]
    assert "inconsistent with 76" in doubtful["note"].iloc[0]
    for chart in _drawn(data):
        rings = [c for c in chart.iter(SVG + "circle") if c.get("class") == "doubt"]
        kk = next(s for s in series(chart) if s["name"] == "København")
        assert len(rings) == 1
        assert (float(rings[0].get("cx")), float(rings[0].get("cy"))) in _marker_spots(
            chart, "København", 2013
        )
        assert 2013 in kk["x"]
        assert "Tal med forbehold (se note)" in texts(chart)


def test_one_query_feeds_chart_table_and_download(loaded_db):
    """The figure, the table alternative and both downloads come from one trend_data call
    and show the same figures."""
    with session_scope(loaded_db) as session:
        data = trend_data(
            session, amager_id(session), "borgervendt_krim_pr1000", ["kobenhavn", "amager_vest"]
        )
    rows = download_rows(data)
    charted = sorted(
        (x, y) for s in series(_drawn(data)[1]) for x, y in zip(s["x"], s["y"], strict=True)
    )
    assert charted == sorted(zip(data.points["x"], data.points["value"], strict=True))
    assert [(r["area"], r["period"], r["value"]) for r in rows] == list(
        zip(data.points["area"], data.points["period"], data.points["value"], strict=True)
    )
    table_rows = trend_table(data, rows).children[2].children
    assert len(table_rows) == len(rows)
    assert table_rows[0].children[0].children == rows[0]["area"]
    # Danish decimal comma in the table and the CSV.
    kk_2019 = next(r for r in rows if r["period"] == "2019" and r["area"] == "København")
    assert kk_2019["value"] == 55.6
    assert next(r for r in csv_rows([kk_2019]))["value"] == "55,6"


def test_card_tells_change_within_comparable_figures_and_the_break(loaded_db):
    with session_scope(loaded_db) as session:
        cards = {c.indicator: c for c in indicator_cards(session, amager_id(session))}
    card = cards["utrygge_aften_nat"]
    assert (card.latest_value, card.latest_period) == (27.0, "2021")
    assert card.area == "Partnerskabsområdet, udvidet 2021" and card.after_break
    assert change_words(card) == (
        "↓ faldet fra 34 % i 2014 til 29 % i 2020",
        "✓ den ønskede retning",
    )
    # A baseline the plan states, with no later figure, is shown as such, not as a trend.
    stated = cards["utrygge_grupper_af_unge"]
    assert stated.start_label == "udgangspunkt i Tryghedsplan 2017"
    assert stated.latest_value is None and change_words(stated) == ("", "")


def test_cards_without_own_figures_tell_the_nearest_enclosing_area(loaded_db):
    with session_scope(loaded_db) as session:
        own = select(Area.id).where(Area.kind.in_(["partnership_area", "housing_area"]))
        session.execute(delete(Measurement).where(Measurement.area_id.in_(own)))
    with session_scope(loaded_db) as session:
        cards = {c.indicator: c for c in indicator_cards(session, amager_id(session))}
    # Amager Vest holds the partnership area; one figure there is no change yet.
    evening = cards["utrygge_aften_nat"]
    assert (evening.area, evening.latest_period, evening.end_period) == (
        "Amager Vest",
        "2021",
        None,
    )
    # The nearest area with figures, however far out, and every source of its series.
    trust = cards["politi_tillid"]
    assert (trust.area, trust.start_period, trust.start_value) == ("Danmark", "2013", 84.3)
    assert (trust.end_period, trust.end_value) == ("2018", 83.5)
    assert len(trust.sources) == 3
    # A baseline the plan states still makes a card of an indicator left without figures.
    stated = cards["beboerundersoegelse_utrygge"]
    assert (stated.area, stated.start_period, stated.start_value) == ("Urbanplanen", "2010", 33.3)
    assert stated.latest_value is None


def test_output_targets_are_not_measured_on_a_fresh_set_up(loaded_db):
    with session_scope(loaded_db) as session:
        progress = output_progress(session, amager_id(session))
    ung = progress[progress["indicator"] == "ung_i_job_deltagere"]
    assert list(ung["period"]) == ["2017", "2018", "2019", "2020"]
    assert set(ung["status"]) == {"not_measured"}
    assert output_status(ung.iloc[0]) == "ikke målt endnu"
    follow_up = progress[progress["indicator"] == "ung_i_job_opfoelgning"]
    assert list(follow_up["period"]) == ["2017–2020"]


def test_theory_of_change_links_effects_to_indicators_and_activities(loaded_db):
    with session_scope(loaded_db) as session:
        paths = {p.effect: p for p in theory_of_change(session, amager_id(session))}
    assert "Andel utrygge i nabolaget om aftenen og natten" in paths["øget tryghed"].indicators
    assert (
        "Borgervendt kriminalitet pr. 1.000 indbyggere" in paths["mindre kriminalitet"].indicators
    )
    activities = {
        a.name: a.measured_by for area in paths["øget tryghed"].focus_areas for a in area.activities
    }
    assert activities["Ung i Job (14-18 år)"] == [
        "Unge i Ung i Job",
        "Unge fulgt op efter Ung i Job",
    ]


def test_trend_charts_show_both_partnership_periods_from_the_plan(loaded_db):
    """The first period (2013–2016) has no budget in the 2017 plan; it comes from the plan's
    text. Loading the same plan again adds no second band."""
    init_database(loaded_db)
    with session_scope(loaded_db) as session:
        data = trend_data(session, amager_id(session), "utrygge_aften_nat")
    assert [(p.start, p.end, p.label) for p in data.periods] == [
        (2012.5, 2016.5, "Amager Partnerskab 2013–2016"),
        (2016.5, 2020.5, "Amager Partnerskab 2017–2020"),
    ]
    # Short labels, so neighbouring bands do not run into each other on a phone; the
    # partnership's name is in the text alternative.
    for chart in _drawn(data):
        assert [t for t in texts(chart) if t.startswith("Periode")] == [
            "Periode 2013–2016",
            "Periode 2017–2020",
        ]
    assert "Amager Partnerskab 2013–2016, Amager Partnerskab 2017–2020" in trend_chart(data)[1]


def test_the_chart_reads_the_figures_as_rows_grouped_by_series_in_drawing_order(loaded_db):
    with session_scope(loaded_db) as session:
        data = trend_data(session, amager_id(session), "utrygge_aften_nat", ["kobenhavn"])
    points = data.points
    assert [r.period for r in data.point_rows] == list(points["period"])
    assert list(data.series) == list(dict.fromkeys(points["series"]))  # own series first
    assert len(data.series) == 2
    for name, rows in data.series.items():
        mine = points[points["series"] == name]
        assert [(r.period, r.value, r.area_code) for r in rows] == list(
            zip(mine["period"], mine["value"], mine["area_code"], strict=True)
        )
