"""Fault: a large indicator load writes to SQLite while the working group saves edits.

    .venv/bin/python bench/faults/sqlite_concurrency.py [--rows 1000000] [--editors 4]

SQLite has one writer at a time; the app runs it in WAL mode (readers go on during a write)
with a 30 s busy timeout (a writer waits for the lock instead of failing at once). This
prepares a fresh SQLite database (as bench/load_test.py does), generates an indicator file
of ``--rows`` rows (bench/indicator_load.py's generator), starts gunicorn exactly as the
Procfile's web line says and lets ``--editors`` working-group users save deliverable status
edits through the /leverancer page's callbacks; meanwhile ``tryghed load indicators FILE``
runs in its own process. Prints the load's outcome and time, the saves made during it (how
many acknowledged, failed, the slowest) and ``edits acknowledged / found / half-written``
as in worker_kill.py. Exits 1 if any save or the load failed, or the check disagrees.
Bounded (the load has 300 s); loopback only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.faults.edits import check, run_editors  # noqa: E402
from bench.harness import BIN, gunicorn, prepare  # noqa: E402
from bench.indicator_load import generate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--editors", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env, url = prepare("sqlite", Path(tmp))
        deliverables = [int(i) for i in env["BENCH_DELIVERABLES"].split(",")]
        figures = Path(tmp) / "mange-tal.csv"
        generate(figures, args.rows)
        with gunicorn(env) as (base, _master):
            stop, editors = run_editors(base, deliverables, args.editors)
            time.sleep(2)
            start = time.monotonic()
            load = subprocess.run(
                [str(BIN / "tryghed"), "load", "indicators", str(figures)],
                env=env, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            end = time.monotonic()
            time.sleep(2)
            stop.set()
            for editor in editors:
                editor.join(timeout=60)
        result = check(url, [edit for editor in editors for edit in editor.acknowledged])
    outcome = load.stdout.strip() or load.stderr.strip().splitlines()[-1]
    print(f"load of {args.rows:,} rows: exit {load.returncode} in {end - start:.1f} s: {outcome}")
    during = [s for editor in editors for s in editor.saves if s[1] > start and s[0] < end]
    slowest = max((s[1] - s[0] for s in during), default=0.0)
    print(
        f"saves during the load: {len(during)}, acknowledged {sum(s[2] for s in during)}, "
        f"not acknowledged {sum(not s[2] for s in during)}, slowest {slowest:.2f} s"
    )
    outcomes = sum((editor.outcomes for editor in editors), Counter())
    print("all save outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(
        f"edits acknowledged: {result['acknowledged']}, found: {result['found']}, "
        f"half-written: {result['half_written']}"
    )
    ok = (
        load.returncode == 0
        and set(outcomes) == {"acknowledged"}
        and result["found"] == result["acknowledged"]
        and result["half_written"] == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
