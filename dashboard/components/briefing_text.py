"""A briefing in Danish: the changes since the last meeting and what needs attention, as the
lines /moede, the print view and the PDF pack all show. The facts come from
``queries.briefing`` and ``queries.attention``; only the words are made here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from dashboard.components.format import long_date, money, number
from dashboard.components.summaries import change_sentence
from dashboard.components.trend_text import indicator_value
from dashboard.queries.attention import NeedsAttention, StaleIndicator
from dashboard.queries.attention import needs_attention as attention_data
from dashboard.queries.briefing import (
    Change,
    FigureChange,
    HandoverChange,
    LoadChange,
    NoteChange,
    StatusChange,
    changes_since_last_meeting,
)
from dashboard.queries.briefing_pool import PoolBriefing
from dashboard.queries.briefing_walks import WalkBriefing
from dashboard.queries.budget import BudgetChange
from dashboard.queries.deliverables import STATUS_LABELS

T = TypeVar("T")

# Figures and notes with no activity of their own are about the plan's effect.
EFFECT_GROUP = "Tryghed og kriminalitet"
NO_LEAD = "Uden tovholder"
# Who made a change that a load brought without naming who ran it.
LOADER = "indlæsning"
# The pages a change links to, by the name the navigation gives them.
PAGE_NAMES = {
    "/leverancer": "Leverancer",
    "/okonomi": "Økonomi",
    "/tryghed": "Tryghed",
    "/plan": "Planen",
    "/bylivspuljen": "Bylivspuljen",
    "/tryghedsvandringer": "Tryghedsvandringer",
}


@dataclass(frozen=True)
class ChangeLine:
    """One change as shown: ``when`` is UTC, ``link`` the page where the item lives."""

    kind: str
    focus_area: str
    when: datetime
    who: str
    text: str
    link: str


def _status(code: str) -> str:
    return STATUS_LABELS.get(code, code)


def _status_text(c: StatusChange) -> str:
    if c.old_status == c.new_status:  # an edit of the comment (or date) only
        status = f"fortsat {_status(c.new_status)}"
    else:
        status = f"{_status(c.old_status)} → {_status(c.new_status)}"
    text = f"{c.activity}: «{c.text}»: {status}"
    if c.edits > 1:
        text += f" ({c.edits} ændringer)"
    return text + (f". Kommentar: «{c.comment}»" if c.comment else "")


def _figure_text(c: FigureChange) -> str:
    what = f"{c.indicator}, {c.area}, {c.period}"
    value = indicator_value(c.new, c.unit)
    if c.old is None:
        return f"Nyt tal: {what}: {value}"
    return f"Ændret tal: {what}: {indicator_value(c.old, c.unit)} → {value}"


def _load_text(c: LoadChange) -> str:
    return (
        f"Indlæsning af {loaded_file_words(c.file_name)}: "
        f"{number(c.added)} nye og {number(c.changed)} ændrede tal"
    )


def loaded_file_words(file_name: str | None) -> str:
    """The loaded file as a reader knows it: the figures that come with the dashboard are
    logged as "bundled: data_loaders/data/…", a path no committee member needs."""
    if not file_name:
        return "tal"
    if file_name.startswith("bundled:"):
        return "dashboardets medfølgende tal"
    return file_name


def _note_text(c: NoteChange) -> str:
    return f"{'Ny' if c.is_new else 'Ændret'} note til {c.indicator}: «{c.text}»"


def _budget_text(c: BudgetChange) -> str:
    return f"Budget: {change_sentence(c)}"


def _handover_text(c: HandoverChange) -> str:
    year = f" fra {c.from_year}" if c.from_year else ""
    word = "besluttet" if c.status == "decided" else "gennemført"
    return f"Forankring {word}: {c.activity} overgår til {c.to or 'en forvaltning'}{year}"


def _pool_text(c: PoolBriefing) -> str:
    if c.recommendation_id is None:
        return f"Ny ansøgning til Bylivspuljen {c.year}: «{c.titles[0]}» ({money(c.amount)})"
    verdict = "for" if c.in_favour else "imod"
    titles = ", ".join(f"«{t}»" for t in c.titles)
    return (
        f"Arbejdsgruppen indstiller {verdict} {c.package or c.year} i Bylivspuljen "
        f"({money(c.amount)}): {titles}; venter på styregruppen"
    )


def _walk_text(c: WalkBriefing) -> str:
    if c.due_on is None:
        return f"Nyt fund på tryghedsvandring: {c.place} ({c.category.lower()})"
    return (
        f"Overskredet frist hos {c.party}: «{c.what}» ved {c.place} ({c.category.lower()}), "
        f"frist {long_date(c.due_on)}, {c.status.lower()}"
    )


CHANGE_TEXTS = {
    StatusChange: _status_text,
    FigureChange: _figure_text,
    LoadChange: _load_text,
    NoteChange: _note_text,
    BudgetChange: _budget_text,
    HandoverChange: _handover_text,
    PoolBriefing: _pool_text,
    WalkBriefing: _walk_text,
}


def change_line(change: Change) -> ChangeLine:
    return ChangeLine(
        kind=change.kind,
        focus_area=change.focus_area or EFFECT_GROUP,
        when=change.when,
        who=change.who or LOADER,
        text=CHANGE_TEXTS[type(change.what)](change.what),
        link=change.link,
    )


def since_last_meeting(session: Session, meeting_id: int) -> list[ChangeLine]:
    """``queries.briefing.changes_since_last_meeting`` in words, in its order."""
    return [change_line(c) for c in changes_since_last_meeting(session, meeting_id)]


def group_by_focus_area(lines: list[ChangeLine]) -> list[tuple[str, list[ChangeLine]]]:
    """The lines under their focus area, keeping the order they came in."""
    groups: dict[str, list[ChangeLine]] = {}
    for line in lines:
        groups.setdefault(line.focus_area, []).append(line)
    return list(groups.items())


def by_lead(items: Iterable[tuple[str, T]]) -> list[tuple[str, list[T]]]:
    """``(lead, item)`` pairs under their lead party (tovholder), parties alphabetically,
    items in the order they came in; an item without a lead under "Uden tovholder"."""
    groups: dict[str, list[T]] = {}
    for lead, item in items:
        groups.setdefault(lead or NO_LEAD, []).append(item)
    return sorted(groups.items(), key=lambda group: group[0].lower())


# --- needs attention ---------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueLine:
    deliverable_id: int
    activity: str
    text: str
    co: str
    due: str
    status: str


@dataclass(frozen=True)
class StaleLine:
    sentence: str  # "Andel utrygge … (Tryghedsundersøgelsen): seneste tal er fra 2021 (…)"
    frequency: str


@dataclass(frozen=True)
class Attention:
    """``queries.attention.NeedsAttention`` as shown: overdue deliverables by lead party."""

    today: date
    overdue_by_party: list[tuple[str, list[OverdueLine]]]
    undecided_years: list[int]
    undecided: list[tuple[int, list[str]]]
    open_handovers: list[dict]
    stale_indicators: list[StaleLine]
    indicators_without_figures: list[str]
    # The overdue list's heading, its words when empty, and its count per party ("3
    # overskredne leverancer"): once the period is over, deliverables not done by its end.
    overdue_heading: str = "Leverancer med overskredet frist, pr. tovholder"
    overdue_none: str = "Ingen leverancer har overskredet fristen."
    overdue_words: tuple[str, str] = ("overskreden leverance", "overskredne leverancer")


def _overdue_words(period) -> dict:
    if period is None or not period.finished:
        return {}
    return {
        "overdue_heading": (
            f"Leverancer med frist i perioden, der ikke var afsluttet ved periodens slut "
            f"({long_date(period.end)}), pr. tovholder"
        ),
        "overdue_none": "Alle leverancer med frist i perioden var afsluttet ved periodens slut.",
        "overdue_words": ("leverance ikke afsluttet", "leverancer ikke afsluttet"),
    }


def overdue_count(attention: Attention, count: int) -> str:
    """ "3 overskredne leverancer" (or, after the period, "3 leverancer ikke afsluttet")."""
    one, many = attention.overdue_words
    return f"{number(count)} {one if count == 1 else many}"


def stale_sentence(s: StaleIndicator) -> str:
    return f"{s.name} ({s.source}): seneste tal er fra {s.latest_period} ({s.area})"


def attention_text(data: NeedsAttention) -> Attention:
    overdue = [
        (
            d.lead,
            OverdueLine(
                d.deliverable_id, d.activity, d.text, d.co, long_date(d.due_date), _status(d.status)
            ),
        )
        for d in data.overdue
    ]
    return Attention(
        today=data.today,
        overdue_by_party=by_lead(overdue),
        undecided_years=data.undecided_years,
        undecided=data.undecided,
        open_handovers=data.open_handovers,
        stale_indicators=[StaleLine(stale_sentence(s), s.frequency) for s in data.stale_indicators],
        indicators_without_figures=data.indicators_without_figures,
        **_overdue_words(data.period),
    )


def needs_attention(session: Session, plan_version_id: int, today: date) -> Attention:
    """``queries.attention.needs_attention`` in words."""
    return attention_text(attention_data(session, plan_version_id, today))
