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
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import BIN, ROOT, gunicorn, prepare  # noqa: E402


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
    """Logins happen while users start; everything else is measured once all have started
    (``steady_seconds`` of the run), so req/s divides by the time each was measured in."""
    steady = result.get("steady_seconds") or result["seconds"]
    print(f"\n{title} (measured over the last {steady:.0f} s, after the ramp-up)")
    columns = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors")
    print(f"  {'kind':10} " + " ".join(f"{c:>8}" for c in columns))
    for kind, values in sorted(result["timings"].items()):
        seconds = result["seconds"] if kind == "login" else steady
        print(
            f"  {kind:10} {len(values):8d} {len(values) / seconds:8.1f} "
            f"{_percentile(values, 50):8.1f} {_percentile(values, 95):8.1f} "
            f"{_percentile(values, 99):8.1f} {result['failures'].get(kind, 0):7d}"
        )
    # Which requests make those percentiles: each page and callback by name, slowest p95 first.
    named = [
        (name, values)
        for name, values in result.get("by_name", {}).items()
        if name.split(" ", 1)[0] in ("page", "callback")
    ]
    print(f"  {'request':44} " + " ".join(f"{c:>8}" for c in ("requests", "p50 ms", "p95 ms")))
    for name, values in sorted(named, key=lambda item: -_percentile(item[1], 95)):
        print(
            f"  {name[:44]:44} {len(values):8d} "
            f"{_percentile(values, 50):8.1f} {_percentile(values, 95):8.1f}"
        )
    # A machine shared with others is busy in spells: the p95 of each 10 s shows them.
    series = result.get("callback_series", [])
    windows = [
        [ms for at, ms in series if start <= at < start + 10] for start in range(0, int(steady), 10)
    ]
    print(
        "  callback p95 per 10 s: "
        + " ".join(f"{_percentile(w, 95):.0f}" if len(w) > 1 else "-" for w in windows)
    )
    reasons = sorted(result.get("reasons", {}).items(), key=lambda item: -item[1])
    for reason, count in reasons[:8]:
        print(f"    {count:5d} × {reason}")


def _throughput(result: dict, kind: str) -> float:
    return len(result["timings"].get(kind, [])) / (result["steady_seconds"] or result["seconds"])


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
                static_rps = _throughput(static, "static")
                callback_rps = _throughput(callback, "callback")
                print(
                    f"\n{kind}: static file {static_rps:.0f} req/s, callback {callback_rps:.0f} "
                    f"req/s (20 users, no pauses, {quick} s): ratio {callback_rps / static_rps:.2f}"
                )


if __name__ == "__main__":
    main()
