"""Time the reads behind an internal page over the bundled data, straight from the database.

    .venv/bin/python bench/page_queries.py         # /tryghed; --runs N (50), --database URL
    .venv/bin/python bench/page_queries.py --page leverancer   # or okonomi

A fresh SQLite file in a temporary directory gets ``init_database`` (migrations, the bundled
plan, figures and meetings) unless ``--database`` names an initialised database. Each query
runs in its own session, as each callback does, and the median of the runs is printed per
query, plus the sum of the medians for what one page view asks: the layout's reads and the
callbacks that fire when the page opens. Two columns: wall clock, and the CPU time of
this process (on SQLite that includes the database's work; on a shared machine it is the
steadier of the two).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.db import session_scope  # noqa: E402
from dashboard.queries.activity_outputs import (  # noqa: E402
    output_history,
    output_indicators,
    output_progress,
    registered_figure,
)
from dashboard.queries.areas import comparison_areas  # noqa: E402
from dashboard.queries.budget import budget, compare_versions, handovers  # noqa: E402
from dashboard.queries.deliverables import (  # noqa: E402
    deliverable_table,
    responsible_parties,
    status_matrix,
)
from dashboard.queries.indicator_cards import indicator_cards  # noqa: E402
from dashboard.queries.indicator_notes import indicator_note, note_history  # noqa: E402
from dashboard.queries.partnership import partnerships  # noqa: E402
from dashboard.queries.plan import latest_plan, plan_versions  # noqa: E402
from dashboard.queries.theory_of_change import theory_of_change  # noqa: E402
from dashboard.queries.timeline import timeline  # noqa: E402
from dashboard.queries.trends import chart_indicators, trend_data  # noqa: E402
from data_loaders.defaults import init_database  # noqa: E402

INDICATOR = "utrygge_aften_nat"  # the page's default chart
OUTPUT = "tryghedsvandringer"


def page_reads(session, page: str = "tryghed") -> dict:
    """Each read one opening of the page makes, by the name printed."""
    partnership = partnerships(session)[0].id  # the embedded default has one: Amager
    if page == "okonomi":
        version = latest_plan(session, partnership).id
        return {
            "plan_versions": lambda: plan_versions(session, partnership),
            "budget (totals, areas, lines)": lambda: budget(session, version),
            "handovers": lambda: handovers(session, version),
            "compare_versions": lambda: compare_versions(session, version, version),
        }
    if page == "leverancer":
        version = latest_plan(session, partnership).id
        return {
            "deliverable_table (layout)": lambda: deliverable_table(session, version),
            "responsible_parties": lambda: responsible_parties(session, version),
            "deliverable_table (callback)": lambda: deliverable_table(session, version),
            "status_matrix": lambda: status_matrix(session, version),
        }
    return {
        "indicator_cards": lambda: indicator_cards(session, partnership),
        "chart_indicators": lambda: chart_indicators(session),
        "output_indicators": lambda: output_indicators(session),
        "theory_of_change": lambda: theory_of_change(session, partnership),
        "comparison_areas": lambda: comparison_areas(session, partnership, INDICATOR),
        "trend_data": lambda: trend_data(session, partnership, INDICATOR),
        "indicator_note + note_history": lambda: (
            indicator_note(session, INDICATOR, partnership),
            note_history(session, INDICATOR, partnership),
        ),
        "timeline": lambda: timeline(session, partnership),
        "output_progress": lambda: output_progress(session, partnership),
        "output_history": lambda: output_history(session, partnership, OUTPUT),
        "registered_figure": lambda: registered_figure(session, partnership, OUTPUT, "2017"),
    }


def median_ms(url: str, page: str, name: str, runs: int) -> tuple[float, float]:
    """The median wall-clock and CPU time of ``runs`` calls of one read, in ms."""
    wall, cpu = [], []
    for _ in range(runs):
        with session_scope(url) as session:
            read = page_reads(session, page)[name]
            start, start_cpu = time.perf_counter(), time.process_time()
            read()
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--database", help="an initialised database (default: a fresh SQLite)")
    parser.add_argument("--page", choices=("tryghed", "okonomi", "leverancer"), default="tryghed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        url = args.database
        if url is None:
            url = f"sqlite:///{Path(workdir) / 'bench.db'}"
            init_database(url)
        with session_scope(url) as session:
            names = list(page_reads(session, args.page))
        total = total_cpu = 0.0
        print(
            f"median of {args.runs} runs, {url.split(':', 1)[0]}: wall clock, CPU of this process"
        )
        for name in names:
            ms, cpu = median_ms(url, args.page, name, args.runs)
            total, total_cpu = total + ms, total_cpu + cpu
            print(f"  {name:32} {ms:7.2f} ms {cpu:7.2f} ms")
        print(f"  {'one page view (sum)':32} {total:7.2f} ms {total_cpu:7.2f} ms")


if __name__ == "__main__":
    main()
