#!/usr/bin/env bash
# Lighthouse (desktop preset) against every page, served the way production serves it: the
# Procfile's gunicorn command over a freshly initialised embedded database. The public pages
# are measured as an anonymous visitor; the internal ones logged in, once for each role that
# sees something different (the committee reads, the working group also gets the edit forms).
# Every page is a first load in a new browser (Lighthouse clears the cache and storage); after
# each role's pages one more run keeps the cache: a second internal page in the same session.
# Prints one table (page, role, performance, accessibility, transferred bytes, total blocking
# time, requests); the full reports go to bench/out/lighthouse_<role>_<path>.report.{json,html}.
#
#   bench/lighthouse.sh                        # every page; needs node + npm, chromium, .venv
#   bench/lighthouse.sh / /p/amager-partnerskab/okonomi   # only these pages
#   ROLES=styregruppe bench/lighthouse.sh      # internal pages for one role only
#   ROLES="styregruppe admin" bench/lighthouse.sh   # admin also measures /p/<slug>/admin
#   CHROME_PATH=/path/to/chrome bench/lighthouse.sh
#   LIGHTHOUSE_FLAGS=--skip-audits=uses-text-compression bench/lighthouse.sh
#     (that audit reads each uncompressed body within 1 s; on a busy machine a multi-MB
#     uncompressed script misses it and the whole run fails)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/bench/out
mkdir -p "$out"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
port=${BENCH_PORT:-8766}
cdp_port=${BENCH_CDP_PORT:-9266}
roles=${ROLES:-styregruppe arbejdsgruppe}
public_pages=(/ /data /tilgaengelighed /login)
# The bundled partnership's pages (the old unprefixed URLs only redirect here).
slug=amager-partnerskab
internal_pages=(/p/$slug/okonomi /p/$slug/leverancer /p/$slug/tryghed /p/$slug/moede /p/$slug/plan
  /p/$slug/bylivspuljen /p/$slug/tryghedsvandringer)
admin_pages=(/p/$slug/admin)

# Lighthouse 12.2.3: the last major that runs on Debian's Node 20 (13 wants Node 22).
(cd bench && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)

instance=$(mktemp -d)
export TRYGHED_INSTANCE=$instance
export DATABASE_URL=sqlite:///$instance/tryghed.db
export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export PATH=$root/.venv/bin:$PATH
tryghed init >/dev/null
password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
for role in $roles; do
  printf '%s\n' "$password" | tryghed users add "bench-$role" --role "$role" --password-stdin >/dev/null
done

web=$(sed -n 's/^web: //p' Procfile)
PORT=$port bash -c "exec $web" >"$out/gunicorn.log" 2>&1 &
server=$!
# One browser per role (Lighthouse resets its cache and storage before each page, unless
# told not to), so that the warm run sees what the cold one before it cached. A new one for
# the next role: the warm run keeps the session cookie the pages refreshed, and the next
# role's pages would be measured as the role before.
browser=""
profile=$(mktemp -d)
trap 'kill "$server" $browser 2>/dev/null; wait "$server" $browser 2>/dev/null; rm -rf "$instance" "$profile"' EXIT
start_browser() {
  if [ -n "$browser" ]; then kill "$browser"; wait "$browser" 2>/dev/null || true; fi
  rm -rf "$profile" && mkdir -p "$profile"
  "$CHROME_PATH" --headless=new --no-sandbox --disable-gpu --remote-debugging-port="$cdp_port" \
    --user-data-dir="$profile" about:blank >"$out/chromium.log" 2>&1 &
  browser=$!
  for _ in $(seq 40); do
    curl -fsS -o /dev/null "http://127.0.0.1:$cdp_port/json/version" 2>/dev/null && return
    sleep 0.25
  done
}
start_browser
for _ in $(seq 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/" || { cat "$out/gunicorn.log"; exit 1; }

# The session cookie of a user logged in through the real login form.
session_cookie() {
  local jar
  jar=$(mktemp)
  curl -fsS -c "$jar" -o /dev/null --data-urlencode "username=bench-$1" \
    --data-urlencode "password=$password" --data-urlencode "next=/" \
    "http://127.0.0.1:$port/auth/login"
  awk '$6 == "session" { print "session=" $7 }' "$jar"
  rm -f "$jar"
}

results=$out/lighthouse_results.tsv
: >"$results"
# measure PATH ROLE COOKIE [--disable-storage-reset]
measure() {
  local path=$1 role=$2 cookie=$3 name
  shift 3
  name=${role}$(echo "$path" | tr -c 'a-zA-Z0-9\n' '_')${1:+_warm}
  local headers=()
  [ -n "$cookie" ] && headers=(--extra-headers "{\"Cookie\": \"$cookie\"}")
  bench/node_modules/.bin/lighthouse "http://127.0.0.1:$port$path" \
    --preset=desktop --quiet --port="$cdp_port" "${headers[@]}" ${LIGHTHOUSE_FLAGS:-} "$@" \
    --output=json --output=html --output-path="$out/lighthouse_$name"
  node - "$out/lighthouse_$name.report.json" "$path${1:+ (2nd page)}" "$role" >>"$results" <<'JS'
const [file, page, role] = process.argv.slice(2);
const report = require(file);
const c = report.categories, a = report.audits;
const failed = Object.values(c).flatMap((cat) => cat.auditRefs)
  .filter((r) => r.weight > 0 && a[r.id].score !== null && a[r.id].score < 1)
  .map((r) => r.id);
console.log([page, role, c.performance.score.toFixed(2), c.accessibility.score.toFixed(2),
  Math.round(a["total-byte-weight"].numericValue), Math.round(a["total-blocking-time"].numericValue),
  a["network-requests"].details.items.length, [...new Set(failed)].join(" ")].join("\t"));
JS
}

if [ $# -gt 0 ]; then
  selected=("$@")
else
  selected=("${public_pages[@]}" "${internal_pages[@]}" "${admin_pages[@]}")
fi
is_internal() { [[ " ${internal_pages[*]} ${admin_pages[*]} " == *" $1 "* ]]; }
# The admin pages answer the secretariat only.
sees() { [[ $2 == admin || " ${admin_pages[*]} " != *" $1 "* ]]; }
for path in "${selected[@]}"; do
  is_internal "$path" || measure "$path" anonymous ""
done
for role in $roles; do
  start_browser
  cookie=$(session_cookie "$role")
  first=""
  for path in "${selected[@]}"; do
    is_internal "$path" && sees "$path" "$role" || continue
    measure "$path" "$role" "$cookie"
    first=${first:-$path}
  done
  # The cache holds what the last page loaded: the first page again is a second page.
  [ -n "$first" ] && measure "$first" "$role" "$cookie" --disable-storage-reset
done

lighthouse_version=$(node -p 'require("./bench/node_modules/lighthouse/package.json").version')
echo "Lighthouse $lighthouse_version, desktop preset, $("$CHROME_PATH" --version 2>/dev/null | head -1)"
echo "targets: performance >= 0.95, accessibility 1.00, <= 1 MB (2nd page <= 100 KB), TBT <= 100 ms"
printf '%-34s %-14s %5s %5s %12s %7s %5s  %s\n' page role perf a11y transferred "TBT ms" reqs "audits below 1"
while IFS=$'\t' read -r page role perf a11y bytes tbt requests failed; do
  printf '%-34s %-14s %5s %5s %12s %7s %5s  %s\n' "$page" "$role" "$perf" "$a11y" \
    "$(numfmt --grouping "$bytes") B" "$tbt" "$requests" "$failed"
done <"$results"
