"""The state at a glance in Danish: the tiles /moede, /okonomi and the meeting pack show
(money per year, deliverables, headline indicators), the finished period's notice, and the
pack summary's lines on what changed and what waits for a decision. The figures come from
``queries.glance``; ``glance_views`` lays the tiles out for the pages, the pack's template
for paper. Every tile says its state in words; its colour only repeats them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dashboard.components.format import long_date, money, number
from dashboard.components.indicator_card_view import NO_TARGETS, SOME_TARGETS
from dashboard.components.trend_text import indicator_value
from dashboard.queries.deliverables import STATUS_LABELS
from dashboard.queries.glance import DeliverableCounts, Glance, Waiting, YearMoney
from dashboard.queries.indicator_cards import IndicatorCard
from dashboard.queries.period import PlanPeriod

UNFINISHED = "ikke afsluttet ved periodens slut"
# Where /okonomi's table of the money per focus area and year begins.
MONEY_ANCHOR = "okonomi-fordeling"
VERDICTS = {
    "better": ("Bedre", "good", "▼"),
    "worse": ("Dårligere", "attention", "▲"),
    "same": ("Uændret", "neutral", "●"),
}
DIRECTIONS = {"lower_better": "lavere er bedre", "higher_better": "højere er bedre"}
# How many of each kind of change, in the words of a count ("3 leverancer").
CHANGE_WORDS = {
    "deliverable": ("leverance", "leverancer"),
    "measurement": ("tal", "tal"),
    "note": ("note", "noter"),
    "budget": ("budgetændring", "budgetændringer"),
    "handover": ("forankring", "forankringer"),
    "pool": ("sag i Bylivspuljen", "sager i Bylivspuljen"),
}


@dataclass(frozen=True)
class Tile:
    """One tile: ``status`` is its state in words (shown as text), ``tone`` (good, attention,
    neutral) only colours it; ``page`` is the internal page with the detail (``page_anchor``
    the place on it, if any) and ``anchor`` the pack's section with it."""

    key: str
    heading: str
    figure: str
    lines: tuple[str, ...]
    status: str
    tone: str
    page: str
    anchor: str
    symbol: str = ""  # a decorative mark beside the status word (▲ ▼), hidden from readers
    page_anchor: str | None = None


@dataclass(frozen=True)
class GlanceText:
    heading: str
    notice: str | None  # the finished period's notice; None while the period runs
    money: list[Tile]
    work: list[Tile]  # the deliverables, then the headline indicators
    # Said once below the tiles, as on /tryghed: that the plan sets no target for the
    # headline indicators (or only where a tile names one). None when every one has a target.
    targets_note: str | None = None


def _count(n: int, one: str, many: str) -> str:
    return f"{number(n)} {one if n == 1 else many}"


def period_notice(period: PlanPeriod | None, final_state: bool = True) -> str | None:
    """ "Partnerskabsperioden 2017–2020 er afsluttet." once the period is over, with how the
    internal pages show the final state unless ``final_state`` is False (the public page)."""
    if period is None or not period.finished:
        return None
    notice = f"Partnerskabsperioden {period.years} er afsluttet."
    if not final_state:
        return notice
    return (
        f"{notice} Siderne viser slutstatus: en leverance, der hverken var "
        f"{STATUS_LABELS['done']} eller {STATUS_LABELS['dropped']} {long_date(period.end)}, "
        f"står som «{UNFINISHED}»."
    )


def money_tile(year: YearMoney) -> Tile:
    lines = []
    if year.frame is None:
        lines.append("Rammen er ikke oplyst")
    else:
        lines.append(f"{money(year.unallocated)} ikke fordelt")
        lines.append(f"Ramme {money(year.frame)}")
    if year.undecided:
        status, tone = f"{number(year.undecided)} beløb ikke besluttet (?)", "attention"
    elif year.unallocated == 0:
        status, tone = "Alt fordelt", "good"
    else:
        status, tone = "Ikke alt fordelt", "neutral"
    return Tile(
        key=f"okonomi-{year.year}",
        heading=f"Økonomi {year.year}",
        figure=f"{money(year.allocated)} fordelt",
        lines=tuple(lines),
        status=status,
        tone=tone,
        page="/okonomi",
        anchor="okonomi",
        page_anchor=MONEY_ANCHOR,
    )


def deliverables_tile(counts: DeliverableCounts, period: PlanPeriod | None) -> Tile:
    finished = period is not None and period.finished
    lines = [
        _count(counts.delayed, STATUS_LABELS["delayed"], STATUS_LABELS["delayed"]),
        f"{number(counts.in_progress)} {STATUS_LABELS['in_progress']}, "
        f"{number(counts.not_started)} {STATUS_LABELS['not_started']}",
    ]
    if counts.dropped:
        lines.append(f"{number(counts.dropped)} {STATUS_LABELS['dropped']}")
    if finished:
        lines.append(f"{number(counts.overdue)} nåede ikke deres frist i perioden")
        status = f"{number(counts.unfinished_at_end)} {UNFINISHED}"
        tone = "attention" if counts.unfinished_at_end else "good"
    else:
        status = (
            f"{number(counts.overdue)} med overskredet frist"
            if counts.overdue
            else "Ingen overskredne frister"
        )
        tone = "attention" if counts.overdue or counts.delayed else "good"
    return Tile(
        key="leverancer",
        heading="Leverancer",
        figure=f"{number(counts.done)} af {number(counts.total)} {STATUS_LABELS['done']}",
        lines=tuple(lines),
        status=status,
        tone=tone,
        page="/leverancer",
        anchor="leverancer",
    )


def headline_tile(h: IndicatorCard) -> Tile:
    shown = h.end_value if h.end_value is not None else h.latest_value
    shown_period = h.end_period if h.end_value is not None else h.latest_period
    lines = []
    if h.start_value is not None and h.end_value is not None:
        lines.append(
            f"Fra {indicator_value(h.start_value, h.unit)} i {h.start_period} ({h.start_label})"
        )
    # The area of the figure shown: after a change of area the tile shows the old series'
    # last comparable figure, so its area is the series', not the newest figure's.
    area = h.series_area if h.end_value is not None else h.area
    if area:
        lines.append(f"Område: {area}")
    if h.latest_period and h.latest_period != shown_period:
        lines.append(
            f"Nyeste tal: {indicator_value(h.latest_value, h.unit)} i {h.latest_period}, "
            "ikke sammenligneligt (andet område)"
        )
    lines.append(f"Retning: {DIRECTIONS.get(h.direction, h.direction)}")
    if h.targets:
        lines.append("Mål: " + "; ".join(h.targets))
    status, tone, symbol = VERDICTS.get(h.verdict, ("Ingen udvikling at vise endnu", "neutral", ""))
    return Tile(
        key=f"indikator-{h.indicator}",
        heading=h.name,
        figure=f"{indicator_value(shown, h.unit)} i {shown_period}" if shown_period else "–",
        lines=tuple(lines),
        status=status,
        tone=tone,
        page="/tryghed",
        anchor="udvikling",
        symbol=symbol,
    )


def glance_text(g: Glance) -> GlanceText:
    finished = g.period is not None and g.period.finished
    return GlanceText(
        heading=f"Slutstatus for perioden {g.period.years}" if finished else "Status lige nu",
        notice=period_notice(g.period),
        money=[money_tile(year) for year in g.money],
        work=[deliverables_tile(g.deliverables, g.period)]
        + [headline_tile(h) for h in g.headlines],
        targets_note=_targets_note(g),
    )


def _targets_note(g: Glance) -> str | None:
    with_target = [h for h in g.headlines if h.targets]
    if len(with_target) == len(g.headlines):
        return None
    return SOME_TARGETS if with_target else NO_TARGETS


def waiting_lines(w: Waiting) -> list[str]:
    """What waits for a decision, one line each; a line saying so when nothing does."""
    lines = []
    if w.undecided_cells:
        years = ", ".join(str(y) for y in w.undecided_years)
        lines.append(f"{number(w.undecided_cells)} beløb ikke besluttet (?) for {years}")
    if w.open_handovers:
        lines.append(_count(w.open_handovers, "forankring", "forankringer") + " uden beslutning")
    if w.pool_recommendations:
        lines.append(
            _count(w.pool_recommendations, "indstilling", "indstillinger")
            + f" fra arbejdsgruppen om Bylivspuljen ({money(w.pool_amount)})"
        )
    return lines or ["Intet venter på en beslutning."]


def change_counts(kinds: list[str]) -> str:
    """ "2 leverancer, 12 tal og 1 note" for the kinds of the changes since the last meeting
    (one each); "Ingen ændringer" for none."""
    counted = Counter(kinds)
    parts = [
        _count(counted[kind], *CHANGE_WORDS.get(kind, (kind, kind)))
        for kind in list(CHANGE_WORDS) + sorted(set(counted) - set(CHANGE_WORDS))
        if counted[kind]
    ]
    if not parts:
        return "Ingen ændringer"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} og {parts[-1]}"
