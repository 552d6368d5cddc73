"""Loading indicator files and the bundled reference figures; linking plan targets.

A file whose hash was loaded before and whose figures are all still as that load wrote them
is recognised without reading the table (``figure_writer`` says how the rest is written).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from importlib import resources
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import session_scope
from dashboard.model import Activity, PlanVersion, Target
from dashboard.names import normalise_name
from data_loaders.errors import refuse_warnings
from data_loaders.figure_writer import LoadResult, hash_already_loaded, log_load, write_figures
from data_loaders.files import read_bytes, sha256
from data_loaders.indicator_catalogue import sync_catalogue
from data_loaders.indicator_file import parse_indicator_file
from data_loaders.partnerships import apply_registry_to_all


def load_indicator_file(
    url: str,
    path: Path,
    loaded_by: str = "",
    progress_bar: Callable[[int], AbstractContextManager] | None = None,
    strict: bool = False,
) -> LoadResult:
    """``tryghed load indicators FILE``: parse, then write everything or nothing.

    A file loaded before whose figures are all still as that load wrote them is logged as
    unchanged without being parsed (with ``strict`` it is parsed, and refused, before
    anything is written, if the reader has warnings). ``progress_bar(length)`` may return a
    context manager whose value has ``update(n)`` (a click progress bar)."""
    sha = sha256(read_bytes(path))
    with session_scope(url) as session:
        earlier_rows = None if strict else hash_already_loaded(session, "indicators", sha)
        if earlier_rows is not None:
            log_load(
                session,
                "indicators",
                str(path),
                sha,
                "unchanged",
                earlier_rows,
                loaded_by,
                "same file",
            )
            return LoadResult("unchanged", earlier_rows)
    parsed = parse_indicator_file(path)
    if strict:
        refuse_warnings(parsed.file, parsed.warnings)
    bar_context = progress_bar(len(parsed.rows)) if progress_bar else nullcontext()
    with bar_context as bar, session_scope(url) as session:
        sync_catalogue(session)
        return write_figures(
            session,
            parsed.rows,
            kind="indicators",
            file_name=parsed.file,
            sha=parsed.sha256,
            loaded_by=loaded_by,
            progress=bar.update if bar is not None else None,
            warnings=parsed.warnings,
        )


def load_default_indicators(url: str) -> None:
    """The embedded default: catalogue, the bundled reference figures with their sources, and
    the 2017 plan's baselines and targets. Idempotent: a second call writes nothing at all.
    Does not need a loaded plan; targets are linked to any plan versions already present."""
    with resources.as_file(
        resources.files("data_loaders").joinpath("data", "reference_figures.csv")
    ) as path:
        parsed = parse_indicator_file(path)
    with session_scope(url) as session:
        sync_catalogue(session)
        write_figures(
            session,
            parsed.rows,
            kind="indicators",
            file_name="bundled: data_loaders/data/reference_figures.csv",
            sha=parsed.sha256,
            loaded_by="tryghed init",
            log_unchanged=False,
        )
        for plan_version_id in session.scalars(select(PlanVersion.id)):
            link_plan_targets(session, plan_version_id)
        # The areas are here now: a partnership loaded before them gets its own.
        apply_registry_to_all(session)


def link_plan_targets(session: Session, plan_version_id: int) -> int:
    """Point the targets a plan year states at that plan version's activities, matched by name
    (case, spacing and a trailing "(13-14 år)" do not matter). Returns how many it linked;
    a target whose activity the plan does not have stays unlinked."""
    plan = session.get(PlanVersion, plan_version_id)
    if plan is None:
        raise ValueError(f"no plan version {plan_version_id}")
    activities: dict[str, int] = {}
    for activity in session.scalars(select(Activity).where(Activity.plan_version_id == plan.id)):
        for name in (activity.name, activity.table_name):
            if name:
                activities.setdefault(normalise_name(name), activity.id)
    partnership = normalise_name(plan.partnership.name)
    linked = 0
    for target in session.scalars(select(Target).where(Target.plan_year == plan.year)):
        if normalise_name(target.partnership_name) != partnership or not target.activity_name:
            continue
        activity_id = activities.get(normalise_name(target.activity_name))
        if activity_id is None:
            continue
        if (target.activity_id, target.plan_version_id) != (activity_id, plan.id):
            target.activity_id, target.plan_version_id = activity_id, plan.id
        linked += 1
    session.flush()
    return linked
