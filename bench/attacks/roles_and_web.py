"""Roles, sessions and the web surface against a running gunicorn: every callback as an
anonymous visitor and as each role of tingbjerg-husum in its own partnership (with every
input set, so each would act if it could; the database is compared for what a role may not
change), a session cookie replayed after logout, cross-site POSTs, reflected and stored
script, SQL in the slug and the open-data filter, and path traversal.

    python -m bench.attacks.roles_and_web
"""

from __future__ import annotations

import subprocess
from collections import Counter

from bench.attacks.client import CALLBACK, SECOND, Client

DB = ["psql", "-h", "127.0.0.1", "-U", "postgres", "test_attack", "-Atc"]
PUBLIC = ("indhold.children", "login-next.value")  # the router and the login page's
XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def sql(query: str) -> str:
    return subprocess.run([*DB, query], capture_output=True, text=True).stdout.strip()


def snapshot() -> dict[str, str]:
    tables = (
        "deliverable",
        "meeting",
        "decision",
        "meeting_note",
        "measurement",
        "indicator_note",
        "timeline_event",
        "app_user",
        "plan_version",
        "load_log",
    )
    return {
        t: sql(f"select md5(string_agg(t::text, ',' order by t::text)) from {t} t") for t in tables
    }


def sweep(client: Client, label: str) -> None:
    before = snapshot()
    seen: Counter = Counter()
    for dep in client.dependencies():
        if dep.get("clientside_function"):
            continue
        values = {f"{i['id']}.{i['property']}": 1 for i in dep["inputs"] + dep.get("state", [])}
        values.update(
            {
                "partnerskab.data": SECOND,
                "moede-valg.value": "4",
                "lev-valgt.value": 65,
                "url.pathname": f"/p/{SECOND}/okonomi",
                "url.search": "",
                "tryghed-begivenhed-tekst.value": "sweep",
                "moede-note-tekst.value": "s",
                "beslutning-tekst.value": "sweep",
                "moede-titel.value": "sweep",
            }
        )
        status = client.callback(dep, values)[0]
        public = any(p in dep["output"] for p in PUBLIC)
        seen[(status, "public" if public else "internal")] += 1
    changed = [t for t, h in snapshot().items() if h != before[t]]
    print(f"{label:<12} {dict(seen)} changed: {changed or 'nothing'}")


def main() -> None:
    print("-- callbacks (status, kind): count")
    deps = Client().login("styre-t").dependencies()
    anonymous = Client()
    anonymous._deps = deps
    sweep(anonymous, "anonymous")
    for user in ("styre-t", "ag-t", "admin-t"):
        sweep(Client().login(user), user)

    print("-- logout")
    user = Client().login("styre-t")
    saved = user.cookie
    user.form("/auth/logout", {})
    replay = Client()
    replay.cookie, replay._deps = saved, deps
    page = replay.get(f"/p/{SECOND}/okonomi")
    dep = next(d for d in deps if "okonomi-resume" in d["output"])
    call = replay.callback(dep, {"partnerskab.data": SECOND, "okonomi-version.value": "2"})
    print(
        f"cookie replayed after logout: page {page[0]} → {page[1].get('location')}, "
        f"callback {call[0]}, new cookie set: {replay.cookie != saved}"
    )

    print("-- cross-site writes")
    admin = Client().login("admin-t")
    admin._deps = deps
    dep = next(d for d in deps if "okonomi-resume" in d["output"])
    for headers in (
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "same-site"},
    ):
        status = admin.callback(dep, {"partnerskab.data": SECOND}, headers)[0]
        form = admin.form("/auth/adgangskode", {"current": "x"}, headers)[0]
        print(f"{headers}: callback {status}, /auth/adgangskode {form}, ", end="")
        print(f"/auth/logout {admin.form('/auth/logout', {}, headers)[0]}")

    print("-- reflected script")
    for path in (
        f"/login?next={XSS}&fejl={XSS}",
        f"/adgangskode?fejl={XSS}",
        f"/data/leverancer.json?partnerskab={XSS}",
        f"/data/leverancer.csv?partnerskab={XSS}",
        f"/p/{SECOND}/admin?fejl={XSS}",
    ):
        status, headers, body = admin.get(path.replace(" ", "%20"))
        print(
            f"{status} {headers.get('content-type', '')[:24]:<24} raw script in body: "
            f"{'<script>alert' in body.decode(errors='replace')}  {path[:40]}"
        )

    print("-- stored script (saved by Tingbjerg's admin, then read where it is shown)")
    admin = Client().login("admin-t")
    version = int(sql("select version from deliverable where id=65"))
    saves = (
        (
            "lev-gem-besked",
            {
                "lev-gem.n_clicks": 1,
                "lev-valgt.value": 65,
                "lev-rediger-version.data": version,
                "lev-rediger-status.value": "in_progress",
                "lev-rediger-kommentar.value": XSS,
                "lev-rediger-dato.value": "2017-03-01",
            },
        ),
        (
            "moede-note-besked",
            {"moede-note-gem.n_clicks": 1, "moede-valg.value": "4", "moede-note-tekst.value": XSS},
        ),
        (
            "beslutning-besked",
            {"beslutning-gem.n_clicks": 1, "moede-valg.value": "4", "beslutning-tekst.value": XSS},
        ),
        (
            "tryghed-begivenhed-besked",
            {
                "tryghed-begivenhed-tilfoej.n_clicks": 1,
                "tryghed-begivenhed-dato.value": "2017-03-01",
                "tryghed-begivenhed-tekst.value": XSS[:100],
            },
        ),
    )
    for wanted, values in saves:
        status = admin.callback(admin.find(wanted), {"partnerskab.data": SECOND, **values})[0]
        print(f"saved through {wanted}: {status}")
    for path in (f"/p/{SECOND}/moede/4/pakke", "/", f"/p/{SECOND}", "/data/leverancer.csv"):
        status, headers, body = admin.get(path)
        text = body.decode(errors="replace")
        print(
            f"{status} {headers.get('content-type', '')[:24]:<24} raw script in body: "
            f"{'<script>alert' in text or '<img src=x' in text}  {path}"
        )

    print("-- SQL and traversal")
    for path in (
        "/p/x'%20OR%20'1'='1/okonomi",
        "/data/leverancer.json?partnerskab=x'%20OR%20'1'='1",
        "/data/leverancer;drop%20table%20deliverable.json",
        "/filer/..%2f..%2fpyproject.toml",
        "/assets/..%2f..%2fpyproject.toml",
        "/assets/../../pyproject.toml",
        "/_dash-component-suites/dash/..%2f..%2f..%2fpyproject.toml",
        "/filer/%2e%2e/%2e%2e/etc/passwd",
        "/p/..%2f..%2fetc/okonomi",
    ):
        status, _, body = admin.get(path)
        hit = b"[project]" in body or b"root:" in body
        print(f"{status} leaked file: {hit}  {path}")
    print("deliverable table still there:", sql("select count(*) from deliverable"))
    print("callback path:", CALLBACK)


if __name__ == "__main__":
    main()
