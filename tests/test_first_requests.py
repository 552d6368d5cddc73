"""The first requests a fresh server process answers at once, as a browser sends them after
a restart (the page, then its twenty bundles in parallel), all succeed.

Dash registers the bundles it may serve in its first-request setup, but marks the setup
done before it has registered them (plotly/dash#3971): under gunicorn's threads a bundle
asked in that moment was refused with 404 and the page stayed blank."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from dashboard.app import create_app
from dashboard.config import Config

RENDERER = "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js"
PARALLEL = 24


def _first_requests(app) -> list[int]:
    """The statuses of a page and its bundles asked at the same moment of a fresh app."""
    start = threading.Barrier(PARALLEL)

    def get(path: str) -> int:
        client = app.server.test_client()
        start.wait()
        return client.get(path).status_code

    paths = ["/login"] + [RENDERER] * (PARALLEL - 1)
    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(get, paths))


def test_bundles_asked_while_the_first_request_sets_dash_up_are_served(loaded_db):
    for _ in range(3):  # a fresh process each time: the race is in its first moments
        app = create_app(Config(database_url=loaded_db, secret_key="f" * 32, auto_init=False))
        assert _first_requests(app) == [200] * PARALLEL
