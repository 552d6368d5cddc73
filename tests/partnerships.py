"""A second partnership for tests: the bundled plan as another partnership would write it
(another name, another Bylivspulje amount), loaded under its own slug."""

from __future__ import annotations

import tempfile
from pathlib import Path

from data_loaders.defaults import BUNDLED_PLAN, bundled_file, load_plan_file

OTHER = "tingbjerg-husum"
OTHER_NAME = "Tingbjerg-Husum Partnerskab"


def other_plan_text() -> str:
    text = bundled_file(BUNDLED_PLAN).read_text(encoding="utf-8")
    text = text.replace("Amager Partnerskab", OTHER_NAME)
    return text.replace("2\tBylivspuljen\t233.000", "2\tBylivspuljen\t433.000")


def load_other_partnership(url: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tryghedsplan-tingbjerg-husum-2017.txt"
        path.write_text(other_plan_text(), encoding="utf-8")
        load_plan_file(url, path, partnership_slug=OTHER)


AMAGER = "amager-partnerskab"


def amager_id(session) -> int:
    """The id of the bundled partnership, Amager Partnerskab."""
    from dashboard.queries.partnership import partnership_by_slug

    return partnership_by_slug(session, AMAGER).id
