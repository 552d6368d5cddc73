"""Cross-checks between the overview table and the activity sections: which row is which
section, whether their money agrees, and the handovers the table's footnotes announce."""

from __future__ import annotations

import difflib
import re

from dashboard.names import normalise_name
from data_loaders.amounts import split_footnote
from data_loaders.plan.sections import HANDOVER_SENTENCE, handover
from data_loaders.plan_types import BudgetCell, ParsedActivity, ParsedHandover


def match_table_to_sections(
    budget: list[BudgetCell], activities: list[ParsedActivity], warnings: list[str]
) -> None:
    """Set each activity's ``table_name`` to the overview row that is its; report the rest."""
    by_key = {normalise_name(a.name): a for a in activities}
    for label in dict.fromkeys(cell.activity for cell in budget):
        key = normalise_name(label)
        activity = by_key.get(key)
        if activity is None:
            close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.85)
            if close:
                activity = by_key[close[0]]
                warnings.append(
                    f"Overview table row '{label}' matched to section '{activity.name}' "
                    "by close spelling"
                )
        if activity is None:
            warnings.append(
                f"Overview table row '{label}' has no activity section; "
                "kept as a budget line without activity"
            )
            continue
        activity.table_name = label
        area = next(c.focus_area for c in budget if c.activity == label)
        if area is not None and activity.focus_area is not None and area != activity.focus_area:
            warnings.append(
                f"'{label}': the overview table says focus area {area}, "
                f"the section stands under focus area {activity.focus_area}"
            )
    for activity in activities:
        if activity.table_name is None and activity.parent is None and not activity.unfunded:
            warnings.append(f"Activity '{activity.name}' has no row in the overview table")


def reconcile_economy(
    budget: list[BudgetCell], activities: list[ParsedActivity], warnings: list[str]
) -> None:
    """Every year an activity's own Økonomi section states must agree with the table."""
    for activity in activities:
        if activity.table_name is None:
            continue
        family = [activity] + [a for a in activities if a.parent == activity.name]
        stated: dict[int, list[int | None]] = {}
        for member in family:
            for row in member.economy.values():
                for year, value in row.items():
                    stated.setdefault(year, []).append(value)
        for cell in budget:
            if cell.activity != activity.table_name or cell.year not in stated:
                continue
            values = stated[cell.year]
            section = None if any(v is None for v in values) else sum(values)
            if section != cell.amount:
                warnings.append(
                    f"'{activity.name}' {cell.year}: the overview table says "
                    f"{_kr(cell.amount)}, the activity's Økonomi section says {_kr(section)}"
                )


def reconcile_columns(budget: list[BudgetCell], frame: dict[int, int], warnings: list[str]) -> None:
    """Every year column against its "I alt": equal when every cell is decided, and never
    more than it when some are '?' (they take the rest)."""
    for year, total in sorted(frame.items()):
        column = [c for c in budget if c.year == year]
        known = sum(c.amount for c in column if c.amount is not None)
        undecided = any(c.amount is None for c in column)
        if known != total and not (undecided and known < total):
            more = " already" if undecided else ""
            warnings.append(
                f"The overview table's {year} column{more} adds up to {_kr(known)}, "
                f"its 'I alt' says {_kr(total)}"
            )


def _kr(value: int | None) -> str:
    return "?" if value is None else f"{value:,}".replace(",", ".") + " kr."


def attach_handovers(
    budget: list[BudgetCell], activities: list[ParsedActivity], warnings: list[str]
) -> None:
    """Footnotes that move a cost to a department become handovers too; one per party."""
    by_table = {a.table_name: a for a in activities if a.table_name}
    for cell in budget:
        activity = by_table.get(cell.activity)
        if activity is None or not cell.footnote:
            continue
        for note in re.split(r"\s(?=[⁰¹²³⁴⁵⁶⁷⁸⁹])", cell.footnote):
            if HANDOVER_SENTENCE.search(note):
                mark, text = split_footnote(note)
                activity.handovers.append(
                    handover(text, f"Oversigt over aktiviteter, fodnote {mark} ({cell.year})")
                )
    for activity in activities:
        activity.handovers = _merge_handovers(activity, warnings)


def _merge_handovers(activity: ParsedActivity, warnings: list[str]) -> list[ParsedHandover]:
    merged: dict[str | None, ParsedHandover] = {}
    for item in activity.handovers:
        known = merged.get(item.to_party)
        if known is None:
            merged[item.to_party] = item
            continue
        known.from_year = known.from_year or item.from_year
        known.gradual = known.gradual or item.gradual
        if item.status == "decided":
            known.status = "decided"
        if len(item.text) > len(known.text):
            known.text = item.text
        known.source_location += "; " + item.source_location
    parties = [p for p in merged if p is not None]
    if len(parties) > 1:
        warnings.append(
            f"'{activity.name}': the plan names different parties to take over the cost: "
            + ", ".join(parties)
        )
    return list(merged.values())
