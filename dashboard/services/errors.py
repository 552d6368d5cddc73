"""What a service refuses, and the role check every write begins with.

``str(exc)`` of an ``EditRefused`` is a Danish message the page shows as it is."""

from __future__ import annotations

from collections.abc import Iterable


class EditRefused(Exception):
    """Base for edits the service refuses; ``str(exc)`` is a Danish message for the user."""


class NotAllowed(EditRefused):
    """The user's role (or ownership) does not allow the write."""


class InvalidEdit(EditRefused):
    """The values do not pass validation; nothing was written."""


def require_role(user, roles: Iterable[str], message: str) -> None:
    """Refuse (``NotAllowed`` with ``message``) unless ``user`` is a stored user whose role
    is one of ``roles``."""
    if getattr(user, "role", None) not in tuple(roles) or not getattr(user, "id", None):
        raise NotAllowed(message)
