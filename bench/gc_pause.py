"""How long a full collection of Python's cyclic garbage collector holds a server process,
with and without ``gc.freeze()`` after start-up (as ``dashboard/wsgi.py`` does).

    .venv/bin/python bench/gc_pause.py [--runs 5]

Starts the app as a gunicorn worker does (on a fresh SQLite file with the bundled data),
draws each internal page once so that what a worker keeps is there, then, --runs
times, draws them again and times ``gc.collect()`` (a full collection, which the collector
also starts by itself in the middle of a request once enough has been made); then freezes
and does the same again.
Prints the objects the collector tracks and the median and slowest pause of each.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.app import create_app  # noqa: E402
from dashboard.config import Config  # noqa: E402
from dashboard.db import session_scope  # noqa: E402
from dashboard.services.users import create_user  # noqa: E402
from data_loaders.defaults import init_database  # noqa: E402

PASSWORD = "bench-adgangskode-42"

PAGES = ("okonomi", "leverancer", "tryghed", "moede", "bylivspuljen", "tryghedsvandringer")


def draw_pages(client) -> None:
    for page in PAGES:
        path = f"http://localhost/p/amager-partnerskab/{page}"
        assert client.get("/_dash-layout", headers={"Referer": path}).status_code == 200


def pauses(client, runs: int) -> list[float]:
    """Each run draws every page (what requests leave is what the collector meets), then
    times one full collection."""
    found = []
    for _ in range(runs):
        draw_pages(client)
        started = time.perf_counter()
        gc.collect()
        found.append((time.perf_counter() - started) * 1000)
    return found


def report(title: str, values: list[float]) -> None:
    print(
        f"  {title:14} {len(gc.get_objects()):8d} tracked   "
        f"median {statistics.median(values):6.1f} ms   slowest {max(values):6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    url = f"sqlite:///{tempfile.mkdtemp(prefix='gc-pause-')}/bench.db"
    init_database(url)
    with session_scope(url) as session:
        create_user(session, "bench", PASSWORD, "styregruppe")
    app = create_app(Config(database_url=url, secret_key="b" * 40, auto_init=False))
    client = app.server.test_client()
    answer = client.post(
        "/auth/login", data={"username": "bench", "password": PASSWORD, "next": "/"}
    )
    assert answer.status_code == 303 and "fejl" not in answer.location, "login failed"
    draw_pages(client)
    print(f"full collections in one server process, {args.runs} runs each")
    report("not frozen", pauses(client, args.runs))
    gc.freeze()
    report("after freeze", pauses(client, args.runs))


if __name__ == "__main__":
    main()
