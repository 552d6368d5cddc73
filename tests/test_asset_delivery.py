"""How the Dash pages' files are delivered (issue 18): compressed, cached a year when
versioned, no session cookie on static files, no dash_table bundle, and no plotly.js at all:
the charts come drawn from the server."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

from dashboard.app import DASH_PAGES, create_app
from dashboard.config import Config
from tests.accounts import add_user, login, router_payload
from tests.browser import browser_page, log_in
from tests.svg_helpers import parse, texts

OKONOMI = "/p/amager-partnerskab/okonomi"

ASSETS = Path(__file__).resolve().parents[1] / "assets"
DANISH_MONEY = re.compile(r"\b\d{1,3}(\.\d{3})+ kr\.")


@pytest.fixture
def client(loaded_db):
    app = create_app(Config(database_url=loaded_db, secret_key="s" * 32, auto_init=False))
    add_user(loaded_db, "udvalg", "styregruppe")
    client = app.server.test_client()
    assert login(client, "udvalg").status_code == 303
    return client


def page_scripts(client, path: str = OKONOMI) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', client.get(path).get_data(as_text=True))


def script(client, part: str) -> str:
    return next(src for src in page_scripts(client) if part in src)


def test_a_component_suite_is_compressed_for_a_client_that_accepts_it(client):
    url = script(client, "dash_core_components.v")
    raw = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in raw.headers
    as_br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert as_br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(as_br.get_data()) == raw.get_data()
    assert len(as_br.get_data()) < len(raw.get_data()) / 3
    as_gzip = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.get_data()) == raw.get_data()
    assert "Accept-Encoding" in as_br.headers["Vary"]


def test_callback_answers_and_the_layout_are_compressed(client):
    answer = client.post(
        "/_dash-update-component",
        json=router_payload(OKONOMI),
        headers={"Accept-Encoding": "br"},
    )
    assert answer.status_code == 200
    assert answer.headers["Content-Encoding"] == "br"
    assert b"indhold" in brotli.decompress(answer.get_data())
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert layout.headers["Content-Encoding"] == "gzip"
    assert client.get(OKONOMI, headers={"Accept-Encoding": "br"}).headers[
        "Content-Encoding"
    ] == "br"  # fmt: skip


def test_an_unknown_dash_file_is_404_not_a_500_with_a_traceback(client):
    for path in (
        "/_dash-component-suites/dash/findes-ikke.js",
        "/_dash-component-suites/dash/..%2f..%2f..%2fpyproject.toml",
        "/_dash-component-suites/ingen-pakke/x.js",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Filen findes ikke" in response.get_data(as_text=True)


def test_versioned_files_are_cached_for_a_year_and_others_revalidate(client):
    cache = client.get(script(client, "dash_renderer")).headers["Cache-Control"]
    assert cache == "public, max-age=31536000, immutable"
    for unversioned in ("/assets/callback-errors.js", "/assets/dashboard.css"):
        response = client.get(unversioned)
        cache = response.headers["Cache-Control"]
        assert "immutable" not in cache and "max-age=31536000" not in cache, unversioned
        again = client.get(unversioned, headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304, unversioned
    assert "immutable" not in client.get(OKONOMI).headers.get("Cache-Control", "")


def test_static_files_carry_no_session_cookie_even_for_a_logged_in_user(client):
    # Logged in (the server keeps the session; the cookie is not re-sent with every page) ...
    assert client.get(OKONOMI).status_code == 200
    # ... and the files, the same for everyone, carry no cookie.
    static = [
        script(client, "dash_renderer"),
        "/assets/callback-errors.js",
        "/filer/public.css",
        "/_favicon.ico",
    ]
    for url in static:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Set-Cookie" not in response.headers, url
        # The cookie changes with every page: a file varying on it would never be reused.
        assert "Cookie" not in response.headers.get("Vary", ""), url


def test_the_pages_load_no_dash_table_no_plotly_and_no_polyfill(client):
    for path in ("/login", *(page.path for page in DASH_PAGES)):
        scripts = page_scripts(client, path)
        assert not [s for s in scripts if "dash_table" in s], path
        assert not [s for s in scripts if "plotly" in s], path
        assert not [s for s in scripts if "polyfill" in s], path
    assert not list(ASSETS.glob("*plotly*")), "a plotly.js in assets/ would load on every page"


def test_no_page_lists_the_grid_bundle(client):
    # Dash lists every imported component library on every page: none may bring AG Grid.
    for path in ("/", *(page.path for page in DASH_PAGES)):
        scripts = page_scripts(client, path)
        assert not [s for s in scripts if "dash_ag_grid" in s], path


@pytest.mark.browser
def test_the_chart_pages_load_no_plotly_and_draw_danish_numbers(live_app, make_user):
    """No chart page fetches plotly.js (nor dcc's graph chunk, which would fetch it): their
    charts are images drawn on the server, with Danish money in them."""
    username, password = make_user("styregruppe")
    with browser_page() as page:
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        log_in(page, live_app, username, password)
        for path, chart in (
            ("/leverancer", "#lev-figur"),
            ("/tryghed", "#tryghed-graf"),
            ("/okonomi", "#okonomi-graf"),
        ):
            page.goto(live_app + path)
            page.wait_for_selector(f"{chart} img")
            page.wait_for_load_state("networkidle")
            assert page.evaluate(f"() => document.querySelector('{chart} img').naturalWidth"), (
                path
            )  # the image decodes
        assert not [url for url in fetched if "plotly" in url or "graph" in url], fetched
        words = " ".join(texts(parse(page.get_attribute("#okonomi-graf img", "src"))))
        assert DANISH_MONEY.search(words), words  # e.g. 1.200.000 kr.
        # Without Dash's polyfill the async code of the bundles still finds its runtime.
        assert page.evaluate("() => typeof window.regeneratorRuntime") == "object"
        assert page.console_errors == []
