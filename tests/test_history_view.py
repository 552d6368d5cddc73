"""The pool's and the walks' histories as the pages list them."""

from __future__ import annotations

from datetime import datetime

from dashboard.components.bylivspulje_views import history_view
from dashboard.queries.history import ChangeRow


def test_a_change_is_dated_by_the_day_in_copenhagen():
    """Stored in UTC: 23:30 on 31 May is half past one on 1 June in Copenhagen."""
    change = ChangeRow(
        datetime(2017, 5, 31, 23, 30), "anna", "application", "create", '{"title": [null, "Lys"]}'
    )
    (line,) = history_view([change]).children
    assert line.children.startswith("1. juni 2017, anna: ")
