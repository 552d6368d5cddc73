"""The embedded default: migrate, then load the bundled 2017 plan, indicator catalogue,
reference figures and the plan's baselines and targets."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from dashboard.db import migrate
from data_loaders.files import read_bytes, sha256
from data_loaders.load_indicators import load_default_indicators
from data_loaders.load_plan import LoadResult, load_plan
from data_loaders.plan.document import parse_plan_file

BUNDLED_PLAN = "tryghedsplan-amager-partnerskab-2017.txt"
# Named, so that ``init`` loads the bundled plan as Amager's also beside other partnerships.
BUNDLED_PARTNERSHIP = "amager-partnerskab"


def bundled_file(name: str) -> Path:
    return Path(str(resources.files("data_loaders").joinpath("data", name)))


def load_plan_file(
    url: str,
    path: Path,
    *,
    loaded_by: str = "",
    partnership_slug: str | None = None,
    year: int | None = None,
    strict: bool = False,
) -> LoadResult:
    """Parse and load one plan document (all or nothing); ``year`` overrides the title's;
    ``strict`` refuses a plan the reader has warnings about."""
    plan = parse_plan_file(path, year)
    return load_plan(
        url,
        plan,
        file_name=path.name,
        sha256=sha256(read_bytes(path)),
        loaded_by=loaded_by,
        partnership_slug=partnership_slug,
        strict=strict,
    )


def init_database(url: str) -> None:
    """Idempotent: running it twice duplicates nothing."""
    migrate(url)
    load_plan_file(
        url,
        bundled_file(BUNDLED_PLAN),
        loaded_by="tryghed init",
        partnership_slug=BUNDLED_PARTNERSHIP,
    )
    load_default_indicators(url)
