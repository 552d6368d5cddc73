"""``python -m dashboard.cli`` runs the ``tryghed`` command."""

from dashboard.cli import main

main()
