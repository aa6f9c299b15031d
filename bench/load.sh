#!/usr/bin/env bash
# Load benchmark: gunicorn serving a seeded demo shop on 127.0.0.1, wrk for 10 s per page.
# Reports requests/s of each page and its ratio to a bare health check served by the same
# gunicorn, since the load generator shares the machine's cores with the server.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${BENCH_PORT:-5099}
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK/pid") 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
export INSTANCE_DIR="$WORK" FLASK_APP=wsgi IMPACT_CACHE_SECONDS=60
$BIN/flask db upgrade >/dev/null 2>&1
$BIN/flask seed-demo >/dev/null
SLUG=$($BIN/python -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select slug from product where status='live' order by id limit 1\").fetchone()[0])" "$WORK/storefront.sqlite3")
$BIN/gunicorn -w 2 -b "127.0.0.1:$PORT" -p "$WORK/pid" --daemon --error-logfile "$WORK/gunicorn.log" wsgi:app
sleep 2
echo "| page | requests/s | vs /healthz |"
echo "|---|---:|---:|"
base=""
for path in /healthz / /products "/products/$SLUG" /makers/siti-rahayu /impact; do
  rps=$(wrk -t2 -c8 -d10s "http://127.0.0.1:$PORT$path" | awk '/Requests\/sec/ {print $2}')
  [ -z "$base" ] && base=$rps
  ratio=$(python3 -c "print(f'{float($rps)/float($base):.2f}')")
  label=$path; [ "$path" = "/products/$SLUG" ] && label='/products/<slug>'
  echo "| \`$label\` | $rps | $ratio |"
done
