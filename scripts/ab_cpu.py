#!/usr/bin/env python3
"""Compare jianfu binaries on one corpus, the binaries taking turns.

Usage: scripts/ab_cpu.py [--runs N] [--parse-only] [--jobs N[,N]] CORPUS BINARY [BINARY ...]

Each round runs `check CORPUS --format json --fail-on never -q --jobs N` (with `--parse-only`
if asked) once per binary and thread count, the order of the binaries reversed every other
round so that neither always follows the other. User and system time come from getrusage of the
children, wall time from the clock; their medians are printed for each binary and thread count,
with each total CPU against the first binary's, and, given `--jobs 1,2`, each binary's
1 -> 2 threads by the clock. On a machine whose speed moves within minutes, only ratios from
one call mean anything (BENCHMARKS.md).
"""
import argparse
import resource
import statistics
import subprocess
import time


def timed(command: list[str]) -> tuple[float, float, float]:
    """Wall, user and system seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--parse-only", action="store_true")
    parser.add_argument("--jobs", default="1", help="thread counts, comma-separated (1,2)")
    parser.add_argument("corpus")
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()
    args.jobs = args.jobs.split(",")
    check = ["check", args.corpus, "--format", "json", "--fail-on", "never", "-q"]
    if args.parse_only:
        check.append("--parse-only")
    runs: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    for round_ in range(args.runs):
        order = args.binaries if round_ % 2 == 0 else args.binaries[::-1]
        for binary in order:
            for jobs in args.jobs:
                runs.setdefault((binary, jobs), []).append(
                    timed([binary, *check, "--jobs", jobs])
                )
    median = statistics.median
    for jobs in args.jobs:
        first = median(u + s for _, u, s in runs[(args.binaries[0], jobs)])
        for binary in args.binaries:
            times = runs[(binary, jobs)]
            total = median(u + s for _, u, s in times)
            print(
                f"{binary}, {jobs} thread(s): wall {median(w for w, _, _ in times) * 1000:.1f} ms, "
                f"user {median(u for _, u, _ in times) * 1000:.1f} ms, system "
                f"{median(s for _, _, s in times) * 1000:.1f} ms, total {total * 1000:.1f} ms "
                f"({total / first:.3f} of the first; {args.runs} runs)"
            )
    if {"1", "2"} <= set(args.jobs):
        for binary in args.binaries:
            wall = {j: median(w for w, _, _ in runs[(binary, j)]) for j in ("1", "2")}
            print(f"{binary}: 1 -> 2 threads {wall['1'] / wall['2']:.3f}x by the clock")


if __name__ == "__main__":
    main()
