"""Settings, read only from the environment, with safe defaults for the embedded mode."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path


def instance_dir() -> Path:
    """Where the embedded mode keeps its SQLite file and generated secret key."""
    return Path(os.environ.get("TRYGHED_INSTANCE") or Path.cwd() / "instance")


def normalise_database_url(url: str) -> str:
    """Accept Heroku-style ``postgres://`` and plain ``postgresql://``; use psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def default_database_url() -> str:
    return f"sqlite:///{instance_dir() / 'tryghed.db'}"


@dataclass(frozen=True)
class Config:
    database_url: str = field(default_factory=default_database_url)
    secret_key: str = ""
    production: bool = False
    # Embedded mode creates, migrates and fills the database on start.
    auto_init: bool = True
    # Proxies in front of the app whose X-Forwarded-* headers are to be believed (a
    # platform's router terminates TLS: without this, production would redirect to https
    # for ever, seeing every request as http).
    trusted_proxies: int = 0
    # Whether those proxies' X-Forwarded-Host is believed. Off unless configured: a client
    # could otherwise choose the host our redirects and the OpenAPI description name.
    trust_forwarded_host: bool = False
    # The host names the app answers to (Flask's TRUSTED_HOSTS); empty: any.
    trusted_hosts: tuple[str, ...] = ()
    max_request_bytes: int = 1024 * 1024

    @classmethod
    def from_env(cls) -> Config:
        production = os.environ.get("TRYGHED_ENV", "").lower() == "production"
        url = os.environ.get("DATABASE_URL") or default_database_url()
        return cls(
            database_url=normalise_database_url(url),
            secret_key=os.environ.get("SECRET_KEY", ""),
            production=production,
            auto_init=os.environ.get("TRYGHED_AUTO_INIT", "0" if production else "1") == "1",
            trusted_proxies=int(os.environ.get("TRYGHED_PROXIES", "1" if production else "0")),
            trust_forwarded_host=os.environ.get("TRYGHED_TRUST_FORWARDED_HOST", "0") == "1",
            trusted_hosts=tuple(
                h.strip() for h in os.environ.get("TRYGHED_HOSTS", "").split(",") if h.strip()
            ),
        )

    def effective_secret_key(self) -> str:
        """The session key; production refuses to run without a real one."""
        if self.secret_key and len(self.secret_key) >= 32:
            return self.secret_key
        if self.production:
            raise RuntimeError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production"
            )
        # Embedded mode: a per-instance key kept beside the database file.
        key_file = instance_dir() / "secret_key"
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_hex(32))
            key_file.chmod(0o600)
        return key_file.read_text().strip()
