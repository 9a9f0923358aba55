#!/usr/bin/env python3
"""Time `jianfu check` of one unit, end to end, for one or more binaries taking turns.

Usage: scripts/one_unit_time.py [--runs N] [--unit DIR] BINARY [BINARY...]

Prints the fastest and the median wall time of each binary in milliseconds. Binaries take
turns run by run, so that a machine growing busier or quieter affects them alike; compare
binaries measured in the same call, not figures from different days (BENCHMARKS.md).
"""
import argparse
import statistics
import subprocess
import sys
import time

UNIT = "examples/xingan/2025-Q2/152201-乌兰浩特市/152201002-和平街道/152201002007-红胜家园社区"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--unit", default=UNIT)
    parser.add_argument("--out", default="/dev/null")
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()
    times = {binary: [] for binary in args.binaries}
    for _ in range(args.runs):
        for binary in args.binaries:
            command = [binary, "check", args.unit, "--format", "json", "--fail-on", "never",
                       "-o", args.out]
            start = time.perf_counter()
            done = subprocess.run(command)
            times[binary].append((time.perf_counter() - start) * 1000)
            if done.returncode != 0:
                print(f"{binary} exited {done.returncode}", file=sys.stderr)
                return 2
    for binary, runs in times.items():
        print(f"{binary}: fastest {min(runs):.1f} ms, median {statistics.median(runs):.1f} ms "
              f"({len(runs)} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
