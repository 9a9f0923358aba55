#!/usr/bin/env bash
# How the reports scale with the number of findings in one file (issue 16, item 14): a unit
# whose signage.yaml lists N plaques, each breaking SIGN-001 and SIGN-002 (2N findings, all in
# one file), checked for N and 10 N in each format. A report that locates lines once per file and
# groups once is linear: 10 times the findings cost about 10 times the time, never 100.
#
#   scripts/bench_reports.sh                  # N = 2000 and 20000 (4,000 and 40,000 findings)
#   SIGNS="500 5000" RUNS=5 scripts/bench_reports.sh
#
# Settings (environment): SIGNS (the two sizes, the second 10× the first), RUNS (timed runs per
# figure after a warm-up; the formats and sizes take turns; the fastest is kept), WORK.
# Needs GNU time (/usr/bin/time) for wall time.
set -euo pipefail

SIGNS="${SIGNS:-2000 20000}"
RUNS="${RUNS:-3}"
WORK="${WORK:-/tmp/jianfu-bench-reports}"

cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    echo "bench_reports.sh: /usr/bin/time (GNU time) is needed: apt-get install -y time" >&2
    exit 2
fi
cargo build --release --quiet --bin jianfu
BIN="$PWD/target/release/jianfu"
UNIT_SOURCE="examples/xingan-2025-Q1/152223-扎赉特旗/152223100-音德尔镇/152223100201-巴彦淖尔嘎查"

# A copy of a real unit of the example league whose signage lists $1 exterior plaques issued by
# a department (SIGN-001 and SIGN-002 each fire on every one).
make_unit() {
    local dir="$WORK/signs-$1/unit"
    if [ ! -f "$dir/signage.yaml" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        cp "$UNIT_SOURCE"/*.yaml "$dir/"
        {
            echo "signs:"
            for ((i = 0; i < $1; i++)); do
                printf '  - name: 卫生室%d\n    placement: exterior\n    type: plaque\n    issued_by: 扎赉特旗卫生健康委员会\n' "$i"
            done
        } > "$dir/signage.yaml"
    fi
    echo "$dir"
}

# Wall seconds of one run of `jianfu $@` (its output discarded; exit 1 is "findings", and GNU
# time then writes a line of its own before the figure).
wall() {
    /usr/bin/time -f "%e" -o "$WORK/time" "$BIN" "$@" > /dev/null 2>&1 || true
    tail -n 1 "$WORK/time"
}

read -r small large <<< "$SIGNS"
declare -A best
formats=("check --format human" "check --format concise" "check --format json" "bulletin")
for n in $small $large; do make_unit "$n" > /dev/null; done
for ((round = 0; round <= RUNS; round++)); do
    for f in "${formats[@]}"; do
        for n in $small $large; do
            # shellcheck disable=SC2086
            t=$(wall $f "$WORK/signs-$n")
            key="$f|$n"
            # Round 0 warms the page cache and is not counted.
            if [ "$round" -gt 0 ] && { [ -z "${best[$key]:-}" ] || awk "BEGIN{exit !($t < ${best[$key]})}"; }; then
                best[$key]=$t
            fi
        done
    done
done

echo "| \`jianfu …\` | $((2 * small)) findings, s | $((2 * large)) findings, s | time ratio |"
echo "|---|---:|---:|---:|"
for f in "${formats[@]}"; do
    a=${best["$f|$small"]}
    b=${best["$f|$large"]}
    ratio=$(awk "BEGIN{ if ($a > 0) printf \"%.1f×\", $b / $a; else print \"—\" }")
    echo "| \`$f\` | $a | $b | $ratio |"
done
