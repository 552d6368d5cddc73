"""Attack scripts run against a gunicorn with production settings; see bench/SECURITY.md."""
