"""One module per URL. Each has ``PATH``, ``TITLE``, ``layout()`` and optionally
``register_callbacks(app)``; the router in ``dashboard.app`` serves them."""

from dashboard.pages import leverancer, moede, okonomi, overview, plan, tryghed

PAGES = [overview, okonomi, leverancer, tryghed, moede, plan]
