"""Shared by the load test and the fault scripts: a fresh database with the bench accounts,
the Procfile's gunicorn on loopback, and a logged-in HTTP client that fires Dash callbacks
the way the browser's renderer does. Loopback only.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "bench-adgangskode-42"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
# The partnership the load runs in (the embedded default's), and the shell's store that every
# internal callback sends it back in (dashboard.auth.PARTNERSHIP_STORE; not imported, so a
# load generator does not load the app).
PARTNERSHIP = os.environ.get("BENCH_PARTNERSHIP", "amager-partnerskab")
PARTNERSHIP_STORE = "partnerskab"


def internal_path(page: str) -> str:
    """An internal page's URL in the partnership: ``/okonomi`` → ``/p/<slug>/okonomi``."""
    return f"/p/{PARTNERSHIP}{page}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tryghed(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [str(BIN / "tryghed"), *args], env=env, input=stdin, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"tryghed {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def fresh_pg_database(name: str, admin: str = PG_ADMIN) -> str:
    """Drop and create ``name`` on the server of ``admin``; returns its URL."""
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", admin, "-qc", sql], check=True)
    return admin.rsplit("/", 1)[0] + "/" + name


def drop_pg_database(name: str, admin: str = PG_ADMIN) -> None:
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False)


OWN_PARTY_NAMES = ("Boligforeningen 3B", "3B's boligsociale helhedsplan")


def prepare(kind: str, workdir: Path, database_url: str | None = None) -> tuple[dict, str]:
    """A fresh database with the defaults and the bench accounts; returns env and its URL.

    ``kind`` "sqlite" makes a file in ``workdir``; "postgresql" (re)creates ``bench_load``
    on the shared server unless ``database_url`` names an (empty) database to use.
    """
    if database_url is None:
        if kind == "sqlite":
            database_url = f"sqlite:///{workdir / 'bench.db'}"
        else:
            database_url = fresh_pg_database("bench_load")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(32),
        "TRYGHED_AUTO_INIT": "0",
        "TRYGHED_INSTANCE": str(workdir),
    }
    tryghed(env, "init")
    for n in range(1, 6):
        tryghed(env, "users", "add", f"styre{n}", "--role", "styregruppe", "--password-stdin",
                stdin=PASSWORD)  # fmt: skip
        # The working group edits its own party's deliverables (3B's, its helhedsplan's).
        tryghed(env, "users", "add", f"arbejd{n}", "--role", "arbejdsgruppe", "--party", "3B",
                "--password-stdin", stdin=PASSWORD)  # fmt: skip
    plan = json.loads(tryghed(env, "export", "plan"))
    deliverables = [d for a in plan["activities"] for d in a["deliverables"]]
    owned = [
        number
        for number, deliverable in enumerate(deliverables, start=1)  # ids in plan order
        if set(deliverable["responsible"]) & set(OWN_PARTY_NAMES)
    ]
    env["BENCH_PASSWORD"] = PASSWORD
    env["BENCH_DELIVERABLES"] = ",".join(str(i) for i in owned)
    env["BENCH_PLAN_VERSION"] = "1"
    return env, database_url


@contextmanager
def gunicorn(env: dict, log: Path | None = None):
    """The Procfile's web command, as a platform would run it; yields (base URL, process).

    The process is gunicorn's master (the shell ``exec``s it); its stderr, where gunicorn
    and the app log, goes to ``log`` if given.
    """
    port = free_port()
    line = next(
        line.split(":", 1)[1] for line in (ROOT / "Procfile").read_text().splitlines()
        if line.startswith("web:")
    )  # fmt: skip
    env = {**env, "PORT": str(port), "PATH": f"{BIN}:{env['PATH']}"}
    # The shell expands ${PORT:-8050} as a platform's would; loopback instead of all addresses.
    command = "exec " + line.strip().replace("0.0.0.0", "127.0.0.1")
    stderr = log.open("ab") if log else subprocess.DEVNULL
    server = subprocess.Popen(
        ["bash", "-c", command], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=stderr,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/assets/dashboard.css", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)
        if log:
            stderr.close()


def workers(master_pid: int) -> list[int]:
    """The pids of gunicorn's workers: the master's children."""
    path = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []


STATUSES = ("not_started", "in_progress", "delayed", "done")


def save_values(deliverable: int, form: dict, comment: str, status: str) -> dict[str, object]:
    """The inputs of the deliverable form's save (``lev-gem-besked.children``) as the browser
    sends them, from the answer of the form's load (``lev-rediger-status.value``): its version
    (the optimistic lock) and its date (without one the page refuses the edit)."""
    return {
        "lev-gem.n_clicks": 1,
        "lev-valgt.value": deliverable,
        "lev-rediger-version.data": form["lev-rediger-version"]["data"],
        "lev-rediger-status.value": status,
        "lev-rediger-kommentar.value": comment,
        "lev-rediger-dato.value": form["lev-rediger-dato"]["value"],
    }


def callback_body(dependencies: list[dict], wanted: str, values: dict[str, object]) -> dict:
    """The POST body Dash's renderer sends for the callback whose output names ``wanted``;
    ``values`` maps "id.property" of its inputs and states to their values."""
    dep = next(d for d in dependencies if wanted in d["output"])
    # Every internal callback sends back the partnership its page was opened in.
    return dependency_body(dep, {f"{PARTNERSHIP_STORE}.data": PARTNERSHIP, **values})


def dependency_body(dep: dict, values: dict[str, object]) -> dict:
    """The POST body for ``dep`` (an entry of /_dash-dependencies) with exactly ``values``
    ("id.property" → value; what is not given is sent as null)."""

    def props(items):
        return [
            {"id": i["id"], "property": i["property"],
             "value": values.get(f"{i['id']}.{i['property']}")}
            for i in items
        ]  # fmt: skip

    output = dep["output"]
    if output.startswith(".."):
        outputs = [
            {"id": part.split(".", 1)[0], "property": part.split(".", 1)[1].split("@")[0]}
            for part in output.strip(".").split("...")
        ]
    else:
        target = output.split("@")[0]
        outputs = {"id": target.split(".", 1)[0], "property": target.split(".", 1)[1]}
    return {
        "output": output,
        "outputs": outputs,
        "inputs": props(dep["inputs"]),
        "state": props(dep.get("state", [])),
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in dep["inputs"]],
    }


class DashClient:
    """One browser: a cookie session (requests) that logs in and fires callbacks."""

    def __init__(self, base: str, timeout: float = 30):
        import requests  # a dependency of locust (the bench extra)

        self.base = base
        self.timeout = timeout
        self.http = requests.Session()
        self._dependencies: list[dict] = []

    def get(self, path: str):
        return self.http.get(self.base + path, timeout=self.timeout)

    def log_in(self, username: str, password: str = PASSWORD) -> None:
        response = self.http.post(
            self.base + "/auth/login",
            data={"username": username, "password": password, "next": "/"},
            headers={"Origin": self.base},
            allow_redirects=False,
            timeout=self.timeout,
        )
        if response.status_code != 303 or "fejl" in response.headers.get("Location", ""):
            raise RuntimeError(f"login failed for {username}: HTTP {response.status_code}")

    def callback(self, wanted: str, values: dict[str, object]):
        if not self._dependencies:
            self._dependencies = self.get("/_dash-dependencies").json()
        return self.http.post(
            self.base + "/_dash-update-component",
            json=callback_body(self._dependencies, wanted, values),
            headers={"Origin": self.base, "Sec-Fetch-Site": "same-origin"},
            timeout=self.timeout,
        )
