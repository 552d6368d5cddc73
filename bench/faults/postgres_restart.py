"""Fault: PostgreSQL goes away and comes back under a steady load; the app is not restarted.

    .venv/bin/python bench/faults/postgres_restart.py [--down 5] [--threads 3]

Never touches the shared server on 5432: it creates a throwaway cluster (``pg_createcluster
<version> faults`` on a free loopback port, trust auth), migrates it with the default data
and bench accounts, and starts gunicorn exactly as the Procfile's web line says. Threads
request the public front page ``/`` and, logged in as the steering committee, the callbacks
of internal pages (/okonomi, /leverancer) without pauses. After a few seconds it stops the
cluster (``pg_ctlcluster stop``, fast mode), waits ``--down`` seconds and starts it again
(``--down 0``: one ``pg_ctlcluster restart``). It prints the responses during the outage
(status codes, what the user is shown, what the log says) and the recovery time: from the
server accepting connections again (polled every 10 ms with a plain connection) to the
first successful request of each kind, and any error after that. The cluster is dropped at
the end. Bounded; loopback only.
"""

from __future__ import annotations

import argparse
import html
import itertools
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.harness import DashClient, free_port, gunicorn, internal_path, prepare  # noqa: E402

CLUSTER = "faults"
VERSION = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
# What each load thread asks for, in turn: (kind, callback output or None for a GET, values).
REQUESTS = {
    "public": [("page /", None, None)],
    "internal": [
        ("callback /okonomi", "indhold.children", {"url.pathname": internal_path("/okonomi")}),
        ("callback okonomi", "okonomi-resume.children", {"okonomi-version.value": 1}),
        (
            "callback /leverancer",
            "indhold.children",
            {"url.pathname": internal_path("/leverancer")},
        ),
        ("callback leverancer", "lev-tabel.children", {"lev-filter-valg.value": []}),
    ],
}


def _ctl(action: str, wait: bool = True):
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, action]
    if wait:
        return subprocess.run(command, check=True, capture_output=True)
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_until(server: str, accepting: bool) -> float:
    """The moment the server accepts (or refuses) connections; polled every 10 ms."""
    while True:
        try:
            psycopg.connect(f"{server}/postgres", connect_timeout=1).close()
            if accepting:
                return time.monotonic()
        except psycopg.OperationalError:
            if not accepting:
                return time.monotonic()
        time.sleep(0.01)


@contextmanager
def throwaway_cluster():
    """A new cluster on a free port with trust auth on loopback; dropped afterwards."""
    subprocess.run(["pg_dropcluster", "--stop", VERSION, CLUSTER], capture_output=True)
    port = free_port()
    subprocess.run(
        ["pg_createcluster", VERSION, CLUSTER, "--port", str(port), "--start-conf", "manual",
         "--", "--auth=trust"],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        hba = Path(f"/etc/postgresql/{VERSION}/{CLUSTER}/pg_hba.conf")
        hba.write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        _ctl("start")
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(["pg_dropcluster", "--stop", VERSION, CLUSTER], capture_output=True)


class Load(threading.Thread):
    """Requests without pauses; records (start, end, kind, outcome, text shown)."""

    def __init__(self, base: str, share: str, stop: threading.Event, log: list):
        super().__init__(daemon=True)
        self.base, self.share, self.stop, self.log = base, share, stop, log

    def run(self) -> None:
        client = DashClient(self.base, timeout=30)
        if self.share == "internal":
            client.log_in("styre1")
        for kind, output, values in itertools.cycle(REQUESTS[self.share]):
            if self.stop.is_set():
                return
            start = time.monotonic()
            try:
                response = client.callback(output, values) if output else client.get("/")
                outcome, shown = response.status_code, _visible_text(response.text)
            except Exception as exc:
                outcome, shown = type(exc).__name__, ""
            self.log.append((start, time.monotonic(), kind, outcome, shown))
            if outcome != 200:
                time.sleep(0.05)  # a failing request is fast; do not spin


def _visible_text(body: str) -> str:
    title = re.search(r"<title>(.*?)</title>", body, re.S)
    text = re.sub(r"<[^>]+>", " ", title.group(1) if title else body)
    return " ".join(html.unescape(text).split())[:110]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--down", type=float, default=5, help="seconds the server is down")
    parser.add_argument("--threads", type=int, default=3)
    args = parser.parse_args()
    records: list = []
    with tempfile.TemporaryDirectory() as tmp, throwaway_cluster() as server:
        subprocess.run(["psql", f"{server}/postgres", "-qc", "CREATE DATABASE bench_faults"])
        env, _url = prepare("postgresql", Path(tmp), f"{server}/bench_faults")
        gunicorn_log = Path(tmp) / "gunicorn.log"
        with gunicorn(env, log=gunicorn_log) as (base, _master):
            stop = threading.Event()
            shares = ["public", "internal"]
            threads = [Load(base, shares[i % 2], stop, records) for i in range(args.threads)]
            for thread in threads:
                thread.start()
            warm = time.monotonic() + 60
            while not _all_succeeded(records, 0) and time.monotonic() < warm:
                time.sleep(0.1)  # until every kind has succeeded once
            log_before = gunicorn_log.stat().st_size
            down = time.monotonic()
            if args.down:
                _ctl("stop")
                stopped = time.monotonic()
                time.sleep(args.down)
                starting = _ctl("start", wait=False)
            else:
                starting = _ctl("restart", wait=False)
                stopped = _wait_until(server, accepting=False)
            up = _wait_until(server, accepting=True)
            starting.wait(timeout=60)
            time.sleep(1)
            deadline = up + 30
            while time.monotonic() < deadline and not _all_succeeded(records, up):
                time.sleep(0.1)
            time.sleep(2)
            stop.set()
            for thread in threads:
                thread.join(timeout=40)
            log = gunicorn_log.read_bytes()[log_before:].decode(errors="replace")
    return report(records, down, stopped, up, log)


def _all_succeeded(records, since: float) -> bool:
    kinds = [kind for share in REQUESTS.values() for kind, _, _ in share]
    return all(any(r[2] == k and r[0] >= since and r[3] == 200 for r in records) for k in kinds)


def report(records, down, stopped, up, log: str) -> int:
    mode = (
        f"stop/restart began, down {stopped - down:.1f} s later, back up {up - stopped:.1f} s after"
    )
    before = [r for r in records if r[1] < down]
    print(f"PostgreSQL {VERSION} (throwaway cluster) {mode}; gunicorn not restarted")
    print(f"before the outage: {len(before)} requests, {sum(r[3] != 200 for r in before)} errors")
    outage = [r for r in records if r[0] >= stopped and r[1] <= up]
    print(f"outage (sent after the stop, answered before the restart): {len(outage)} requests")
    shown = Counter((r[2], r[3], r[4]) for r in outage)
    for (kind, outcome, text), count in sorted(shown.items(), key=str):
        print(f"  {count:5d} × {kind:21} {outcome!s:4}  {text!r}")
    lines = [line for line in log.splitlines() if line.strip()]
    heads = Counter(re.sub(r"^\[[^]]*\] (\[\d+\] )?", "", line)[:110] for line in lines)
    tracebacks = sum(line.startswith("Traceback") for line in lines)
    print(f"log during and after: {len(lines)} lines, {tracebacks} tracebacks; most frequent:")
    for head, count in heads.most_common(3):
        print(f"  {count:5d} × {head}")
    # The exception each traceback ends with: the first unindented line after it.
    ends = Counter(
        line[:110] for prev, line in itertools.pairwise(lines)
        if prev.startswith("  ") and not line.startswith((" ", "Traceback", "The above", "["))
    )  # fmt: skip
    for end, count in ends.most_common(3):
        print(f"  {count:5d} × traceback ends: {end}")
    worst = 0.0
    for kind in sorted({r[2] for r in records}):
        first = next((r for r in records if r[2] == kind and r[0] >= up and r[3] == 200), None)
        if first is None:
            print(f"recovery {kind:21}: no successful request within 30 s")
            worst = float("inf")
            continue
        worst = max(worst, first[1] - up)
        later = Counter(r[3] for r in records if r[2] == kind and r[0] > first[1] and r[3] != 200)
        print(f"recovery {kind:21}: first success {first[1] - up:5.2f} s after the server was up; "
              f"errors after it: {sum(later.values())} {dict(later) or ''}")  # fmt: skip
    print(f"recovery time (server up → every kind succeeds again): {worst:.2f} s")
    return 0 if worst < 30 else 1


if __name__ == "__main__":
    sys.exit(main())
