#!/bin/bash
# Write every report format of `check`, and the ledger, with a binary into a directory, to
# compare two binaries byte for byte (a change for speed must not change a byte of output):
#
#   scripts/compare_outputs.sh OLD_BINARY /tmp/old
#   scripts/compare_outputs.sh target/release/jianfu /tmp/new
#   diff -r /tmp/old /tmp/new && echo identical
#
# The example league in JSON (both languages, and with --with-units) and its human report
# (both languages). With PEERS=DIR (the peers' corpus, e.g. /dev/shm/p1k) the corpus in JSON,
# SARIF, JUnit, GitHub, human, concise and JSON --with-units, and its ledger in CSV and JSON.
# Each exit code is kept in rc.txt, and the script fails if any command did. `--date` fixes
# today, which waivers and reports depend on.
set -u
BIN=$(realpath "$1"); OUT=$(realpath -m "$2")
mkdir -p "$OUT"
: > "$OUT/rc.txt"
cd "$(dirname "$0")/.."
D=(--date 2025-07-02 --fail-on never)
run() {
  local name=$1; shift
  "$BIN" "$@" > "$OUT/$name" 2>/dev/null
  echo "$? $name" >> "$OUT/rc.txt"
}
run league.json check examples/xingan --format json "${D[@]}"
run league.en.json check examples/xingan --format json --lang en "${D[@]}"
run league.units.json check examples/xingan --format json --with-units "${D[@]}"
run league.human check examples/xingan --format human "${D[@]}"
run league.en.human check examples/xingan --format human --lang en "${D[@]}"
if [ -n "${PEERS:-}" ]; then
  for format in json sarif junit github human concise; do
    run "peers.$format" check "$PEERS" --format "$format" -q "${D[@]}"
  done
  run peers.units.json check "$PEERS" --format json --with-units -q "${D[@]}"
  run peers.ledger.csv ledger "$PEERS" --format csv --date 2025-07-02
  run peers.ledger.json ledger "$PEERS" --format json --date 2025-07-02
fi
# A command that could not run writes nothing worth comparing: say so, rather than let two
# binaries that both failed compare as identical.
if awk '$1 != 0 { bad = 1; print "exit " $1 ": " $2 > "/dev/stderr" } END { exit !bad }' "$OUT/rc.txt"; then
  echo "some commands failed (see $OUT/rc.txt)" >&2
  exit 1
fi
