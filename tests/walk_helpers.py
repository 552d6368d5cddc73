"""Safety walks for tests: the people who record them (working-group members of 3B and of
SOF, the secretariat, a committee member), points inside and outside Amager's outline on the
map ("Urbanplanen mv."), and one call per step with the values a working group would give."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from dashboard.model import Party
from dashboard.services.walk_actions import plan_action, update_action_status
from dashboard.services.walks import add_finding, record_walk
from tests.partnerships import amager_id
from tests.pool_helpers import pool_user

WALKED_ON = date(2017, 4, 20)
# Inside Urbanplanen mv. (three places in it), and one north of it, in Sundby.
INSIDE = ((12.5966, 55.6594), (12.5917, 55.6468), (12.6029, 55.6621))
OUTSIDE = (12.6000, 55.6900)


def walk_people(url) -> dict:
    return {
        "arbejder": pool_user(url, "vandrer3b", "arbejdsgruppe", "3B"),
        "sof": pool_user(url, "vandrersof", "arbejdsgruppe", "SOF"),
        "admin": pool_user(url, "vandreadmin", "admin"),
        "styre": pool_user(url, "vandrestyre", "styregruppe"),
    }


def party_id(session, short_name: str) -> int:
    return session.scalar(select(Party.id).where(Party.short_name == short_name))


def walk(session, user, walked_on=WALKED_ON, **extra) -> int:
    fields = dict(
        partnership_id=amager_id(session),
        walked_on=walked_on,
        route="Fra Hørgården ad stien til Remisevænget",
        counts={"residents": 9, "staff": 3, "police": 2, "others": 1},
    )
    fields.update(extra)
    return record_walk(session, user, **fields).id


def finding(session, user, walk_id, point=INSIDE[0], category="lys", **extra) -> int:
    fields = dict(
        partnership_id=amager_id(session),
        walk_id=walk_id,
        lon=point[0],
        lat=point[1],
        place="Stien bag Hørgården",
        category=category,
        description="Tre lamper ude; stien er mørk om aftenen.",
    )
    fields.update(extra)
    return add_finding(session, user, **fields).id


def action(session, user, finding_id, party="3B", due_on=date(2017, 6, 1), **extra):
    fields = dict(
        partnership_id=amager_id(session),
        finding_id=finding_id,
        what="Udskift lamperne",
        party_id=party_id(session, party),
        due_on=due_on,
    )
    fields.update(extra)
    return plan_action(session, user, **fields)


def move(session, user, act, status: str, **extra):
    """Move action ``act`` (as ``action`` returns it) on to ``status``, as its party would."""
    fields = dict(
        partnership_id=amager_id(session),
        action_id=act.id,
        expected_version=act.version,
        status=status,
    )
    fields.update(extra)
    return update_action_status(session, user, **fields)
