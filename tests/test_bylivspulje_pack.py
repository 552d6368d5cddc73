"""Bylivspuljen in the meeting pack (the PDF, read back with pdftotext as the other pack
tests do): the applications new since the last meeting, the recommendations waiting for the
committee, and a decision in writing in the pack's decision log."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from dashboard.app import create_app
from dashboard.clock import today
from dashboard.config import Config
from dashboard.db import session_scope
from tests.accounts import login
from tests.browser import require_chromium
from tests.partnerships import AMAGER, join_partnership
from tests.pool_helpers import (
    apply,
    decide_in_writing,
    new_committee_meeting,
    package,
    pool_people,
)
from tests.test_meeting_pack import _require_poppler


def _words_in_reading_order(pdf: Path) -> str:
    """The PDF's words in the order they are drawn (pdftotext -raw): a table row's cells one
    after the other, where -layout would interleave a wrapped cell with its neighbours'."""
    raw = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(raw.stdout.split())


def test_the_pack_has_the_new_applications_and_the_waiting_recommendations(loaded_db, tmp_path):
    require_chromium()
    _require_poppler()
    people = pool_people(loaded_db)
    join_partnership(loaded_db, "puljestyre", AMAGER)
    with session_scope(loaded_db) as session:
        lights = apply(session, people["arbejder"], "Lys i stien", "40.000")
        apply(session, people["arbejder"], "Lysfest", "60.000", use="arrangement")
        paint = apply(session, people["arbejder"], "Maling af tunnelen", "20.000")
        package(session, people["arbejder"], [lights], amount="40.000")
        urgent = package(session, people["arbejder"], [paint], amount="20.000")
        decide_in_writing(session, people["styre"], urgent, {paint: "20.000"}, date(2017, 5, 12))
        # Ahead of every change above, so they all fall in the pack's "siden sidste møde".
        meeting = new_committee_meeting(
            session, people["admin"], date(today().year + 1, 1, 10), "Næste styregruppemøde"
        )
    app = create_app(Config(database_url=loaded_db, secret_key="p" * 40, auto_init=False))
    client = app.server.test_client()
    login(client, "puljestyre")
    response = client.get(f"/p/{AMAGER}/moede/{meeting}/pakke.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    pdf = tmp_path / "pakke.pdf"
    pdf.write_bytes(response.data)
    words = _words_in_reading_order(pdf)

    for line in (
        "Ny ansøgning til Bylivspuljen 2017: «Lys i stien» (40.000 kr.)",
        "Ny ansøgning til Bylivspuljen 2017: «Lysfest» (60.000 kr.)",
        "Ny ansøgning til Bylivspuljen 2017: «Maling af tunnelen» (20.000 kr.)",
        "Arbejdsgruppen indstiller for pakke 1 (2017) i Bylivspuljen (40.000 kr.): "
        "«Lys i stien»; venter på styregruppen",
        "Skriftlig beslutning den 12. maj 2017: Bylivspuljen 2017: Maling af tunnelen: 20.000 kr.",
    ):
        assert line in words, line
    # Decided (in writing), pakke 2 no longer waits for the committee.
    assert "indstiller for pakke 2 (2017)" not in words
