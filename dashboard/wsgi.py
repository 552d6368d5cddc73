"""Entry point for gunicorn: ``gunicorn dashboard.wsgi:server``."""

import gc

from dashboard.app import create_app

app = create_app()
server = app.server
# What starting made (about 260.000 objects: SQLAlchemy's mappers, Dash's registry, pandas)
# lives as long as the process. Frozen, the cyclic collector no longer walks it on each full
# collection, which took ~180 ms in the middle of a request (bench/README, 4 December).
gc.freeze()
