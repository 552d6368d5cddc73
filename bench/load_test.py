"""Load test: the app under the Procfile's gunicorn command, driven by locust on loopback.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python bench/load_test.py [--seconds 60] [--users 50,100]
        [--databases sqlite,postgresql]

For each database and user count it sets up a fresh database (migrate, default data, 5
committee and 5 working-group accounts), starts gunicorn exactly as the Procfile's web line
says, runs the realistic mix in bench/locustfile.py and prints requests/s, p50/p95/p99 for
page loads and for callbacks, and errors. Then, against the same gunicorn, it measures the
throughput of a static file and of one callback without pauses and prints their ratio.
Bounded: every locust run stops by itself after --seconds; only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "bench-adgangskode-42"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tryghed(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [str(BIN / "tryghed"), *args], env=env, input=stdin, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"tryghed {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def _database(kind: str, workdir: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.db'}"
    subprocess.run(["psql", PG_ADMIN, "-qc", "DROP DATABASE IF EXISTS bench_load"], check=True)
    subprocess.run(["psql", PG_ADMIN, "-qc", "CREATE DATABASE bench_load"], check=True)
    return "postgresql://postgres@127.0.0.1:5432/bench_load"


def prepare(kind: str, workdir: Path) -> tuple[dict, str]:
    """A fresh database with the defaults and the bench accounts; returns env and ids."""
    env = {
        **os.environ,
        "DATABASE_URL": _database(kind, workdir),
        "SECRET_KEY": secrets.token_hex(32),
        "TRYGHED_AUTO_INIT": "0",
        "TRYGHED_INSTANCE": str(workdir),
    }
    _tryghed(env, "init")
    for n in range(1, 6):
        for name, role in ((f"styre{n}", "styregruppe"), (f"arbejd{n}", "arbejdsgruppe")):
            _tryghed(env, "users", "add", name, "--role", role, "--password-stdin", stdin=PASSWORD)
    plan = json.loads(_tryghed(env, "export", "plan"))
    count = sum(len(a["deliverables"]) for a in plan["activities"])
    env["BENCH_PASSWORD"] = PASSWORD
    env["BENCH_DELIVERABLES"] = ",".join(str(i) for i in range(1, count + 1))
    env["BENCH_PLAN_VERSION"] = "1"
    return env, env["DATABASE_URL"]


@contextmanager
def gunicorn(env: dict):
    """The Procfile's web command, as a platform would run it."""
    port = _free_port()
    line = next(
        line.split(":", 1)[1] for line in (ROOT / "Procfile").read_text().splitlines()
        if line.startswith("web:")
    )  # fmt: skip
    env = {**env, "PORT": str(port), "PATH": f"{BIN}:{env['PATH']}"}
    # The shell expands ${PORT:-8050} as a platform's would; loopback instead of all addresses.
    command = "exec " + line.strip().replace("0.0.0.0", "127.0.0.1")
    server = subprocess.Popen(
        ["bash", "-c", command], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
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


def run_locust(env, base, users, seconds, classes, workdir) -> dict:
    timings = workdir / f"timings-{'-'.join(classes)}-{users}.json"
    subprocess.run(
        [
            str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
            "--only-summary", "-u", str(users), "-r", str(max(users // 5, 1)),
            "-t", f"{seconds}s", "--host", base, "--stop-timeout", "5", *classes,
        ],
        env={**env, "BENCH_TIMINGS": str(timings)},
        capture_output=True, check=False,
    )  # fmt: skip
    data = json.loads(timings.read_text())
    return {"seconds": seconds, **data}


def _percentile(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else (values[0] if values else float("nan"))
    )


def report(title: str, result: dict) -> None:
    print(f"\n{title}")
    columns = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors")
    print(f"  {'kind':10} " + " ".join(f"{c:>8}" for c in columns))
    for kind, values in sorted(result["timings"].items()):
        print(
            f"  {kind:10} {len(values):8d} {len(values) / result['seconds']:8.1f} "
            f"{_percentile(values, 50):8.1f} {_percentile(values, 95):8.1f} "
            f"{_percentile(values, 99):8.1f} {result['failures'].get(kind, 0):7d}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", default="50,100")
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; gunicorn as in the Procfile; locust on loopback")
    for kind in args.databases.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            env, _url = prepare(kind, workdir)
            with gunicorn(env) as (base, _server):
                for users in (int(u) for u in args.users.split(",")):
                    mix = run_locust(
                        env, base, users, args.seconds,
                        ["Public", "Committee", "WorkingGroup"], workdir,
                    )  # fmt: skip
                    report(f"{kind}, {users} users, {args.seconds} s realistic mix", mix)
                quick = max(args.seconds // 4, 10)
                static = run_locust(env, base, 20, quick, ["StaticFile"], workdir)
                callback = run_locust(env, base, 20, quick, ["CallbackOnly"], workdir)
                static_rps = len(static["timings"].get("static", [])) / quick
                callback_rps = len(callback["timings"].get("callback", [])) / quick
                print(
                    f"\n{kind}: static file {static_rps:.0f} req/s, callback {callback_rps:.0f} "
                    f"req/s (20 users, no pauses, {quick} s): ratio {callback_rps / static_rps:.2f}"
                )


if __name__ == "__main__":
    main()
