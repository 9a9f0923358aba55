#!/usr/bin/env python3
"""Time jianfu beside regorus on the peers' corpus, binaries taking turns, and print the ratios.

Usage: scripts/pair_regorus.py --harness /tmp/peerscopy [--old OLD_BINARY] [--runs N] CORPUS

HARNESS is a copy of the peers' harness on which `bash setup.sh` has been run (it builds
`.deps/cargo-target/release/regorus-batch`); CORPUS is made by its `gen_corpus.py`. Each round
runs regorus, jianfu with two threads, one thread, one thread `--parse-only`, and OLD (if given)
with two and one threads; the medians of wall time and of CPU time (user + system, from
getrusage of the children) are printed, then the ratios issue 20 asks for. Compare ratios
measured in one call, not seconds from different days (BENCHMARKS.md).
"""
import argparse
import resource
import statistics
import subprocess
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--harness", required=True)
    parser.add_argument("--new", default="target/release/jianfu")
    parser.add_argument("--old")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("corpus")
    args = parser.parse_args()
    check = ["check", args.corpus, "--format", "json", "--fail-on", "never", "-q"]
    regorus = f"{args.harness}/.deps/cargo-target/release/regorus-batch"
    commands = {
        "regorus": [regorus, f"{args.harness}/rego/policy.rego", args.corpus],
        "jianfu2": [args.new, *check],
        "jianfu1": [args.new, *check, "--jobs", "1"],
        "parse1": [args.new, *check, "--jobs", "1", "--parse-only"],
    }
    if args.old:
        commands["old2"] = [args.old, *check]
        commands["old1"] = [args.old, *check, "--jobs", "1"]
    wall = {name: [] for name in commands}
    cpu = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    w = {name: statistics.median(times) for name, times in wall.items()}
    c = {name: statistics.median(times) for name, times in cpu.items()}
    for name in commands:
        print(f"{name:8} wall {w[name]:.3f} s (fastest {min(wall[name]):.3f})  cpu {c[name]:.3f} s")
    print(f"regorus ÷ jianfu, 2 threads, wall: {w['regorus'] / w['jianfu2']:.2f}×")
    print(f"jianfu 1 thread ÷ regorus, CPU: {c['jianfu1'] / c['regorus']:.2f}")
    print(f"check ÷ parse-only, 1 thread, CPU: {c['jianfu1'] / c['parse1']:.2f}")
    print(f"1 → 2 threads, wall: {w['jianfu1'] / w['jianfu2']:.2f}×")
    if args.old:
        print(f"old 1 → 2 threads, wall: {w['old1'] / w['old2']:.2f}×")


if __name__ == "__main__":
    main()
