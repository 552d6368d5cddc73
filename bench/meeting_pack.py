"""Time the meeting pack for the bundled 2017 data: gather, lay out, print to PDF.

    .venv/bin/python bench/meeting_pack.py [--runs N] [--out FILE]

Builds a fresh SQLite database with the embedded defaults in a temporary folder, then makes
the pack for the Styregruppe meeting the plan names (24 October 2016) N times and prints
the median and slowest time of each step.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from dashboard import clock
from dashboard.db import session_scope
from dashboard.meeting_pack import html_to_pdf, pack_content, pack_html
from dashboard.model import Meeting
from data_loaders.defaults import init_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the last PDF here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        init_database(url)
        with session_scope(url) as session:
            meeting_id = session.scalar(select(Meeting.id).where(Meeting.body == "styregruppe"))
        steps: dict[str, list[float]] = {"data": [], "html": [], "pdf": [], "total": []}
        for _ in range(args.runs):
            start = time.perf_counter()
            with session_scope(url) as session:
                content = pack_content(session, meeting_id, clock.today())
            gathered = time.perf_counter()
            document = pack_html(content)
            laid_out = time.perf_counter()
            pdf = html_to_pdf(document)
            printed = time.perf_counter()
            steps["data"].append(gathered - start)
            steps["html"].append(laid_out - gathered)
            steps["pdf"].append(printed - laid_out)
            steps["total"].append(printed - start)
        if args.out:
            args.out.write_bytes(pdf)
    print(f"meeting pack, bundled 2017 data, {args.runs} runs, {len(pdf):,} bytes of PDF")
    for step, seconds in steps.items():
        print(
            f"  {step:<6} median {statistics.median(seconds) * 1000:7.0f} ms"
            f"   max {max(seconds) * 1000:7.0f} ms"
        )


if __name__ == "__main__":
    main()
