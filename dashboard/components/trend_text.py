"""Danish sentences and values for safety and crime trends, generated from the figures."""

from __future__ import annotations

from urllib.parse import urlsplit

from dashboard.components.format import number, percent
from dashboard.queries.public import UNDER_5
from dashboard.queries.public_figures import Trend, TrendPoint

UNIT_SUFFIX = {"pr 1000 indb": " pr. 1.000 indbyggere"}


def indicator_value(value: float | None, unit: str) -> str:
    """``29.0, 'pct'`` -> ``29 %``; ``55.6, 'pr 1000 indb'`` -> ``55,6 pr. 1.000 indbyggere``;
    a suppressed count (None) -> ``under 5``."""
    if value is None:
        return UNDER_5
    if unit == "pct":
        return percent(value)
    decimals = 0 if float(value).is_integer() else 1
    return number(value, decimals) + UNIT_SUFFIX.get(unit, "")


def short_value(value: float | None, unit: str) -> str:
    """The value without the unit words, for chart labels: ``29 %``, ``55,6``."""
    if value is None:
        return UNDER_5
    if unit == "pct":
        return percent(value)
    return number(value, 0 if float(value).is_integer() else 1)


def trend_sentence(trend: Trend) -> str:
    """One sentence from the comparable figures, e.g. "Andel utrygge i nabolaget om aftenen og
    natten i Partnerskabsområdet (…) faldt fra 34 % i 2014 til 29 % i 2020 – den ønskede
    retning." followed by a sentence about an area break, if there is one."""
    comparable = [p for p in trend.points if p.comparable and p.value is not None]
    first, last = comparable[0], comparable[-1]
    subject = f"{trend.name} i {trend.area}"
    if last.value == first.value:
        sentence = (
            f"{subject} var {indicator_value(last.value, trend.unit)} både i {first.period} "
            f"og i {last.period}."
        )
    else:
        verb = "faldt" if last.value < first.value else "steg"
        sentence = (
            f"{subject} {verb} fra {indicator_value(first.value, trend.unit)} i {first.period} "
            f"til {indicator_value(last.value, trend.unit)} i {last.period}"
            f"{_direction_words(trend.direction, last.value < first.value)}."
        )
    after_break = [p for p in trend.points if not p.comparable]
    if after_break:
        values = " og ".join(
            f"{indicator_value(p.value, trend.unit)} i {p.period}" for p in after_break
        )
        # The new area's name often has a comma of its own ("…, udvidet 2021"): in brackets
        # the sentence still reads.
        sentence += (
            f" {trend.break_note} I det nye område ({after_break[0].area}) var tallet {values}."
        )
    return sentence


def _direction_words(direction: str, fell: bool) -> str:
    if direction not in ("lower_better", "higher_better"):
        return ""
    wanted = fell == (direction == "lower_better")
    return " – den ønskede retning" if wanted else " – modsat den ønskede retning"


def source_label(url: str) -> str:
    """A readable name for a source address: its host without ``www.``."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def point_label(point: TrendPoint, unit: str) -> str:
    return indicator_value(point.value, unit)
