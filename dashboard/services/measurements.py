"""The working group registers what its activities delivered (participants, events, magazines)
as figures, one edit at a time, with history and a version.

A registered figure is an ordinary ``Measurement`` whose source is ``REGISTERED_SOURCE``, so
charts, tables and open data show it like any loaded figure. Each edit adds a
``MeasurementEdit`` row numbered from 1; the number of edits is the version the next edit must
expect. Two people saving the same figure at once: the database's unique (figure, version)
lets one through and the other gets ``StaleFigure`` with what is stored now.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from babel.numbers import format_decimal
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.model import (
    Area,
    Indicator,
    Measurement,
    MeasurementEdit,
    Partnership,
    PartnershipPeriod,
    Target,
    Walk,
)
from dashboard.model.base import utcnow
from dashboard.model.measurement_edits import REGISTERED_SOURCE
from dashboard.model.walks import WALK_INDICATOR
from dashboard.names import normalise_name
from dashboard.numbers import NumberError, parse_number
from dashboard.roles import EDIT_ROLES
from dashboard.services.errors import EditRefused, InvalidEdit, require_role
from dashboard.services.ownership import require_figure_owner, require_known_partnership
from data_loaders.periods import PeriodError, parse_period

MAX_NOTE_LENGTH = 1000
# A count a partnership's activity could reach in one period (participants, events,
# magazines) when its indicator states no bound of its own: a thousand times the largest
# figure in the 2017 plan, so a typing slip of six zeros is caught.
PLAUSIBLE_MAX_COUNT = 100_000


@dataclass(frozen=True)
class StoredFigure:
    version: int
    value: float
    note: str
    changed_by: str | None


class StaleFigure(EditRefused):
    """Someone registered or changed the figure after the user opened it."""

    def __init__(self, current: StoredFigure | None):
        who = (current.changed_by if current else None) or "en anden"
        super().__init__(
            f"Tallet er ændret af {who}, efter du åbnede det. "
            "Se det gemte tal, og gem igen, hvis dit stadig er rigtigt."
        )
        self.current = current


def _refuse_counted_walks(session: Session, partnership_id: int, period) -> None:
    """The safety walks' count of a year with walks recorded is counted from them (on
    /tryghedsvandringer): registering it as well would enter it twice."""
    year = period.start.year
    held = session.scalar(
        select(func.count(Walk.id)).where(
            Walk.partnership_id == partnership_id,
            Walk.walked_on >= date(year, 1, 1),
            Walk.walked_on <= date(year, 12, 31),
        )
    )
    if held:
        walks = "den ene vandring" if held == 1 else f"de {held} vandringer"
        raise InvalidEdit(
            f"Antallet af tryghedsvandringer i {year} tælles fra {walks}, der er registreret "
            "på siden Tryghedsvandringer. Registrér en vandring dér i stedet."
        )


def register_output_value(
    session: Session,
    user,
    indicator_code: str,
    period: str,
    value: float | int | str | None,
    note: str,
    expected_version: int,
    *,
    partnership_id: int,
) -> MeasurementEdit:
    """Register (``expected_version`` 0) or correct an activity's output figure for a period
    in the area of partnership ``partnership_id``, in the caller's transaction; returns the
    history row.

    Refuses with ``NotAllowed`` anyone but an active arbejdsgruppe/admin user and a user
    whose party is not responsible for the partnership's activity the figure measures; with
    ``InvalidEdit`` an unknown partnership, an unknown or non-output indicator, a partnership
    without an area for the figure, a period that is not a period, a value outside the
    indicator's range (no negative counts, no percentage over 100, counts whole), an
    over-long note, an edit that changes nothing, and the safety walks' count for a year
    with walks recorded (it is counted from them); with ``StaleFigure`` an edit
    made against an older version than the stored one. A refusal writes nothing."""
    require_role(user, EDIT_ROLES, "Du har ikke adgang til at registrere tal.")
    indicator = session.scalars(select(Indicator).where(Indicator.code == indicator_code)).first()
    if indicator is None or indicator.kind != "output":
        raise InvalidEdit("Vælg en af aktiviteternes målinger.")
    require_known_partnership(session, partnership_id)
    require_figure_owner(session, user, indicator.id, partnership_id)
    parsed = _plausible_period(session, partnership_id, _period(period))
    if indicator.code == WALK_INDICATOR:
        _refuse_counted_walks(session, partnership_id, parsed)
    number = _checked_value(indicator, value)
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidEdit(f"Bemærkningen må højst være {MAX_NOTE_LENGTH} tegn.")
    area = registration_area(session, partnership_id, indicator, parsed.start.year)
    if area is None:
        raise InvalidEdit(
            f"Partnerskabet har intet område i {parsed.start.year} at registrere tallet for."
        )
    figure = session.scalars(
        select(Measurement).where(
            Measurement.indicator_id == indicator.id,
            Measurement.area_id == area.id,
            Measurement.period == parsed.code,
            Measurement.source == REGISTERED_SOURCE,
        )
    ).first()
    current = _stored(session, figure)
    if (current.version if current else 0) != expected_version:
        raise StaleFigure(current)
    if figure is not None and (figure.value, figure.note) == (number, note):
        raise InvalidEdit("Intet er ændret.")
    edit = MeasurementEdit(
        version=expected_version + 1,
        changed_by=user.username,
        user_id=user.id,
        old_value=figure.value if figure else None,
        new_value=number,
        old_note=figure.note if figure else "",
        new_note=note,
    )
    if figure is None:
        figure = Measurement(
            indicator_id=indicator.id,
            area_id=area.id,
            period=parsed.code,
            period_kind=parsed.kind,
            period_start=parsed.start,
            source=REGISTERED_SOURCE,
        )
        session.add(figure)
    figure.value, figure.note, figure.updated_at = number, note, utcnow()
    try:
        session.flush()
        edit.measurement_id = figure.id
        session.add(edit)
        session.flush()
    except IntegrityError:
        # Another save of the same figure (new key or same version) committed first.
        session.rollback()
        raise StaleFigure(_stored_after_race(session, indicator.id, area.id, parsed.code)) from None
    return edit


def registration_area(
    session: Session, partnership_id: int, indicator: Indicator, year: int
) -> Area | None:
    """Where the partnership's output figure belongs: the area the partnership's own plan
    targets name for ``indicator`` (the newest plan's), else the partnership's own area or the
    successor of it that was valid in ``year`` (the area was enlarged in 2021); None when
    neither names one."""
    partnership = session.get(Partnership, partnership_id)
    if partnership is None:
        return None
    own_name = normalise_name(partnership.name)
    # Plans name their partnership in words: compared the way every layer compares names.
    named = session.execute(
        select(Target.partnership_name, Target.area_id)
        .where(Target.indicator_id == indicator.id, Target.area_id.is_not(None))
        .order_by(Target.plan_year.desc(), Target.id.desc())
    ).all()
    for name, area_id in named:
        if normalise_name(name) == own_name:
            return session.get(Area, area_id)
    return _area_valid_in(session, partnership.area_id, year)


def _area_valid_in(session: Session, area_id: int | None, year: int) -> Area | None:
    """The area ``area_id`` or the first of its successors (``Area.predecessor``, in the
    catalogue's order) valid in ``year``."""
    seen: set[int] = set()
    waiting = [session.get(Area, area_id)] if area_id is not None else []
    while waiting:
        area = waiting.pop(0)
        if area is None or area.id in seen:
            continue
        seen.add(area.id)
        if (area.valid_from or year) <= year <= (area.valid_to or year):
            return area
        waiting.extend(
            session.scalars(
                select(Area).where(Area.predecessor_id == area.id).order_by(Area.position, Area.id)
            )
        )
    return None


def _period(text: str) -> object:
    try:
        return parse_period(str(text or ""))
    except PeriodError:
        raise InvalidEdit("Angiv året som fx 2017.") from None


def _plausible_period(session: Session, partnership_id: int, parsed):
    """A figure is measured during the partnership's periods, and not in the future."""
    if parsed.start.year > clock.today().year:
        raise InvalidEdit("Året ligger efter i år: et tal kan først registreres, når det er målt.")
    first = session.scalar(
        select(func.min(PartnershipPeriod.first_year)).where(
            PartnershipPeriod.partnership_id == partnership_id
        )
    )
    if first is not None and parsed.start.year < first:
        raise InvalidEdit(f"Året ligger før partnerskabets første periode (fra {first}).")
    return parsed


def as_number(value) -> float | None:
    """A number from the form, the one reading of what a user typed: the Danish way whatever
    the browser's own locale ("2,5" → 2.5, "1.200" → 1200, "1.200,5" → 1200.5, "-3" → -3);
    a point that cannot group thousands is a decimal point ("2.5" → 2.5); a number a client
    sends as a number is taken as it is. None for anything else ("", "mange", "2,5,1")."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value or "").strip()
    for decimal_point in (False, True):
        try:
            return float(parse_number(text, decimal_point=decimal_point))
        except NumberError:
            continue
    return None


def _checked_value(indicator: Indicator, value) -> float:
    number = as_number(value)
    if number is None or not math.isfinite(number):
        raise InvalidEdit("Angiv et tal, fx 12 eller 2,5 (komma før decimaler).")
    if indicator.min_value is not None and number < indicator.min_value:
        raise InvalidEdit("Tallet kan ikke være negativt.")
    highest = indicator.max_value
    if highest is None and indicator.whole_number:
        highest = PLAUSIBLE_MAX_COUNT
    if highest is not None and number > highest:
        raise InvalidEdit(f"Tallet kan højst være {format_decimal(highest, locale='da_DK')}.")
    if indicator.whole_number and not number.is_integer():
        raise InvalidEdit("Angiv et helt tal: målingen tæller.")
    return number


def _stored(session: Session, figure: Measurement | None) -> StoredFigure | None:
    if figure is None:
        return None
    edits = session.scalars(
        select(MeasurementEdit.changed_by)
        .where(MeasurementEdit.measurement_id == figure.id)
        .order_by(MeasurementEdit.version.desc())
    ).all()
    return StoredFigure(len(edits), figure.value, figure.note, edits[0] if edits else None)


def _stored_after_race(session, indicator_id: int, area_id: int, period: str):
    session.expire_all()
    figure = session.scalars(
        select(Measurement).where(
            Measurement.indicator_id == indicator_id,
            Measurement.area_id == area_id,
            Measurement.period == period,
            Measurement.source == REGISTERED_SOURCE,
        )
    ).first()
    return _stored(session, figure)
