#!/usr/bin/env python3
"""Seed the fuzz corpora from the repository's own files (nothing generated is committed).

inventory: one input per example unit, its eight files joined by 0xFF in the order of
           Kind::ALL (unit.yaml, tasks, signage, certificates, groups, reports, meetings,
           inspections).
policy:    the default pack and the example league's policies.
config:    the example league's jianfu.yaml.
"""
import glob
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ORDER = ["unit.yaml", "tasks.yaml", "signage.yaml", "certificates.yaml", "groups.yaml",
         "reports.yaml", "meetings.yaml", "inspections.yaml"]


def write(target, name, data):
    directory = os.path.join(HERE, "corpus", target)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "seed-" + name), "wb") as out:
        out.write(data)


def main():
    units = sorted(os.path.dirname(p) for p in
                   glob.glob(os.path.join(ROOT, "examples/**/unit.yaml"), recursive=True))
    for i, unit in enumerate(units):
        parts = []
        for name in ORDER:
            path = os.path.join(unit, name)
            parts.append(open(path, "rb").read() if os.path.exists(path) else b"")
        write("inventory", f"unit{i:02d}", b"\xff".join(parts))
    policies = glob.glob(os.path.join(ROOT, "policies/*.yaml")) + \
        glob.glob(os.path.join(ROOT, "examples/*/league-policies/*.yaml"))
    for path in policies:
        write("policy", os.path.basename(path), open(path, "rb").read())
    for path in glob.glob(os.path.join(ROOT, "examples/*/jianfu.yaml")):
        write("config", os.path.basename(os.path.dirname(path)), open(path, "rb").read())


if __name__ == "__main__":
    main()
