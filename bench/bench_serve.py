"""Benchmark: `tracker serve` (waitress + page cache) against werkzeug's development server.

Run as ``.venv/bin/python bench/bench_serve.py [--bills 20000] [--clients 20]
[--requests 2000]``.

One SQLite database of ``--bills`` generated bills built from real texts (the
builder of ``bench_web.py``). Each server runs in its own process on a free
loopback port, one after the other, on the same database:

- ``dev``: werkzeug's threaded development server and no page cache, which is
  what ``tracker serve`` ran before;
- ``waitress-nocache``: waitress without the page cache (what the server alone buys);
- ``waitress``: what ``tracker serve`` runs now (``tracker.web.server``), with
  its settings' defaults.

A load process (its own interpreter, so the client's GIL is not the
server's) keeps ``--clients`` keep-alive connections busy until ``--requests``
answers came back for each target, after a warm-up of one request per URL.
Targets: the list ``/``, a bill page (cycling over 50 bills, so the first
visit of each is rendered), and ``/api/bills``. Printed per server and target:
requests per second, p50 and p99 latency in ms, and the ratio of waitress to
dev. Then idle clients: ``--idle`` connections that send nothing are opened
first, and the same list load runs beside them.

Goal (the operator issue): twice the throughput of the development server and
p99 under 250 ms at 20 clients on this 2-core machine; idle clients must not
starve the others. Nothing here asserts: it prints.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

SERVER = """
import sys
from dataclasses import replace
from tracker.core.app import App
from tracker.core.settings import Settings
from tracker.web import make_web_app
mode, url, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
settings = Settings(database_url=url, public_url=f"http://127.0.0.1:{port}")
app = App.from_settings(settings)
if mode == "dev":
    from werkzeug.serving import WSGIRequestHandler, make_server
    class Quiet(WSGIRequestHandler):
        def log_request(self, *a, **k):
            pass
    web = replace(make_web_app(app), page_cache=None)
    server = make_server("127.0.0.1", port, web, threaded=True, request_handler=Quiet)
    print("ready", flush=True)
    server.serve_forever()
else:
    import logging
    from waitress import serve
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # a load test queues on purpose
    from tracker.web.server import server_options
    web = make_web_app(app)
    if mode == "waitress-nocache":
        web = replace(web, page_cache=None)
    print("ready", flush=True)
    serve(web, **server_options(app, host="127.0.0.1", port=port))
"""

LOAD = """
import http.client, json, sys, threading, time
port, clients, total = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
paths = json.loads(sys.argv[4])
lock = threading.Lock()
latencies, done = [], [0]
def worker(n):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = n
    while True:
        with lock:
            if done[0] >= total:
                break
            done[0] += 1
        path = paths[i % len(paths)]
        i += clients
        started = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        assert response.status == 200, (path, response.status)
        with lock:
            latencies.append(time.perf_counter() - started)
    conn.close()
started = time.perf_counter()
threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"wall": time.perf_counter() - started, "latencies": latencies}))
"""


def main() -> int:
    args = _arguments()
    from bench_web import _build, _corpus  # the same generated bills as the web benchmark

    from db import migrate
    from db.engine import make_engine

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/serve.db"
        engine = make_engine(url)
        migrate.upgrade(engine)
        started = time.perf_counter()
        keys = _build(engine, args.bills, _corpus(), seed=4030)
        engine.dispose()
        print(f"{args.bills:,} bills built in {time.perf_counter() - started:.0f} s")
        targets = {
            "/": ["/"],
            "bill page": [f"/bills/{k}" for k in keys[1000:1050]],
            "/api/bills": ["/api/bills"],
        }
        results: dict[str, dict[str, tuple[float, float, float]]] = {}
        for mode in ("dev", "waitress-nocache", "waitress"):
            results[mode] = _run_server(mode, url, targets, args)
        _compare(results)
    return 0


def _run_server(
    mode: str, url: str, targets: dict[str, list[str]], args: argparse.Namespace
) -> dict[str, tuple[float, float, float]]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, mode, url, str(port)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")},
    )
    figures = {}
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        _wait_listening(port)
        for name, paths in targets.items():
            for path in paths:  # warm-up: one visit each
                _get(port, path)
            figures[name] = _load(port, paths, args.clients, args.requests)
            _print(mode, name, figures[name])
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(args.idle)]
        try:
            figures["/ with idle"] = _load(port, ["/"], args.clients, args.requests // 2)
            _print(mode, f"/ beside {args.idle} idle clients", figures["/ with idle"])
        finally:
            for s in idle:
                s.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return figures


def _load(port: int, paths: list[str], clients: int, total: int) -> tuple[float, float, float]:
    out = subprocess.run(
        [sys.executable, "-c", LOAD, str(port), str(clients), str(total), json.dumps(paths)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    data = json.loads(out)
    latencies = sorted(data["latencies"])
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / data["wall"], statistics.median(latencies) * 1000, p99 * 1000


def _print(mode: str, name: str, figure: tuple[float, float, float]) -> None:
    rps, p50, p99 = figure
    print(f"  {mode:16} {name:32} {rps:8.0f} req/s   p50 {p50:7.1f} ms   p99 {p99:7.1f} ms")


def _compare(results: dict[str, dict[str, tuple[float, float, float]]]) -> None:
    for mode in ("waitress-nocache", "waitress"):
        print(f"{mode} / dev (throughput ratio; p99 dev -> {mode}):")
        for name, dev in results["dev"].items():
            new = results[mode][name]
            print(f"  {name:32} {new[0] / dev[0]:5.2f}x   p99 {dev[2]:7.1f} -> {new[2]:7.1f} ms")


def _get(port: int, path: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", path)
    conn.getresponse().read()
    conn.close()


def _wait_listening(port: int) -> None:
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on port {port} never listened")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bills", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--idle", type=int, default=100)
    return parser.parse_args()


if __name__ == "__main__":
    raise SystemExit(main())
