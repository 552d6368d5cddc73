"""A small HTTP client for the attack scripts: talks to a running gunicorn as a browser
behind a TLS-terminating proxy would (``X-Forwarded-Proto: https``), keeps the session
cookie by hand (it is ``Secure``, so a stock cookie jar would not send it over loopback
http) and fires Dash callbacks in the renderer's shape.

    ATTACK_BASE=http://127.0.0.1:8071 ATTACK_PASSWORD=... python -m bench.attacks.<script>
"""

from __future__ import annotations

import http.client
import json
import os
from urllib.parse import urlencode, urlsplit

from bench.harness import dependency_body

BASE = os.environ.get("ATTACK_BASE", "http://127.0.0.1:8071")
PASSWORD = os.environ.get("ATTACK_PASSWORD", "Korrekt-Hest-Batteri-Haefteklamme-42")
AMAGER, SECOND = "amager-partnerskab", "tingbjerg-husum"
CALLBACK = "/_dash-update-component"


class Client:
    def __init__(self, base: str = BASE, timeout: float = 120):
        parts = urlsplit(base)
        self.host, self.port, self.timeout = parts.hostname, parts.port or 80, timeout
        self.cookie = ""
        self._deps: list[dict] | None = None

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        """(status, headers dict lower-cased, body bytes)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        sent = {"X-Forwarded-Proto": "https", "Host": f"{self.host}:{self.port}"}
        if self.cookie:
            sent["Cookie"] = self.cookie
        sent.update(headers or {})
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        got = {k.lower(): v for k, v in response.getheaders()}
        for key, value in response.getheaders():
            if key.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
                if self.cookie == "session=":
                    self.cookie = ""
        conn.close()
        return response.status, got, data

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def form(self, path: str, fields: dict, headers=None):
        body = urlencode(fields).encode()
        sent = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        return self.request("POST", path, body, sent)

    def login(self, username: str, password: str = PASSWORD) -> Client:
        status, headers, _ = self.form(
            "/auth/login", {"username": username, "password": password, "next": "/"}
        )
        if status != 303 or "fejl" in headers.get("location", ""):
            raise RuntimeError(f"login {username}: {status} {headers.get('location')}")
        return self

    def dependencies(self) -> list[dict]:
        if self._deps is None:
            self._deps = json.loads(self.get("/_dash-dependencies")[2])
        return self._deps

    def callback(self, dep: dict, values: dict, headers=None):
        """Fire ``dep`` (an entry of /_dash-dependencies); ``values`` maps "id.prop"."""

        body = dependency_body(dep, values)
        sent = {"Content-Type": "application/json", "Sec-Fetch-Site": "same-origin"}
        return self.request(
            "POST", CALLBACK, json.dumps(body).encode(), {**sent, **(headers or {})}
        )

    def find(self, wanted: str) -> dict:
        return next(d for d in self.dependencies() if wanted in d["output"])
