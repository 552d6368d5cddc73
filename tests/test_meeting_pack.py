"""The meeting pack for the bundled 2017 data, fetched through its route: what its text says
(pdftotext), that every page is numbered, and that nothing runs off a page (word boxes from
pdftotext -bbox, and the pages rendered by pdftoppm with blank side margins)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model import Meeting
from dashboard.queries.deliverables import responsible_parties
from dashboard.queries.plan import latest_plan
from tests.accounts import add_user, login
from tests.browser import require_chromium
from tests.partnerships import AMAGER, join_partnership, partnership_id

MM = 72 / 25.4  # PDF points per millimetre
SIDE_MARGIN_MM = 14  # as pack.css's @page rule
A4_WIDTH = 210 * MM


def _require_poppler() -> None:
    if shutil.which("pdftotext") and shutil.which("pdftoppm"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("pdftotext/pdftoppm not found; .ci/run must install poppler-utils")
    pytest.skip("poppler-utils is not installed (apt-get install poppler-utils)")


@pytest.fixture
def app(loaded_db):
    add_user(loaded_db, "styre-pakke", "styregruppe")
    join_partnership(loaded_db, "styre-pakke", AMAGER)
    return create_app(Config(database_url=loaded_db, secret_key="p" * 40, auto_init=False))


def _meeting_id(url: str, body: str = "styregruppe") -> int:
    with session_scope(url) as session:
        return session.query(Meeting.id).filter(Meeting.body == body).scalar()


def test_the_pack_is_closed_to_anonymous_visitors(app, loaded_db):
    meeting_id = _meeting_id(loaded_db)
    anonymous = app.server.test_client()
    for path in (
        f"/moede/{meeting_id}/pakke.pdf",
        f"/moede/{meeting_id}/pakke",
        f"/p/{AMAGER}/moede/{meeting_id}/pakke.pdf",
        f"/p/{AMAGER}/moede/{meeting_id}/pakke",
    ):
        response = anonymous.get(path)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
        assert b"%PDF" not in response.data and b"Leverance" not in response.data


def test_the_print_view_is_the_pack_as_html(app, loaded_db):
    client = app.server.test_client()
    login(client, "styre-pakke")
    response = client.get(f"/p/{AMAGER}/moede/{_meeting_id(loaded_db)}/pakke")
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("no-store")
    page = response.get_data(as_text=True)
    assert 'http-equiv="Content-Security-Policy" content="default-src \'none\'' in page
    assert "<script" not in page
    assert "Mødepakke" in page and "1.200.000 kr." in page
    assert client.get("/moede/999999/pakke").status_code == 404
    assert client.get(f"/p/{AMAGER}/moede/999999/pakke").status_code == 404


def test_the_pdf_pack_for_the_bundled_plan(app, loaded_db, tmp_path):
    require_chromium()
    _require_poppler()
    client = app.server.test_client()
    login(client, "styre-pakke")
    response = client.get(f"/p/{AMAGER}/moede/{_meeting_id(loaded_db)}/pakke.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/pdf"
    assert "moedepakke-2016-10-24-styregruppe.pdf" in response.headers["Content-Disposition"]
    pdf = tmp_path / "pakke.pdf"
    pdf.write_bytes(response.data)

    text = _text(pdf)
    words = " ".join(text.split())
    assert "1.200.000 kr." in words and "640.000 kr." in words
    with session_scope(loaded_db) as session:
        parties = responsible_parties(
            session, latest_plan(session, partnership_id(loaded_db, AMAGER)).id
        )
    missing = [p.name for p in parties if p.name not in words]
    assert parties and missing == []
    assert "Andel utrygge i nabolaget om aftenen og natten" in words
    assert "faldt fra 34 % i 2014 til 29 % i 2020" in words
    assert "Data pr." in words and "Styregruppen 24. oktober 2016" in words

    pages = _page_count(pdf)
    assert pages > 3
    numbers = re.findall(r"Side (\d+) af (\d+)", text)
    assert numbers == [(str(n), str(pages)) for n in range(1, pages + 1)]

    assert _words_outside_the_text_column(pdf) == []
    assert _pages_with_ink_in_the_side_margins(pdf, tmp_path) == []


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))


def _words_outside_the_text_column(pdf: Path) -> list[str]:
    """Every word whose box crosses the left or right margin: a table wider than the page,
    or a cell whose text does not wrap, shows up here."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    left, right = SIDE_MARGIN_MM * MM - 1, A4_WIDTH - SIDE_MARGIN_MM * MM + 1
    outside = []
    for x_min, x_max, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', boxes
    ):
        if float(x_min) < left or float(x_max) > right:
            outside.append(f"{word} ({x_min}–{x_max})")
    return outside


def _pages_with_ink_in_the_side_margins(pdf: Path, folder: Path) -> list[str]:
    """Render every page (greyscale, 50 dpi) and look for anything not white in the outer
    12 mm of each side: lines or fills of a table that runs off the page would be there."""
    subprocess.run(["pdftoppm", "-gray", "-r", "50", str(pdf), str(folder / "side")], check=True)
    strip = int(12 / 25.4 * 50)
    found = []
    for image in sorted(folder.glob("side-*.pgm")):
        width, height, pixels = _read_pgm(image)
        for y in range(height):
            row = pixels[y * width : (y + 1) * width]
            if min(row[:strip]) < 245 or min(row[-strip:]) < 245:
                found.append(f"{image.name} row {y}")
                break
    return found


def _read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    magic, width, height, maximum, rest = data.split(maxsplit=4)
    assert magic == b"P5" and maximum == b"255"
    return int(width), int(height), rest
