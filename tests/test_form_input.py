"""What a user types is read the Danish way on the server, whatever the browser's locale:
numbers ("2,5", "1.200", "1.200,5") and dates (dd.mm.åååå)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.components.form_parts import typed_day
from dashboard.components.format import form_number, parse_date
from dashboard.dates import dmy, parse_day
from dashboard.services.errors import InvalidEdit
from dashboard.services.measurements import as_number


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2,5", 2.5),
        ("1.200", 1200.0),
        ("1.200,5", 1200.5),
        ("1.200.000", 1_200_000.0),
        (" 45 ", 45.0),
        ("-3", -3.0),
        ("−3", -3.0),
        ("2.5", 2.5),  # a point that cannot group thousands is a decimal point
        (43, 43.0),  # a client that sends a number
        (2.5, 2.5),
    ],
)
def test_a_number_is_read_the_danish_way(typed, read):
    assert as_number(typed) == read


@pytest.mark.parametrize("typed", ["", None, "mange", "2,5,1", "1,200.5", "1e5", "nan", "2 ,5"])
def test_what_is_not_a_number_is_not_read_as_one(typed):
    assert as_number(typed) is None


@pytest.mark.parametrize(("value", "shown"), [(2.5, "2,5"), (1200, "1.200"), (1200.0, "1.200")])
def test_a_stored_number_is_shown_for_editing_so_it_reads_back_the_same(value, shown):
    assert form_number(value) == shown
    assert as_number(shown) == value


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("05.03.2019", date(2019, 3, 5)),
        ("5.3.2019", date(2019, 3, 5)),
        (" 5-3-2019 ", date(2019, 3, 5)),
        ("05/03/2019", date(2019, 3, 5)),  # day first, as Danes write it: 5 March
        ("2019-03-05", date(2019, 3, 5)),  # ISO, as older clients send
        ("2019-03-05T00:00:00", date(2019, 3, 5)),
        ("2019-03-05T14:30", date(2019, 3, 5)),
        ("2019-03-05T14:30:00.123456", date(2019, 3, 5)),
        ("29.02.2020", date(2020, 2, 29)),
    ],
)
def test_a_date_is_read_as_dd_mm_aaaa(typed, read):
    assert parse_day(typed) == read
    assert parse_date(typed) == read


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "31.02.2019",
        "29.02.2019",
        "13.13.2019",
        "5.3.19",
        "marts 2019",
        "0.0.0",
        # Garbage after a date is no date: only a time of day may follow an ISO date.
        "2017-05-01<garbage>",
        "2017-05-01T",
        "2017-05-01T::::",
        "2017-05-01T1234567",
        "2017-05-01T12:00garbage",
        "01.05.2017x",
        # Digits of other scripts are not the digits a Danish date is written in.
        "١٢.٠٣.٢٠١٩",
    ],
)
def test_what_is_not_a_date_is_not_read_as_one(typed):
    assert parse_day(typed) is None


def test_a_date_is_shown_as_dd_mm_aaaa():
    assert dmy(date(2019, 3, 5)) == "05.03.2019"
    assert dmy(None) == ""


def test_a_date_field_reads_a_day_or_nothing_and_refuses_what_is_no_day():
    assert typed_day("05.03.2019") == date(2019, 3, 5)
    assert typed_day("2019-03-05") == date(2019, 3, 5)
    assert typed_day("  ") is None  # empty: the service says whether a day is needed
    with pytest.raises(InvalidEdit, match=r"^Datoen »03/25/2019« kan ikke læses\. Skriv"):
        typed_day(" 03/25/2019 ")
