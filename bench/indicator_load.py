"""Benchmark: load a 1,000,000-row long-format indicator file into SQLite.

    .venv/bin/python bench/indicator_load.py [--rows 1000000]

Prints rows/s, wall time and peak memory (max RSS) for a first load and for a re-load of the
unchanged file, and the ratio of our first load to a raw baseline: the same file read with
``csv.reader`` and inserted with plain ``sqlite3`` ``executemany`` into an equivalent table
(same columns, same unique key), with no validation. Each phase runs in its own process so
its peak memory is its own. Targets: load < 60 s and < 1 GiB, re-load < 2 s, ratio < 3.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def generate(path: Path, rows: int) -> None:
    """Valid figures for every catalogue indicator and area over years and quarters."""
    from data_loaders.indicator_catalogue import bundled_rows

    indicators = bundled_rows("indicator_catalogue.csv")
    areas = [a["name"] for a in bundled_rows("areas.csv")]
    periods = [str(y) for y in range(1900, 2101)]
    periods += [f"{y}K{q}" for y in range(1900, 2101) for q in range(1, 5)]
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["indicator", "area", "year", "value", "unit", "source_url", "note"])
        for source in range(100):
            url = f"https://example.org/bench/source-{source}"
            for period in periods:
                for area in areas:
                    for ind in indicators:
                        value = (
                            written % 100 if ind["whole_number"] == "1" else (written % 997) / 10
                        )
                        writer.writerow([ind["code"], area, period, value, ind["unit"], url, ""])
                        written += 1
                        if written == rows:
                            return


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def phase_load(db: str, file: str) -> dict:
    from data_loaders.load_indicators import load_indicator_file

    start = time.perf_counter()
    result = load_indicator_file(f"sqlite:///{db}", Path(file))
    return {"seconds": time.perf_counter() - start, "outcome": result.outcome, "rows": result.rows}


def phase_migrate(db: str, file: str) -> dict:
    from dashboard.db import migrate

    migrate(f"sqlite:///{db}")
    return {}


def phase_raw(db: str, file: str) -> dict:
    start = time.perf_counter()
    connection = sqlite3.connect(db)
    connection.execute(
        "CREATE TABLE raw_measurement (id INTEGER PRIMARY KEY, indicator TEXT NOT NULL, "
        "area TEXT NOT NULL, period TEXT NOT NULL, value REAL NOT NULL, unit TEXT, "
        "source TEXT NOT NULL, note TEXT NOT NULL, UNIQUE (indicator, area, period, source))"
    )
    with open(file, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        next(reader)
        connection.executemany(
            "INSERT INTO raw_measurement (indicator, area, period, value, unit, source, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            reader,
        )
    connection.commit()
    rows = connection.execute("SELECT count(*) FROM raw_measurement").fetchone()[0]
    connection.close()
    return {"seconds": time.perf_counter() - start, "rows": rows}


PHASES = {"load": phase_load, "raw": phase_raw, "migrate": phase_migrate}


def run_phase(name: str, db: Path, file: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--db", str(db), "--file", str(file)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--phase", choices=PHASES)
    parser.add_argument("--db")
    parser.add_argument("--file")
    args = parser.parse_args()
    if args.phase:
        figures = PHASES[args.phase](args.db, args.file)
        print(json.dumps({**figures, "peak_mib": _peak_mib()}))
        return

    with tempfile.TemporaryDirectory(prefix="indicator-bench-") as folder:
        work = Path(folder)
        file, db, raw_db = work / "figures.csv", work / "bench.db", work / "raw.db"
        start = time.perf_counter()
        generate(file, args.rows)
        size_mib = file.stat().st_size / 2**20
        print(
            f"generated {args.rows:,} rows ({size_mib:.0f} MiB) "
            f"in {time.perf_counter() - start:.1f} s"
        )
        run_phase("migrate", db, file)
        first = run_phase("load", db, file)
        again = run_phase("load", db, file)
        raw = run_phase("raw", raw_db, file)
        for label, figures in (("load", first), ("re-load, unchanged file", again)):
            print(
                f"{label:26} {figures['outcome']:9} {figures['seconds']:7.2f} s  "
                f"{figures['rows'] / figures['seconds']:12,.0f} rows/s  "
                f"peak {figures['peak_mib']:6.0f} MiB"
            )
        print(
            f"{'raw sqlite3 executemany':26} {'':9} {raw['seconds']:7.2f} s  "
            f"{raw['rows'] / raw['seconds']:12,.0f} rows/s  peak {raw['peak_mib']:6.0f} MiB"
        )
        print(f"ratio load / raw baseline: {first['seconds'] / raw['seconds']:.2f}")


if __name__ == "__main__":
    main()
