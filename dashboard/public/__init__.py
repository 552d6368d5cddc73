"""The public face of the dashboard: server-rendered HTML for /, /data and /tilgaengelighed, and
the open-data files. No Dash and no JavaScript: fast on a phone, readable by any screen
reader, and built only from ``dashboard.queries.public``.

``register_public(server)`` must run before Dash adds its routes, so that this "/" is the one
Flask serves (for two identical rules, the first registered wins).
"""

from __future__ import annotations

from flask import Flask

from dashboard.public.views import public


def register_public(server: Flask) -> None:
    server.register_blueprint(public)
