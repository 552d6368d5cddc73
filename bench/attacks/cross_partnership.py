"""Cross-partnership attacks: users of tingbjerg-husum send Amager's slug, or their own slug
with Amager's ids (plan version 1, deliverables 1-36, meetings 1-3, users, events). Amager's
users first leave markers ("AMAGER-HEMMELIG") where only Amager may read them; every answer
a Tingbjerg user gets is searched for the markers and for Amager's own amounts (Bylivspuljen
233.000 kr.; Tingbjerg's is 433.000), and the database is compared before and after.

Prints one line per attack: status, whether a marker leaked, and what changed.
Setup as in bench/SECURITY.md (two partnerships, users admin-a/-t, styre-a/-t, ag-a/-t)."""

from __future__ import annotations

import json
import subprocess

from bench.attacks.client import AMAGER, SECOND, Client

DB = ["psql", "-h", "127.0.0.1", "-U", "postgres", "test_attack", "-Atc"]
MARK = "AMAGER-HEMMELIG"
AMAGER_DELIVERABLE, AMAGER_MEETING, AMAGER_VERSION = 29, 1, 1


def sql(query: str) -> str:
    return subprocess.run([*DB, query], capture_output=True, text=True).stdout.strip()


def state() -> str:
    """What Amager owns that an attack could change."""
    return sql(
        "select (select string_agg(status||comment, ',' order by id)"
        " from deliverable where id<=36),"
        " (select string_agg(title, ',' order by id) from meeting where partnership_id=1),"
        " (select count(*) from meeting_note), (select count(*) from decision where meeting_id<=3),"
        " (select count(*) from decision_link),"
        " (select string_agg(username||role||active::text||must_change_password::text, ','"
        " order by id) from app_user), (select count(*) from timeline_event where removed_at"
        " is null), (select count(*) from plan_version),"
        " (select count(*) from user_partnership)"
    )


def fire(client: Client, wanted: str, values: dict, slug: str = SECOND):
    dep = client.find(wanted)
    status, _, body = client.callback(dep, {"partnerskab.data": slug, **values})
    return status, body.decode(errors="replace")


def leaked(body: str) -> bool:
    # Amager's meeting titles name its plan; "Amager Partnerskab" alone is also in the shared
    # indicator catalogue (the source of the working group's registered counts).
    amager_plan = "Tryghedsplan for Amager Partnerskab"
    return MARK in body or "233.000" in body or "233000" in body or amager_plan in body


def plant_markers() -> int:
    ag, styre, admin = (Client().login(u) for u in ("ag-a", "styre-a", "admin-a"))
    version = int(sql(f"select version from deliverable where id={AMAGER_DELIVERABLE}"))
    fire(
        ag,
        "lev-gem-besked",
        {
            "lev-gem.n_clicks": 1,
            "lev-valgt.value": AMAGER_DELIVERABLE,
            "lev-rediger-version.data": version,
            "lev-rediger-status.value": "in_progress",
            "lev-rediger-kommentar.value": MARK,
            "lev-rediger-dato.value": "2017-03-01",
        },
        AMAGER,
    )
    fire(
        styre,
        "moede-note-besked",
        {
            "moede-note-gem.n_clicks": 1,
            "moede-valg.value": str(AMAGER_MEETING),
            "moede-note-tekst.value": MARK,
        },
        AMAGER,
    )
    fire(
        admin,
        "tryghed-begivenhed-besked",
        {
            "tryghed-begivenhed-tilfoej.n_clicks": 1,
            "tryghed-begivenhed-dato.value": "2017-03-01",
            "tryghed-begivenhed-tekst.value": MARK,
        },
        AMAGER,
    )
    return int(sql("select max(id) from timeline_event where partnership_id=1"))


def main() -> None:
    event = plant_markers()
    assert MARK in sql(f"select comment from deliverable where id={AMAGER_DELIVERABLE}")
    amager_user = int(sql("select id from app_user where username='ag-a'"))
    clients = {u: Client().login(u) for u in ("ag-t", "styre-t", "admin-t")}
    results = []

    # 1. Amager's slug on every scoped callback, by every Tingbjerg role.
    for name, client in clients.items():
        refused = answered = 0
        for dep in client.dependencies():
            if not any(s["id"] == "partnerskab" for s in dep.get("state", [])):
                continue
            values = {f"{i['id']}.{i['property']}": 1 for i in dep["inputs"]}
            status, body = client.callback(dep, {"partnerskab.data": AMAGER, **values})[::2]
            refused += status == 204
            answered += status == 200
        results.append(
            (
                f"{name}: Amager's slug on every scoped callback",
                f"204×{refused} 200×{answered}",
                "-",
            )
        )

    # 2. Own slug, Amager's ids.
    before = state()
    ag, styre, admin = clients["ag-t"], clients["styre-t"], clients["admin-t"]
    version = int(sql(f"select version from deliverable where id={AMAGER_DELIVERABLE}"))
    attacks = [
        ("okonomi: Amager's plan version", styre, "okonomi-resume", {"okonomi-version.value": "1"}),
        (
            "okonomi: compare Amager's versions",
            styre,
            "okonomi-sammenligning",
            {"okonomi-fra.value": "1", "okonomi-til.value": "2"},
        ),
        (
            "okonomi: export Amager's version",
            styre,
            "okonomi-download",
            {"okonomi-hent-csv.n_clicks": 1, "okonomi-version.value": "1"},
        ),
        (
            "okonomi: area of Amager's version",
            styre,
            "okonomi-aktiviteter",
            {"okonomi-omraade.value": "Ung i Job", "okonomi-version.value": "1"},
        ),
        (
            "leverancer: history of Amager's deliverable",
            ag,
            "lev-historik",
            {"lev-valgt.value": AMAGER_DELIVERABLE},
        ),
        (
            "leverancer: decisions on Amager's deliverable",
            ag,
            "lev-beslutninger",
            {"lev-valgt.value": AMAGER_DELIVERABLE},
        ),
        (
            "leverancer: edit form of Amager's deliverable",
            ag,
            "lev-rediger-status",
            {"lev-valgt.value": AMAGER_DELIVERABLE},
        ),
        (
            "leverancer: save Amager's deliverable",
            ag,
            "lev-gem-besked",
            {
                "lev-gem.n_clicks": 1,
                "lev-valgt.value": AMAGER_DELIVERABLE,
                "lev-rediger-version.data": version,
                "lev-rediger-status.value": "dropped",
                "lev-rediger-kommentar.value": "fra tingbjerg",
                "lev-rediger-dato.value": "2017-03-01",
            },
        ),
        ("moede: Amager's meeting", styre, "moede-hoved", {"moede-valg.value": "1"}),
        ("moede: notes of Amager's meeting", styre, "moede-noter", {"moede-valg.value": "1"}),
        (
            "moede: note on Amager's meeting",
            styre,
            "moede-note-besked",
            {"moede-note-gem.n_clicks": 1, "moede-valg.value": "1", "moede-note-tekst.value": "x"},
        ),
        ("moede: form of Amager's meeting", admin, "moede-organ", {"moede-valg.value": "1"}),
        (
            "moede: save Amager's meeting",
            admin,
            "moede-gem-besked",
            {
                "moede-gem.n_clicks": 1,
                "moede-valg.value": "1",
                "moede-version.data": 1,
                "moede-organ.value": "styregruppe",
                "moede-dato.value": "2017-01-01",
                "moede-titel.value": "overtaget",
                "moede-dagsorden.value": "x",
            },
        ),
        (
            "moede: decision on Amager's meeting",
            admin,
            "beslutning-besked",
            {
                "beslutning-gem.n_clicks": 1,
                "moede-valg.value": "1",
                "beslutning-tekst.value": "Styregruppen besluttede at lukke budgettet",
                "beslutning-links.value": [f"deliverable:{AMAGER_DELIVERABLE}"],
            },
        ),
        (
            "moede: decision on own meeting linking Amager's deliverable",
            admin,
            "beslutning-besked",
            {
                "beslutning-gem.n_clicks": 1,
                "moede-valg.value": "4",
                "beslutning-tekst.value": "link",
                "beslutning-links.value": [
                    f"deliverable:{AMAGER_DELIVERABLE}",
                    "activity:1",
                    "budget_line:1",
                    "handover:1",
                ],
            },
        ),
        (
            "tryghed: remove Amager's event",
            admin,
            "tryghed-begivenhed-besked",
            {"tryghed-begivenhed-fjern.n_clicks": 1, "tryghed-begivenhed-valg.value": str(event)},
        ),
        ("tryghed: events list", ag, "tryghed-begivenheder", {}),
        (
            "admin: role of Amager's user",
            admin,
            "bruger-svar",
            {
                "bruger-gem-rolle.n_clicks": 1,
                "bruger-valgt.value": str(amager_user),
                "bruger-rolle.value": "admin",
            },
        ),
        (
            "admin: disable Amager's user",
            admin,
            "bruger-svar",
            {"bruger-spaer.n_clicks": 1, "bruger-valgt.value": str(amager_user)},
        ),
    ]
    for label, client, wanted, values in attacks:
        status, body = fire(client, wanted, values)
        results.append((label, status, "LEAK" if leaked(body) else "-"))

    # 3. The account forms and the pack with Amager's ids.
    form_attacks = [
        (
            "one-time password for Amager's user",
            "/auth/brugere/engangskode",
            {"slug": SECOND, "user": amager_user, "password": "Tre-lange-ord-hest-batteri-99"},
        ),
        (
            "one-time password, Amager's slug",
            "/auth/brugere/engangskode",
            {"slug": AMAGER, "user": amager_user, "password": "Tre-lange-ord-hest-batteri-99"},
        ),
        (
            "new user into Amager",
            "/auth/brugere/ny",
            {
                "slug": SECOND,
                "partnership": AMAGER,
                "username": "indtraenger",
                "role": "admin",
                "password": "Tre-lange-ord-hest-batteri-99",
            },
        ),
    ]
    for label, path, fields in form_attacks:
        status, headers, _ = admin.form(path, fields)
        results.append((label, status, headers.get("location", "")[-40:]))
    for path in (
        f"/p/{SECOND}/moede/1/pakke",
        f"/p/{SECOND}/moede/1/pakke.pdf",
        f"/p/{AMAGER}/moede/1/pakke",
        "/moede/1/pakke",
        f"/p/{AMAGER}/okonomi",
        f"/p/{AMAGER}/admin",
    ):
        status, headers, body = styre.get(path)
        results.append(
            (
                f"styre-t GET {path}",
                status,
                "LEAK" if leaked(body.decode(errors="replace")) else headers.get("location", "-"),
            )
        )

    # 4. Open data filters with ids and odd values.
    anon = Client()
    for query in (
        "partnerskab=1",
        "partnerskab=2",
        "partnerskab=%25",
        "partnerskab=",
        "partnerskab=amager-partnerskab%27--",
        "partnerskab[]=x",
    ):
        status, _, body = anon.get(f"/data/leverancer.json?{query}")
        text = body.decode(errors="replace")
        rows = len(json.loads(text).get("rows", [])) if status == 200 else "-"
        results.append((f"open data ?{query}", status, f"rows={rows} mark={MARK in text}"))

    after = state()
    for label, status, note in results:
        print(f"{str(status):>14}  {note:<42}  {label}")
    print("Amager's data unchanged:", before == after)
    if before != after:
        for a, b in zip(before.split("|"), after.split("|"), strict=True):
            if a != b:
                print("  changed:", a[:120], "->", b[:120])


if __name__ == "__main__":
    main()
