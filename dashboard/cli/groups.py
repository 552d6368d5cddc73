"""The command groups, shared by the subject modules that add commands to them."""

from __future__ import annotations

import functools
import sys

import click

from dashboard.config import Config
from data_loaders.errors import InputError


class Context:
    """What every command needs: the database URL from the environment."""

    def __init__(self) -> None:
        self.config = Config.from_env()

    @property
    def url(self) -> str:
        return self.config.database_url


pass_context = click.make_pass_decorator(Context, ensure=True)


def input_errors_exit_1(func):
    """Turn a user's bad file into a clear message on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Tryghedsdashboard for Copenhagen's safety partnerships: load, export and serve their
    plans' data (commands of one partnership take --partnership SLUG)."""


@main.group()
def parse() -> None:
    """Read a file and print what was found, without writing anything."""


@main.group()
def load() -> None:
    """Load a file into the database (all or nothing, logged, idempotent)."""


@main.group()
def export() -> None:
    """Print the database's data as JSON, CSV or XLSX."""
