"""Security headers on every response, and state-changing requests from other sites refused."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from dashboard.config import Config

ROUTER_CALL = {
    "output": "indhold.children",
    "outputs": {"id": "indhold", "property": "children"},
    "inputs": [{"id": "url", "property": "pathname", "value": "/"}],
    "changedPropIds": ["url.pathname"],
}  # refused before Dash reads it, so its exact shape does not matter


@pytest.fixture
def client(loaded_db):
    app = create_app(Config(database_url=loaded_db, secret_key="s" * 32, auto_init=False))
    return app.server.test_client()


@pytest.mark.parametrize("path", ["/", "/okonomi", "/login", "/_dash-layout"])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert "'unsafe-eval'" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers  # only in production, over HTTPS


def test_production_adds_hsts_and_secure_cookies(loaded_db):
    config = Config(database_url=loaded_db, secret_key="p" * 40, production=True, auto_init=False)
    server = create_app(config).server
    response = server.test_client().get("/", base_url="https://tryghed.example")
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    assert server.config["SESSION_COOKIE_SECURE"] is True


def test_production_behind_the_platform_router_serves_https_requests(loaded_db):
    """The router terminates TLS and says so in X-Forwarded-Proto: that request is served;
    one that really came over http is sent to https."""
    config = Config(
        database_url=loaded_db, secret_key="p" * 40, production=True, auto_init=False,
        trusted_proxies=1,
    )  # fmt: skip
    client = create_app(config).server.test_client()
    forwarded = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert forwarded.status_code == 200
    assert "max-age=31536000" in forwarded.headers["Strict-Transport-Security"]
    plain = client.get("/")
    assert plain.status_code == 302 and plain.headers["Location"].startswith("https://")


def test_production_refuses_to_start_without_a_real_secret_key(loaded_db):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(Config(database_url=loaded_db, secret_key="kort", production=True))


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://angriber.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://sub.localhost"},
    ],
)
def test_writes_from_another_site_are_refused(client, headers):
    assert (
        client.post("/_dash-update-component", json=ROUTER_CALL, headers=headers).status_code == 403
    )
    assert client.post("/auth/login", data={"username": "x"}, headers=headers).status_code == 403


def test_same_origin_requests_are_served(client):
    headers = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    response = client.post("/auth/login", data={"username": "x", "password": "y"}, headers=headers)
    assert response.status_code == 303  # the login answered (and refused the password)
