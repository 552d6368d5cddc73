"""The ``tryghed`` command. Exit codes: 0 ok, 1 invalid input, 2 usage.

Each subject registers its commands on the groups in ``dashboard.cli.groups``;
importing the modules below is what wires them in.
"""

from dashboard.cli import (  # noqa: F401
    backup_commands,
    indicator_commands,
    load_log_commands,
    meeting_commands,
    plan_commands,
    user_commands,
)
from dashboard.cli.groups import main

__all__ = ["main"]
