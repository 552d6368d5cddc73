"""One module per Dash page. Each has ``PATH``, ``TITLE``, ``layout()`` and, if it has
callbacks, ``register_callbacks(app)``; the routing table in ``dashboard.app`` serves them."""
