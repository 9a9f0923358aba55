#!/usr/bin/env bash
# Whole-process benchmarks of `jianfu check` on generated corpora, printed as the Markdown tables
# of BENCHMARKS.md. Every figure and ratio comes from this one run.
#
#   scripts/bench.sh                      # 1,000, 10,000 and 100,000 units
#   SIZES="1000" RUNS=5 scripts/bench.sh  # a quick run
#
# Settings (environment): SIZES (unit counts), RUNS (timed runs per figure, after one warm-up run;
# the fastest wall time is kept; the three ways of checking a corpus take turns), WORK (where corpora are generated and
# kept between runs; 100,000 units take about 0.8 GB), SEED, VIOLATIONS (percent of units that
# break rules), JOBS (threads of the default run; default: one per core).
#
# Needs GNU time (/usr/bin/time, Debian package `time`) for wall time and peak RSS.
set -euo pipefail

SIZES="${SIZES:-1000 10000 100000}"
RUNS="${RUNS:-4}"
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

# The wall time of one `jianfu check ARGS`, in seconds, from bash's microsecond clock around the
# bare process. Exit status 1 (findings) is the expected outcome on a corpus with violations.
wall_of() {
    local start end
    start="$EPOCHREALTIME"
    "$BIN" check "$@" > /dev/null || [ $? -eq 1 ]
    end="$EPOCHREALTIME"
    awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}'
}

# "<peak RSS KB> <CPU s>" of one `jianfu check ARGS` under GNU time (user + system CPU time, which
# barely moves when other processes share the cores; wall time does).
usage_of() {
    local log rss user sys
    log="$(mktemp)"
    /usr/bin/time -f '%M %U %S' -o "$log" "$BIN" check "$@" > /dev/null || [ $? -eq 1 ]
    # GNU time writes "Command exited with non-zero status 1" before its figures.
    read -r rss user sys <<< "$(tail -n 1 "$log")"
    rm -f "$log"
    echo "$rss $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')"
}

min() { awk -v a="$1" -v b="$2" 'BEGIN {print (b == "" || a < b) ? a : b}'; }

# The three ways of checking $1 (2 threads, parse-only, 1 thread), each run once as a warm-up and
# then RUNS times in turn. The cores of this kind of machine are shared with its host, and their
# speed can change by half within minutes; runs taken in turn see the same machine, so each
# round gives its own ratios and the median round's ratio is kept. Prints
# "<check> <parse-only> <1 thread> <check ÷ parse-only> <1 thread ÷ check>": the fastest wall
# time of each, then the median ratios.
measure_three() {
    local dir="$1" check="" parse="" one="" c p o ratios_parse="" ratios_threads=""
    wall_of "$dir" --format json --jobs "$JOBS" > /dev/null
    wall_of "$dir" --format json --jobs "$JOBS" --parse-only > /dev/null
    wall_of "$dir" --format json --jobs 1 > /dev/null
    for _ in $(seq "$RUNS"); do
        c="$(wall_of "$dir" --format json --jobs "$JOBS")"
        p="$(wall_of "$dir" --format json --jobs "$JOBS" --parse-only)"
        o="$(wall_of "$dir" --format json --jobs 1)"
        check="$(min "$c" "$check")"
        parse="$(min "$p" "$parse")"
        one="$(min "$o" "$one")"
        ratios_parse="$ratios_parse $(ratio "$c" "$p")"
        ratios_threads="$ratios_threads $(ratio "$o" "$c")"
    done
    echo "$check $parse $one $(median $ratios_parse) $(median $ratios_threads)"
}

# The median of the numbers given as arguments (the lower middle one of an even count).
median() {
    printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

# "<fastest wall s> <peak RSS KB> <CPU s>" of `jianfu check ARGS`: RUNS runs after a warm-up.
measure() {
    local best=""
    wall_of "$@" > /dev/null
    for _ in $(seq "$RUNS"); do
        best="$(min "$(wall_of "$@")" "$best")"
    done
    echo "$best $(usage_of "$@")"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }

echo "## Machine"
echo
echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores available"
echo "- Memory: $(free -g | awk '/^Mem:/ {print $2}') GiB; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(uname -sr); $(rustc --version)"
echo "- jianfu $(git rev-parse --short HEAD 2>/dev/null || echo '?'); corpus: gen_corpus --seed $SEED --violations $VIOLATIONS; fastest wall time of $RUNS rounds (2 threads, parse-only, 1 thread in turn) after a warm-up; ratios: the median round's; peak RSS and CPU of one more run"
echo
echo "## Whole process, \`jianfu check DIR --format json\` ($JOBS threads)"
echo
echo "| units | files | MB | wall s | units/s | MB/s | peak RSS MB | CPU s | parse-only wall s (CPU s) | check ÷ parse-only | 1 thread wall s (CPU s) | 1 thread ÷ $JOBS threads |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
    dir="$(corpus "$n")"
    bytes="$(bytes_of "$dir")"
    read -r wall parse one by_parse by_threads <<< "$(measure_three "$dir")"
    read -r rss cpu <<< "$(usage_of "$dir" --format json --jobs "$JOBS")"
    read -r _ parse_cpu <<< "$(usage_of "$dir" --format json --jobs "$JOBS" --parse-only)"
    read -r _ one_cpu <<< "$(usage_of "$dir" --format json --jobs 1)"
    awk -v n="$n" -v bytes="$bytes" -v wall="$wall" -v rss="$rss" -v cpu="$cpu" \
        -v parse="$parse" -v parse_cpu="$parse_cpu" -v one="$one" -v one_cpu="$one_cpu" \
        -v by_parse="$by_parse" -v by_threads="$by_threads" 'BEGIN {
        printf "| %d | %d | %.1f | %.3f | %.0f | %.1f | %.0f | %.2f | %.3f (%.2f) | %.2f | %.3f (%.2f) | %.2f |\n",
            n, n * 8, bytes / 1e6, wall, n / wall, bytes / 1e6 / wall, rss / 1024, cpu,
            parse, parse_cpu, by_parse, one, one_cpu, by_threads
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
