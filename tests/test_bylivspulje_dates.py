"""Bylivspuljen's dates are plausible: from 1 January of the year before the partnership
period begins (01.01.2016 for Amager's 2017–2020) to today in Copenhagen. Each writer refuses
a day outside, naming the field and writing nothing; the first and the last day are taken;
the forms say the range under each date field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from dashboard import clock
from dashboard.components.bylivspulje_forms import application_form
from dashboard.db import session_scope
from dashboard.model import PoolApplication
from dashboard.services.bylivspulje_input import pool_days
from dashboard.services.errors import InvalidEdit
from tests.conftest import dump
from tests.partnerships import amager_id
from tests.pool_helpers import apply, decide, package, pool_people, report

FIRST = date(2016, 1, 1)


def _refusal(today: date) -> str:
    return f"skal ligge mellem 01.01.2016 og i dag ({today:%d.%m.%Y})."


def _received(session, people, day):
    return apply(session, people["arbejder"], received_on=day)


def _recommended(session, people, day):
    return package(session, people["arbejder"], [apply(session, people["arbejder"])], on=day)


def _grants(session, recommendation_id) -> dict[int, str]:
    ids = session.scalars(
        select(PoolApplication.id).where(PoolApplication.recommendation_id == recommendation_id)
    ).all()
    return {i: "10.000" for i in ids}


def _decided(session, people, day):
    recommendation = _recommended(session, people, date(2017, 3, 15))
    grants = _grants(session, recommendation)
    return decide(
        session, people["styre"], recommendation, grants, in_writing=True, decided_on=day
    ).id


def _reported(session, people, day):
    recommendation = _recommended(session, people, date(2017, 3, 15))
    decide(
        session,
        people["styre"],
        recommendation,
        _grants(session, recommendation),
        in_writing=True,
    )
    (application,) = _grants(session, recommendation)
    return report(
        session, people["arbejder"], application, amount_spent="9.000", reported_on=day
    ).id


WRITERS = {
    "Modtagelsesdatoen": _received,
    "Datoen for indstillingen": _recommended,
    "Beslutningens dato": _decided,
    "Datoen for afrapporteringen": _reported,
}


def test_the_pools_days_run_from_the_year_before_the_period_to_today(loaded_db):
    with session_scope(loaded_db) as session:
        assert pool_days(session, amager_id(session)) == (FIRST, clock.today())


@pytest.mark.parametrize("field", WRITERS)
@pytest.mark.parametrize("too", ["early", "late"])
def test_a_day_outside_is_refused_naming_the_field_and_nothing_is_written(loaded_db, field, too):
    people = pool_people(loaded_db)
    today = clock.today()
    day = FIRST - timedelta(days=1) if too == "early" else today + timedelta(days=1)
    before = dump(loaded_db)
    with pytest.raises(InvalidEdit) as refused, session_scope(loaded_db) as session:
        WRITERS[field](session, people, day)
    assert str(refused.value) == f"{field} {_refusal(today)}"
    assert dump(loaded_db) == before


@pytest.mark.parametrize("field", WRITERS)
def test_the_first_and_the_last_day_are_taken(loaded_db, field):
    people = pool_people(loaded_db)
    for day in (FIRST, clock.today()):
        with session_scope(loaded_db) as session:
            assert WRITERS[field](session, people, day)


def test_the_form_says_the_range_under_its_date_field(loaded_db):
    with session_scope(loaded_db) as session:
        days = pool_days(session, amager_id(session))
    label = str(application_form([], None, days))
    assert f"Fra 01.01.2016 til i dag ({clock.today():%d.%m.%Y})." in label
