"""Time jianfu lsp's re-check of one file: from didChange to publishDiagnostics, 50 times.

    python3 scripts/lsp_time.py target/release/jianfu examples/xingan/.../groups.yaml

Prints the first check (didOpen) and the median, 90th percentile and fastest re-check.
"""
import json, subprocess, sys, time, os
jianfu, path = sys.argv[1], os.path.abspath(sys.argv[2])
text = open(path, encoding="utf-8").read()
uri = "file://" + path
p = subprocess.Popen([jianfu, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
def send(msg):
    body = json.dumps(msg).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body); p.stdin.flush()
def read():
    headers = {}
    while True:
        line = p.stdout.readline().decode().strip()
        if not line: break
        k, v = line.split(":", 1); headers[k.lower()] = v.strip()
    return json.loads(p.stdout.read(int(headers["content-length"])))
def until_diagnostics():
    while True:
        m = read()
        if m.get("method") == "textDocument/publishDiagnostics": return m
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
read()
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
t0 = time.perf_counter()
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
until_diagnostics()
first = time.perf_counter() - t0
times = []
for v in range(2, 52):
    t = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": text + ("\n" if v % 2 else "")}]}})
    d = until_diagnostics()
    times.append(time.perf_counter() - t)
times.sort()
print(f"first check {first*1000:.1f} ms; re-check of {os.path.basename(path)} over 50 changes: median {times[25]*1000:.2f} ms, p90 {times[45]*1000:.2f} ms, min {times[0]*1000:.2f} ms; {len(d['params']['diagnostics'])} diagnostics")
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}); read()
send({"jsonrpc": "2.0", "method": "exit"}); p.wait()
