"""Fault: a gunicorn worker is SIGKILLed while the working group saves deliverables.

    .venv/bin/python bench/faults/worker_kill.py [--database sqlite|postgresql]
        [--editors 4] [--before 4] [--after 6]

Prepares a fresh database (as bench/load_test.py does; PostgreSQL: ``bench_faults`` on the
shared server at 127.0.0.1:5432, dropped at the end), starts gunicorn exactly as the
Procfile's web line says, and lets ``--editors`` logged-in working-group users save status
edits through the /leverancer page's Dash callbacks. After ``--before`` seconds it SIGKILLs
one worker (not the master), editing goes on for ``--after`` seconds while the master starts
a new worker, then it stops and reads the database. Prints

    edits acknowledged: N, found: M, half-written: K

and exits 1 unless M == N and K == 0 (see ``edits.check`` for the definitions). Bounded in
time; loopback only.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.faults.edits import check, run_editors  # noqa: E402
from bench.harness import drop_pg_database, fresh_pg_database, gunicorn, prepare, workers  # noqa: E402

PG_NAME = "bench_faults_kill"


def edit_and_kill(env: dict, args) -> list:
    deliverables = [int(i) for i in env["BENCH_DELIVERABLES"].split(",")]
    with gunicorn(env) as (base, master):
        before = workers(master.pid)
        print(f"{args.database}: gunicorn master {master.pid}, workers {before}")
        stop, editors = run_editors(base, deliverables, args.editors)
        time.sleep(args.before)
        os.kill(before[0], signal.SIGKILL)
        killed_at = time.monotonic()
        print(f"SIGKILL worker {before[0]} after {args.before:.0f} s of editing")
        replaced = False
        while time.monotonic() - killed_at < args.after:
            new = set(workers(master.pid)) - set(before)
            if new and not replaced:
                replaced = True
                print(
                    f"master started worker {new.pop()} {time.monotonic() - killed_at:.2f} s later"
                )
            time.sleep(0.05)
        stop.set()
        for editor in editors:
            editor.join(timeout=60)
    return editors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--editors", type=int, default=4)
    parser.add_argument("--before", type=float, default=4)
    parser.add_argument("--after", type=float, default=6)
    args = parser.parse_args()
    postgres = args.database == "postgresql"
    with tempfile.TemporaryDirectory() as tmp:
        url = fresh_pg_database(PG_NAME) if postgres else None
        try:
            env, url = prepare(args.database, Path(tmp), url)
            editors = edit_and_kill(env, args)
            result = check(url, [edit for editor in editors for edit in editor.acknowledged])
        finally:
            if postgres:
                drop_pg_database(PG_NAME)
    outcomes = sum((editor.outcomes for editor in editors), Counter())
    print("save outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(
        f"history rows: {result['history_rows']}, stored but not acknowledged "
        f"(killed between commit and answer): {result['unacknowledged_but_stored']}"
    )
    print(
        f"edits acknowledged: {result['acknowledged']}, found: {result['found']}, "
        f"half-written: {result['half_written']}"
    )
    ok = result["found"] == result["acknowledged"] and result["half_written"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
