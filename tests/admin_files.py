"""Files the secretariat uploads in the tests: the bundled plan as next year's, with one new
activity and one changed amount, and budget sheets."""

from __future__ import annotations

from data_loaders.defaults import BUNDLED_PLAN, bundled_file

NEW_ACTIVITY = "Nattevandring i Urbanplanen"
NEW_DELIVERABLE = "Ti nattevandringer med beboere i løbet af 2018"
# Ung i Job's 2018 money: 50.000 kr. in the 2017 plan, 75.000 kr. in the next.
CHANGED = ("Ung i Job", 2018, 50_000, 75_000)

_SECTION = f"""Aktivitet: {NEW_ACTIVITY}

Formål

At beboere går sammen i aftentimerne og gør området tryggere.

Målgruppe

Beboere i Urbanplanen.

Leverance

- {NEW_DELIVERABLE}

Økonomi

	2017/kr.	2018/kr.	2019/kr.	2020/kr.
Nattevandring	0	40.000	?	?

Ansvarlige aktører

3B

Kort over partnerskabsområdet
"""


def next_year_plan() -> str:
    """The 2017 plan as a 2018 plan: a new activity (section and table row) and Ung i Job's
    2018 amount raised."""
    text = bundled_file(BUNDLED_PLAN).read_text(encoding="utf-8")
    text = text.replace(
        "Tryghedsplan for Amager Partnerskab 2017", "Tryghedsplan for Amager Partnerskab 2018", 1
    )
    text = text.replace("\tUng i Job\t100.000\t50.000 ⁶", "\tUng i Job\t100.000\t75.000 ⁶")
    text = text.replace(
        "Medfinansiering af ansat\t100.000\t50.000", "Medfinansiering af ansat\t100.000\t75.000"
    )
    text = text.replace(
        "-\tMødefacilitering\t2.000\t?\t?\t?",
        f"3\t{NEW_ACTIVITY}\t0\t40.000\t?\t?\n-\tMødefacilitering\t2.000\t?\t?\t?",
    )
    return text.replace("Kort over partnerskabsområdet\n", _SECTION, 1)


def join(url: str, username: str, slug: str = "amager-partnerskab") -> None:
    """Make ``username`` a member of the partnership ``slug`` only."""
    from sqlalchemy import select

    from dashboard.db import session_scope
    from dashboard.model import Partnership, User

    with session_scope(url) as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        user.partnerships = [
            session.scalars(select(Partnership).where(Partnership.slug == slug)).one()
        ]
