"""``tryghed users …``: add, list, change role, partnerships or password, disable and
enable. Passwords only via stdin."""

from __future__ import annotations

import functools
import sys

import click

from dashboard.cli.groups import main, pass_context
from dashboard.db import session_scope
from dashboard.roles import ROLES
from dashboard.services.users import (
    AccountError,
    PartnershipsRequired,
    create_user,
    disable_user,
    enable_user,
    list_users,
    set_partnerships,
    set_password,
    set_role,
)


@main.group()
def users() -> None:
    """Manage who may log in and with which role."""


def account_errors_exit_1(func):
    """An unknown user, role, party or partnership, or a weak password: message on stderr,
    exit 1; no partnership named where one is needed: exit 2, as a usage error."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except PartnershipsRequired as exc:
            raise click.UsageError(str(exc)) from exc
        except AccountError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)

    return wrapper


role_choice = click.Choice(ROLES)


password_stdin_option = click.option(
    "--password-stdin",
    is_flag=True,
    required=True,
    help="Read the password from the first line of stdin (never from the command line).",
)
partnerships_option = click.option(
    "--partnership",
    "partnerships",
    metavar="SLUG",
    multiple=True,
    help="A partnership the role holds in; repeat for more",
)
all_partnerships_option = click.option(
    "--all-partnerships",
    is_flag=True,
    help="An admin of every partnership, present and future (role admin only)",
)


def _partnerships_text(user) -> str:
    if user.all_partnerships:
        return "all partnerships"
    return ",".join(p.slug for p in user.partnerships) or "-"


@users.command("add")
@click.argument("username")
@click.option("--role", type=role_choice, required=True)
@click.option("--party", "party_name", help="The user's organisation (name or short name)")
@partnerships_option
@all_partnerships_option
@password_stdin_option
@pass_context
@account_errors_exit_1
def add(
    ctx,
    username: str,
    role: str,
    party_name: str | None,
    partnerships: tuple[str, ...],
    all_partnerships: bool,
    password_stdin: bool,
) -> None:
    """Add a user who logs in with USERNAME. Without --partnership they belong to the only
    partnership; with several in the installation, name theirs (or --all-partnerships)."""
    password = sys.stdin.readline().rstrip("\r\n")
    with session_scope(ctx.url) as session:
        user = create_user(
            session, username, password, role, party_name, partnerships, all_partnerships
        )
        click.echo(f"Added {user.username} ({user.role}; {_partnerships_text(user)})")


@users.command("list")
@pass_context
def list_(ctx) -> None:
    """Print every user: name, role, party, active, partnerships."""
    with session_scope(ctx.url) as session:
        for user in list_users(session):
            party = user.party.short_name if user.party else "-"
            state = "active" if user.active else "disabled"
            click.echo(
                f"{user.username}\t{user.role}\t{party}\t{state}\t{_partnerships_text(user)}"
            )


@users.command("set-role")
@click.argument("username")
@click.argument("role", type=role_choice)
@pass_context
@account_errors_exit_1
def set_role_command(ctx, username: str, role: str) -> None:
    """Give USERNAME another ROLE (their open sessions end: the new role starts at login)."""
    with session_scope(ctx.url) as session:
        user = set_role(session, username, role)
        click.echo(f"{user.username} is now {user.role}")


@users.command("set-partnerships")
@click.argument("username")
@partnerships_option
@all_partnerships_option
@pass_context
@account_errors_exit_1
def set_partnerships_command(
    ctx, username: str, partnerships: tuple[str, ...], all_partnerships: bool
) -> None:
    """Make the partnerships named USERNAME's (replacing theirs); their open sessions end."""
    with session_scope(ctx.url) as session:
        user = set_partnerships(session, username, partnerships, all_partnerships)
        click.echo(f"{user.username} now belongs to {_partnerships_text(user)}")


@users.command("disable")
@click.argument("username")
@pass_context
@account_errors_exit_1
def disable(ctx, username: str) -> None:
    """Stop USERNAME from logging in; every open session of theirs ends at once."""
    with session_scope(ctx.url) as session:
        user = disable_user(session, username)
        click.echo(f"{user.username} is disabled")


@users.command("enable")
@click.argument("username")
@pass_context
@account_errors_exit_1
def enable(ctx, username: str) -> None:
    """Let a disabled USERNAME log in again."""
    with session_scope(ctx.url) as session:
        user = enable_user(session, username)
        click.echo(f"{user.username} is enabled")


@users.command("set-password")
@click.argument("username")
@password_stdin_option
@pass_context
@account_errors_exit_1
def set_password_command(ctx, username: str, password_stdin: bool) -> None:
    """Give USERNAME a new password; every open session of theirs ends."""
    password = sys.stdin.readline().rstrip("\r\n")
    with session_scope(ctx.url) as session:
        user = set_password(session, username, password)
        click.echo(f"{user.username} has a new password")
