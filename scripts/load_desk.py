#!/usr/bin/env python3
"""Load the check desk: many concurrent uploads of the example workbook, while slow clients
dawdle over their headers and oversized uploads are refused, and report throughput, latency,
errors and the desk's peak memory.

    python3 scripts/load_desk.py [--binary target/release/jianfu] [--clients 200] [--each 5]

The desk runs with --max-queue equal to the clients, so that every upload waits its turn
rather than being turned away (the default queue of 32 would answer the rest 503)."""

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import threading
import time

WORKBOOK = ("examples/xingan/2025-Q2/152223-扎赉特旗/152223103-胡尔勒镇/"
            "152223103205-巴彦高勒嘎查.xlsx")
BOUNDARY = "jianfu-load-boundary"


def form(name, content):
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
    return head.encode() + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def upload(port, body):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    started = time.perf_counter()
    connection.request("POST", "/api/check", body,
                       {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, time.perf_counter() - started, data


def peak_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="target/release/jianfu")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--each", type=int, default=5)
    parser.add_argument("--slow", type=int, default=50)
    args = parser.parse_args()
    desk = subprocess.Popen(
        [args.binary, "serve", "--addr", "127.0.0.1:0", "--max-queue", str(args.clients),
         "--header-timeout", "5"],
        stderr=subprocess.PIPE, text=True)
    port = None
    for line in desk.stderr:
        found = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if found:
            port = int(found.group(1))
            break
    threading.Thread(target=lambda: [None for _ in desk.stderr], daemon=True).start()
    body = form("巴彦高勒嘎查.xlsx", open(WORKBOOK, "rb").read())
    status, _, first = upload(port, body)
    assert status == 200, first
    expected = first.count(b'"rule"')

    # Slow clients: connections that send half a request line and wait.
    slow = []
    for _ in range(args.slow):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: x\r\n")
        slow.append(sock)

    latencies, errors, lock = [], [], threading.Lock()

    def client():
        for _ in range(args.each):
            try:
                status, seconds, data = upload(port, body)
                ok = status == 200 and data.count(b'"rule"') == expected
            except Exception as error:  # a refused or reset connection is an error too
                ok, seconds, status = False, 0.0, repr(error)
            with lock:
                latencies.append(seconds)
                if not ok:
                    errors.append(status)

    oversized = []

    def too_large():
        # Declared larger than the limit: refused at once, the desk stays up for the others.
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data;"
                     b" boundary=x\r\nContent-Length: 999999999\r\n\r\n")
        oversized.append(sock.recv(200).split(b"\r\n")[0])
        sock.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    threads += [threading.Thread(target=too_large) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    total = len(latencies)
    p = lambda q: latencies[min(total - 1, int(q * total))] * 1000
    print(f"uploads: {total} from {args.clients} concurrent clients, "
          f"{args.slow} slow clients holding half a request")
    print(f"throughput: {total / elapsed:.1f} uploads/s over {elapsed:.2f} s")
    print(f"latency: p50 {p(0.50):.0f} ms, p99 {p(0.99):.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    print(f"errors: {len(errors)} {errors[:5]}")
    print(f"oversized uploads: {len(oversized)}, answered {sorted(set(oversized))}")
    print(f"desk peak memory: {peak_kb(desk.pid) / 1024:.0f} MB")
    for sock in slow:
        sock.close()
    desk.terminate()
    desk.wait()
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
