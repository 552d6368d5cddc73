"""The state at a glance in real Chromium: the tiles at the top of /moede and /okonomi,
each linking to its detail, the finished period's notice on every internal page, axe-core
at 1280 and 375 px for both reading roles; and the pack's first page (pdftotext), whose
words are all whole (none split across lines) and none of whose pages holds two lines."""

from __future__ import annotations

import re
import subprocess

import pytest

from dashboard.app import create_app
from dashboard.config import Config
from tests.accounts import add_user, login
from tests.axe import describe, run_axe
from tests.browser import browser_page, log_in, require_chromium
from tests.test_meeting_pack import _meeting_id, _require_poppler

PAGES = ("/moede", "/okonomi")


@pytest.fixture
def app(loaded_db):
    add_user(loaded_db, "styre-pakke", "styregruppe")
    return create_app(Config(database_url=loaded_db, secret_key="p" * 40, auto_init=False))


# How far the widest unbreakable run of a tile's figure ("1.200.000 kr." is held together by
# no-break spaces) is wider than its line: over 0, the browser breaks it inside a word.
WIDEST_FIGURE_OVERFLOW = """() => Math.max(...[...document.querySelectorAll('.glance-figure')]
    .flatMap(p => p.textContent.split(' ').map(run => {
        const probe = document.createElement('span');
        probe.style.whiteSpace = 'pre';
        probe.textContent = run;
        p.appendChild(probe);
        const over = probe.getBoundingClientRect().width - p.clientWidth;
        probe.remove();
        return over;
    })))"""


@pytest.mark.browser
@pytest.mark.parametrize("role", ["styregruppe", "arbejdsgruppe"])
@pytest.mark.parametrize("width", [1280, 375])
def test_the_tiles_show_link_and_pass_axe(live_app, make_user, role, width):
    username, password = make_user(role, party="3B" if role == "arbejdsgruppe" else None)
    with browser_page(width=width) as page:
        log_in(page, live_app, username, password)
        for path in PAGES:
            page.goto(live_app + path)
            page.wait_for_selector("#overblik-nu .glance-tile")
            section = page.inner_text("#overblik-nu")
            assert "Slutstatus for perioden 2017–2020" in section
            # A number keeps its unit on its line ("1.200.000 / kr." on a phone before).
            assert "Ramme 1.200.000\xa0kr." in section and "29\xa0% i 2020" in section
            section = section.replace("\xa0", " ")
            assert "640.000 kr. fordelt" in section and "4 beløb ikke besluttet (?)" in section
            assert "0 af 36 afsluttet" in section
            assert "36 ikke afsluttet ved periodens slut" in section
            assert "Andel utrygge i nabolaget om aftenen og natten" in section
            # No headline indicator has a target in the plan: said once, below the tiles.
            assert section.count("Planen sætter intet mål") == 1
            assert "intet mål" in page.inner_text("#overblik-nu-maal")
            assert "Partnerskabsperioden 2017–2020 er afsluttet." in page.inner_text(
                "#periode-afsluttet"
            )
            href = page.get_attribute("#kort-leverancer", "href")
            assert href == "/p/amager-partnerskab/leverancer"
            money = page.get_attribute("#kort-okonomi-2018", "href")
            assert money.endswith("#okonomi-fordeling")
            # Nothing runs off a phone's screen.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert page.evaluate(WIDEST_FIGURE_OVERFLOW) <= 0, "a tile's figure breaks a word"
            results = run_axe(page)
            assert results["violations"] == [], describe(results["violations"])
        page.click("#kort-indikator-utrygge_aften_nat")
        page.wait_for_url("**/tryghed")
        page.wait_for_selector("#periode-afsluttet")
        assert page.console_errors == []


@pytest.mark.browser
def test_the_pack_starts_with_the_summary_and_splits_no_word(app, loaded_db, tmp_path):
    require_chromium()
    _require_poppler()
    client = app.server.test_client()
    login(client, "styre-pakke")
    base = f"/p/amager-partnerskab/moede/{_meeting_id(loaded_db)}/pakke"
    pdf = tmp_path / "pakke.pdf"
    pdf.write_bytes(client.get(base + ".pdf").data)
    html = client.get(base).get_data(as_text=True)

    pages = _pages(pdf)
    first = " ".join(pages[0].split())
    assert "Slutstatus for perioden 2017–2020" in first
    assert "Økonomi 2018" in first and "640.000 kr." in first and "Venter på en beslutning" in first
    assert "14 beløb ikke besluttet (?) for 2018, 2019, 2020" in first
    assert first.count("Planen sætter intet mål") == 1
    # A word split across lines ("medansva" / "rlig") leaves pieces the document lacks.
    known = set(_words(re.sub(r"<[^>]+>", " ", html))) | {"Side", "af"}
    pieces = sorted({w for page in pages for w in _words(page)} - known)
    assert pieces == []
    # No page holds just a line or two besides its running header and footer.
    body_lines = [len([line for line in page.splitlines() if line.strip()]) - 2 for page in pages]
    assert min(body_lines) > 3, body_lines


def _pages(pdf) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-zÆØÅæøåéü]{3,}", text)
