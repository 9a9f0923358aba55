#!/usr/bin/env python3
"""Seed the fuzz corpora from the repository's own files (nothing generated is committed).

inventory: one input per example unit, its eight files joined by 0xFF in the order of
           Kind::ALL (unit.yaml, tasks, signage, certificates, groups, reports, meetings,
           inspections).
policy:    the default pack and the example league's policies.
config:    the example league's jianfu.yaml.
writers:   the same inputs as inventory.
workbook:  the example league's workbooks, the .xls and .ods test workbooks, and each example
           unit converted to .xlsx by the
           release binary (built first: cargo build --release).
"""
import glob
import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ORDER = ["unit.yaml", "tasks.yaml", "signage.yaml", "certificates.yaml", "groups.yaml",
         "reports.yaml", "meetings.yaml", "inspections.yaml"]


def write(target, name, data):
    directory = os.path.join(HERE, "corpus", target)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "seed-" + name), "wb") as out:
        out.write(data)


def workbook(unit, i):
    """The unit as a workbook, through `jianfu convert` (skipped when the binary is missing)."""
    binary = os.path.join(ROOT, "target", "release", "jianfu")
    if not os.path.exists(binary):
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "unit.xlsx")
        subprocess.run([binary, "convert", unit, "--to", "xlsx", out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if os.path.exists(out):
            write("workbook", f"unit{i:02d}.xlsx", open(out, "rb").read())


def main():
    units = sorted(os.path.dirname(p) for p in
                   glob.glob(os.path.join(ROOT, "examples/**/unit.yaml"), recursive=True))
    for i, unit in enumerate(units):
        parts = []
        for name in ORDER:
            path = os.path.join(unit, name)
            parts.append(open(path, "rb").read() if os.path.exists(path) else b"")
        write("inventory", f"unit{i:02d}", b"\xff".join(parts))
        write("writers", f"unit{i:02d}", b"\xff".join(parts))
        workbook(unit, i)
    policies = glob.glob(os.path.join(ROOT, "policies/*.yaml")) + \
        glob.glob(os.path.join(ROOT, "examples/*/league-policies/*.yaml"))
    for path in policies:
        write("policy", os.path.basename(path), open(path, "rb").read())
    for path in glob.glob(os.path.join(ROOT, "examples/**/*.xlsx"), recursive=True) + \
            glob.glob(os.path.join(ROOT, "tests/data/workbooks/*.xls")) + \
            glob.glob(os.path.join(ROOT, "tests/data/workbooks/*.ods")):
        write("workbook", os.path.basename(path), open(path, "rb").read())
    for path in glob.glob(os.path.join(ROOT, "examples/*/jianfu.yaml")):
        write("config", os.path.basename(os.path.dirname(path)), open(path, "rb").read())


if __name__ == "__main__":
    main()
