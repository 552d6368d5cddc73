"""Exports against a running gunicorn: an admin of Amager writes formula text after ";",
",", a tab and a line break into a deliverable's comment and a registered figure's note,
then every CSV (the public /data/*.csv and the pages' own downloads) is split on both "," and
";" (Danish Excel splits on ";") and searched for a cell that starts a formula. The figure's
note is looked for in the open data, and a registered count of 1e15 and a future year are
tried.

    python -m bench.attacks.exports
"""

from __future__ import annotations

import base64
import csv
import io
import json
import subprocess

from bench.attacks.client import AMAGER, Client

DB = ["psql", "-h", "127.0.0.1", "-U", "postgres", "test_attack", "-Atc"]
FORMULAS = ("Se bilag;=1+1;", "a,=2+2,", "b\t=3+3", "c\n=4+4", "@SUM(A1)", "-5+5;+6")
NOTE = 'WG-INTERN: overskrevet af ssp1 ;=HYPERLINK("http://evil")'


def sql(query: str) -> str:
    return subprocess.run([*DB, query], capture_output=True, text=True).stdout.strip()


def formula_cells(text: str) -> list[str]:
    found = []
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            for cell in row:
                # Excel strips spaces; a cell starting so is run as a formula.
                if cell.lstrip(" ")[:1] in ("=", "+", "-", "@") and cell.strip() not in ("-",):
                    if not cell.strip().lstrip("-").replace(".", "").isdigit():
                        found.append(f"{delimiter!r}:{cell.strip()[:30]}")
    return found


def main() -> None:
    admin = Client().login("admin-a")
    version = int(sql("select version from deliverable where id=1"))
    status, body = admin.callback(
        admin.find("lev-gem-besked"),
        {
            "partnerskab.data": AMAGER,
            "lev-gem.n_clicks": 1,
            "lev-valgt.value": 1,
            "lev-rediger-version.data": version,
            "lev-rediger-status.value": "in_progress",
            "lev-rediger-kommentar.value": " ".join(FORMULAS),
            "lev-rediger-dato.value": "2017-03-01",
        },
    )[::2]
    print("comment saved:", status, b"gemt" in body)
    for label, value, year in (("note", 7, 2017), ("1e15", 1e15, 2017), ("future", 3, 2099)):
        status, body = admin.callback(
            admin.find("tryghed-tal-besked"),
            {
                "partnerskab.data": AMAGER,
                "tryghed-tal-gem.n_clicks": 1,
                "tryghed-tal-maaling.value": "tryghedsvandringer",
                "tryghed-tal-aar.value": year,
                "tryghed-tal-vaerdi.value": value,
                "tryghed-tal-note.value": NOTE,
                "tryghed-tal-version.data": 0,
            },
        )[::2]
        message = json.loads(body)["response"]["tryghed-tal-besked"]["children"]
        print(f"figure {label}: {message}")

    anonymous = Client()
    for table in ("leverancer", "budget", "indikatorer", "maalinger", "aktivitetstal"):
        status, _, body = anonymous.get(f"/data/{table}.csv")
        if status != 200:
            continue
        text = body.decode("utf-8-sig")
        print(
            f"/data/{table}.csv: formula cells {formula_cells(text)}, note published: "
            f"{'WG-INTERN' in text}, 1e15 published: {'1000000000000000' in text}"
        )
    status, _, body = anonymous.get("/data/indikatorer.json")
    print("/data/indikatorer.json note published:", b"WG-INTERN" in body)

    for label, wanted, values in (
        ("leverancer CSV download", "lev-download", {"lev-hent-csv.n_clicks": 1}),
        (
            "okonomi CSV download",
            "okonomi-download",
            {"okonomi-hent-csv.n_clicks": 1, "okonomi-version.value": "1"},
        ),
        (
            "tryghed CSV download",
            "tryghed-download",
            {"tryghed-hent-csv.n_clicks": 1, "tryghed-indikator.value": "tryghedsvandringer"},
        ),
    ):
        status, body = admin.callback(admin.find(wanted), {"partnerskab.data": AMAGER, **values})[
            ::2
        ]
        if status != 200:
            print(label, status)
            continue
        data = json.loads(body)["response"][wanted]["data"]
        content = data["content"]
        text = base64.b64decode(content).decode("utf-8-sig") if data.get("base64") else content
        print(f"{label}: formula cells {formula_cells(text)}")


if __name__ == "__main__":
    main()
