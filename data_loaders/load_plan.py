"""Write a ``ParsedPlan`` into the database: one transaction, idempotent, logged.

A plan whose content is already stored (same file, or the same content in another format)
is not stored again; the load log records it as unchanged. Any other plan for the same
partnership and year becomes a new revision beside the old one, never over it. Without a
partnership slug the plan goes to the partnership it names, and only where that cannot put
it under another partnership's name (``plan_partnership_slug``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import session_scope
from dashboard.model import (
    Activity,
    ActivityResponsible,
    BudgetFrame,
    BudgetLine,
    Deliverable,
    DeliverableResponsible,
    FocusArea,
    Handover,
    LoadLog,
    Partnership,
    PartnershipPeriod,
    Party,
    PlanApproval,
    PlanMeasure,
    PlanVersion,
)
from data_loaders.errors import refuse_warnings
from data_loaders.load_indicators import link_plan_targets
from data_loaders.load_meetings import meetings_from_approvals
from data_loaders.parties import known_parties
from data_loaders.partnerships import apply_registry, plan_partnership_slug
from data_loaders.plan_types import ParsedPlan
from data_loaders.stored_plan import plan_snapshot


@dataclass(frozen=True)
class LoadResult:
    plan_version_id: int
    outcome: str  # "loaded" or "unchanged"
    revision: int
    rows: int
    warnings: tuple[str, ...] = ()  # what the reader could not place, as the load log keeps it


def slugify(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
    return re.sub(r"[^a-z0-9]+", "-", name.lower().translate(table)).strip("-")


def load_plan(
    url: str,
    plan: ParsedPlan,
    *,
    file_name: str,
    sha256: str,
    loaded_by: str = "",
    partnership_slug: str | None = None,
    kind: str = "plan",
    strict: bool = False,
) -> LoadResult:
    """Store ``plan`` unless an identical version exists; returns what happened. With
    ``strict`` a plan with warnings is refused (``InputError``) before anything is written;
    ``PartnershipChoiceError`` when no slug is given and the plan's own cannot be used."""
    if strict:
        refuse_warnings(file_name, plan.warnings)
    warnings = tuple(plan.warnings)
    with session_scope(url) as session:
        slug = plan_partnership_slug(session, partnership_slug, slugify(plan.partnership))
        partnership = _partnership(session, slug, plan)
        _add_periods(session, partnership, plan)
        versions = year_versions(session, partnership.id, plan.plan_year)
        rows = len(plan.budget) + sum(len(a.deliverables) for a in plan.activities)
        same = identical_version(session, versions, plan, sha256)
        if same is not None:
            meetings_from_approvals(session, same)  # for databases made before meetings existed
            _log(session, kind, file_name, sha256, "unchanged", rows, loaded_by, same, warnings)
            return LoadResult(same.id, "unchanged", same.revision, rows, warnings)
        revision = (versions[-1].revision + 1) if versions else 1
        version = _write(session, partnership, plan, revision, file_name, sha256)
        link_plan_targets(session, version.id)
        meetings_from_approvals(session, version)
        _log(session, kind, file_name, sha256, "loaded", rows, loaded_by, version, warnings)
        return LoadResult(version.id, "loaded", revision, rows, warnings)


def year_versions(session: Session, partnership_id: int, year: int) -> list[PlanVersion]:
    """The partnership's stored versions of one plan year, oldest revision first."""
    return list(
        session.scalars(
            select(PlanVersion)
            .where(PlanVersion.partnership_id == partnership_id, PlanVersion.year == year)
            .order_by(PlanVersion.revision)
        )
    )


def identical_version(
    session: Session, versions: list[PlanVersion], plan: ParsedPlan, sha256: str
) -> PlanVersion | None:
    """The stored version ``plan`` would not change: the same file, or the newest revision
    with the same content (the upload preview asks this too, so it says "unchanged" exactly
    when a load would)."""
    same = next((v for v in versions if v.source_sha256 == sha256), None)
    if same is None and versions:
        latest = versions[-1]
        if plan_snapshot(session, latest.id).to_export() == plan.to_export():
            same = latest
    return same


def _log(session, kind, file_name, sha256, outcome, rows, loaded_by, version, warnings):
    """The message of a plan load has always been its warnings; ``warnings`` keeps them
    alike for every kind of load."""
    session.add(
        LoadLog(
            kind=kind,
            file_name=file_name,
            sha256=sha256,
            outcome=outcome,
            rows=rows,
            loaded_by=loaded_by,
            plan_version_id=version.id,
            partnership_id=version.partnership_id,
            message="\n".join(warnings) if outcome == "loaded" else "",
            warnings="\n".join(warnings),
        )
    )


def _partnership(session: Session, slug: str, plan: ParsedPlan) -> Partnership:
    partnership = session.scalar(select(Partnership).where(Partnership.slug == slug))
    if partnership is None:
        partnership = Partnership(slug=slug, name=plan.partnership)
        session.add(partnership)
        apply_registry(session, partnership)
        session.flush()
    return partnership


def _add_periods(session: Session, partnership: Partnership, plan: ParsedPlan) -> None:
    """Add the periods the plan names that the partnership does not have yet (also on an
    unchanged re-load, for databases made before periods were read)."""
    known = {(p.first_year, p.last_year) for p in partnership.periods}
    for period in plan.periods:
        if (period.first_year, period.last_year) not in known:
            partnership.periods.append(
                PartnershipPeriod(
                    first_year=period.first_year,
                    last_year=period.last_year,
                    source_text=period.text,
                )
            )


def ensure_parties(session: Session, names: set[str]) -> dict[str, Party]:
    """The parties by name, created (with their parent organisations) where missing."""
    vocabulary = {p.name: p for p in known_parties()}
    existing = {p.name: p for p in session.scalars(select(Party))}

    def get(name: str) -> Party:
        if name not in existing:
            known = vocabulary.get(name)
            parent = get(known.parent) if known and known.parent else None
            party = Party(name=name, short_name=known.short_name if known else name, parent=parent)
            session.add(party)
            existing[name] = party
        return existing[name]

    return {name: get(name) for name in names}


def _write(session, partnership, plan: ParsedPlan, revision, file_name, sha256) -> PlanVersion:
    version = PlanVersion(
        partnership=partnership,
        year=plan.plan_year,
        revision=revision,
        title=plan.title,
        source_file=file_name,
        source_sha256=sha256,
    )
    session.add(version)
    for approval in plan.approvals:
        version.approvals.append(
            PlanApproval(body=approval.body, date=approval.date, text=approval.text)
        )
    areas = {}
    for position, area in enumerate(plan.focus_areas):
        areas[area.number] = FocusArea(
            number=area.number, name=area.name, description=area.description, position=position
        )
        version.focus_areas.append(areas[area.number])

    names = {r.party for a in plan.activities for r in a.responsible}
    names |= {h.to_party for a in plan.activities for h in a.handovers if h.to_party}
    parties = ensure_parties(session, names)

    activities: dict[str, Activity] = {}
    for position, parsed in enumerate(plan.activities):
        activity = Activity(
            focus_area=areas.get(parsed.focus_area) if parsed.focus_area is not None else None,
            parent=activities.get(parsed.parent) if parsed.parent else None,
            name=parsed.name,
            table_name=parsed.table_name,
            purpose=parsed.purpose,
            goals=parsed.goals,
            target_group=parsed.target_group,
            timeline=parsed.timeline,
            responsible_text=parsed.responsible_text,
            position=position,
        )
        activities[parsed.name] = activity
        version.activities.append(activity)
        for pos, item in enumerate(parsed.responsible):
            activity.responsible.append(
                ActivityResponsible(party=parties[item.party], role=item.role, position=pos)
            )
        for pos, parsed_deliverable in enumerate(parsed.deliverables):
            deliverable = Deliverable(
                text=parsed_deliverable.text,
                position=pos,
                due_text=parsed_deliverable.due_text,
                due_date=parsed_deliverable.due_date,
            )
            for rpos, item in enumerate(parsed.responsible):
                deliverable.responsible.append(
                    DeliverableResponsible(party=parties[item.party], role=item.role, position=rpos)
                )
            activity.deliverables.append(deliverable)
        for handover in parsed.handovers:
            activity.handovers.append(
                Handover(
                    to_party=parties[handover.to_party] if handover.to_party else None,
                    from_year=handover.from_year,
                    gradual=handover.gradual,
                    status=handover.status,
                    text=handover.text,
                    source_location=handover.source_location,
                )
            )
        for text in parsed.measures:
            version.measures.append(
                PlanMeasure(activity=activity, text=text, position=len(version.measures))
            )
    for text in plan.measures:
        if not any(m.text == text for m in version.measures):
            version.measures.append(PlanMeasure(text=text, position=len(version.measures)))

    by_table = {a.table_name: a for a in activities.values() if a.table_name}
    for position, cell in enumerate(plan.budget):
        version.budget_lines.append(
            BudgetLine(
                activity=by_table.get(cell.activity),
                focus_area=areas.get(cell.focus_area) if cell.focus_area is not None else None,
                label=cell.activity,
                year=cell.year,
                amount=cell.amount,
                unknown_reason=cell.unknown_reason,
                footnote=cell.footnote,
                source_location=cell.source_location,
                position=position,
            )
        )
    for year, amount in plan.frame.items():
        version.frames.append(BudgetFrame(year=year, amount=amount))
    session.flush()
    return version
