"""Accounts as the secretariat manages them in the browser: a partnership's admin adds users
to the partnership, changes their role, disables and enables them and sets one-time
passwords; every user changes their own password.

The rules are the CLI's (``services.users``: password strength, role names, sessions that
end); what is added here is who may act on whom. An admin acts only on users of the
partnership they act in, never on themselves (no locking oneself out), never on an admin of
every partnership unless they are one, and never on a user who also belongs to a partnership
the admin is not in (a one-time password there would open that partnership to them).

Refusals carry a fixed code whose Danish text the page shows (``MESSAGES``): nothing a user
typed is ever echoed, and a password never appears in a message.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from dashboard.model import Partnership, Party, User
from dashboard.roles import READ_ROLES
from dashboard.services.users import (
    MIN_PASSWORD_LENGTH,
    AccountError,
    authenticate,
    check_password_strength,
    create_user,
    disable_user,
    enable_user,
    find_user,
    normalise_username,
    set_password,
    set_role,
)

# The roles the secretariat gives in the browser ("anonymous" is for the CLI's odd cases).
ASSIGNABLE_ROLES = READ_ROLES

MESSAGES = {
    "kort": f"Adgangskoden skal have mindst {MIN_PASSWORD_LENGTH} tegn.",
    "svag": (
        "Adgangskoden er for let at gætte (en almindelig adgangskode, et ord eller et "
        "mønster). Brug flere ord, der ikke hører sammen, eller en længere sætning."
    ),
    "forkert": "Den nuværende adgangskode er forkert.",
    "spaerret": "For mange forkerte forsøg. Vent et kvarter, og prøv igen.",
    "forskellige": "De to nye adgangskoder er ikke ens.",
    "samme": "Den nye adgangskode skal være en anden end den nuværende.",
    "navn": "Brugernavnet skal have 1 til 120 tegn.",
    "findes": "Der findes allerede en bruger med det brugernavn.",
    "aktoer": "Den valgte aktør findes ikke.",
    "rolle": "Vælg rollen styregruppe, arbejdsgruppe eller admin.",
    "partnerskab": "Du kan kun give adgang til partnerskaber, du selv er administrator for.",
    "bruger": "Brugeren findes ikke i partnerskabet, eller du må ikke ændre den.",
    "dig-selv": "Du kan ikke ændre din egen rolle eller spærre dig selv.",
}


class AccountRefused(Exception):
    """A refused account change; ``code`` names its text in ``MESSAGES``."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    @property
    def text(self) -> str:
        return MESSAGES[self.code]


def check_new_password(password: str, username: str) -> None:
    """The CLI's rule (``check_password_strength``), refused with a Danish reason."""
    try:
        check_password_strength(password, username)
    except AccountError:
        raise AccountRefused("kort" if len(password) < MIN_PASSWORD_LENGTH else "svag") from None


def add_partnership_user(
    session: Session,
    actor,
    *,
    username: str,
    role: str,
    party_id: int | None,
    partnership_id: int,
    one_time_password: str,
) -> User:
    """A new user of one partnership, who must replace ``one_time_password`` at first login."""
    name = normalise_username(username)
    if not name or len(name) > 120:
        raise AccountRefused("navn")
    if role not in ASSIGNABLE_ROLES:
        raise AccountRefused("rolle")
    partnership = session.get(Partnership, partnership_id)
    if partnership is None or not actor.member_of(partnership_id):
        raise AccountRefused("partnerskab")
    party = session.get(Party, party_id) if party_id is not None else None
    if party_id is not None and party is None:
        raise AccountRefused("aktoer")
    check_new_password(one_time_password, name)
    if find_user(session, name) is not None:
        raise AccountRefused("findes")
    user = create_user(session, name, one_time_password, role, party.name if party else None)
    user.partnerships = [partnership]
    user.must_change_password = True
    session.flush()
    return user


def managed_user(session: Session, actor, partnership_id: int, user_id: int) -> User:
    """The user ``actor`` may manage in the partnership (see the module docstring)."""
    user = session.get(User, user_id)
    if (
        user is None
        or not actor.member_of(partnership_id)
        or partnership_id not in {p.id for p in user.partnerships}
        or (user.all_partnerships and not actor.all_partnerships)
        or not all(actor.member_of(p.id) for p in user.partnerships)
    ):
        raise AccountRefused("bruger")
    if user.id == actor.id:
        raise AccountRefused("dig-selv")
    return user


def change_role(session: Session, actor, partnership_id: int, user_id: int, role: str) -> User:
    if role not in ASSIGNABLE_ROLES:
        raise AccountRefused("rolle")
    user = managed_user(session, actor, partnership_id, user_id)
    return set_role(session, user.username, role)


def set_active(session: Session, actor, partnership_id: int, user_id: int, active: bool) -> User:
    user = managed_user(session, actor, partnership_id, user_id)
    return (enable_user if active else disable_user)(session, user.username)


def set_one_time_password(
    session: Session, actor, partnership_id: int, user_id: int, password: str
) -> User:
    """A password the user must replace at their next login; their open sessions end."""
    user = managed_user(session, actor, partnership_id, user_id)
    check_new_password(password, user.username)
    set_password(session, user.username, password)
    user.must_change_password = True
    return user


def change_own_password(
    session: Session, username: str, current: str, new: str, repeat: str, remote_addr: str
) -> User:
    """The user's own new password, given the current one (checked and throttled as a login
    is). Every session of the user ends; the caller opens a new one for this browser."""
    result = authenticate(session, username, current, remote_addr)
    if result.outcome == "blocked":
        raise AccountRefused("spaerret")
    if result.user is None:
        raise AccountRefused("forkert")
    if new != repeat:
        raise AccountRefused("forskellige")
    if new == current:
        raise AccountRefused("samme")
    check_new_password(new, result.user.username)
    user = set_password(session, result.user.username, new)
    user.must_change_password = False
    session.flush()
    return user
