"""The /okonomi charts, from ``queries.budget``: funding per focus area and year with the
unallocated rest hatched, and one focus area's activities over the years. Drawn on the
server as stacked bars (``svg_bars``); a '?' amount is never a segment, the words under
its year's bar count it.

What the funding chart draws is decided on its numbers (``funding_bars``): an area too thin
to see is left out of the chart and named in a sentence under it (``too_thin_sentence``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from dashboard.components.format import money, number
from dashboard.components.svg_bars import HATCHED, BarRow, Series, fill_for, stacked_rows
from dashboard.components.svg_image import Draw

UNALLOCATED = "Endnu ikke fordelt"
# A segment under this share of the longest bar is a pixel or two on a phone's bar: its
# legend entry would name a segment no reader can find.
THIN_SHARE = 0.005


@dataclass(frozen=True)
class FundingBars:
    """The funding chart's numbers: the year totals, one amount per year for each drawn
    area, the unallocated rest, and the areas left out because every segment is too thin to
    see."""

    totals: list
    areas: dict[str, list[int]]
    rest: list[int]
    too_thin: dict[str, list[int]]

    @property
    def years(self) -> list[int]:
        return [t.year for t in self.totals]


def funding_bars(by_area, totals) -> FundingBars:
    """Per focus area its known money per year (an area with none is left out: its legend
    entry would name no bar), the unallocated rest, and apart the areas whose every segment
    is under ``THIN_SHARE`` of the longest bar (the table still has them)."""
    years = [t.year for t in totals]
    amounts: dict[str, list[int]] = {}
    for label, rows in by_area.groupby("focus_area_label", sort=False):
        known = dict(zip(rows["year"], rows["known"], strict=True))
        bars = [int(known.get(year, 0)) for year in years]
        if any(bars):
            amounts[label] = bars
    rest = [max(t.unallocated or 0, 0) for t in totals]
    lengths = [sum(column) for column in zip(rest, *amounts.values(), strict=True)]
    least = THIN_SHARE * max(lengths, default=0)
    thin = {label: bars for label, bars in amounts.items() if max(bars) < least}
    drawn = {label: bars for label, bars in amounts.items() if label not in thin}
    return FundingBars(list(totals), drawn, rest, thin)


def too_thin_sentence(bars: FundingBars) -> str:
    """The sentence under the chart for the areas left out of it ("" when none is):
    ``Heraf 2.000 kr. uden indsatsområde (2017): for lidt til at ses i diagrammet, men med i
    tabellen.``"""
    parts = []
    for label, amounts in bars.too_thin.items():
        years = [str(year) for year, amount in zip(bars.years, amounts, strict=True) if amount]
        parts.append(f"{money(sum(amounts))} {_area_phrase(label)} ({_and(years)})")
    if not parts:
        return ""
    return f"Heraf {_and(parts)}: for lidt til at ses i diagrammet, men med i tabellen."


def _area_phrase(label: str) -> str:
    # "Uden indsatsområde" reads as a phrase of its own; a named area takes "til".
    if label.lower().startswith("uden "):
        return label[0].lower() + label[1:]
    return f"til {label}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} og {items[-1]}"


def _undecided(count: int) -> str:
    return f"{number(count)} beløb ikke besluttet" if count else ""


def funding_chart(bars: FundingBars) -> tuple[Draw, str]:
    """A bar per year: a segment per drawn focus area's known money, then the unallocated
    rest of the frame, hatched. Returns the drawing (for any width) and its text
    alternative."""
    series = [Series(label, fill_for(i)) for i, label in enumerate(bars.areas)]
    series.append(Series(UNALLOCATED, HATCHED))
    rows = []
    for i, t in enumerate(bars.totals):
        values = {label: amounts[i] for label, amounts in bars.areas.items()}
        values[UNALLOCATED] = bars.rest[i]
        note = f"{money(t.known)} fordelt"
        note += f" af rammen på {money(t.frame)}" if t.frame is not None else ", ramme ikke oplyst"
        if t.undecided:
            note += f"; {_undecided(len(t.undecided))}"
        rows.append(BarRow(str(t.year), values, note))
    years = bars.years
    alt = (
        f"Søjler pr. år {years[0]}–{years[-1]}: hvert indsatsområdes fordelte beløb og, "
        "skraveret, det der endnu ikke er fordelt af rammen. "
        + " ".join(f"{r.label}: {r.note.removesuffix('.')}." for r in rows)
        + " Beløbene pr. indsatsområde står i tabellen under grafen."
        if rows
        else "Der er ingen budgetlinjer i planen."
    )
    return partial(stacked_rows, series, rows, money), alt


def activities_chart(lines, area_label: str) -> tuple[Draw, str]:
    """A bar per year of one area's activities; '?' cells are counted in the words, not
    drawn. Returns the drawing and its text alternative."""
    rows_of_area = lines[lines["focus_area_label"] == area_label]
    activities = list(dict.fromkeys(rows_of_area["activity"]))
    series = [Series(a, fill_for(i)) for i, a in enumerate(activities)]
    rows = []
    for year, cells in rows_of_area.groupby("year", sort=True):
        known = cells[cells["amount"].notna()]
        values = {a: int(v) for a, v in zip(known["activity"], known["amount"], strict=True)}
        open_cells = len(cells) - len(known)
        note = f"{money(sum(values.values()))} i alt"
        if open_cells:
            note += f"; {_undecided(open_cells)}"
        rows.append(BarRow(str(year), values, note))
    alt = (
        f"Søjler pr. år for aktiviteterne i {area_label}. "
        + " ".join(f"{r.label}: {r.note.removesuffix('.')}." for r in rows)
        + " Beløbene står i tabellen under grafen."
    )
    return partial(stacked_rows, series, rows, money), alt
