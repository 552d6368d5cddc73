"""Dash's first-request setup made safe for a threaded server.

Dash sets itself up on the first request of a process (it registers the bundles it may
serve, reads the assets folder and checks the layout), but marks the setup done before it
has done it (plotly/dash#3971, open): a request arriving meanwhile in another of gunicorn's
threads skips the setup and finds no bundle registered. After every restart the first
visitor's page could get 404 for its scripts and stay blank. Here the setup runs once under
a lock, and the first requests of a process wait for it."""

from __future__ import annotations

import threading

import dash


def set_up_before_serving(app: dash.Dash) -> None:
    """Replace Dash's own first-request hook by one that finishes before any request goes on.

    Raises ValueError at start-up if Dash no longer registers that hook (a new Dash: look
    whether #3971 is fixed and this module can go)."""
    hooks = app.server.before_request_funcs.setdefault(None, [])
    dash_setup = app._setup_server  # noqa: SLF001 - the hook Dash registered itself
    where = hooks.index(dash_setup)
    lock = threading.Lock()
    done = threading.Event()

    def set_up_once() -> None:
        if done.is_set():
            return
        with lock:
            if not done.is_set():
                dash_setup()
                done.set()

    hooks[where] = set_up_once
