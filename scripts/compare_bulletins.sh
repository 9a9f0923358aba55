#!/bin/bash
# Write the same bulletins with a binary into a directory, to compare two binaries byte for byte:
#
#   scripts/compare_bulletins.sh OLD_BINARY /tmp/old
#   scripts/compare_bulletins.sh target/release/jianfu /tmp/new
#   diff -r /tmp/old /tmp/new && echo identical
#
# Markdown, JSON, HTML and Word (its parts unpacked) of the example trees (with and without --previous, both languages,
# --top 3 and 40) and bulletins merged from reports. With PEERS=DIR (the peers' corpus, e.g.
# /dev/shm/p1k) its bulletins are compared too. Each exit code is kept in rc.txt.
set -u
BIN=$(realpath "$1"); OUT=$2
mkdir -p "$OUT"
cd "$(dirname "$0")/.."
D=(--date 2025-07-02)
runs=(
  "examples/xingan"
  "examples/xingan --previous examples/xingan-2025-Q1"
  "examples/xingan --lang en --top 40"
  "examples/xingan --previous examples/xingan-2025-Q1 --lang en --issuer X"
  "examples/xingan --top 3"
  "examples/sheet-sources"
  "examples/xingan-2025-Q1"
)
if [ -n "${PEERS:-}" ]; then
  runs+=("$PEERS" "$PEERS --lang en --top 3")
fi
i=0
for args in "${runs[@]}"; do
  i=$((i+1))
  for format in md json html docx; do
    # shellcheck disable=SC2086
    "$BIN" bulletin $args "${D[@]}" --format "$format" -o "$OUT/$i.$format" 2>/dev/null
    echo "$? $args $format" >> "$OUT/rc.txt"
  done
  # A Word file's parts are compared, not how they were packed.
  python3 -m zipfile -e "$OUT/$i.docx" "$OUT/$i.docx.parts" && rm "$OUT/$i.docx"
done
"$BIN" check examples/xingan --format json --with-units "${D[@]}" -o "$OUT/report.json" >/dev/null 2>&1
config=(--config examples/xingan/jianfu.yaml)
"$BIN" bulletin "${config[@]}" --reports "$OUT/report.json" "${D[@]}" --format json -o "$OUT/merged.json" 2>/dev/null
echo "$? merged" >> "$OUT/rc.txt"
"$BIN" bulletin "${config[@]}" --reports "$OUT/report.json" --previous examples/xingan-2025-Q1 "${D[@]}" --format md -o "$OUT/merged-previous.md" 2>/dev/null
echo "$? merged with --previous" >> "$OUT/rc.txt"
