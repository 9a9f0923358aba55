#!/usr/bin/env bash
# The check desk's API fuzzed against its own OpenAPI document with schemathesis (PyPI):
# every operation, every check but one, a fixed seed so that a run can be repeated.
#
#   scripts/api_fuzz.sh [JIANFU_BINARY]
#
# positive_data_acceptance is left out on purpose: the document cannot say that the uploaded
# file must be a workbook, a CSV sheet or a zip, so schemathesis takes a PNG for valid input,
# and the desk rightly answers 422 not_an_inventory.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-target/debug/jianfu}"
venv="${JIANFU_ST_VENV:-${TMPDIR:-/tmp}/jianfu-schemathesis}"
if [ ! -x "$venv/bin/st" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis==4.32.5"
fi
log="$(mktemp)"
"$binary" serve --addr 127.0.0.1:0 2>"$log" &
desk=$!
trap 'kill "$desk" 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 100); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)"
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "the desk did not start:"; cat "$log"; exit 1; }
"$venv/bin/st" run "$url/openapi.json" --checks all --exclude-checks positive_data_acceptance \
    --max-examples 200 --seed 1 --no-color
