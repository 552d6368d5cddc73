"""Locust users for bench/load_test.py: the realistic mix of the dashboard's visitors.

- the public: the front page and the open data;
- the steering committee: logs in, opens /okonomi, /leverancer, /tryghed, /moede (full page
  loads plus the callbacks each page fires);
- the working group: logs in and edits deliverables (form load, then save with its version).

Callbacks are named "callback <output>" and page loads "page <path>", so the driver can
report them apart. Loopback only; the driver bounds the run in users and time.
"""

from __future__ import annotations

import json
import os
import random
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

from locust import HttpUser, between, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.harness import STATUSES, callback_body, internal_path, save_values  # noqa: E402

PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-adgangskode-42")
DELIVERABLES = [int(i) for i in os.environ.get("BENCH_DELIVERABLES", "1").split(",")]
# The version select is a native <select>: the browser sends its value as a string (an int is
# refused with 400 by the callback's declared ``Text`` input).
VERSION_ID = os.environ.get("BENCH_PLAN_VERSION", "1")
_DEPENDENCIES: list[dict] = []
# Every response time by kind ("page", "callback", "static", …) and by request name ("callback
# lev-tabel.children"), written when the run ends.
TIMINGS: dict[str, list[float]] = defaultdict(list)
BY_NAME: dict[str, list[float]] = defaultdict(list)
# Each callback's (seconds since the ramp-up ended, response time): shows when a run was slow.
CALLBACK_SERIES: list[tuple[float, float]] = []
FAILURES: dict[str, int] = defaultdict(int)
REASONS: dict[str, int] = defaultdict(int)  # "request name: what went wrong" → count


# Set once every user has started: the ramp-up, when up to 10 users a second log in (each a
# deliberately slow scrypt hash), is not the steady load the figures describe. Logins are
# counted throughout, under their own kind.
STEADY = threading.Event()
STEADY_FROM: list[float] = []


@events.spawning_complete.add_listener
def _all_started(**_kwargs):
    STEADY_FROM.append(time.monotonic())
    STEADY.set()


@events.request.add_listener
def _record(name, response_time, exception, **_kwargs):
    kind = name.split(" ", 1)[0]
    if kind != "login" and not STEADY.is_set():
        return
    TIMINGS[kind].append(response_time)
    BY_NAME[name].append(response_time)
    if kind == "callback" and STEADY_FROM:
        CALLBACK_SERIES.append((time.monotonic() - STEADY_FROM[0], response_time))
    if exception is not None:
        FAILURES[kind] += 1
        REASONS[f"{name}: {str(exception)[:140]}"] += 1


@events.test_stop.add_listener
def _write(**_kwargs):
    path = os.environ.get("BENCH_TIMINGS")
    if path:
        with open(path, "w") as out:
            steady = time.monotonic() - STEADY_FROM[0] if STEADY_FROM else 0.0
            result = {
                "timings": TIMINGS, "by_name": BY_NAME, "callback_series": CALLBACK_SERIES,
                "failures": FAILURES, "reasons": REASONS,
            }  # fmt: skip
            json.dump({**result, "steady_seconds": steady}, out)


def _callback_body(client, wanted: str, values: dict[str, object]) -> tuple[str, dict]:
    """The POST body Dash's renderer sends for the callback whose output names ``wanted``."""
    if not _DEPENDENCIES:
        _DEPENDENCIES.extend(client.get("/_dash-dependencies", name="dash dependencies").json())
    return wanted, callback_body(_DEPENDENCIES, wanted, values)


def _what_failed(response) -> str:
    """ "HTTP 503", or for no answer at all (status 0) the client's own error."""
    if response.status_code == 0:
        return f"no answer: {type(response.error).__name__}: {response.error}"
    return f"HTTP {response.status_code}"


class _Dash(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def callback(
        self,
        wanted: str,
        values: dict[str, object],
        expect: tuple[str, ...] = (),
        first_load_of: str | None = None,
    ):
        """POST one callback; with ``expect``, an answer containing none of those texts
        counts as a failure (a refused save is HTTP 200 too). ``first_load_of``: the call
        the renderer makes right after the layout of that page (no prop changed yet)."""
        name, body = _callback_body(self.client, wanted, values)
        headers = {"Origin": self.host, "Sec-Fetch-Site": "same-origin"}
        if first_load_of:
            body["changedPropIds"] = []
            headers["Referer"] = self.host + first_load_of
        with self.client.post(
            "/_dash-update-component", json=body, headers=headers,
            name=f"callback {name}", catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code not in (200, 204):
                response.failure(_what_failed(response))
            elif expect:
                answer = json.dumps(response.json(), ensure_ascii=False)
                if not any(text in answer for text in expect):
                    response.failure(f"unexpected answer: {answer[:120]}")
            return response

    def page(self, path: str):
        """A first load as the browser makes it: the page, then (a Dash page) its layout,
        which comes with the page drawn (the Referer names it), and the router's first call,
        which then changes nothing."""
        with self.client.get(path, name=f"page {path}", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(_what_failed(response))
        if path not in ("/", "/data"):
            with self.client.get(
                "/_dash-layout", headers={"Referer": self.host + path},
                name=f"layout {path}", catch_response=True,
            ) as response:  # fmt: skip
                if response.status_code != 200:
                    response.failure(_what_failed(response))
            self.callback("indhold.children", {"url.pathname": path}, first_load_of=path)

    def log_in(self, username: str):
        response = self.client.post(
            "/auth/login",
            data={"username": username, "password": PASSWORD, "next": "/"},
            headers={"Origin": self.host},
            allow_redirects=False,
            name="login",
        )
        if response.status_code != 303 or "fejl" in response.headers.get("Location", ""):
            raise RuntimeError(f"login failed for {username}")


class Public(_Dash):
    weight = 5

    @task(3)
    def front_page(self):
        self.page("/")

    @task(1)
    def open_data(self):
        self.page("/data")


class Committee(_Dash):
    weight = 3

    def on_start(self):
        self.log_in(f"styre{random.randint(1, 5)}")

    @task
    def okonomi(self):
        self.page(internal_path("/okonomi"))
        # then chooses the plan version (the page came drawn for the latest)
        self.callback("okonomi-resume.children", {"okonomi-version.value": VERSION_ID})

    @task
    def leverancer(self):
        self.page(internal_path("/leverancer"))
        # then turns "Mine leverancer" off (the page came drawn with the filters' defaults)
        self.callback("lev-tabel.children", {"lev-filter-valg.value": []})

    @task
    def tryghed(self):
        self.page(internal_path("/tryghed"))

    @task
    def moede(self):
        self.page(internal_path("/moede"))


class WorkingGroup(_Dash):
    weight = 2

    def on_start(self):
        self.log_in(f"arbejd{random.randint(1, 5)}")

    @task
    def edit_deliverable(self):
        deliverable = random.choice(DELIVERABLES)
        form = self.callback("lev-rediger-status.value", {"lev-valgt.value": deliverable})
        if form.status_code != 200:
            return
        self.callback(
            "lev-gem-besked.children",
            # a comment of its own, so no save is "Intet er ændret"
            save_values(
                deliverable,
                form.json()["response"],
                comment=f"Belastningstest {random.getrandbits(48):x}",
                status=random.choice(STATUSES),
            ),
            # saved, or refused because another user saved first (the optimistic lock)
            expect=("Ændringen er gemt.", "efter du åbnede den"),
        )


class StaticFile(HttpUser):
    """Throughput baseline: the cheapest thing the same gunicorn serves, without pauses."""

    wait_time = constant(0)

    @task
    def stylesheet(self):
        self.client.get("/assets/dashboard.css", name="static /assets/dashboard.css")


class CallbackOnly(_Dash):
    """Callback throughput without pauses, to compare with the static baseline."""

    wait_time = constant(0)

    def on_start(self):
        self.log_in(f"styre{random.randint(1, 5)}")

    @task
    def okonomi_version(self):
        self.callback("okonomi-resume.children", {"okonomi-version.value": VERSION_ID})
