#!/usr/bin/env bash
# Whole-process benchmarks of `jianfu check` on generated corpora, printed as the Markdown tables
# of BENCHMARKS.md. Every figure and ratio comes from this one run.
#
#   scripts/bench.sh                      # 1,000, 10,000 and 100,000 units
#   SIZES="1000" RUNS=5 scripts/bench.sh  # a quick run
#
# Settings (environment): SIZES (unit counts), RUNS (timed runs per figure, after one warm-up run;
# the fastest wall time is kept), WORK (where corpora are generated and
# kept between runs; 100,000 units take about 0.8 GB), SEED, VIOLATIONS (percent of units that
# break rules), JOBS (threads of the default run; default: one per core).
#
# Needs GNU time (/usr/bin/time, Debian package `time`) for wall time and peak RSS.
set -euo pipefail

SIZES="${SIZES:-1000 10000 100000}"
RUNS="${RUNS:-3}"
WORK="${WORK:-/tmp/jianfu-bench}"
SEED="${SEED:-1}"
VIOLATIONS="${VIOLATIONS:-10}"
JOBS="${JOBS:-$(nproc)}"

cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    echo "bench.sh: /usr/bin/time (GNU time) is needed: apt-get install -y time" >&2
    exit 2
fi
cargo build --release --quiet --bin jianfu --example gen_corpus
BIN="$PWD/target/release/jianfu"
GEN="$PWD/target/release/examples/gen_corpus"
mkdir -p "$WORK"

# The corpus of $1 units, generated once per (units, seed, violations).
corpus() {
    local dir="$WORK/units-$1-seed$SEED-v$VIOLATIONS"
    if [ ! -f "$dir.done" ]; then
        rm -rf "$dir"
        "$GEN" --units "$1" --seed "$SEED" --violations "$VIOLATIONS" --out "$dir" >&2
        touch "$dir.done"
    fi
    echo "$dir"
}

# Bytes of YAML in a corpus.
bytes_of() {
    find "$1" -name '*.yaml' -printf '%s\n' | awk '{s += $1} END {print s}'
}

# Run `jianfu check ARGS` RUNS times after a warm-up and print
# "<fastest wall s> <peak RSS KB> <CPU s>": wall time from bash's microsecond clock around the bare
# process; peak RSS and user+system CPU time from one more run under GNU time. CPU time barely
# moves when other processes share the cores; wall time does. Exit status 1 (findings) is the expected outcome on a corpus with violations.
measure() {
    local log best="" start end wall rss user sys
    "$BIN" check "$@" > /dev/null || [ $? -eq 1 ]
    for _ in $(seq "$RUNS"); do
        start="$EPOCHREALTIME"
        "$BIN" check "$@" > /dev/null || [ $? -eq 1 ]
        end="$EPOCHREALTIME"
        wall="$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}')"
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN {exit !(a < b)}'; then
            best="$wall"
        fi
    done
    log="$(mktemp)"
    /usr/bin/time -f '%M %U %S' -o "$log" "$BIN" check "$@" > /dev/null || [ $? -eq 1 ]
    # GNU time writes "Command exited with non-zero status 1" before its figures.
    read -r rss user sys <<< "$(tail -n 1 "$log")"
    rm -f "$log"
    echo "$best $rss $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }

echo "## Machine"
echo
echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores available"
echo "- Memory: $(free -g | awk '/^Mem:/ {print $2}') GiB; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(uname -sr); $(rustc --version)"
echo "- jianfu $(git rev-parse --short HEAD 2>/dev/null || echo '?'); corpus: gen_corpus --seed $SEED --violations $VIOLATIONS; fastest wall time of $RUNS runs after a warm-up; peak RSS of one more run"
echo
echo "## Whole process, \`jianfu check DIR --format json\` ($JOBS threads)"
echo
echo "| units | files | MB | wall s | units/s | MB/s | peak RSS MB | CPU s | parse-only wall s (CPU s) | check ÷ parse-only | 1 thread wall s (CPU s) | 1 thread ÷ $JOBS threads |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
    dir="$(corpus "$n")"
    bytes="$(bytes_of "$dir")"
    read -r wall rss cpu <<< "$(measure "$dir" --format json --jobs "$JOBS")"
    read -r parse _ parse_cpu <<< "$(measure "$dir" --format json --jobs "$JOBS" --parse-only)"
    read -r one _ one_cpu <<< "$(measure "$dir" --format json --jobs 1)"
    awk -v n="$n" -v bytes="$bytes" -v wall="$wall" -v rss="$rss" -v cpu="$cpu" \
        -v parse="$parse" -v parse_cpu="$parse_cpu" -v one="$one" -v one_cpu="$one_cpu" 'BEGIN {
        printf "| %d | %d | %.1f | %.3f | %.0f | %.1f | %.0f | %.2f | %.3f (%.2f) | %.2f | %.3f (%.2f) | %.2f |\n",
            n, n * 8, bytes / 1e6, wall, n / wall, bytes / 1e6 / wall, rss / 1024, cpu,
            parse, parse_cpu, wall / parse, one, one_cpu, one / wall
    }'
done
echo
echo "## Start-up: one unit"
echo
first="$(corpus "${SIZES%% *}")"
unit="$(find "$first" -name unit.yaml -print -quit | xargs dirname)"
RUNS=$((RUNS * 5))
read -r one_unit one_rss _ <<< "$(measure "$unit" --format json)"
read -r one_parse _ _ <<< "$(measure "$unit" --format json --parse-only)"
echo "| command | wall s | peak RSS MB |"
echo "|---|---:|---:|"
echo "| \`jianfu check UNIT --format json\` (default pack compiled) | $one_unit | $(ratio "$one_rss" 1024) |"
echo "| \`jianfu check UNIT --format json --parse-only\` (pack compiled, no rule run) | $one_parse | |"
