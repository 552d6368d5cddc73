#!/usr/bin/env bash
# Lighthouse (desktop preset) against the public front page /, served the way production
# serves it: the Procfile's gunicorn command, over a freshly initialised embedded database.
# Prints the four category scores, the bytes transferred and the page-load metrics;
# the full reports go to bench/out/lighthouse_<path>.report.{json,html}.
#
#   bench/lighthouse.sh            # needs node + npm, Debian's chromium, and .venv
#   bench/lighthouse.sh / /login   # several pages, one report each
#   CHROME_PATH=/path/to/chrome bench/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/bench/out
mkdir -p "$out"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
port=${BENCH_PORT:-8766}

# Lighthouse 12.2.3: the last major that runs on Debian's Node 20 (13 wants Node 22).
(cd bench && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)

instance=$(mktemp -d)
export TRYGHED_INSTANCE=$instance
export DATABASE_URL=sqlite:///$instance/tryghed.db
export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export PATH=$root/.venv/bin:$PATH
tryghed init >/dev/null

web=$(sed -n 's/^web: //p' Procfile)
PORT=$port bash -c "exec $web" >"$out/gunicorn.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$instance"' EXIT
for _ in $(seq 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/" || { cat "$out/gunicorn.log"; exit 1; }

for path in "${@:-/}"; do
name=$(echo "$path" | tr -c 'a-zA-Z0-9\n' '_')
bench/node_modules/.bin/lighthouse "http://127.0.0.1:$port$path" \
  --preset=desktop --quiet \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
  --output=json --output=html --output-path="$out/lighthouse$name"

node - "$out/lighthouse$name.report.json" <<'JS'
const report = require(process.argv[2]);
const c = report.categories, a = report.audits;
const score = (k) => c[k].score.toFixed(2);
console.log(`Lighthouse ${report.lighthouseVersion}, desktop preset, ${report.finalDisplayedUrl}`);
console.log(`performance    ${score("performance")}   (target >= 0.95)`);
console.log(`accessibility  ${score("accessibility")}   (target 1.00)`);
console.log(`best practices ${score("best-practices")}   (target 1.00)`);
console.log(`seo            ${score("seo")}`);
const bytes = a["total-byte-weight"].numericValue;
console.log(`transferred    ${(bytes / 1024).toFixed(1)} KiB in ${a["network-requests"].details.items.length} requests   (target <= 1 MB)`);
for (const k of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) {
  console.log(`  ${a[k].title}: ${a[k].displayValue}`);
}
const failed = Object.values(c).flatMap((cat) => cat.auditRefs)
  .filter((r) => r.weight > 0 && a[r.id].score !== null && a[r.id].score < 1)
  .map((r) => `${r.id} (${a[r.id].score})`);
if (failed.length) console.log(`audits below 1: ${[...new Set(failed)].join(", ")}`);
JS
done
