"""What each request of the load test's mix costs the server, measured in one process.

    .venv/bin/python bench/request_costs.py [--runs 30] [--database sqlite|postgresql]

The load test's figures swing with how busy the shared machine is; this one is steadier: the
app runs in this process (Flask's test client, no network), each request of
bench/locustfile.py's mix is made ``--runs`` times, and the median CPU time of this thread is
printed with what it comes to at the rate the mix makes it (requests/s at 50 users, from the
load run of 4 December 2026): the share of a core each request takes, largest first. On
SQLite the database's own work is in that time; on PostgreSQL the server's is not.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (  # noqa: E402
    PASSWORD,
    STATUSES,
    callback_body,
    internal_path,
    prepare,
    save_values,
)

ORIGIN = "http://localhost"
PAGES = ("/okonomi", "/leverancer", "/tryghed", "/moede")


def _client(server, username: str | None):
    client = server.test_client()
    if username:
        answer = client.post(
            "/auth/login",
            data={"username": username, "password": PASSWORD, "next": "/"},
            headers={"Origin": ORIGIN},
        )
        if answer.status_code != 303:
            raise SystemExit(f"login failed for {username}: HTTP {answer.status_code}")
    return client


def requests(server, env: dict) -> dict:
    """Name → (requests/s in the mix at 50 users, a call that makes the request once)."""
    public, committee, worker = (_client(server, u) for u in (None, "styre1", "arbejd1"))
    dependencies = public.get("/_dash-dependencies").get_json()
    owned = [int(i) for i in env["BENCH_DELIVERABLES"].split(",")]

    def callback(client, wanted: str, values: dict, first_load_of: str | None = None):
        body = callback_body(dependencies, wanted, values)
        headers = {"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"}
        if first_load_of:
            body["changedPropIds"] = []
            headers["Referer"] = ORIGIN + first_load_of
        answer = client.post("/_dash-update-component", json=body, headers=headers)
        if answer.status_code not in (200, 204):
            raise SystemExit(f"{wanted}: HTTP {answer.status_code}")
        return answer

    def save():
        deliverable = random.choice(owned)
        form = callback(worker, "lev-rediger-status.value", {"lev-valgt.value": deliverable})
        values = save_values(
            deliverable,
            form.get_json()["response"],
            comment=f"Måling {random.getrandbits(48):x}",
            status=random.choice(STATUSES),
        )
        return callback(worker, "lev-gem-besked.children", values)

    made = {
        "page /": (9.5, lambda: public.get("/")),
        "page /data": (2.9, lambda: public.get("/data")),
    }
    for page in PAGES:
        path = internal_path(page)
        made[f"page {page}"] = (1.7, lambda path=path: committee.get(path))
        made[f"layout {page}"] = (
            1.7,
            lambda path=path: committee.get("/_dash-layout", headers={"Referer": ORIGIN + path}),
        )
        made[f"callback indhold ({page})"] = (
            1.7,
            lambda path=path: callback(
                committee, "indhold.children", {"url.pathname": path}, first_load_of=path
            ),
        )
    made["callback okonomi-resume"] = (
        1.7,
        lambda: callback(committee, "okonomi-resume.children", {"okonomi-version.value": "1"}),
    )
    made["callback lev-tabel"] = (
        1.7,
        lambda: callback(committee, "lev-tabel.children", {"lev-filter-valg.value": []}),
    )
    made["form + save (lev-gem-besked)"] = (4.8, save)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    env, _url = prepare(args.database, Path(tempfile.mkdtemp()))
    for name in ("DATABASE_URL", "SECRET_KEY", "TRYGHED_AUTO_INIT", "TRYGHED_INSTANCE"):
        os.environ[name] = env[name]
    from dashboard.app import create_app

    rows = []
    for name, (rate, make) in requests(create_app().server, env).items():
        make()  # the first call of each fills the process's caches (compiled statements)
        times = []
        for _ in range(args.runs):
            start = time.thread_time()
            make()
            times.append((time.thread_time() - start) * 1000)
        median = statistics.median(times)
        rows.append((rate * median / 1000, name, median, rate))
    print(f"{args.database}: median CPU ms per request, {args.runs} runs; share of a core")
    for share, name, median, rate in sorted(rows, reverse=True):
        print(f"  {name:32} {median:7.1f} ms × {rate:4.1f}/s = {share:5.3f}")
    print(f"  {'all':32} {sum(r[0] for r in rows):29.3f} cores")


if __name__ == "__main__":
    main()
