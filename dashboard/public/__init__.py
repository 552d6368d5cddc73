"""The public face of the dashboard: server-rendered HTML for /, /data and /tilgaengelighed, and
the open-data files. No Dash and no JavaScript: fast on a phone, readable by any screen
reader, and built only from ``dashboard.queries.public``.
"""

from __future__ import annotations

from dashboard.public.views import public

__all__ = ["public"]
