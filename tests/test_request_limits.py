"""Bounded requests and answers an attacker cannot bend: body size, the PDF's throttle, the
host a redirect names, caching of internal answers, the development server's banner."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.meeting_pack import pdf_throttle
from dashboard.model import Meeting
from tests.accounts import add_user, login, router_payload
from tests.browser import require_chromium
from tests.partnerships import AMAGER, join_partnership

KEY = "r" * 40


def _app(url: str, **config):
    return create_app(Config(database_url=url, secret_key=KEY, auto_init=False, **config))


def test_an_anonymous_10_mb_post_is_refused_before_it_is_read(loaded_db):
    client = _app(loaded_db).server.test_client()
    body = b'{"output": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "For stor forespørgsel" in page and "1.024 KB" in page


def test_a_request_of_ordinary_size_still_works(loaded_db):
    client = _app(loaded_db).server.test_client()
    response = client.post("/_dash-update-component", json=router_payload("/login"))
    assert response.status_code == 200


def test_forwarded_host_is_not_believed_unless_configured(loaded_db):
    production = {"production": True, "trusted_proxies": 1}
    client = _app(loaded_db, **production).server.test_client()
    headers = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}
    response = client.get("/okonomi", headers=headers, base_url="http://dashboard.example")
    assert "evil.example" not in response.headers.get("Location", "")
    spec = client.get("/data/openapi.json", headers=headers, base_url="http://dashboard.example")
    assert "evil.example" not in spec.get_data(as_text=True)
    assert "dashboard.example" in spec.get_data(as_text=True)

    trusting = _app(loaded_db, trust_forwarded_host=True, **production).server.test_client()
    spec = trusting.get("/data/openapi.json", headers=headers)
    assert "evil.example" in spec.get_data(as_text=True)  # the setting does what it says


def test_internal_answers_are_not_stored_by_any_cache(loaded_db):
    add_user(loaded_db, "styre", "styregruppe")
    client = _app(loaded_db).server.test_client()
    login(client, "styre")
    for response in (
        client.get("/okonomi"),
        client.get("/_dash-layout"),
        client.post("/_dash-update-component", json=router_payload("/okonomi")),
    ):
        assert response.headers["Cache-Control"] == "no-store, private"
    assert "no-store" not in client.get("/").headers["Cache-Control"]  # public page


@pytest.fixture
def pack(loaded_db):
    add_user(loaded_db, "styre", "styregruppe")
    join_partnership(loaded_db, "styre", AMAGER)
    client = _app(loaded_db).server.test_client()
    login(client, "styre")
    with session_scope(loaded_db) as session:
        meeting_id = session.scalars(select(Meeting.id)).first()
    pdf_throttle._kept.clear()
    pdf_throttle._printed_at.clear()
    yield client, f"/p/{AMAGER}/moede/{meeting_id}/pakke.pdf"
    pdf_throttle._kept.clear()
    pdf_throttle._printed_at.clear()


def test_a_pdf_beyond_what_the_process_prints_at_once_gets_503_with_retry_after(pack):
    client, path = pack
    held = [
        pdf_throttle._printing.acquire(blocking=False) for _ in range(pdf_throttle.MAX_PRINTING)
    ]
    assert all(held)
    try:
        response = client.get(path)
    finally:
        for _ in held:
            pdf_throttle._printing.release()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(pdf_throttle.RETRY_SECONDS)
    assert "Prøv igen om lidt" in response.get_data(as_text=True)


def test_a_users_second_pack_at_once_is_refused_before_it_is_built(pack, loaded_db):
    """One reader's concurrent PDF requests are taken one at a time: while one of theirs is
    being built or printed, the next gets 503 at once (it used to build the whole document
    first and hold a worker thread doing it); another reader is not held up."""
    client, path = pack
    with session_scope(loaded_db) as session:
        from dashboard.model import User

        styre = session.scalars(select(User.id).where(User.username == "styre")).one()
    add_user(loaded_db, "anden", "styregruppe")
    join_partnership(loaded_db, "anden", AMAGER)
    other = _app(loaded_db).server.test_client()
    login(other, "anden")
    with pdf_throttle.one_pack_at_a_time(str(styre)):  # as a request of theirs in progress
        refused = client.get(path)
        print_view = client.get(path.removesuffix(".pdf"))
        others = other.get(path)
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == str(pdf_throttle.RETRY_SECONDS)
    assert print_view.status_code == 200  # the HTML to print from the browser is still there
    assert "Prøv igen om lidt".encode() not in others.data  # printed (or no Chromium here)
    assert pdf_throttle._building == set()  # every turn given back, the refused one's too


def test_the_same_pack_is_printed_once_and_a_user_has_a_share_per_minute(pack, monkeypatch):
    require_chromium()
    client, path = pack
    first = client.get(path)
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    # No Chromium any more: the same document must come from the kept copy.
    monkeypatch.setenv("CHROMIUM_PATH", "/findes/ikke/chromium")
    again = client.get(path)
    assert again.status_code == 200 and again.data == first.data
    pdf_throttle._kept.clear()
    for _ in range(pdf_throttle.PER_USER_PER_MINUTE - 1):
        assert client.get(path).status_code == 503  # Chromium missing: unavailable, counted
        pdf_throttle._kept.clear()
    limited = client.get(path)
    assert limited.status_code == 503 and int(limited.headers["Retry-After"]) > 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_development_server_names_no_versions(loaded_db, tmp_path):
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": loaded_db, "TRYGHED_INSTANCE": str(tmp_path)}
    command = [sys.executable, "-m", "dashboard.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login") as response:
                    banner = response.headers["Server"]
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)  # polling for the port to open, not waiting a guessed time
    finally:
        server.terminate()
        server.wait(10)
    assert banner == "tryghed"
