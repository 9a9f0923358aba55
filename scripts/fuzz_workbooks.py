#!/usr/bin/env python3
"""Fuzz `jianfu check` with damaged workbooks: the example league's .xlsx with one of its XML
parts edited at random (characters changed or cut, cells at impossible addresses, a character
reference to NUL, numbers past f64, a shared-string type on a number, a DTD with an entity) and
the zip kept valid, or the file's bytes flipped. Each run must end with exit 0 or 1 (never 2,
never a panic) and a JSON report; a failing case is kept for a test.

    python3 scripts/fuzz_workbooks.py [--binary target/release/jianfu] [--runs 800] [--seed 1]
"""

import argparse
import glob
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PIECES = [b'<c r="ZZZ999999"><v>1</v></c>', b"&#0;", b'<row r="0">', b"</row>", b"<v>1e309</v>",
          b' t="s"', "<si><t>中</t></si>".encode(), b'r="A1048577"',
          b'<!DOCTYPE x [<!ENTITY a "aaaa">]>', b"&a;"]


def damage_part(workbook, dice):
    """The workbook with one XML part edited, the zip around it still valid."""
    inside = zipfile.ZipFile(io.BytesIO(workbook))
    names = inside.namelist()
    target = dice.choice([n for n in names if n.endswith(".xml")])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name in names:
            data = inside.read(name)
            if name == target:
                data = bytearray(data)
                for _ in range(dice.randint(1, 5)):
                    at = dice.randrange(len(data) + 1)
                    roll = dice.random()
                    if roll < 0.3 and at < len(data):
                        data[at] = dice.choice(b'<>"/=&;0123456789ABZ \n')
                    elif roll < 0.6:
                        del data[at:at + dice.randint(1, 30)]
                    else:
                        data[at:at] = dice.choice(PIECES)
                data = bytes(data)
            rebuilt.writestr(name, data)
    return out.getvalue()


def flip_bytes(workbook, dice):
    data = bytearray(workbook)
    for _ in range(dice.randint(1, 8)):
        data[dice.randrange(len(data))] = dice.randrange(256)
    return bytes(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/release/jianfu"))
    parser.add_argument("--runs", type=int, default=800)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    dice = random.Random(args.seed)
    workbooks = sorted(glob.glob(os.path.join(ROOT, "examples/**/*.xlsx"), recursive=True))
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.runs):
            source = dice.choice(workbooks)
            original = open(source, "rb").read()
            damaged = damage_part(original, dice) if dice.random() < 0.8 \
                else flip_bytes(original, dice)
            tree = os.path.join(scratch, "tree")
            shutil.rmtree(tree, ignore_errors=True)
            os.makedirs(tree)
            with open(os.path.join(tree, os.path.basename(source)), "wb") as f:
                f.write(damaged)
            done = subprocess.run([args.binary, "check", tree, "--format", "json",
                                   "--fail-on", "error", "-q"], capture_output=True, timeout=60)
            problem = None
            if done.returncode not in (0, 1) or b"panicked" in done.stderr:
                problem = f"exit {done.returncode}: {done.stderr[-400:]!r}"
            else:
                try:
                    json.loads(done.stdout)
                except ValueError as error:
                    problem = f"not JSON: {error}"
            if problem:
                failures += 1
                kept = os.path.join(tempfile.gettempdir(), f"jianfu-workbook-{args.seed}-{run}")
                shutil.copytree(tree, kept, dirs_exist_ok=True)
                print(f"run {run}: {problem}; kept in {kept}")
    print(f"{args.runs} damaged workbooks, {failures} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
