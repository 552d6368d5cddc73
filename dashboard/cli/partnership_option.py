"""``--partnership SLUG``, as every load, export and meeting command of one partnership takes
it: optional while the installation has one partnership, required once it has several; an
unknown slug is refused with the choices named (exit code 2, like any usage error)."""

from __future__ import annotations

import functools

import click
from sqlalchemy.orm import Session

from dashboard.model import Partnership
from data_loaders.partnerships import PartnershipChoiceError, choose_partnership


def partnership_option(help_text: str = "Partnership slug (needed when there are several)"):
    return click.option("--partnership", "partnership_slug", metavar="SLUG", help=help_text)


def partnership_errors_exit_2(func):
    """A partnership the command cannot tell (several and none named, or an unknown slug):
    the choices on stderr, exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except PartnershipChoiceError as exc:
            raise click.UsageError(str(exc)) from exc

    return wrapper


def chosen_partnership(session: Session, slug: str | None) -> Partnership:
    """The partnership the command is for (see ``choose_partnership``); with none in the
    installation the command cannot run, exit code 1."""
    partnership = choose_partnership(session, slug)
    if partnership is None:
        raise click.ClickException("no plan is loaded; run `tryghed init` first")
    return partnership
