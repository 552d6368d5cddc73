"""A second partnership for tests: the bundled Amager plan rewritten as another partnership's
plan (its own name, one amount changed, so a leak from one to the other shows), loaded for
real with the plan loader; and users made members of a partnership.

    second = load_second_partnership(url)           # "tingbjerg-husum", its own plan
    join_partnership(url, "styre-pakke", AMAGER)   # the user works in Amager only
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import select

from dashboard.db import session_scope
from dashboard.model import Partnership, User
from data_loaders.defaults import BUNDLED_PLAN, bundled_file, load_plan_file

AMAGER = "amager-partnerskab"
AMAGER_NAME = "Amager Partnerskab"
SECOND = "tingbjerg-husum"
SECOND_NAME = "Tingbjerg-Husum Partnerskab"
# Bylivspuljen's 2017 amount: 233.000 kr. in Amager's plan, 433.000 kr. in the second's; the
# family counsellor's 330.000 kr. becomes 130.000 kr., so that 2017 still adds up to the frame.
AMAGER_BYLIV, SECOND_BYLIV = "233.000", "433.000"
AMAGER_COUNSELLOR, SECOND_COUNSELLOR = "330.000", "130.000"


def second_plan_text() -> str:
    """The bundled plan as the second partnership's: every "Amager Partnerskab" renamed,
    Bylivspuljen's 2017 amount (in the overview table and in the activity's own table) 433.000
    kr. and the family counsellor's 130.000 kr."""
    text = bundled_file(BUNDLED_PLAN).read_text(encoding="utf-8")
    for amount in (AMAGER_BYLIV, AMAGER_COUNSELLOR):
        assert text.count(amount) == 2, f"the bundled plan's {amount} moved"
    return (
        text.replace(AMAGER_NAME, SECOND_NAME)
        .replace(AMAGER_BYLIV, SECOND_BYLIV)
        .replace(AMAGER_COUNSELLOR, SECOND_COUNSELLOR)
    )


def load_second_partnership(url: str, *, map_outline: str = "", members: str = "") -> int:
    """Load the second partnership's plan into ``url`` (through the real plan loader, with its
    meetings from the plan's approvals); optionally give it an outline on the city's map and
    its members (the registry does not know it, so its texts are empty). Returns its id."""
    with TemporaryDirectory() as folder:
        path = Path(folder) / "tryghedsplan-tingbjerg-husum-partnerskab-2017.txt"
        path.write_text(second_plan_text(), encoding="utf-8")
        load_plan_file(url, path, loaded_by="test", partnership_slug=SECOND)
    with session_scope(url) as session:
        partnership = session.scalar(select(Partnership).where(Partnership.slug == SECOND))
        partnership.map_outline = map_outline
        partnership.members = members
        return partnership.id


def partnership_id(url: str, slug: str) -> int:
    with session_scope(url) as session:
        return session.scalar(select(Partnership.id).where(Partnership.slug == slug))


def join_partnership(url: str, username: str, *slugs: str) -> None:
    """Make ``username`` a member of exactly the partnerships ``slugs`` (no global access)."""
    with session_scope(url) as session:
        user = session.scalar(select(User).where(User.username == username))
        user.all_partnerships = False
        user.partnerships = list(
            session.scalars(select(Partnership).where(Partnership.slug.in_(slugs)))
        )


def amager_id(session) -> int:
    """The id of the bundled partnership, in a test's own session."""
    return session.scalar(select(Partnership.id).where(Partnership.slug == AMAGER))
