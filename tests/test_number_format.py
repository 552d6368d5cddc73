"""Numbers as the pages show them: Danish digits and grouping (``components.format``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dashboard.components.format import number


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (1200000, 0, "1.200.000"),
        (-1200, 0, "-1.200"),
        (12.5, 1, "12,5"),
        # Equal values, different texts: a float is read by its shortest text, a Decimal as
        # it is exactly. The kept texts (``number`` remembers the recent ones) keep them apart.
        (2.675, 2, "2,68"),
        (Decimal(2.675), 2, "2,67"),
        (None, 0, "–"),
    ],
)
def test_a_number_is_shown_the_danish_way_each_time(value, decimals, shown):
    assert number(value, decimals) == shown
    assert number(value, decimals) == shown  # the second time from what ``number`` kept
