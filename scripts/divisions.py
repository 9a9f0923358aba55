#!/usr/bin/env python3
"""Rebuild data/divisions.tsv from the National Bureau of Statistics' division codes.

Usage: scripts/divisions.py DIR > data/divisions.tsv

DIR holds provinces.csv, cities.csv, areas.csv and streets.csv (`code,name,...`), as published
by the public dataset modood/Administrative-divisions-of-China (dist/*.csv), which collects the
bureau's 统计用区划代码. Every code and name is copied as it is; lines are sorted by code.
"""
import csv
import sys

HEADER = """\
# 统计用区划代码 — China's statistical division codes, down to townships (苏木乡镇街道).
# Source: National Bureau of Statistics (国家统计局), 统计用区划代码, release with cut-off
# 2022-10-31, as collected by the public dataset modood/Administrative-divisions-of-China
# (dist/provinces.csv, cities.csv, areas.csv, streets.csv; WTFPL licence).
# Rebuilt by scripts/divisions.py; one `code<TAB>name` line a division, sorted by code:
# 2 digits a province, 4 a prefecture (盟/市), 6 a county (旗/县/市/区), 9 a township.
# Divisions that changed after the cut-off go in `divisions:` of jianfu.yaml, not here.
"""


def main(folder):
    rows = []
    for name in ("provinces", "cities", "areas", "streets"):
        with open(f"{folder}/{name}.csv", encoding="utf-8", newline="") as f:
            rows.extend((r["code"], r["name"]) for r in csv.DictReader(f))
    rows.sort()
    sys.stdout.write(HEADER)
    for code, name in rows:
        if "\t" in name or "\n" in name:
            raise SystemExit(f"unexpected blank in the name of {code}")
        sys.stdout.write(f"{code}\t{name}\n")


if __name__ == "__main__":
    main(sys.argv[1])
