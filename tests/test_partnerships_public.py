"""One installation, two partnerships, on the public side: / lists them, /p/<slug>/ shows one
partnership's plan, texts and map and nothing of the other's, the open data names and filters
the partnership, and an empty installation or an unknown slug gets words, not a blank."""

from __future__ import annotations

import re

import pytest

from dashboard.components.area_map import NOT_DRAWN, area_map
from dashboard.queries.map_shapes import unknown_outline_names
from data_loaders.partnerships import registry
from tests.accounts import add_user, login
from tests.partnerships import AMAGER, SECOND, SECOND_NAME, load_second_partnership
from tests.public_helpers import public_client


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def two(loaded_db):
    """The bundled Amager data plus the second partnership, with its outline on the map."""
    load_second_partnership(loaded_db, map_outline="Tingbjerg/Husum")
    return public_client(loaded_db)


def test_root_lists_every_partnership_with_its_area_period_and_link(two):
    response = two.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = _text(html)
    assert 'href="/p/amager-partnerskab/"' in html and f'href="/p/{SECOND}/"' in html
    assert "Amager Partnerskab" in text and SECOND_NAME in text
    assert "Partnerskabsområdet 2017–2020 er Hørgården" in text  # Amager's area text
    assert "Partnerskabsperiode: 2013–2016 og 2017–2020" in text
    assert "Partnerskabets område er ikke beskrevet her endnu." in text  # the second's
    # Two partnerships: neither is the site's brand.
    assert "<title>Partnerskaber · Tryghedsdashboard</title>" in html


def test_each_overview_shows_its_own_plan_and_nothing_of_the_other(two):
    amager = two.get(f"/p/{AMAGER}/").get_data(as_text=True)
    text = _text(amager)
    assert "I 2017 er hele rammen på 1.200.000 kr. fordelt" in text
    assert "Bylivspuljen (2. Tryggere byliv) 233.000 kr." in text
    assert "Hørgården, Remisevænget Øst, Vest og Nord og Dyvekevænget" in text
    assert "Amager Partnerskab: Københavns Kommune, Københavns Politi" in text  # footer
    assert "<title>Overblik · Amager Partnerskab · Tryghedsdashboard</title>" in amager
    assert "Kort over Urbanplanen mv." in text
    assert "faldt fra 34 % i 2014 til 29 % i 2020" in text  # its own area's trend
    for other in ("Tingbjerg", "433.000", "130.000"):
        assert other not in text, other

    second = _text(two.get(f"/p/{SECOND}/").get_data(as_text=True))
    assert "Bylivspuljen (2. Tryggere byliv) 433.000 kr." in second
    assert f"{SECOND_NAME} · Tryghedsdashboard" in second
    assert "Kort over Tingbjerg/Husum" in second and "i bydelen Brønshøj-Husum" in second
    for other in ("Amager Partnerskab", "233.000", "Hørgården, Remisevænget", "34 % i 2014"):
        assert other not in second, other


INTERNAL = ("okonomi", "leverancer", "tryghed", "moede")


def test_an_anonymous_visitor_is_offered_log_in_not_pages_that_are_a_login_form(two):
    response = two.get(f"/p/{SECOND}/")
    assert "Set-Cookie" not in response.headers  # looking at the user starts no session
    html = response.get_data(as_text=True)
    for page in INTERNAL:
        assert f'/{page}"' not in html, page
    assert '<a href="/login">Log ind</a>' in html
    assert f'href="/p/{SECOND}/" aria-current="page"' in html


def test_logged_in_the_menu_leads_into_the_partnership_or_the_users_own(two, loaded_db):
    add_user(loaded_db, "tove", "arbejdsgruppe", partnerships=(SECOND,))
    add_user(loaded_db, "ama", "styregruppe", partnerships=(AMAGER,))
    assert login(two, "tove").status_code == 303
    response = two.get(f"/p/{SECOND}/")
    html = response.get_data(as_text=True)
    assert all(f'href="/p/{SECOND}/{page}"' in html for page in INTERNAL)
    assert "Log ind" not in html
    # The menu differs per visitor, so no cache may hand one visitor's page to another.
    assert "Cookie" in response.headers["Vary"]

    amager = public_client(loaded_db)
    assert login(amager, "ama").status_code == 303
    html = amager.get(f"/p/{SECOND}/").get_data(as_text=True)
    # Not a member of the page's partnership: the unprefixed pages lead to their own.
    assert all(f'href="/{page}"' in html for page in INTERNAL)
    assert f'href="/p/{SECOND}/okonomi"' not in html


def test_a_partnership_without_texts_or_outline_gets_sentences_and_the_city_map(loaded_db):
    load_second_partnership(loaded_db)  # no outline, no members, not in the registry
    html = public_client(loaded_db).get(f"/p/{SECOND}/").get_data(as_text=True)
    text = _text(html)
    assert f"{SECOND_NAME} er et tryghedspartnerskab i Københavns Kommune." in text
    assert "Hvem der er med i partnerskabet, er ikke oplyst her endnu." in text
    assert "Partnerskabets område er ikke beskrevet her endnu." in text
    assert NOT_DRAWN in text and "Kort over København" in text
    assert f"<p>{SECOND_NAME}.</p>" in html  # the footer: the name, no empty member list
    # Without its own area, only the city's trend: none of another partnership's area.
    assert "Partnerskabsområdet (Urbanplanen og Hørgården)" not in text


def test_an_unknown_partnership_is_a_danish_404(two):
    response = two.get("/p/findes-ikke/")
    assert response.status_code == 404
    text = _text(response.get_data(as_text=True))
    assert "Partnerskabet findes ikke" in text and "/p/findes-ikke/" in text


def test_an_empty_installation_says_so_on_the_front_page(db_url):
    response = public_client(db_url).get("/")
    assert response.status_code == 200
    text = _text(response.get_data(as_text=True))
    assert "Der er endnu ikke noget partnerskab på dashboardet." in text


def test_the_accessibility_statement_names_the_partnerships_from_the_data(loaded_db):
    client = public_client(loaded_db)
    one = _text(client.get("/tilgaengelighed").get_data(as_text=True))
    assert "Amager Partnerskab forpligter sig til at gøre dette websted tilgængeligt" in one
    load_second_partnership(loaded_db)
    both = _text(client.get("/tilgaengelighed").get_data(as_text=True))
    assert f"Amager Partnerskab og {SECOND_NAME} forpligter sig til at gøre dette" in both


def test_the_statement_has_the_parts_of_a_danish_public_accessibility_statement(loaded_db):
    text = _text(public_client(loaded_db).get("/tilgaengelighed").get_data(as_text=True))
    for part in (
        "lov om tilgængelighed af offentlige organers websteder og mobilapplikationer",
        "Overholdelsesstatus",
        "Webstedet overholder delvist standarden EN 301 549 (WCAG 2.1 niveau A og AA)",
        "Indhold, der ikke er tilgængeligt",
        "Uforholdsmæssig stor byrde",
        "Indhold uden for lovens område",
        "Erklæringen er udarbejdet den 2. december 2026",
        "Feedback og kontaktoplysninger",
        "Håndhævelsesprocedure",
        "inden for 10 arbejdsdage",
    ):
        assert part in text, part
    html = public_client(loaded_db).get("/tilgaengelighed").get_data(as_text=True)
    assert 'href="https://digst.dk/digital-inklusion/webtilgaengelighed/' in html


def test_the_statement_names_the_configured_contact(loaded_db, monkeypatch):
    monkeypatch.setenv("TRYGHED_CONTACT_EMAIL", "tryghed@amager.example")
    monkeypatch.setenv("TRYGHED_CONTACT_PHONE", "33 66 33 66")
    html = public_client(loaded_db).get("/tilgaengelighed").get_data(as_text=True)
    assert '<a href="mailto:tryghed@amager.example">tryghed@amager.example</a>' in html
    assert '<a href="tel:33663366" class="nowrap">33 66 33 66</a>' in html
    assert 'id="kontakt-via-partnerskabet"' not in html


def test_without_a_contact_the_statement_says_how_to_reach_the_secretariat(loaded_db, monkeypatch):
    monkeypatch.delenv("TRYGHED_CONTACT_EMAIL", raising=False)
    monkeypatch.delenv("TRYGHED_CONTACT_PHONE", raising=False)
    html = public_client(loaded_db).get("/tilgaengelighed").get_data(as_text=True)
    text = _text(html)
    assert "mailto:" not in html and "tel:" not in html
    assert "Sekretariatets e-mail og telefonnummer er ikke lagt ind på dashboardet endnu." in text
    assert (
        "Kontakt i stedet en af partnerskabets parter, og bed om at blive sat i forbindelse med "
        "tryghedspartnerskabets sekretariat" in text
    )
    assert "Amager Partnerskab: Københavns Kommune, Københavns Politi" in text
    # Only the e-mail set: the missing phone is said, the e-mail shown.
    monkeypatch.setenv("TRYGHED_CONTACT_EMAIL", "tryghed@amager.example")
    text = _text(public_client(loaded_db).get("/tilgaengelighed").get_data(as_text=True))
    assert "E-mail: tryghed@amager.example" in text
    assert "Sekretariatets telefonnummer er ikke lagt ind på dashboardet endnu." in text


# --- the map -----------------------------------------------------------------------------


def test_the_map_hatches_the_own_outline_and_greys_the_other_udsatte_byomraader():
    amager = area_map("Urbanplanen mv.")
    assert amager.drawn and amager.district == "Amager Vest"
    assert amager.svg.count('fill="url(#kort-skravering)"') == 1
    assert 'fill="#d3d8dd"' in amager.svg  # Ved Gyldenrisvej, Ved Frankrigsgade nearby
    assert "andre udsatte byområder på kortet er grå: Ved Frankrigsgade" in amager.description
    folehaven = area_map("Ved Folehaven")
    assert folehaven.area_name == "Ved Folehaven" and folehaven.district == "Valby"
    # A name that covers two features ("Ved Jagtvej") and two names: every piece hatched.
    nørrebro = area_map("Indre Nørrebro|Ved Jagtvej")
    assert nørrebro.svg.count('fill="url(#kort-skravering)"') == 3
    assert nørrebro.area_name == "Indre Nørrebro og Ved Jagtvej"


def test_no_outline_is_the_city_map_without_a_highlight():
    city = area_map("")
    assert not city.drawn and city.district is None
    assert "kort-skravering)" not in city.svg.replace('id="kort-skravering"', "")
    assert city.description.startswith(NOT_DRAWN)
    assert len(city.svg) < 25_000


def test_every_outline_the_registry_names_is_on_the_map():
    for entry in registry().values():
        assert unknown_outline_names(entry.map_outline) == [], entry.slug


# --- open data ---------------------------------------------------------------------------


def test_the_budget_of_one_partnership_is_exactly_its_40_cells(two):
    rows = two.get(f"/data/budget.json?partnerskab={AMAGER}").get_json()["rows"]
    assert len(rows) == 40 and all(r["partnership"] == AMAGER for r in rows)
    byliv = next(r for r in rows if r["activity"] == "Bylivspuljen" and r["year"] == 2017)
    assert byliv["amount"] == 233_000
    second = two.get(f"/data/budget.json?partnerskab={SECOND}").get_json()["rows"]
    byliv = next(r for r in second if r["activity"] == "Bylivspuljen" and r["year"] == 2017)
    assert byliv["amount"] == 433_000 and byliv["partnership"] == SECOND
    everyone = two.get("/data/budget.json").get_json()["rows"]
    assert len(everyone) == 80 and {r["partnership"] for r in everyone} == {AMAGER, SECOND}


@pytest.mark.parametrize("name", ["budget", "budget-aar", "leverancer", "indikatorer"])
def test_every_row_names_its_partnership_and_the_filter_keeps_only_its_rows(two, name):
    document = two.get(f"/data/{name}.json").get_json()
    assert "partnership" in [c["name"] for c in document["columns"]]
    assert document["rows"] and all("partnership" in r for r in document["rows"])
    for slug in (AMAGER, SECOND):
        rows = two.get(f"/data/{name}.json?partnerskab={slug}").get_json()["rows"]
        assert all(r["partnership"] == slug for r in rows)
        csv = two.get(f"/data/{name}.csv?partnerskab={slug}").get_data(as_text=True)
        assert csv.count("\r\n") == len(rows) + 1


def test_figures_of_shared_areas_belong_to_no_partnership(two):
    rows = two.get("/data/indikatorer.json").get_json()["rows"]
    owners = {r["area_code"]: r["partnership"] for r in rows}
    assert owners["partnerskabsomraadet"] == AMAGER and owners["remisevaengerne"] == AMAGER
    assert owners["kobenhavn"] == "" and owners["amager_vest"] == ""
    amager = two.get(f"/data/indikatorer.json?partnerskab={AMAGER}").get_json()["rows"]
    assert amager and {r["partnership"] for r in amager} == {AMAGER}
    # The second partnership names no area of its own: no figure is its own.
    assert two.get(f"/data/indikatorer.json?partnerskab={SECOND}").get_json()["rows"] == []


def test_an_unknown_partnership_in_the_open_data_is_404_in_words(two):
    response = two.get("/data/budget.json?partnerskab=findes-ikke")
    assert response.status_code == 404
    body = response.get_json()
    assert body["partnerskab"] == "findes-ikke" and set(body["partnerskaber"]) == {AMAGER, SECOND}
    assert "Der er intet partnerskab, der hedder »findes-ikke«" in body["error"]
    csv = two.get("/data/budget.csv?partnerskab=findes-ikke")
    assert csv.status_code == 404 and "intet partnerskab" in csv.get_data(as_text=True)
    assert csv.headers["Access-Control-Allow-Origin"] == "*"


def test_the_data_page_and_openapi_describe_the_column_and_the_parameter(two):
    text = _text(two.get("/data").get_data(as_text=True))
    assert "partnership" in text and "?partnerskab=" in text
    assert f"/data/budget.csv?partnerskab={SECOND}" in text
    api = two.get("/data/openapi.json").get_json()
    for path, operation in api["paths"].items():
        names = [p["name"] for p in operation["get"]["parameters"]]
        assert names == ["partnerskab"], path
        assert "404" in operation["get"]["responses"], path
    assert "partnership" in api["components"]["schemas"]["BudgetRow"]["required"]
