"""Callback requests are public HTTP endpoints: whatever arrives at
``/_dash-update-component`` must be the shape Dash's renderer sends, and each input the type
its callback declares, or the request is refused with 400 before any callback runs. Without
this, a body of ``null``, an unknown output or a pathname sent as a list reach Dash or our
code and come back as 500 with a traceback in the log.

A callback declares its inputs' types as ordinary annotations (``deliverable_id: int |
None``); ``requires_role`` and ``public_callback`` check them with pydantic, which also
turns the browser's "12" into 12 for an ``int``. An unannotated input is not checked."""

from __future__ import annotations

import functools
import inspect
import typing

import dash
from flask import abort, request
from pydantic import Field, TypeAdapter, ValidationError

from dashboard.numbers import MAX_ID

CALLBACK_PATH = "/_dash-update-component"


# What the browser sends for the usual controls, for callbacks' annotations: a value of any
# other shape is refused with 400 before the callback runs.
Clicks = int | None  # n_clicks
Text = str | None  # a text field, a select's or a date field's value
Texts = list[str] | None  # a checklist's values
Counter = int | None  # a store a save bumps (or the id it saved)
Number = int | float | str | None  # a number field; the service reads and checks a string
# The id of a row the page offered (a select's or a hidden field's value): beyond an id
# column it is no row, and the database would fail on it rather than answer "none".
RowId = typing.Annotated[int, Field(ge=1, le=MAX_ID)] | None


def typed(func, skip: str | None = None):
    """``func`` with its annotated arguments checked (and coerced) on every call; a value of
    the wrong type answers 400 and ``func`` does not run. ``skip`` names an argument its
    caller resolves itself (the partnership scope)."""
    signature = inspect.signature(func)
    hints = typing.get_type_hints(func, include_extras=True)  # keeps RowId's bounds
    adapters = {
        name: TypeAdapter(hint) for name, hint in hints.items() if name not in ("return", skip)
    }

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        for name, value in bound.arguments.items():
            if name in adapters:
                try:
                    bound.arguments[name] = adapters[name].validate_python(value)
                except ValidationError:
                    abort(400)
        return func(*bound.args, **bound.kwargs)

    return guarded


def init_callback_guard(app: dash.Dash) -> None:
    """Refuse callback requests that are not shaped as Dash's renderer sends them."""

    @app.server.before_request
    def well_formed_callback_request():
        if request.path != CALLBACK_PATH or request.method != "POST":
            return None
        body = request.get_json(silent=True)
        if not (
            isinstance(body, dict)
            and isinstance(body.get("output"), str)
            and body["output"] in app.callback_map
            and _list_of_dicts(body.get("inputs"))
            and _list_of_dicts(body.get("state", []))
            and isinstance(body.get("changedPropIds", []), list)
        ):
            abort(400)
        # As many inputs and states as the callback declares (Dash would fail with a 500).
        declared = app.callback_map[body["output"]]
        if len(body["inputs"]) != len(declared["inputs"]) or len(body.get("state", [])) != len(
            declared.get("state", [])
        ):
            abort(400)
        return None


def _list_of_dicts(value) -> bool:
    # Pattern-matching inputs arrive as lists of such dicts.
    return isinstance(value, list) and all(
        isinstance(item, dict)
        or (isinstance(item, list) and all(isinstance(i, dict) for i in item))
        for item in value
    )
