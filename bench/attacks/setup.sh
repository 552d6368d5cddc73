#!/bin/bash
# The attacked installation: PostgreSQL database $1 (default test_attack) with two
# partnerships and one user of each role in each, and the Procfile's gunicorn on port 8071
# with production settings. Prints the gunicorn master's pid (for request_limits.py).
# Run from the repository root with the venv in .venv; stop with: kill <pid>.
set -euo pipefail
DB=${1:-test_attack}
export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
.venv/bin/tryghed init >/dev/null
plan=$(mktemp -d)/tryghedsplan-tingbjerg-husum-partnerskab-2017.txt
.venv/bin/python -c "from tests.partnerships import second_plan_text as t; print(t(), end='')" >"$plan"
.venv/bin/tryghed load plan "$plan" --partnership tingbjerg-husum >/dev/null
P=${ATTACK_PASSWORD:-Korrekt-Hest-Batteri-Haefteklamme-42}
add() { echo "$P" | .venv/bin/tryghed users add "$@" --password-stdin >/dev/null; }
for slug in amager-partnerskab:a tingbjerg-husum:t; do
    add "admin-${slug#*:}" --role admin --partnership "${slug%:*}"
    add "styre-${slug#*:}" --role styregruppe --partnership "${slug%:*}"
    add "ag-${slug#*:}" --role arbejdsgruppe --party SSP --partnership "${slug%:*}"
done
add globaladm --role admin --all-partnerships
export TRYGHED_ENV=production PORT=8071
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export SECRET_KEY
web=$(sed -n 's/^web: //p' Procfile | sed 's/0\.0\.0\.0/127.0.0.1/')
nohup bash -c "exec .venv/bin/$web" >/tmp/attack_gunicorn.log 2>&1 &
echo $!
