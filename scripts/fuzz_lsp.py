#!/usr/bin/env python3
"""Fuzz `jianfu lsp` with ranged edits: open the example league's YAML files (some with CRLF
line endings), send random edits by range in UTF-16 positions (inside lines, past their ends,
past the document's end, inside a character outside the BMP), apply each edit here as the
protocol says, and check that every diagnostic the server publishes for that version lies
inside the text as edited. The server must never exit.

    python3 scripts/fuzz_lsp.py [--binary target/release/jianfu] [--edits 1500] [--seed 1]

Exits 1 on the first server death, or after the run when a diagnostic fell outside the text
or an edit got no diagnostics at all (a server that stops answering checks nothing).
"""

import argparse
import glob
import json
import os
import queue
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INSERTS = ["中", "𠀀", "\r\n", "\r", "\n", "\t", " ", "- ", ": ", "é", "e\u0301", "：", "{",
           "}", "'"]
BREAK = re.compile(r"\r\n|\r|\n")


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def lines_of(text):
    """The lines of `text` without their breaks (LF, CRLF, a CR alone)."""
    return BREAK.split(text)


def offset_of(text, line, character):
    """The protocol's position → an index into `text`: a column past a line's end is its end
    (before its break), a line past the last is the text's end, and a column inside a
    character outside the BMP is that character's start."""
    starts = [0] + [m.end() for m in BREAK.finditer(text)]
    if line >= len(starts):
        return len(text)
    start = starts[line]
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    body = BREAK.sub("", text[start:end])
    units = 0
    for i, char in enumerate(body):
        units += utf16_len(char)
        if units > character:
            return start + i
    return start + len(body)


def apply_edit(text, start, end, new):
    a = offset_of(text, *start)
    b = max(a, offset_of(text, *end))
    return text[:a] + new + text[b:]


class Server:
    def __init__(self, binary):
        self.process = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = out.read(1)
                if not byte:
                    self.messages.put(None)
                    return
                header += byte
            length = next(int(line.split(b":")[1]) for line in header.split(b"\r\n")
                          if line.lower().startswith(b"content-length"))
            self.messages.put(json.loads(out.read(length)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics_for(self, uri, version, wait=10.0):
        deadline = time.time() + wait
        while time.time() < deadline:
            try:
                message = self.messages.get(timeout=wait)
            except queue.Empty:
                return None
            if message is None:
                sys.exit(f"the server exited: {self.process.stderr.read()[-800:]!r}")
            params = message.get("params") or {}
            if (message.get("method") == "textDocument/publishDiagnostics"
                    and params.get("uri") == uri and params.get("version") == version):
                return params["diagnostics"]
        return None


def outside(diagnostic, lines):
    for end in ("start", "end"):
        position = diagnostic["range"][end]
        line = position["line"]
        if line >= len(lines) or position["character"] > utf16_len(lines[line]):
            return position
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/release/jianfu"))
    parser.add_argument("--edits", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    dice = random.Random(args.seed)
    files = sorted(glob.glob(os.path.join(ROOT, "examples/xingan/2025-Q2/*/*/*/*.yaml")))
    server = Server(args.binary)
    server.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": {"capabilities": {}, "rootUri": None}})
    server.notify("initialized", {})
    documents, bad, unanswered = {}, 0, 0
    for _ in range(args.edits):
        path = dice.choice(files)
        uri = "file://" + urllib.parse.quote(path)
        if uri not in documents:
            text = open(path, encoding="utf-8").read()
            if dice.random() < 0.3:
                text = text.replace("\n", "\r\n")
            documents[uri] = (text, 1)
            server.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        text, version = documents[uri]
        lines = lines_of(text)
        line = dice.randrange(len(lines) + 2)
        width = utf16_len(lines[line]) if line < len(lines) else 3
        start = (line, dice.randrange(width + 4))
        end_line = line + dice.choice([0, 0, 0, 1])
        width = utf16_len(lines[end_line]) if end_line < len(lines) else 3
        end = (end_line, dice.randrange(width + 4))
        new = dice.choice(INSERTS) * dice.randint(0, 2)
        version += 1
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {
                "start": {"line": start[0], "character": start[1]},
                "end": {"line": end[0], "character": end[1]}}, "text": new}]})
        text = apply_edit(text, start, end, new)
        documents[uri] = (text, version)
        diagnostics = server.diagnostics_for(uri, version)
        if diagnostics is None:
            unanswered += 1
            continue
        for diagnostic in diagnostics:
            position = outside(diagnostic, lines_of(text))
            if position:
                bad += 1
                print(f"outside the text: {position} in {path}: {diagnostic['message'][:80]}")
    server.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    server.notify("exit", None)
    server.process.wait(timeout=10)
    print(f"{args.edits} edits, {unanswered} without diagnostics, {bad} diagnostics outside "
          f"the text, server exit {server.process.returncode}")
    sys.exit(1 if bad or unanswered or server.process.returncode != 0 else 0)


if __name__ == "__main__":
    main()
