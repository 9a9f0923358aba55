#!/bin/bash
# Check a generated national tree province by province, each province twice, and time the
# second (warm) run: for a tree too large for the page cache in one run (BENCHMARKS.md,
# "Session 13"). Prints one line per province and the totals.
#
# Usage: scripts/national_by_province.sh JIANFU_BINARY TREE
set -euo pipefail
jianfu=$(realpath "$1")
cd "$2"
totals=""
for province in $(ls | cut -c1-2 | sort -u); do
    "$jianfu" check "$province"* --format json --fail-on never -q -o /dev/null
    read -r wall user sys kb < <(/usr/bin/time -f "%e %U %S %M" \
        "$jianfu" check "$province"* --format json --fail-on never -q -o /dev/null 2>&1 | tail -1)
    units=$(find . -mindepth 3 -maxdepth 3 -path "./$province*" | wc -l)
    echo "province $province: $units units, $wall s wall, $user s user, $sys s sys, $kb KB peak"
    totals+="$units $wall $user $sys $kb"$'\n'
done
printf '%s' "$totals" | awk '{n += $1; w += $2; u += $3; s += $4; if ($5 > m) m = $5}
    END {printf "total: %d units, %.2f s wall, %.2f s user, %.2f s sys (CPU / 2: %.2f s), %d KB peak\n",
         n, w, u, s, (u + s) / 2, m}'
