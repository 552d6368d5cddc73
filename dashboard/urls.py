"""Where a partnership's pages live: ``/p/<slug>/…``. Shared by the routing table, the pages'
links and the meeting pack, so one rule names every partnership URL."""

from __future__ import annotations


def partnership_path(slug: str, path: str = "/") -> str:
    """``/p/<slug>`` + ``path`` (``/okonomi``, ``/moede/3/pakke.pdf`` …; ``/`` the overview)."""
    return f"/p/{slug}{path}"
