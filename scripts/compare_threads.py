#!/usr/bin/env python3
"""Time binaries by turns with one thread and with two, and print each one's 1 -> 2 threads.

Usage: scripts/compare_threads.py [--runs N] CORPUS BINARY...

Each round runs `BINARY check CORPUS --format json --fail-on never -q --jobs 1` and `--jobs 2`
for every binary in turn, so that a slow spell of the machine falls on all of them; the medians
of wall time and of CPU time (user + system of the children, from getrusage) are printed.
Compare binaries measured in one call, not figures from different days (BENCHMARKS.md).
"""
import argparse
import resource
import statistics
import subprocess
import time


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall * 1000, cpu * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("corpus")
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()
    check = ["check", args.corpus, "--format", "json", "--fail-on", "never", "-q", "--jobs"]
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for _ in range(args.runs):
        for binary in args.binaries:
            for jobs in ("1", "2"):
                times.setdefault((binary, jobs), []).append(timed([binary, *check, jobs]))
    for binary in args.binaries:
        wall = {j: statistics.median(w for w, _ in times[(binary, j)]) for j in ("1", "2")}
        cpu = {j: statistics.median(c for _, c in times[(binary, j)]) for j in ("1", "2")}
        print(
            f"{binary}: 1 thread wall {wall['1']:.1f} cpu {cpu['1']:.1f} ms | "
            f"2 threads wall {wall['2']:.1f} cpu {cpu['2']:.1f} ms | "
            f"1 -> 2 threads {wall['1'] / wall['2']:.3f}x"
        )


if __name__ == "__main__":
    main()
