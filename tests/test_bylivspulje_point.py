"""An application's optional point on the partnership's map: both numbers or neither, inside
the partnership's area by the rule a safety walk's finding is checked with; refused in Danish
with nothing written otherwise; shown with the application and kept in its history."""

from __future__ import annotations

import json

import pytest

from dashboard.components.bylivspulje_views import (
    applications_table,
    history_view,
    pool_history_words,
)
from dashboard.components.form_parts import typed_decimal
from dashboard.db import session_scope
from dashboard.model import PoolApplication
from dashboard.queries.bylivspulje import applications, package_labels, pool_history
from dashboard.services.errors import InvalidEdit
from tests.conftest import dump
from tests.partnerships import amager_id
from tests.pool_helpers import apply, pool_people
from tests.walk_helpers import INSIDE, OUTSIDE


def _text(component) -> str:
    plain = component.to_plotly_json()
    return json.dumps(plain, default=lambda c: c.to_plotly_json(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("lon", "lat", "message"),
    [
        (OUTSIDE[0], OUTSIDE[1], "uden for partnerskabets område"),
        (INSIDE[0][0], None, "både længde- og breddegrad"),
        ("", INSIDE[0][1], "både længde- og breddegrad"),
        ("tolv", "55.66", "længde- og breddegrad som tal"),
        ("nan", "55.66", "længde- og breddegrad som tal"),
    ],
)
def test_a_point_outside_the_area_or_half_a_point_is_refused_and_nothing_written(
    loaded_db, lon, lat, message
):
    worker = pool_people(loaded_db)["arbejder"]
    before = dump(loaded_db)
    with session_scope(loaded_db) as session, pytest.raises(InvalidEdit) as refused:
        apply(session, worker, lon=lon, lat=lat)
    assert message in str(refused.value)
    assert dump(loaded_db) == before


def test_a_point_inside_the_area_is_kept_shown_and_in_the_history(loaded_db):
    worker = pool_people(loaded_db)["arbejder"]
    lon, lat = INSIDE[0]
    with session_scope(loaded_db) as session:
        # As the form sends it: typed the Danish way, with a decimal comma.
        typed = typed_decimal(f"{lon}".replace(".", ",")), typed_decimal(f" {lat} ")
        with_point = apply(session, worker, "Lys i stien", lon=typed[0], lat=typed[1])
        without = apply(session, worker, "Lysfest", lon="", lat=None)
    with session_scope(loaded_db) as session:
        assert (
            session.get(PoolApplication, with_point).lon,
            session.get(PoolApplication, with_point).lat,
        ) == (lon, lat)
        assert session.get(PoolApplication, without).lon is None
        assert session.get(PoolApplication, without).lat is None
        pid = amager_id(session)
        table = _text(applications_table(applications(session, pid, 2017)))
        words = pool_history_words(package_labels(session, pid))
        history = _text(history_view(pool_history(session, pid), words))
    assert "Sted: Stien ved Urbanplanen; på kortet længdegrad 12,5966, breddegrad 55,6594" in table
    assert table.count("på kortet") == 1  # the application without a point shows its words only
    assert "længdegrad: 12,5966; breddegrad: 55,6594" in history
