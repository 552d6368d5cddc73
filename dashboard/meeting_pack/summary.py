"""The pack's first page: the tiles at a glance (the words of ``components.glance_tiles``,
the same as /moede and /okonomi show), the changes since the last meeting in numbers and
what waits for a decision. ``templates/summary.html`` lays it out."""

from __future__ import annotations

from dashboard.components.glance_tiles import change_counts, glance_text, waiting_lines
from dashboard.meeting_pack.content import PackContent


def summary_context(content: PackContent) -> dict:
    """The template's ``summary``: ``glance`` (None without a plan to read it from),
    ``changes`` (one line of counts) and ``waiting`` (lines)."""
    kinds = [line.kind for _area, lines in content.changes for line in lines]
    found = content.glance
    return {
        "glance": glance_text(found) if found else None,
        "changes": change_counts(kinds),
        "waiting": waiting_lines(found.waiting) if found else [],
    }
