"""The public front page /: plain Danish facts from the data, nothing internal, no JavaScript,
the map drawn offline, and usable at phone width."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from dashboard.components.area_map import area_map
from dashboard.components.format import keep_together
from dashboard.queries.deliverables import STATUS_LABELS as DELIVERABLE_LABELS
from dashboard.queries.public import UNDER_5, _progress
from tests.browser import browser_page
from tests.public_helpers import SECRET_COMMENT, SECRET_PERSON, public_client, set_statuses


class _Page(HTMLParser):
    """The bits of a page the tests look at: scripts, external resources, headings, text."""

    def __init__(self, html: str):
        super().__init__()
        self.scripts = 0
        self.resources: list[str] = []
        self.headings: list[int] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag in ("link", "img", "iframe", "source") and (attrs.get("href") or attrs.get("src")):
            self.resources.append(attrs.get("href") or attrs.get("src"))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data):
        self.text.append(data)

    @property
    def plain_text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text))


@pytest.fixture
def client(loaded_db):
    return public_client(loaded_db)


def front_page(client) -> _Page:
    response = client.get("/")
    assert response.status_code == 200
    return _Page(response.get_data(as_text=True))


def test_root_is_the_public_page_not_the_dash_shell(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="da">' in html
    assert "_dash-config" not in html and "dash_renderer" not in html
    # Dash still owns its own routes and the internal pages.
    assert client.get("/_dash-layout").status_code == 200
    assert client.get("/login").status_code == 200


def test_fresh_setup_states_the_2017_and_2018_budget(client):
    text = front_page(client).plain_text
    assert "I 2017 er hele rammen på 1.200.000 kr. fordelt" in text
    assert "I 2018 er 640.000 kr. af rammen på 1.200.000 kr. fordelt" in text
    assert "560.000 kr. er endnu ikke fordelt" in text
    assert "Endnu ikke fordelt" in text


def test_fresh_setup_states_the_night_time_unsafety_trend_with_source_and_period(client):
    text = front_page(client).plain_text
    assert (
        "Andel utrygge i nabolaget om aftenen og natten i Partnerskabsområdet (Urbanplanen og "
        "Hørgården) faldt fra 34 % i 2014 til 29 % i 2020 – den ønskede retning." in text
    )
    # The enlarged area is said to be a different area, not folded into the trend.
    assert "Tal fra 2021 og frem kan ikke sammenlignes med tidligere år." in text
    assert "I det nye område (Partnerskabsområdet, udvidet 2021) var tallet 27 % i 2021." in text
    assert "Periode: 2014–2021" in text
    assert "Kilde: Københavns Kommune, Tryghedsundersøgelsen" in text
    html = client.get("/").get_data(as_text=True)
    assert 'href="https://www.urbanplanen.com/single-post/2020/06/29/' in html


def test_front_page_names_focus_areas_activities_and_purposes(client):
    text = front_page(client).plain_text
    for heading in ("1. Dialog og kommunikation", "2. Tryggere byliv", "3. Børn, unge og beboere"):
        assert heading in text
    assert "Opsøgende Familierådgiver" in text
    assert "Formålet er at øge trykthed og mindske kriminalitet" in text  # the plan's own words


def test_front_page_says_when_data_was_last_updated(client):
    html = client.get("/").get_data(as_text=True)
    assert re.search(r"Senest opdateret: <strong>\d{1,2}\. \w+ \d{4}</strong>", html)


def test_map_is_inline_svg_with_a_text_description_and_no_network(client):
    page = front_page(client)
    html = client.get("/").get_data(as_text=True)
    assert '<svg class="area-map"' in html and 'aria-describedby="kort-beskrivelse"' in html
    assert "Urbanplanen mv." in page.plain_text
    assert "i bydelen Amager Vest" in page.plain_text
    # Everything the page loads comes from this server: no tiles, no CDN, no fonts.
    assert page.resources and all(url.startswith("/") for url in page.resources)
    assert page.scripts == 0


def test_map_is_fitted_to_the_area_and_small():
    shown = area_map("Urbanplanen mv.")
    assert shown.area_name == "Urbanplanen mv." and shown.district == "Amager Vest"
    assert len(shown.svg) < 20_000  # simplified outlines, not 250 KB of district borders
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', shown.svg).groups())
    assert 1 < height / width < 3  # the area is tall; the frame follows it


def test_headings_are_in_order(client):
    levels = front_page(client).headings
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_deliverable_counts_are_shown_as_they_are_even_below_five(loaded_db):
    """Deliverables are work items, not people: small counts are published, not "under 5"."""
    set_statuses(loaded_db, 3, {"done": 12, "in_progress": 6, "delayed": 2})
    client = public_client(loaded_db)
    rows = {r["focus_area"]: r for r in client.get("/data/leverancer.json").get_json()["rows"]}
    area = rows[3]
    assert (area["total"], area["done"], area["in_progress"]) == (24, 12, 6)
    assert (area["delayed"], area["not_started"], area["dropped"]) == (2, 4, 0)
    assert area["share_done_percent"] == 50.0
    assert rows[2]["total"] == 2  # the plan gives focus area 2 only two deliverables
    html = client.get("/").get_data(as_text=True)
    table = re.search(r'<table[^>]*id="leverancer-tabel".*?</table>', html, re.S).group(0)
    assert UNDER_5 not in table
    row = re.search(r"<tr><th scope=\"row\">3\. .*?</tr>", table).group(0)
    cells = re.findall(r"<td>([^<]*)</td>", row)
    assert cells == ["24", "4", "6", "2", "12", "0", "50\xa0%"]
    assert UNDER_5 not in _Page(html).plain_text


def test_the_public_table_uses_the_working_groups_status_words(client):
    """One set of status words: the public header says "Afsluttet" as /leverancer says
    "afsluttet", never "Færdig" beside it."""
    html = client.get("/").get_data(as_text=True)
    table = re.search(r'<table[^>]*id="leverancer-tabel".*?</table>', html, re.S).group(0)
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)
    for label in DELIVERABLE_LABELS.values():
        assert label.capitalize() in headers
    assert "Færdig" not in html and "færdige" not in html


def test_the_share_done_leaves_dropped_deliverables_out_and_says_when_all_are():
    from collections import Counter

    progress = _progress(1, "1. Test", Counter({"done": 3, "not_started": 1, "dropped": 2}))
    assert progress.total == 6 and progress.by_status["dropped"] == 2
    assert progress.by_status["delayed"] == 0
    assert (progress.share_done, progress.share_text) == (75.0, "75 % afsluttet")
    everything_dropped = _progress(1, "1. Test", Counter({"dropped": 3}))
    assert everything_dropped.share_done is None
    assert everything_dropped.share_text == "alle er opgivet"


def test_every_activity_opens_to_what_the_plan_says_or_says_it_says_nothing(client):
    html = client.get("/").get_data(as_text=True)
    items = re.findall(r'<ul class="activities">(.*?)</ul>', html, re.S)
    activities = [li for block in items for li in re.findall(r"<li.*?</li>", block, re.S)]
    assert len(activities) == 11
    for li in activities:
        opens = re.search(r"<details><summary>.*?</summary>\s*<p>[^<]+", li, re.S)
        assert opens or "planen beskriver den ikke nærmere" in li, li
    # The two parts of the first activity have no purpose of their own: they open to where
    # the plan describes it, and to their target group.
    part = next(li for li in activities if "Beboerinddragelse, formidling og fundraising" in li)
    assert "<details>" in part
    assert "Planen beskriver formålet samlet under »Dialog, kommunikation og begivenheder«" in part
    assert "Alle beboere i partnerskabsområdet samt borgere på Amager." in part


def test_a_unit_is_bound_to_its_number_and_nothing_else_is():
    text = "5 kommuner fik 3 kr. og 12,5 % af 1,06 km² og 500 meter, 2 kroner"
    assert keep_together(text) == (
        "5 kommuner fik 3\xa0kr. og 12,5\xa0% af 1,06\xa0km² og 500\xa0meter, 2 kroner"
    )


def test_amounts_and_percentages_never_break_from_their_unit(client):
    html = client.get("/").get_data(as_text=True)
    assert "1.200.000\xa0kr." in html and "29\xa0%" in html and "\xa0km²" in html
    html = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)  # SVG text never wraps
    assert not re.search(r"\d (kr\.|%)", html), re.search(r".{30}\d (kr\.|%).{10}", html)


def test_nothing_internal_reaches_the_public_pages_or_open_data(loaded_db):
    set_statuses(loaded_db, 1, {"done": 5, "delayed": 5})
    client = public_client(loaded_db)
    paths = ["/", "/data", "/tilgaengelighed", "/data/openapi.json"] + [
        f"/data/{name}.{fmt}"
        for name in ("budget", "budget-aar", "leverancer", "indikatorer")
        for fmt in ("json", "csv")
    ]
    for path in paths:
        body = client.get(path).get_data(as_text=True)
        assert SECRET_COMMENT not in body, path
        assert SECRET_PERSON not in body, path
        assert "loaded_from" not in body and "reference_figures.csv" not in body, path


def test_public_pages_carry_no_dash_callbacks(client):
    """The callback enumeration test covers Dash callbacks; the public pages have none to
    cover: no script, so nothing on them can call /_dash-update-component."""
    for path in ("/", "/data", "/tilgaengelighed"):
        assert _Page(client.get(path).get_data(as_text=True)).scripts == 0


def test_pages_are_gzipped_and_revalidated_with_etags(client):
    response = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "no-cache"
    etag = response.headers["ETag"]
    again = client.get("/", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304


def test_static_files_are_cached_for_a_year_under_a_content_hash(client):
    html = client.get("/").get_data(as_text=True)
    css = re.search(r'href="(/filer/public\.css\?v=[0-9a-f]{12})"', html).group(1)
    response = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    assert client.get("/filer/secret_key").status_code == 404


@pytest.mark.browser
def test_phone_width_has_no_horizontal_scrolling_and_readable_charts(live_app, tmp_path):
    with browser_page(width=375, height=800) as page:
        page.goto(live_app + "/")
        page.wait_for_selector("svg.area-map")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # Chart and map lettering is at least 11 px tall as drawn on the phone's screen.
        heights = page.eval_on_selector_all(
            "svg.trend text, svg.area-map text",
            "els => els.map(e => e.getBoundingClientRect().height)",
        )
        assert heights and min(heights) >= 11
        shot = tmp_path / "forside-375.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 50_000
        assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/p/amager-partnerskab/", "/tilgaengelighed", "/data"])
def test_public_pages_do_not_scroll_sideways_on_a_phone_even_opened(live_app, path):
    """At 375 px nothing is wider than the screen, with every activity and table opened
    (wide tables scroll inside their own region, not the page)."""
    with browser_page(width=375, height=800) as page:
        page.goto(live_app + path)
        page.eval_on_selector_all("details", "els => els.forEach(d => d.open = true)")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert page.console_errors == []


@pytest.mark.browser
def test_front_page_and_its_map_load_nothing_from_other_hosts(live_app):
    with browser_page() as page:
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(live_app + "/")
        box = page.locator("svg.area-map").bounding_box()
        assert box and box["width"] > 200 and box["height"] > 300
        assert page.locator("svg.area-map path").count() >= 2  # the area and its district
        assert requested and all(url.startswith(live_app) for url in requested)
        assert page.console_errors == []
