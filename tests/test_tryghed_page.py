"""The /tryghed page over the bundled figures, in headless Chromium: cards and charts with
their area break, comparison areas, sources, registering an output figure, and axe-core."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from tests.axe import describe, run_axe
from tests.browser import browser_page, log_in, wait_until_settled
from tests.svg_helpers import SVG, page_charts, series, texts

BREAK_LABEL = "Området udvidet i 2021 – ikke sammenligneligt"


def _dash_answer(page):
    return page.expect_response(lambda r: "_dash-update-component" in r.url)


@contextmanager
def _form_filled(page):
    """The answer of the callback that fills the figure form, drawn: other callbacks of the
    page answer at the same time, and the form's answer would overwrite a figure typed
    before it."""
    with page.expect_response(
        lambda r: (
            "_dash-update-component" in r.url
            and "tryghed-tal-vaerdi.value" in (r.request.post_data or "")
        )
    ):
        yield
    wait_until_settled(page)


def _chart_traces(page) -> list[dict]:
    """The stretches the chart draws, read from its SVG, the same at both widths."""
    charts = page_charts(page, "#tryghed-graf")
    drawn = [series(chart) for chart in charts.values()]
    assert drawn[0] == drawn[1]
    return [{**s, "x": [int(x) for x in s["x"]]} for s in drawn[0]]


def _chart_texts(page) -> list[list[str]]:
    return [texts(chart) for chart in page_charts(page, "#tryghed-graf").values()]


def _axe_violations(page) -> tuple[int, str]:
    violations = run_axe(page)["violations"]
    return len(violations), describe(violations)


@pytest.mark.browser
def test_evening_unsafety_card_and_chart_show_the_break_and_kobenhavn(live_app, make_user):
    username, password = make_user("styregruppe")
    with browser_page() as page:
        log_in(page, live_app, username, password)
        page.goto(live_app + "/tryghed")
        card = page.inner_text("#kort-utrygge_aften_nat")
        assert "27 % (2021, Partnerskabsområdet, udvidet 2021)" in card
        assert "↓ faldet fra 34 % i 2014 til 29 % i 2020" in card
        assert "✓ den ønskede retning" in card
        assert "Tal fra 2021 og frem kan ikke sammenlignes" in card
        # Cards grouped under their area, the partnership's own first; its small chart
        # in words; "no target" said once above the cards, not on each.
        headings = page.locator("#tryghed-kort h3").all_inner_texts()
        assert headings[0] == "Partnerskabsområdet (Urbanplanen og Hørgården)"
        assert headings[-2:] == ["Amager Vest", "København"]
        chart = page.locator("#kort-utrygge_aften_nat img.sparkline")
        assert chart.get_attribute("alt").startswith("Lille graf over 3 målinger: 34 % i 2014")
        assert page.evaluate("document.querySelector('#kort-utrygge_aften_nat img').naturalWidth")
        assert page.inner_text("main").count("Planen sætter intet mål") == 1
        assert "Første måling – der er endnu intet" in page.inner_text("#kort-trygge_i_nabolaget")

        page.wait_for_selector("#tryghed-graf img")
        for words in _chart_texts(page):
            assert BREAK_LABEL in words
        # One trace per area: the line stops at the break and the new area starts anew.
        assert _chart_traces(page) == [
            {"name": "Partnerskabsområdet (Urbanplanen og Hørgården)", "x": [2014, 2020],
             "y": [34, 29]},
            {"name": "Partnerskabsområdet, udvidet 2021 (nyt område)", "x": [2021], "y": [27]},
        ]  # fmt: skip
        for words in _chart_texts(page):
            for label in ("34 %", "29 %", "27 %"):
                assert words.count(label) == 1, (label, words)
        alt = page.get_attribute("#tryghed-graf img", "alt")
        assert alt.startswith("Linjegraf: Andel utrygge i nabolaget om aftenen og natten.")
        assert BREAK_LABEL in alt
        summary = page.inner_text("#tryghed-resume")
        assert "faldt fra 34 % i 2014 til 29 % i 2020" in summary
        sources = page.inner_text("#tryghed-kilder")
        assert "Nyeste tal i grafen: 2021." in sources
        assert "trygheden-i-københavn-og-i-amager-vest" in sources
        assert "»Andel trygge i nabolaget om aftenen og natten«" in page.inner_text(
            "#tryghed-metode"
        )

        with _dash_answer(page):
            page.get_by_label("København").check()
        page.wait_for_selector("#tryghed-tabel th:text-is('København')")
        table = page.inner_text("#tryghed-tabel")
        assert "17,5 %" in table and "24 %" in table
        kk = [t for t in _chart_traces(page) if t["name"] == "København"]
        assert kk == [
            {"name": "København", "x": [2009, 2013, 2019, 2020, 2021, 2022],
             "y": [24, 17.5, 17, 15, 16, 17]}
        ]  # fmt: skip
        assert "https://www.kk.dk/artikel/tryghedsundersoegelsen" in page.inner_text(
            "#tryghed-kilder"
        )
        count, report = _axe_violations(page)
        assert count == 0, report
        assert page.console_errors == []


@pytest.mark.browser
def test_on_a_phone_the_chart_title_wraps_above_the_chart_and_nothing_overflows(
    live_app, make_user
):
    username, password = make_user("styregruppe")
    with browser_page(width=375) as page:
        log_in(page, live_app, username, password)
        page.goto(live_app + "/tryghed")
        page.wait_for_selector("#tryghed-graf img")
        title = page.locator("#tryghed-graf-titel")
        assert title.inner_text() == "Andel utrygge i nabolaget om aftenen og natten"
        assert title.bounding_box()["width"] <= 375
        # The phone's drawing is the one shown, at its own size (its text is not shrunk),
        # with the break's words whole and the period labels on rows of their own.
        image = page.locator("#tryghed-graf img")
        assert image.evaluate("img => img.currentSrc") == image.evaluate(
            "img => img.parentElement.querySelector('source').srcset"
        )
        assert 0.9 <= image.bounding_box()["width"] / 360 <= 1
        narrow = page_charts(page, "#tryghed-graf")["narrow"]
        assert BREAK_LABEL in texts(narrow)
        periods = {
            "".join(t.itertext()): float(t.get("y"))
            for t in narrow.iter(SVG + "text")
            if "".join(t.itertext()).startswith("Periode ")
        }
        assert set(periods) == {"Periode 2013–2016", "Periode 2017–2020"}
        assert abs(periods["Periode 2013–2016"] - periods["Periode 2017–2020"]) >= 13
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        count, report = _axe_violations(page)
        assert count == 0, report
        assert page.console_errors == []


@pytest.mark.browser
def test_working_group_registers_ung_i_job_and_sees_it_against_the_target(live_app, make_user):
    username, password = make_user("arbejdsgruppe", party="SSP")  # SSP leads Ung i Job
    row = "#output-ung_i_job_deltagere-2017"
    with browser_page() as page:
        log_in(page, live_app, username, password)
        page.goto(live_app + "/tryghed")
        page.wait_for_selector(row)
        assert "ikke målt endnu" in page.inner_text(row)

        with _form_filled(page):
            page.select_option("#tryghed-tal-maaling", "ung_i_job_deltagere")
        with _form_filled(page):
            page.fill("#tryghed-tal-aar", "2017")
        page.fill("#tryghed-tal-vaerdi", "43")
        page.click("#tryghed-tal-gem")
        page.wait_for_selector("#tryghed-tal-besked .alert, #tryghed-tal-besked:not(:empty)")
        assert page.inner_text("#tryghed-tal-besked") == "Tallet er gemt."
        page.wait_for_selector(f"{row}:has-text('målt: 43 (mål: mindst 40)')")
        assert "✓ målet er nået" in page.inner_text(row)
        assert "ikke målt endnu" in page.inner_text("#output-ung_i_job_deltagere-2018")
        history = page.locator("#tryghed-tal-historik")
        history.locator(f"text={username}: 2017 registreret 43").wait_for()
        count, report = _axe_violations(page)
        assert count == 0, report
        assert page.console_errors == []


@pytest.mark.browser
def test_tryghed_is_closed_to_anonymous_visitors(live_app):
    with browser_page() as page:
        page.goto(live_app + "/tryghed")
        page.wait_for_url("**/login**")
        assert "/login" in page.url


@pytest.mark.browser
def test_a_figure_typed_the_danish_way_is_read_so_in_an_english_browser(live_app, make_user):
    """A number field would read "1.200" by the browser's locale (1.2 in English); the text
    field with a decimal keyboard sends what was typed, and the server reads it the Danish
    way. What is not a number is refused in Danish."""
    username, password = make_user("arbejdsgruppe", party="SSP")
    row = "#output-ung_i_job_deltagere-2017"
    with browser_page(locale="en-US") as page:
        log_in(page, live_app, username, password)
        page.goto(live_app + "/tryghed")
        page.wait_for_selector(row)
        field = page.locator("#tryghed-tal-vaerdi")
        assert (field.get_attribute("type"), field.get_attribute("inputmode")) == (
            "text",
            "decimal",
        )
        with _form_filled(page):
            page.select_option("#tryghed-tal-maaling", "ung_i_job_deltagere")
        with _form_filled(page):
            page.fill("#tryghed-tal-aar", "2017")
        page.fill("#tryghed-tal-vaerdi", "mange")
        page.click("#tryghed-tal-gem")
        page.wait_for_selector("#tryghed-tal-besked:has-text('Angiv et tal')")
        assert "komma før decimaler" in page.inner_text("#tryghed-tal-besked")

        page.fill("#tryghed-tal-vaerdi", "1.200")
        page.click("#tryghed-tal-gem")
        page.wait_for_selector("#tryghed-tal-besked:has-text('Tallet er gemt.')")
        page.wait_for_selector(f"{row}:has-text('målt: 1.200')")
        # Shown back for editing as it was typed, so a second save reads the same.
        page.wait_for_function(
            "() => document.querySelector('#tryghed-tal-vaerdi').value === '1.200'"
        )
        assert page.console_errors == []
