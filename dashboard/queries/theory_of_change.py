"""The theory of change on /tryghed: from each effect to the indicators that measure it and
the newest plan's focus areas and activities meant to contribute to it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Activity, FocusArea
from dashboard.model.indicators import EFFECTS
from dashboard.names import normalise_name
from dashboard.queries.indicators import indicator_catalogue
from dashboard.queries.plan import latest_plan


@dataclass(frozen=True)
class ActivityLink:
    name: str
    measured_by: list[str]  # output or result indicators naming this activity


@dataclass(frozen=True)
class FocusAreaLink:
    label: str
    activities: list[ActivityLink]


@dataclass(frozen=True)
class EffectPath:
    effect: str
    indicators: list[str]
    focus_areas: list[FocusAreaLink]


def theory_of_change(session: Session, partnership_id: int) -> list[EffectPath]:
    """From each effect (øget tryghed, mindre kriminalitet) to the indicators that measure
    it and the focus areas and activities of the partnership's newest plan meant to
    contribute to it. The plan lets every focus area work towards both effects, so each
    effect lists them all; without a plan, the effects have indicators and no focus areas."""
    catalogue = indicator_catalogue(session)
    plan = latest_plan(session, partnership_id)
    areas: list[FocusAreaLink] = []
    if plan is not None:
        measured: dict[str, list[str]] = {}
        for name, activity in zip(catalogue["name"], catalogue["activity_name"], strict=True):
            if isinstance(activity, str):
                measured.setdefault(normalise_name(activity), []).append(name)
        focus = session.scalars(
            select(FocusArea)
            .where(FocusArea.plan_version_id == plan.id)
            .order_by(FocusArea.position)
        ).all()
        activities = session.scalars(
            select(Activity).where(Activity.plan_version_id == plan.id).order_by(Activity.position)
        ).all()
        for area in focus:
            label = f"{area.number}. {area.name}" if area.number else area.name
            links = [
                ActivityLink(
                    a.name,
                    measured.get(
                        normalise_name(a.name), measured.get(normalise_name(a.table_name or ""), [])
                    ),
                )
                for a in activities
                if a.focus_area_id == area.id
            ]
            areas.append(FocusAreaLink(label, links))
    return [
        EffectPath(
            effect=effect,
            indicators=[
                name
                for name, served in zip(catalogue["name"], catalogue["effect"], strict=True)
                if served == effect
            ],
            focus_areas=areas,
        )
        for effect in EFFECTS
    ]
