"""One module per URL. Each has ``PATH``, ``TITLE``, ``layout()`` and optionally
``register_callbacks(app)``; the router in ``dashboard.app`` serves them."""

from dashboard.pages import leverancer, login, moede, okonomi, plan, tryghed

# "/" (Overblik) is not a Dash page: dashboard.public serves it as static HTML.
PAGES = [okonomi, leverancer, tryghed, moede, plan, login]
