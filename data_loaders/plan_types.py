"""Plain data that a parsed plan or budget sheet becomes, before anything touches the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class ParsedFocusArea:
    number: int | None  # None for the cross-cutting area
    name: str
    description: str = ""


@dataclass
class ParsedResponsible:
    party: str  # canonical party name, see data_loaders/parties.py
    role: str  # "lead" (tovholder) or "co"


@dataclass
class ParsedDeliverable:
    text: str
    due_text: str = ""
    due_date: date | None = None


@dataclass
class ParsedHandover:
    to_party: str | None
    from_year: int | None
    gradual: bool
    text: str
    source_location: str
    status: str = "planned"  # planned / decided / done


@dataclass
class ParsedActivity:
    name: str
    focus_area: int | None
    parent: str | None = None
    table_name: str | None = None
    unfunded: bool = False  # listed among activities without funding from the partnership
    purpose: str = ""
    goals: str = ""
    target_group: str = ""
    timeline: str = ""
    responsible_text: str = ""
    responsible: list[ParsedResponsible] = field(default_factory=list)
    deliverables: list[ParsedDeliverable] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    handovers: list[ParsedHandover] = field(default_factory=list)
    # Økonomi section: row label -> {year: amount or None}
    economy: dict[str, dict[int, int | None]] = field(default_factory=dict)


@dataclass
class BudgetCell:
    """One cell of an overview table. ``amount`` None = undecided ('?'), never zero."""

    focus_area: int | None
    activity: str  # the row's label as the table writes it
    year: int
    amount: int | None
    footnote: str | None = None
    unknown_reason: str | None = None
    source_location: str = ""
    row: int | None = None  # the source file's row, for error messages


@dataclass
class ParsedApproval:
    body: str
    date: date
    text: str


@dataclass(frozen=True)
class ParsedPeriod:
    """A period the partnership works in, as the plan states it ("2013-2016")."""

    first_year: int
    last_year: int
    text: str


@dataclass
class ParsedPlan:
    partnership: str
    plan_year: int
    title: str
    focus_areas: list[ParsedFocusArea]
    activities: list[ParsedActivity]
    budget: list[BudgetCell]
    frame: dict[int, int]  # the "I alt" row
    approvals: list[ParsedApproval] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    periods: list[ParsedPeriod] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_export(self) -> dict:
        """The plan in the shape of ``tryghed export plan --format json`` (a public contract)."""
        return {
            "partnership": self.partnership,
            "plan_year": self.plan_year,
            "title": self.title,
            "focus_areas": [{"number": a.number, "name": a.name} for a in self.focus_areas],
            "activities": [_activity_export(a) for a in self.activities],
            "budget": [budget_cell_export(c) for c in self.budget],
            "frame": {str(year): amount for year, amount in sorted(self.frame.items())},
            "handovers": [
                {
                    "activity": a.name,
                    "to": h.to_party,
                    "from_year": h.from_year,
                    "gradual": h.gradual,
                    "status": h.status,
                    "text": h.text,
                }
                for a in self.activities
                for h in a.handovers
            ],
            "approvals": [
                {"body": a.body, "date": a.date.isoformat(), "text": a.text} for a in self.approvals
            ],
            "measures": list(self.measures),
        }


def budget_cell_export(cell: BudgetCell) -> dict:
    """One overview-table cell as ``export budget`` prints it; amount None = undecided."""
    return {
        "focus_area": cell.focus_area,
        "activity": cell.activity,
        "year": cell.year,
        "amount": cell.amount,
        "footnote": cell.footnote,
        "unknown_reason": cell.unknown_reason,
    }


def _activity_export(activity: ParsedActivity) -> dict:
    parties = [r.party for r in activity.responsible]
    return {
        "name": activity.name,
        "focus_area": activity.focus_area,
        "parent": activity.parent,
        "table_name": activity.table_name,
        "responsible": parties,
        "lead": [r.party for r in activity.responsible if r.role == "lead"],
        "deliverables": [
            {
                "text": d.text,
                "responsible": parties,
                "due_text": d.due_text,
                "due_date": d.due_date.isoformat() if d.due_date else None,
            }
            for d in activity.deliverables
        ],
        "handovers": [h.to_party for h in activity.handovers],
        "measures": list(activity.measures),
    }
