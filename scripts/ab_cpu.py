#!/usr/bin/env python3
"""Compare the CPU time of jianfu binaries on one corpus, the binaries taking turns.

Usage: scripts/ab_cpu.py [--runs N] [--parse-only] CORPUS BINARY [BINARY ...]

Each round runs `check CORPUS --format json --fail-on never -q --jobs 1` (with `--parse-only`
if asked) once per binary, the order reversed every other round so that neither binary always
follows the other. User and system time come from getrusage of the children; their medians are
printed for each binary, then each binary's median total against the first's. On a machine
whose speed moves within minutes, only ratios from one call mean anything (BENCHMARKS.md).
"""
import argparse
import resource
import statistics
import subprocess


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--parse-only", action="store_true")
    parser.add_argument("corpus")
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()
    check = ["check", args.corpus, "--format", "json", "--fail-on", "never", "-q", "--jobs", "1"]
    if args.parse_only:
        check.append("--parse-only")
    user = {b: [] for b in args.binaries}
    system = {b: [] for b in args.binaries}
    for round_ in range(args.runs):
        order = args.binaries if round_ % 2 == 0 else args.binaries[::-1]
        for binary in order:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([binary, *check], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            user[binary].append(after.ru_utime - before.ru_utime)
            system[binary].append(after.ru_stime - before.ru_stime)
    median = statistics.median
    first = median(u + s for u, s in zip(user[args.binaries[0]], system[args.binaries[0]]))
    for binary in args.binaries:
        total = median(u + s for u, s in zip(user[binary], system[binary]))
        print(
            f"{binary}: user {median(user[binary]) * 1000:.1f} ms, system "
            f"{median(system[binary]) * 1000:.1f} ms, total {total * 1000:.1f} ms "
            f"({total / first:.3f} of the first; {args.runs} runs)"
        )


if __name__ == "__main__":
    main()
